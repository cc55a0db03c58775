"""Pasted takeover comments: one a line, blank lines and list marks dropped."""

from __future__ import annotations

import pytest

from voice.events.services import BATCH_MAX, COMMENT_MAX, EXPIRED, Invalid, check_comments, split_comments

LANGUAGES = ("en", "ur", "pl", "ar", "ro")
KEY = "k" * 16


@pytest.mark.parametrize(
    ("pasted", "comments"),
    [
        ("", []),
        ("\n \n\t\n", []),
        ("One\nTwo", ["One", "Two"]),
        ("One\r\n\r\nTwo\rThree", ["One", "Two", "Three"]),
        (
            "- dash\n* star\n• bullet\n1. first\n2) second\n10. tenth",
            ["dash", "star", "bullet", "first", "second", "tenth"],
        ),
        ("  spaced    out   words  ", ["spaced out words"]),
        ("2020 was hard", ["2020 was hard"]),  # a number that is not a list mark stays
        ("-no space after the dash", ["-no space after the dash"]),
        ("The same\nThe same", ["The same", "The same"]),  # two young people may say the same
        ("1.\n-\n•\nReal one", ["Real one"]),  # a list mark alone is not a comment
        ("First\u2028Second\x0bThird\x85Fourth", ["First", "Second", "Third", "Fourth"]),  # Word's breaks
        ("Nul\x00 inside", ["Nul inside"]),
    ],
)
def test_split(pasted: str, comments: list[str]) -> None:
    assert split_comments(pasted) == comments


def test_every_problem_at_once() -> None:
    with pytest.raises(Invalid) as raised:
        check_comments("", "xx", "maybe", LANGUAGES, batch_key=KEY)
    assert [key for key, _message in raised.value.problems] == ["comments", "language", "consent"]


def test_limits() -> None:
    with pytest.raises(Invalid) as too_many:
        check_comments("\n".join(["Hi"] * (BATCH_MAX + 1)), "en", "not_quotable", LANGUAGES, batch_key=KEY)
    assert too_many.value.problems == [
        ("comments", f"Add at most {BATCH_MAX} comments at a time; this has {BATCH_MAX + 1}")
    ]
    with pytest.raises(Invalid) as too_long:
        check_comments("Short\n" + "x" * (COMMENT_MAX + 1), "en", "not_quotable", LANGUAGES, batch_key=KEY)
    assert too_long.value.problems == [
        ("comments", f"Each comment must be {COMMENT_MAX} characters or fewer; comment 2 is longer")
    ]
    assert check_comments("A\nB", "ur", "quote_anonymously", LANGUAGES, batch_key=KEY) == ["A", "B"]


@pytest.mark.parametrize("key", ["", "k" * 7, "k" * 65])
def test_a_batch_without_a_usable_one_time_key_has_expired(key: str) -> None:
    """Only that problem is given: what was typed may be fine once the page is reloaded."""
    with pytest.raises(Invalid) as raised:
        check_comments("", "xx", "maybe", LANGUAGES, batch_key=key)
    assert raised.value.problems == [("comments", EXPIRED)]
    for usable in ("k" * 8, "k" * 64):
        assert check_comments("A", "en", "not_quotable", LANGUAGES, batch_key=usable) == ["A"]
