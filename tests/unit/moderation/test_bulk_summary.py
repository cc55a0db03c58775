"""The bulk result's notice: every skipped contribution, grouped by why, never cut mid-sentence."""

from __future__ import annotations

from voice.moderation.services import (
    MAX_IDS_PER_GROUP,
    OPEN_CASE_MESSAGE,
    SKIP_DECIDED,
    SKIP_WITHDRAWN,
    BulkResult,
)


def test_skipped_items_are_grouped_by_reason_in_the_order_met() -> None:
    result = BulkResult(
        done=[3],
        skipped=[(2, OPEN_CASE_MESSAGE), (8, SKIP_DECIDED), (10, OPEN_CASE_MESSAGE), (11, SKIP_DECIDED)],
    )
    assert result.summary(5) == (
        "Done for 1 of 5 selected. Open safeguarding case, open each to decide: 2, 10."
        " Already decided: 8, 11."
    )


def test_a_long_group_names_the_first_ones_and_counts_the_rest() -> None:
    many = [(ident, SKIP_DECIDED) for ident in range(1, MAX_IDS_PER_GROUP + 6)]
    result = BulkResult(done=[], skipped=[*many, (99, SKIP_WITHDRAWN), (100, "Something odd.")])
    summary = result.summary(len(many) + 2)
    named = ", ".join(str(ident) for ident in range(1, MAX_IDS_PER_GROUP + 1))
    assert f"Already decided: {named} and 5 more." in summary
    assert summary.endswith(" Withdrawn: 99. Something odd: 100.")


def test_nothing_skipped_is_one_sentence() -> None:
    assert BulkResult(done=[1, 2], skipped=[]).summary(2) == "Done for 2 of 2 selected."
