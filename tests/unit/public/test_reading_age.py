"""Every English string a young person or family can see reads at about age 10.

Flesch-Kincaid grade 5 or under (textstat), and sentences of 15 words or fewer on
average. Staff-only templates are left out; everything else counts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat
from babel.messages.extract import extract_from_file

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "templates"
STAFF_ONLY = {"staff", "accounts", "moderation", "cases", "audit", "priorities", "consultations"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
MIN_WORDS = 8  # shorter strings are labels and buttons; their grade is noise


def public_strings() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.relative_to(TEMPLATES).parts[0] in STAFF_ONLY:
            continue
        options = {"extensions": "jinja2.ext.do,jinja2.ext.i18n"}
        for _line, message, _comments, _context in extract_from_file("jinja2", str(path), options=options):
            text = message if isinstance(message, str) else message[0]
            found.append((str(path.relative_to(ROOT)), PLACEHOLDER.sub("3", text)))
    return found


STRINGS = public_strings()


def test_there_are_public_strings() -> None:
    assert len(STRINGS) > 40


@pytest.mark.parametrize(("where", "text"), [s for s in STRINGS if len(s[1].split()) >= MIN_WORDS])
def test_each_longer_string_is_grade_5_or_under(where: str, text: str) -> None:
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= 5, f"{where}: grade {grade:.1f}: {text!r}"


def test_all_public_text_together() -> None:
    corpus = " ".join(
        text if text.rstrip().endswith((".", "?", "!", ":")) else text + "." for _, text in STRINGS
    )
    grade = textstat.flesch_kincaid_grade(corpus)
    words_per_sentence = (
        textstat.words_per_sentence(corpus)
        if hasattr(textstat, "words_per_sentence")
        else (textstat.lexicon_count(corpus) / max(1, textstat.sentence_count(corpus)))
    )
    assert grade <= 5, f"all public English text: grade {grade:.1f}"
    assert words_per_sentence <= 15, f"{words_per_sentence:.1f} words per sentence"
