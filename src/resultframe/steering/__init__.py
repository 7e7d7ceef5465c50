"""Steering (sturen): the feedback loop at work.

Results and progress are fed back regularly to those who steer, and they adjust
("bijsturen") when results differ from what was expected - for better or worse.

- :mod:`~resultframe.steering.agenda`: :func:`agenda`, what a review must decide on;
- :mod:`~resultframe.steering.reviews`: :func:`record_review`, reviews appended to
  the records, one per cycle per period;
- :mod:`~resultframe.steering.health`: :func:`cycle_health`, is the loop running?
- :mod:`~resultframe.steering.lint`: :func:`lint`, advice on a framework's design.

The schedule itself - a cycle's periods and when a review falls due - lives on
:class:`~resultframe.FeedbackCycle` (``period``, ``periods``, ``period_on``,
``next_due``, ``has_period``, ``covers``).
"""

from resultframe.steering.agenda import (
    AHEAD_SUGGESTS,
    BEHIND_SUGGESTS,
    AgendaAsk,
    AgendaItem,
    AgendaReason,
    agenda,
)
from resultframe.steering.health import CycleHealth, cycle_health
from resultframe.steering.lint import CODES, Advice, Severity, lint
from resultframe.steering.reviews import record_review

__all__ = [
    "AHEAD_SUGGESTS",
    "BEHIND_SUGGESTS",
    "CODES",
    "Advice",
    "AgendaAsk",
    "AgendaItem",
    "AgendaReason",
    "CycleHealth",
    "Severity",
    "agenda",
    "cycle_health",
    "lint",
    "record_review",
]
