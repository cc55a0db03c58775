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


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        (
            "We heard:\n\n<ul>\n<li>buses</li>\n<li>parks</li>\n</ul>\n\n"
            "So we did this.\nAnd this.\n\nThen more.",
            "<p>We heard:</p>\n<ul>\n<li>buses</li>\n<li>parks</li>\n</ul>\n"
            "<p>So we did this.<br>And this.</p>\n<p>Then more.</p>",
        ),
        # A single line break before or after a list only ends the text, it is no <br>.
        ("Intro\n<ol><li>a</li></ol>\nOutro", "<p>Intro</p>\n<ol><li>a</li></ol>\n<p>Outro</p>"),
        ("Before<ul><li>a</li></ul>after", "<p>Before</p>\n<ul><li>a</li></ul>\n<p>after</p>"),
        # A paragraph written as HTML stays as written; the plain text around it gets its own.
        (
            "First part\n\n<p>Written <em>by hand</em>\n\nstill one</p>\nlast\nline",
            "<p>First part</p>\n<p>Written <em>by hand</em>\n\nstill one</p>\n<p>last<br>line</p>",
        ),
        # Inline tags in the plain text stay inside its paragraphs.
        (
            '<strong>Bold</strong> start\n\n<ul><li>x</li></ul>\n\nsee <a href="https://example.org">this</a>',
            "<p><strong>Bold</strong> start</p>\n<ul><li>x</li></ul>\n"
            '<p>see <a href="https://example.org" rel="noopener noreferrer">this</a></p>',
        ),
        # Nested lists are one block; text after the outer list is a paragraph.
        (
            "<ul><li>a<ul><li>b</li></ul></li></ul>\n\nAfter",
            "<ul><li>a<ul><li>b</li></ul></li></ul>\n<p>After</p>",
        ),
        # Tags in the plain text are still cleaned: nothing unsafe comes back with the paragraphs.
        (
            'Hi <script>alert(1)</script>there\n\n<ul><li onclick="x()">a</li></ul>\n\n'
            "<img src=x onerror=y>Bye",
            "<p>Hi there</p>\n<ul><li>a</li></ul>\n<p>Bye</p>",
        ),
    ],
)
def test_plain_text_around_lists_gets_paragraphs(raw: str, stored: str) -> None:
    assert clean_rich_text(raw) == stored
    assert clean_rich_text(stored) == stored  # stored text saved again is unchanged


def test_a_quoted_angle_bracket_in_a_link_is_no_tag() -> None:
    stored = clean_rich_text('See <a href="https://example.org/?q=<ul>">the list</a>\n\n<ul><li>x</li></ul>')
    assert stored == (
        '<p>See <a href="https://example.org/?q=&lt;ul&gt;" rel="noopener noreferrer">the list</a></p>\n'
        "<ul><li>x</li></ul>"
    )


def test_cleaning_twice_changes_nothing() -> None:
    once = clean_rich_text("First\n\n<strong>Second</strong> <script>x</script>")
    assert clean_rich_text(once) == once


def test_plain_text_drops_tags_and_entities() -> None:
    assert plain_text("<p>a &lt; b &amp; c</p>\n<p><strong>d</strong></p>") == "a < b & c d"
    assert plain_text(clean_rich_text("<script>only a script</script>")) == ""


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Ages 5 < 11 and 16 > 12, a<b", "<p>Ages 5 &lt; 11 and 16 &gt; 12, a&lt;b</p>"),
        ("I <3 the club", "<p>I &lt;3 the club</p>"),
        ("x<y", "<p>x&lt;y</p>"),
        ("<strong>bold</strong> a<b", "<p><strong>bold</strong> a&lt;b</p>"),
    ],
)
def test_a_less_than_sign_that_starts_no_tag_is_kept_as_text(raw: str, stored: str) -> None:
    """Before, "a<b" lost everything after the "<" (read as an unfinished tag)."""
    assert clean_rich_text(raw) == stored
