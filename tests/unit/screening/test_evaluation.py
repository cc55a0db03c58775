"""The evaluation on the shared dev sample meets the targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice.screening.evaluation import evaluate, is_structured, load_records

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[3] / "shared" / "samples" / "screening-dev.jsonl"


def test_shared_dev_sample_meets_targets() -> None:
    if not SHARED.exists():
        pytest.skip(f"shared dev sample not found at {SHARED}")
    report = evaluate(load_records(SHARED))
    assert report.meets_targets(), "\n".join(report.lines())


def test_own_cases_meet_targets() -> None:
    report = evaluate(load_records(HERE / "cases.jsonl"), verbose=True)
    assert report.meets_targets(), "\n".join(report.lines() + report.errors)


def test_shape_classification() -> None:
    assert is_structured("07700 900123")
    assert is_structured("LS8 4AB")
    assert is_structured("@kayla")
    assert is_structured("jordy.b2010")
    assert not is_structured("14 Harehills Lane")
    assert not is_structured("Sarah Thompson")
