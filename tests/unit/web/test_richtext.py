"""The little rich text staff write: what nh3 keeps, what it removes, and the paragraphs made."""

from __future__ import annotations

import pytest

from voice.web.richtext import clean_rich_text, plain_text


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("", ""),
        ("   \n  ", ""),
        ("One line", "<p>One line</p>"),
        ("First\n\nSecond\nstill second", "<p>First</p>\n<p>Second<br>still second</p>"),
        ("Windows\r\n\r\nlines", "<p>Windows</p>\n<p>lines</p>"),
        ("a < b & c", "<p>a &lt; b &amp; c</p>"),
        ("<strong>Bold</strong> and <em>soft</em>", "<p><strong>Bold</strong> and <em>soft</em></p>"),
        ("<p>One</p>\n\n<p>Two</p>", "<p>One</p>\n\n<p>Two</p>"),
        ("<ul>\n<li>a</li>\n\n<li>b</li></ul>", "<ul>\n<li>a</li>\n\n<li>b</li></ul>"),
        ("<p>unclosed <strong>bold", "<p>unclosed <strong>bold</strong></p>"),
    ],
)
def test_kept_and_made_into_paragraphs(raw: str, stored: str) -> None:
    assert clean_rich_text(raw) == stored


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("<script>alert(1)</script>Hi", "<p>Hi</p>"),
        ('<img src="x" onerror="alert(1)">Hi', "<p>Hi</p>"),
        (
            '<a href="javascript:alert(1)" onclick="x()">link</a>',
            '<p><a rel="noopener noreferrer">link</a></p>',
        ),
        (
            '<a href="https://example.org" target="_blank">site</a>',
            '<p><a href="https://example.org" rel="noopener noreferrer">site</a></p>',
        ),
        ('<h1>Big</h1> words <span style="color:red">red</span>', "<p>Big words red</p>"),
        ("<!-- hidden -->Shown", "<p>Shown</p>"),
        ('<iframe src="https://example.org"></iframe>Text', "<p>Text</p>"),
    ],
)
def test_everything_else_is_removed(raw: str, stored: str) -> None:
    assert clean_rich_text(raw) == stored


def test_cleaning_twice_changes_nothing() -> None:
    once = clean_rich_text("First\n\n<strong>Second</strong> <script>x</script>")
    assert clean_rich_text(once) == once


def test_plain_text_drops_tags_and_entities() -> None:
    assert plain_text("<p>a &lt; b &amp; c</p>\n<p><strong>d</strong></p>") == "a < b & c d"
    assert plain_text(clean_rich_text("<script>only a script</script>")) == ""
