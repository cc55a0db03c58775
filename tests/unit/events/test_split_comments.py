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
        # Lists copied from Word, Outlook or Google Docs (found by an exploratory test, 2026-11-24).
        (
            "\uf0b7\tSymbol bullet\no\tsecond level\n§\tthird level\n▪ square\n● dot\n◦ ring\n➢ arrow\n"
            "✓ tick\n→ arrow\n(3) bracketed\na) lettered",
            [
                "Symbol bullet",
                "second level",
                "third level",
                "square",
                "dot",
                "ring",
                "arrow",
                "tick",
                "arrow",
                "bracketed",
                "lettered",
            ],
        ),
        # Words that only look like marks stay.
        (
            "o no tab after it\nopen late\nI. roman numbering is not taken",
            ["o no tab after it", "open late", "I. roman numbering is not taken"],
        ),
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
        ("comments", f"Each comment must be {COMMENT_MAX} characters or fewer; the one on line 2 is longer")
    ]


def test_a_long_comment_is_found_by_its_line_in_the_box() -> None:
    """Blank lines and lines with only a list mark count: the moderator counts lines, not comments
    (an exploratory test's paste had its long line on line 293, reported as "comment 289")."""
    long_one = "x" * (COMMENT_MAX + 1)
    pasted = f"Flip chart title\n\n\n- first\n\n- {long_one}\n-\n{long_one}"
    with pytest.raises(Invalid) as raised:
        check_comments(pasted, "en", "not_quotable", LANGUAGES, batch_key=KEY)
    assert raised.value.problems == [
        (
            "comments",
            f"Each comment must be {COMMENT_MAX} characters or fewer; the ones on lines 6, 8 are longer",
        )
    ]
    many = "\n".join([long_one] * 7)
    with pytest.raises(Invalid) as seven:
        check_comments(many, "en", "not_quotable", LANGUAGES, batch_key=KEY)
    assert seven.value.problems[0][1].endswith("the ones on lines 1, 2, 3, 4, 5 and 2 more are longer")
    assert check_comments("A\nB", "ur", "quote_anonymously", LANGUAGES, batch_key=KEY) == ["A", "B"]


@pytest.mark.parametrize("key", ["", "k" * 7, "k" * 65])
def test_a_batch_without_a_usable_one_time_key_has_expired(key: str) -> None:
    """Only that problem is given: what was typed may be fine once the page is reloaded."""
    with pytest.raises(Invalid) as raised:
        check_comments("", "xx", "maybe", LANGUAGES, batch_key=key)
    assert raised.value.problems == [("comments", EXPIRED)]
    for usable in ("k" * 8, "k" * 64):
        assert check_comments("A", "en", "not_quotable", LANGUAGES, batch_key=usable) == ["A"]
