"""Reports (rapportages) people read: text, Markdown, HTML and JSON, in English or Dutch.

Those who steer - aldermen, contract managers, wijkteam leads - read reports, not
objects. A report shows the agreement; every result with its verdict, its
indicators (baseline, expected, observed, target, status) and its process
conditions; the deviations ahead and behind; the agenda of a review; and the
stories behind the numbers.

- :func:`build_report` gathers it on a day (a :class:`Report`);
- :func:`render` writes it as ``text``, ``markdown``, ``html`` (one
  self-contained file, charts inline as SVG) or ``json``, in ``en`` or ``nl``;
- :func:`render_agenda` and :func:`render_lint` write an agenda or lint advice
  on their own;
- :mod:`~resultframe.report.charts` makes Vega-Lite specs (plain dicts) and, with
  the ``report`` extra, SVG.

A report shows aggregates only: groups smaller than ``min_group`` (default 10)
are withheld, residents are never shown one by one, and notes on observations -
which may be about residents - are left out unless asked for.
"""

from resultframe.report import charts
from resultframe.report._args import FORMATS
from resultframe.report._model import Note, NoteKind, Report, build_report
from resultframe.report._phrases import PHRASES
from resultframe.report._render import render, render_agenda, render_lint
from resultframe.report._svg import MissingExtra

__all__ = [
    "FORMATS",
    "PHRASES",
    "MissingExtra",
    "Note",
    "NoteKind",
    "Report",
    "build_report",
    "charts",
    "render",
    "render_agenda",
    "render_lint",
]
