"""The rules of evaluation on whole columns give what they give one subject at a time.

Each rule of :mod:`resultframe.evaluation._kernels` is written once and runs on
plain numbers (``SCALAR``) or on numpy columns (``column_ops()``). These tests
hold the columns to the numbers, exactly: same status codes, same floats.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import example
from resultframe.evaluation import _kernels, evaluate
from resultframe.evaluation import indicators as indicators_module
from resultframe.evaluation._forms import plain_forms


def _differential() -> Any:
    # The generator of evaluation scenarios of the differential test, shared.
    path = Path(__file__).with_name("test_evaluation_differential.py")
    spec = importlib.util.spec_from_file_location("_differential_cases", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cases = _differential().cases

if TYPE_CHECKING:
    import datetime as dt

    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

_COLUMNS = _kernels.column_ops()
assert _COLUMNS is not None
_OPS: _kernels.ColumnOps = _COLUMNS

_VALUES = st.one_of(
    st.integers(-6, 6).map(float),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)


@st.composite
def _subjects(draw: st.DrawFn) -> dict[str, Any]:
    """Targets, a day and a column of subjects judged against them."""
    sign = draw(st.sampled_from([-1, 0, 1]))
    tdays = sorted(draw(st.sets(st.integers(0, 400), min_size=1, max_size=4)))
    tvals = [draw(_VALUES) for _ in tdays]
    n = draw(st.integers(1, 12))
    return {
        "sign": sign,
        "band": draw(st.sampled_from([0.0, 0.5, 2.0])),
        "tol": draw(st.sampled_from([0.0, 0.1, 0.5])),
        "tdays": tdays,
        "tvals": tvals,
        "day": draw(st.integers(-10, 450)),
        # Baselines on, near and between the targets' values and days.
        "b": [draw(st.sampled_from(tvals) | _VALUES) for _ in range(n)],
        "bday": [
            draw(st.sampled_from(tdays) | st.integers(-10, 450)) for _ in range(n)
        ],
        "v": [draw(st.sampled_from(tvals) | _VALUES) for _ in range(n)],
    }


@given(case=_subjects())
def test_judging_a_column_is_judging_each_subject(case: dict[str, Any]) -> None:
    rule = {k: case[k] for k in ("sign", "band", "tol", "tdays", "tvals", "day")}
    code, p, e = _kernels.judged(
        np.array(case["b"]),
        np.array(case["bday"], dtype=np.int64),
        np.array(case["v"]),
        ops=_OPS,
        **rule,
    )
    one = [
        _kernels.judged(b, bday, v, **rule)
        for b, bday, v in zip(case["b"], case["bday"], case["v"], strict=True)
    ]
    assert code.tolist() == [c for c, _, _ in one]
    assert p.tolist() == [x for _, x, _ in one]  # exactly: the same arithmetic
    assert e.tolist() == [x for _, _, x in one]
    worse = _kernels.worse_on(case["sign"], case["band"], _OPS)
    each = _kernels.worse_on(case["sign"], case["band"])
    assert worse(np.array(case["b"]), np.array(case["v"])).tolist() == [
        each(b, v) for b, v in zip(case["b"], case["v"], strict=True)
    ]


@given(case=_subjects())
def test_a_path_on_a_column_is_the_path_of_each_subject(case: dict[str, Any]) -> None:
    path = {k: case[k] for k in ("sign", "tdays", "tvals", "day")}
    column = _kernels.expected_value(
        np.array(case["b"]), np.array(case["bday"], dtype=np.int64), ops=_OPS, **path
    )
    assert column.tolist() == [
        _kernels.expected_value(b, bday, **path)
        for b, bday in zip(case["b"], case["bday"], strict=True)
    ]


@given(case=cases())
def test_an_evaluation_by_columns_is_the_evaluation_subject_by_subject(
    case: tuple[ResultsFramework, Records, dt.date, float | None, int],
) -> None:
    # The whole evaluation, with and without numpy's columns: equal, every
    # float included (the sums of progress are exact, so the order in which
    # subjects were judged does not show).
    fw, recs, day, _tolerance, min_group = case
    by_columns = evaluate(fw, recs, day, min_group=min_group, confidence=0.95)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(indicators_module, "column_ops", lambda: None)
        one_by_one = evaluate(fw, recs, day, min_group=min_group, confidence=0.95)
    assert by_columns == one_by_one


def test_the_columns_are_used_where_they_can_be() -> None:
    # A micro indicator without goals is judged by columns (a test that the
    # comparison above compares two paths, not one path with itself).
    calls: list[int] = []
    real = indicators_module._judge_columns

    def spy(*args: Any, **kwargs: Any) -> int:
        calls.append(1)
        return real(*args, **kwargs)

    fw, recs = example.framework(), example.records()
    day = example.period().end
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(indicators_module, "_judge_columns", spy)
        by_columns = evaluate(fw, recs, day)
    assert calls
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(indicators_module, "column_ops", lambda: None)
        assert evaluate(fw, recs, day) == by_columns


@given(case=_subjects())
def test_the_plain_forms_are_the_rules_with_scalar_choices(
    case: dict[str, Any],
) -> None:
    # The forms generated for plain numbers (every ops choice a conditional
    # expression) against the rules as written, run with ScalarOps.
    rule = {k: case[k] for k in ("sign", "band", "tol", "tdays", "tvals", "day")}
    path = {k: case[k] for k in ("sign", "tdays", "tvals", "day")}
    plain, written = _kernels.PLAIN, _kernels
    for b, bday, v in zip(case["b"], case["bday"], case["v"], strict=True):
        assert plain.judged(b, bday, v, **rule) == written.judged(
            b, bday, v, ops=_kernels.SCALAR, **rule
        )
        assert plain.expected_value(b, bday, **path) == written.expected_value(
            b, bday, ops=_kernels.SCALAR, **path
        )
        assert plain.worse_on(case["sign"], case["band"])(b, v) == written.worse_on(
            case["sign"], case["band"], _kernels.SCALAR
        )(b, v)
        assert plain.target_status(v, b, case["tol"]) == written.target_status(
            v, b, case["tol"], _kernels.SCALAR
        )


def test_the_plain_forms_are_compiled_and_keep_their_lines() -> None:
    # Not the rules themselves: recompiled, at the rules' own file and lines.
    assert _kernels.PLAIN.judged is not _kernels.judged
    code, source = _kernels.PLAIN.judged.__code__, _kernels.judged.__code__
    assert code.co_filename == source.co_filename
    assert code.co_firstlineno == source.co_firstlineno


def test_a_choice_without_a_plain_form_is_refused() -> None:
    with pytest.raises(TypeError, match=r"ops\.np has no form for plain numbers"):
        plain_forms(_uses_numpy)


def _uses_numpy(x: Any, ops: Any) -> Any:
    return ops.np.sqrt(x)
