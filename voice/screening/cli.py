"""``voice screen``: JSON Lines in, JSON Lines out.

Each input line is an object ``{"text": "...", "locale": "en"}`` (locale
optional, may be null).  For each input line, in order, exactly one output
line is written: the screening result, or ``{"error": "..."}`` when the line
is not valid (bad JSON, not an object, missing or non-string ``text``,
non-string ``locale``, blank line, undecodable bytes).  Blank lines get an
error object too, so output line N always answers input line N.  The exit
status is 0 unless standard input cannot be read (then 1).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TextIO

from voice.screening.screener import Screener, default_screener


def _lines(stdin: TextIO) -> Iterator[str | None]:
    """Yield decoded lines; ``None`` for a line that is not valid UTF-8."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is None:
        yield from stdin
        return
    for raw in buffer:
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            yield None


def process_line(line: str | None, screener: Screener) -> dict[str, object]:
    """Screen one input line, or describe what is wrong with it."""
    if line is None:
        return {"error": "line is not valid UTF-8"}
    if not line.strip():
        return {"error": "empty line"}
    try:
        item = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return {"error": f"invalid JSON: {exc}"}
    if not isinstance(item, dict):
        return {"error": "each line must be a JSON object"}
    if "text" not in item:
        return {"error": "missing field 'text'"}
    text, locale = item["text"], item.get("locale")
    if not isinstance(text, str):
        return {"error": "field 'text' must be a string"}
    if locale is not None and not isinstance(locale, str):
        return {"error": "field 'locale' must be a string or null"}
    return screener.screen(text, locale).to_dict()


def run(stdin: TextIO, stdout: TextIO, screener: Screener | None = None) -> int:
    """Run the JSON Lines contract; return the exit status."""
    active = screener or default_screener()
    lines = _lines(stdin)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return 0
        except (OSError, ValueError) as exc:
            print(f"voice screen: cannot read standard input: {exc}", file=sys.stderr)
            return 1
        result = process_line(line, active)
        stdout.write(json.dumps(result, ensure_ascii=True) + "\n")
        stdout.flush()


def main() -> int:
    return run(sys.stdin, sys.stdout)
