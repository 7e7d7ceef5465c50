"""``resultframe evaluate`` audits what its report publishes, on the cycle's days.

The report's roll-ups are one publication (:func:`publication`); its audit must
pass or no report is written. ``--round-counts`` rounds published counts, and
with ``--cycle`` the report is of the last day of the last ended period unless
``--as-of`` says otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from tests.test_cli import files, run

from resultframe.errors import MissingExtra
from resultframe.evaluation import disclosure

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

__all__ = ["files"]  # the fixture, shared with the command's other tests

AS_OF = "2026-06-30"


def _report(out: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(out)
    return data


def _counts(data: object) -> list[int]:
    """Every ``n`` (a group's count of subjects) anywhere in a JSON report."""
    found: list[int] = []
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "n" and isinstance(v, int) and not isinstance(v, bool):
                found.append(v)
            else:
                found += _counts(v)
    elif isinstance(data, list):
        for v in data:
            found += _counts(v)
    return found


def _evaluate(files: dict[str, Path], *extra: object) -> list[object]:
    return ["evaluate", files["framework"], files["records_json"], *extra]


def test_the_report_passes_its_audit(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, err = run(
        capsys, *_evaluate(files, "--as-of", AS_OF, "--format", "json")
    )
    assert code == 0, err
    assert "audit" not in err
    assert _report(out)


def test_round_counts_rounds_every_published_count(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    # Two neighbourhoods of 12 residents: exact counts are 12 (and 24).
    argv = _evaluate(files, "--as-of", AS_OF, "--format", "json", "--min-group", "3")
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    exact = _counts(_report(out))
    assert 12 in exact
    code, out, err = run(capsys, *argv, "--round-counts", "5")
    assert code == 0, err
    rounded = _counts(_report(out))
    assert rounded
    assert all(n % 5 == 0 for n in rounded), rounded
    assert 10 in rounded


def test_round_counts_must_be_positive(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, _, err = run(
        capsys, *_evaluate(files, "--as-of", AS_OF, "--round-counts", "0")
    )
    assert code == 2
    assert "--round-counts" in err


def test_with_a_cycle_the_report_is_of_the_last_ended_periods_end(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, err = run(
        capsys, *_evaluate(files, "--cycle", "quarterly", "--format", "json")
    )
    assert code == 0, err
    day = dt.date.fromisoformat(_report(out)["as_of"])
    # The quarterly cycle: the last day of a quarter, before today.
    assert day < dt.date.today()  # noqa: DTZ011
    assert (day + dt.timedelta(days=1)).day == 1
    assert day.month in {3, 6, 9, 12}
    # --period names the quarter: its last day.
    code, out, err = run(
        capsys,
        *_evaluate(
            files, "--cycle", "quarterly", "--period", "2026Q1", "--format", "json"
        ),
    )
    assert code == 0, err
    assert _report(out)["as_of"] == "2026-03-31"


def test_without_a_cycle_as_of_is_required(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, _, err = run(capsys, *_evaluate(files))
    assert code == 2
    assert "--as-of" in err


def test_a_report_that_fails_its_audit_is_not_written(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = disclosure.audit

    def pinned(publication: disclosure.Publication, **kw: Any) -> disclosure.Audit:
        found = real(publication, **kw)
        cell = disclosure.CellInterval(
            table="share-adequate",
            group="noord",
            dimension=None,
            low=3,
            high=4,
            primary=True,
        )
        return disclosure.Audit(
            protection=found.protection, method=found.method, cells=(cell,)
        )

    monkeypatch.setattr(disclosure, "audit", pinned)
    target = tmp_path / "report.md"
    code, out, err = run(
        capsys, *_evaluate(files, "--as-of", AS_OF, "--min-group", "3", "-o", target)
    )
    assert code == 1
    assert out == ""
    assert not target.exists()
    assert "disclosure audit failed: 1 withheld count" in err
    assert "noord" not in err  # which group is small is not said either


def test_without_scipy_what_was_not_audited_is_said(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(*_: object, **__: object) -> disclosure.Audit:
        raise MissingExtra(
            "audit", "scipy", "auditing tables that are not hierarchical"
        )

    monkeypatch.setattr(disclosure, "audit", missing)
    code, out, err = run(capsys, *_evaluate(files, "--as-of", AS_OF))
    assert code == 0
    assert out
    assert "disclosure audit not run" in err
    assert "resultframe[audit]" in err
