"""Charts (grafieken) as Vega-Lite v5 specs: plain dicts with their data inline.

Each function returns a spec a web application can hand to Vega-Embed as it is:
a ``dict`` of plain data (strings, numbers, lists, dicts), the data in
``"data": {"values": [...]}``, nothing fetched. :func:`to_svg` renders a spec to
SVG with `vl-convert-python <https://github.com/vega/vl-convert>`_ (the
``report`` extra, imported only when called).

- :func:`indicator_over_time`: an indicator's values over time, with its
  trajectory from the baseline through the targets, for the groups of a meso or
  macro indicator or for one subject;
- :func:`status_distribution`: the distribution of residents over statuses, one
  stacked bar per indicator of a result;
- :func:`neighbourhood_comparison`: a meso (or macro) indicator per group, with
  suppressed groups shown as suppressed, never as zero;
- :func:`zrm_profile`: one resident's ZRM profile on two days (a score per life domain).

Only :func:`indicator_over_time` for one subject and :func:`zrm_profile` show one
resident's values, and only for the subject the caller names. ``docs/report.md``
shows each chart with an example.
"""

from resultframe.report._chart_common import SCHEMA, STATUS_COLOURS, SUPPRESSED
from resultframe.report._chart_groups import (
    neighbourhood_comparison,
    status_distribution,
)
from resultframe.report._chart_time import indicator_over_time, timeline
from resultframe.report._chart_zrm import zrm_profile
from resultframe.report._svg import MissingExtra, available, to_svg

__all__ = [
    "SCHEMA",
    "STATUS_COLOURS",
    "SUPPRESSED",
    "MissingExtra",
    "available",
    "indicator_over_time",
    "neighbourhood_comparison",
    "status_distribution",
    "timeline",
    "to_svg",
    "zrm_profile",
]
