"""The notice after adding comments is read from the address, so its counts are signed."""

from __future__ import annotations

from voice.events.services import Added, counts_signature, counts_signed

KEY = "a-secret-key-for-tests-only"


def test_the_counts_voice_signed_are_accepted() -> None:
    counts = Added(added=12, already=1, concerns=3)
    assert counts_signed(KEY, 7, counts, counts_signature(KEY, 7, counts))


def test_other_counts_another_event_or_another_key_are_refused() -> None:
    counts = Added(added=12, already=1, concerns=3)
    signature = counts_signature(KEY, 7, counts)
    assert not counts_signed(KEY, 7, Added(added=12, already=1, concerns=7), signature)
    assert not counts_signed(KEY, 8, counts, signature)
    assert not counts_signed("another-key-entirely", 7, counts, signature)
    assert not counts_signed(KEY, 7, counts, "")
    assert not counts_signed(KEY, 7, counts, signature[:-1] + ("0" if signature[-1] != "0" else "1"))


def test_added_and_concerns_are_not_interchangeable() -> None:
    """The same numbers in other places ("3 added, 12 may be disclosures") are other counts."""
    assert counts_signature(KEY, 7, Added(12, 1, 3)) != counts_signature(KEY, 7, Added(3, 1, 12))
