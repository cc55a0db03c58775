"""Evaluation of screening against a labelled JSON Lines file.

Each line: ``{"text", "locale", "safeguarding", "pii": ["exact substring", ...]}``.
A personal-detail substring counts as found when the spans cover every
character of one of its occurrences.  Substrings are split by shape into
structured details (phones, emails, postcodes, handles, IDs, dates) and
names/schools/addresses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voice.screening.pii import NI, POSTCODE, PiiSpan
from voice.screening.screener import Screener, default_screener

_DIGITS = re.compile(r"\d")


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hit += int(ok)

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.hit}/{self.total} = {100 * self.value:.1f}%"


@dataclass
class EvaluationReport:
    urgent_any: Ratio = field(default_factory=Ratio)
    urgent_urgent: Ratio = field(default_factory=Ratio)
    concern_flagged: Ratio = field(default_factory=Ratio)
    none_flagged: Ratio = field(default_factory=Ratio)
    pii_structured: Ratio = field(default_factory=Ratio)
    pii_other: Ratio = field(default_factory=Ratio)
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"urgent recall (flagged >= concern): {self.urgent_any}",
            f"urgent recall (flagged urgent):     {self.urgent_urgent}",
            f"concern recall (flagged >= concern): {self.concern_flagged}",
            f"false-flag rate on none:            {self.none_flagged}",
            f"PII recall, structured (phones, emails, postcodes, handles, IDs, dates): {self.pii_structured}",
            f"PII recall, names/schools/addresses: {self.pii_other}",
        ]

    def meets_targets(self) -> bool:
        return (
            self.urgent_any.value >= 1.0
            and self.urgent_urgent.value >= 0.9
            and self.concern_flagged.value >= 0.9
            and self.none_flagged.value <= 0.1
            and self.pii_structured.value >= 0.95
            and self.pii_other.value >= 0.85
        )


def is_structured(substring: str) -> bool:
    """Classify an expected substring by its shape."""
    s = substring.strip()
    if "@" in s or POSTCODE.fullmatch(s) or NI.fullmatch(s):
        return True
    digits = len(_DIGITS.findall(s))
    if digits >= 6:
        return True
    if " " not in s and (digits or "_" in s or "." in s):
        return True
    return bool(re.fullmatch(r"[\d/.\-\s]+|\d{1,2}(st|nd|rd|th)?\s+\w+\s+\d{4}", s))


def covered(text: str, substring: str, spans: Iterable[PiiSpan]) -> bool:
    """True when the spans cover every character of some occurrence."""
    cover = [False] * len(text)
    for span in spans:
        for i in range(span.start, span.end):
            cover[i] = True
    pos = text.find(substring)
    while pos != -1:
        if all(cover[pos : pos + len(substring)]):
            return True
        pos = text.find(substring, pos + 1)
    return False


def evaluate(
    records: Iterable[Mapping[str, Any]], screener: Screener | None = None, verbose: bool = False
) -> EvaluationReport:
    active = screener or default_screener()
    report = EvaluationReport()
    for record in records:
        text = str(record["text"])
        expected = str(record.get("safeguarding", "none"))
        result = active.screen(text, record.get("locale"))
        flagged = result.level != "none"
        if expected == "urgent":
            report.urgent_any.add(flagged)
            report.urgent_urgent.add(result.level == "urgent")
        elif expected == "concern":
            report.concern_flagged.add(flagged)
        else:
            report.none_flagged.add(flagged)
        if verbose and (result.level != expected):
            report.errors.append(f"level {expected} got {result.level}: {text}")
        for substring in record.get("pii", []):
            ok = covered(text, str(substring), result.pii)
            bucket = report.pii_structured if is_structured(str(substring)) else report.pii_other
            bucket.add(ok)
            if verbose and not ok:
                report.errors.append(f"pii missed {substring!r}: {result.redacted}")
    return report


def load_records(path: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            records.append(json.loads(line))
    return records
