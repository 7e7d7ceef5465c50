"""The closed vocabularies of the model.

Values are lower-case English words; they are what documents contain. Dutch and
English labels for display live in :mod:`resultframe.report.labels`. Two enums are
ordered: :class:`Level` by scope (micro < meso < macro) and :class:`Recognition` by
strength of evidence.
"""

from __future__ import annotations

import enum

__all__ = [
    "Accumulation",
    "Aggregation",
    "ConditionKind",
    "ConditionStatus",
    "DecisionKind",
    "Direction",
    "FundingVariant",
    "Level",
    "Measure",
    "Question",
    "Recognition",
    "ResultKind",
    "Role",
    "Stakeholder",
]


class _OrderedEnum(str, enum.Enum):
    """A string enum whose members compare by their position in the definition."""

    @property
    def rank(self) -> int:
        """The position of the member in its enum, counting from 0."""
        # Stored on each member once, below the classes: levels are compared for
        # every result and indicator of every framework built or loaded.
        rank: int = self.__dict__["_position"]
        return rank

    def _same_enum(self, other: object) -> None:
        # Raise rather than return NotImplemented: the str fallback would compare
        # the values alphabetically, which means nothing here.
        if type(other) is not type(self):
            msg = f"cannot order {type(self).__name__} against {type(other).__name__}"
            raise TypeError(msg)

    def __lt__(self, other: object) -> bool:
        self._same_enum(other)
        return self.rank < other.rank  # type: ignore[attr-defined,no-any-return]

    def __le__(self, other: object) -> bool:
        self._same_enum(other)
        return self.rank <= other.rank  # type: ignore[attr-defined,no-any-return]

    def __gt__(self, other: object) -> bool:
        self._same_enum(other)
        return self.rank > other.rank  # type: ignore[attr-defined,no-any-return]

    def __ge__(self, other: object) -> bool:
        self._same_enum(other)
        return self.rank >= other.rank  # type: ignore[attr-defined,no-any-return]

    def __hash__(self) -> int:
        return str.__hash__(self)


class Level(_OrderedEnum):
    """Level (niveau) of a result, ordered by scope: micro < meso < macro.

    Micro is the resident and direct relations, meso the direct surroundings
    (neighbourhood, institution), macro society as a whole (the municipality).
    """

    MICRO = "micro"
    MESO = "meso"
    MACRO = "macro"


class Stakeholder(str, enum.Enum):
    """For whom a result is (voor wie)."""

    RESIDENT = "resident"
    CAREGIVER = "caregiver"
    HOUSEHOLD = "household"
    NETWORK = "network"
    PROFESSIONAL = "professional"
    NEIGHBOURHOOD = "neighbourhood"
    INSTITUTION = "institution"
    SOCIETY = "society"


class ResultKind(str, enum.Enum):
    """Kind of result: output, outcome or impact (as IATI result types 1-3)."""

    OUTPUT = "output"
    OUTCOME = "outcome"
    IMPACT = "impact"


class Measure(str, enum.Enum):
    """What kind of value an indicator's observations hold.

    ``quantity``: a number; ``percentage``: a number from 0 to 100; ``binary``: a
    bool; ``ordinal``: an integer point on the indicator's scale; ``qualitative``:
    a text (narrative).
    """

    QUANTITY = "quantity"
    PERCENTAGE = "percentage"
    BINARY = "binary"
    ORDINAL = "ordinal"
    QUALITATIVE = "qualitative"


class Direction(str, enum.Enum):
    """Which way is better for an indicator (gewenste richting)."""

    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"


class Question(str, enum.Enum):
    """The performance question an indicator answers (Results-Based Accountability).

    ``how_much`` (effort), ``how_well`` (quality) or ``better_off`` (is anyone better
    off? - the only one about results).
    """

    HOW_MUCH = "how_much"
    HOW_WELL = "how_well"
    BETTER_OFF = "better_off"


class Accumulation(str, enum.Enum):
    """How observations of an indicator combine over time.

    ``latest``: the latest observation is the value; ``sum``: the value is the sum of
    the observations since the baseline (counts of events, hours delivered).
    """

    LATEST = "latest"
    SUM = "sum"


class Aggregation(str, enum.Enum):
    """How a meso or macro indicator is computed from lower-level observations."""

    COUNT = "count"
    SUM = "sum"
    MEAN = "mean"
    MEDIAN = "median"
    SHARE_IMPROVED = "share_improved"
    SHARE_REACHING = "share_reaching"
    SHARE_TRUE = "share_true"


class ConditionKind(str, enum.Enum):
    """Kind of process condition (procesconditie) that makes a result reachable."""

    PROVEN_METHOD = "proven_method"
    QUALITY_ASSURANCE = "quality_assurance"
    EFFECT_MONITORING = "effect_monitoring"
    COMPETENCE = "competence"
    MANDATE = "mandate"
    SELF_STEERING = "self_steering"
    RESOURCES = "resources"
    OTHER = "other"


class ConditionStatus(str, enum.Enum):
    """Outcome of assessing a process condition."""

    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"


class Recognition(_OrderedEnum):
    """Recognition level of an intervention (erkenningsniveau), weakest first."""

    WELL_DESCRIBED = "well_described"
    WELL_FOUNDED = "well_founded"
    FIRST_INDICATIONS = "first_indications"
    GOOD_INDICATIONS = "good_indications"
    STRONG_INDICATIONS = "strong_indications"


class FundingVariant(str, enum.Enum):
    """How support is bought and paid (uitvoeringsvariant of the iStandaarden)."""

    EFFORT_BASED = "effort_based"
    OUTPUT_BASED = "output_based"
    TASK_BASED = "task_based"


class Role(str, enum.Enum):
    """Role of a party in an agreement."""

    COMMISSIONER = "commissioner"
    PROVIDER = "provider"
    PROFESSIONAL = "professional"
    RESIDENT = "resident"
    PARTNER = "partner"


class DecisionKind(str, enum.Enum):
    """Kind of decision taken in a review (bijsturing)."""

    CONTINUE = "continue"
    ADJUST_APPROACH = "adjust_approach"
    ADJUST_CONDITIONS = "adjust_conditions"
    ADJUST_TARGET = "adjust_target"
    SPREAD_SUCCESS = "spread_success"
    ESCALATE = "escalate"
    STOP = "stop"


def _store_positions() -> None:
    for cls in _OrderedEnum.__subclasses__():
        for position, member in enumerate(cls):
            member.__dict__["_position"] = position


_store_positions()
