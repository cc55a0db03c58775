"""The screener: safeguarding level, reasons and personal details for a text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from voice.screening import resolved
from voice.screening.language import LanguageCheck, default_language_check
from voice.screening.lexicon import LEVEL_RANK, Hit, Level, Lexicon, default_lexicon
from voice.screening.model import SecondOpinion, default_second_opinion
from voice.screening.normalise import normalise_with_words
from voice.screening.pii import PiiDetector, PiiSpan, detector_for, load_institutions, redact

_MAX_REASONS = 20
#: A name found by the personal-detail detector is read as a person by the word lists:
#: "Imran hits me" is screened as "someone hits me" as well as in its own words.
PERSON_WORD = "someone"
NAMED_NOTE = " (a name read as 'someone')"
#: The category and reason of a level raised by the second opinion (``model.py``).
WORDING_CATEGORY = "wording"
_URGENT_RANK = LEVEL_RANK["urgent"]
WORDING_REASON = "possible disclosure in other words ({level}): no listed phrase, please read"
#: The category and reason added when screening cannot read the language (``language.py``).
LANGUAGE_CATEGORY = "language"
LANGUAGE_REASON = (
    "not screened (concern): {why}; screening cannot read it, please read it or have it translated"
)


@dataclass(frozen=True)
class ScreeningResult:
    """What screening suggests for one text. Nothing is published or rejected."""

    level: Level
    reasons: list[str] = field(default_factory=list)
    pii: list[PiiSpan] = field(default_factory=list)
    redacted: str = ""
    categories: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The JSON object written by ``voice screen`` for this text."""
        return {
            "safeguarding": self.level,
            "reasons": list(self.reasons),
            "pii": [span.to_dict() for span in self.pii],
            "redacted": self.redacted,
        }


@dataclass(frozen=True)
class _Finding:
    category: str
    level: Level
    reason: str
    position: int
    #: The word lists found the words but they were negated or softened ("i dont want to ...").
    softened: bool = False
    #: The normalised words that found it.
    matched: str = ""


def _findings(lexicon: Lexicon, norm: str, words: frozenset[str]) -> list[_Finding]:
    possible = lexicon.possible(norm, words)
    immediate = lexicon.is_immediate(norm, possible)
    hits = lexicon.hits(norm, None, possible, immediate is not None)  # idiom spans when needed
    over = _past_and_over(lexicon, norm, hits) if immediate is None else set()
    findings: list[_Finding] = []
    for number, (hit, effect) in enumerate(hits):
        now_word = immediate.group(0).strip() if immediate else ""
        findings.append(_finding(lexicon, hit, effect, now_word, number in over))
    return findings


def _past_candidates(norm: str, hits: list[tuple[Hit, str]]) -> set[int]:
    """The numbers of the always-urgent hits that tell of harm at home in the past."""
    return {
        number
        for number, (hit, effect) in enumerate(hits)
        if not effect
        and hit.entry.level == "urgent"
        and hit.entry.category in resolved.CATEGORIES
        and resolved.words_in_past(hit.matched, norm)
    }


def _past_and_over(lexicon: Lexicon, norm: str, hits: list[tuple[Hit, str]]) -> set[int]:
    """The hits to read as past harm now over (``resolved.py``, fifteenth round).

    Only when the text says clearly that it is over and nothing says harm now; then the
    past words are blanked out and the text read again: anything else urgent (an entry
    not tried because its category already had an urgent hit) keeps every hit urgent.
    """
    candidates = _past_candidates(norm, hits)
    if not candidates or not resolved.text_may_be_over(norm):
        return set()
    if any(hits[n][0].entry.level == "urgent" and not hits[n][1] for n in set(range(len(hits))) - candidates):
        return set()  # something else urgent: the text stays urgent anyway
    spans = [(hits[n][0].start, hits[n][0].end) for n in candidates]
    for _ in range(4):
        blanked = norm
        for start, end in sorted(spans, reverse=True):
            while start < end and blanked[start] == " ":
                start += 1
            while end > start and blanked[end - 1] == " ":
                end -= 1
            blanked = blanked[:start] + "x" + blanked[end:]
        words = frozenset(blanked.split())
        possible = lexicon.possible(blanked, words)
        again = lexicon.hits(blanked, None, possible, lexicon.is_immediate(blanked, possible) is not None)
        urgent = [n for n, (hit, effect) in enumerate(again) if hit.entry.level == "urgent" and not effect]
        if not urgent:
            return candidates
        past = _past_candidates(blanked, again)
        if not set(urgent) <= past:
            return set()
        # more past words the first reading did not try: blank them out as well
        spans = [(again[n][0].start, again[n][0].end) for n in urgent]
        norm = blanked
    return set()


def _finding(lexicon: Lexicon, hit: Hit, effect: str, now_word: str, over: bool = False) -> _Finding:
    entry = hit.entry
    category = lexicon.categories[entry.category]
    level: Level = entry.level
    detail = f"'{hit.matched}'"
    if over:
        level = "concern"
        detail += " (in the past and said to be over, please check)"
    elif effect == "downgrade":
        level = "concern"
        detail += " (negated or softened, please check)"
    elif level == "concern" and now_word and category.escalate_when_immediate:
        level = "urgent"
        detail += f" + '{now_word}'"
    reason = f"{category.label} ({level}): {detail}"
    softened = effect == "downgrade" or over
    return _Finding(entry.category, level, reason, hit.start, softened=softened, matched=hit.matched)


class Screener:
    """Screens texts. Build once and reuse: compiled data is cached."""

    def __init__(
        self, extra_institutions: Iterable[str] = (), second_opinion: SecondOpinion | None = None
    ) -> None:
        self._lexicon: Lexicon = default_lexicon()
        self._pii: PiiDetector = detector_for(tuple(extra_institutions))
        self._opinion = second_opinion or default_second_opinion()
        self._language: LanguageCheck = default_language_check()

    def screen(self, text: str, locale: str | None = None) -> ScreeningResult:
        """Screen ``text``. ``locale`` is only a hint: every language is checked."""
        del locale  # all lexicons always run; people mix languages
        norm, words = normalise_with_words(text)
        spans = self._pii.find(text)
        findings = _findings(self._lexicon, norm, words)
        findings.extend(self._named(text, spans, findings))
        findings.extend(self._wording(norm, findings))
        findings.extend(self._unread(text, findings))
        findings.sort(key=lambda f: (-LEVEL_RANK[f.level], f.position))
        level: Level = findings[0].level if findings else "none"
        reasons: list[str] = []
        for finding in findings:
            if finding.reason not in reasons:
                reasons.append(finding.reason)
        categories: list[str] = []
        for finding in findings:
            if finding.category not in categories:
                categories.append(finding.category)
        return ScreeningResult(
            level=level,
            reasons=reasons[:_MAX_REASONS],
            pii=spans,
            redacted=redact(text, spans),
            categories=categories,
        )

    def _named(self, text: str, spans: list[PiiSpan], findings: list[_Finding]) -> list[_Finding]:
        """What the word lists find when each name in ``text`` is read as "someone".

        The word lists know people by who they are ("my dad", "he", "the teacher"); a child
        as often names them ("Imran hits us", "Mr Khan touched me"). Only findings that say
        more than the text's own words did, and whose words include a name, are kept: a name
        must not hide a safe phrase ("hitting me with her teddy", the toy taken for a name).
        """
        names = [span for span in spans if span.kind == "name"]
        if not names:
            return []
        norm, words = normalise_with_words(_with_people(text, names))
        found = {(finding.category, finding.level) for finding in findings}
        return [
            replace(finding, reason=finding.reason + NAMED_NOTE)
            for finding in _findings(self._lexicon, norm, words)
            if (finding.category, finding.level) not in found and PERSON_WORD in finding.matched.split()
        ]

    def _wording(self, norm: str, findings: list[_Finding]) -> list[_Finding]:
        """A finding from the second opinion when it says more than the word lists did."""
        found = max((LEVEL_RANK[finding.level] for finding in findings), default=0)
        if found == _URGENT_RANK:
            return []
        level = self._opinion.level(norm)
        if level == "urgent" and any(finding.softened for finding in findings):
            level = "concern"  # the word lists read it as negated: a person decides, not the model
        if LEVEL_RANK[level] <= found:
            return []
        reason = WORDING_REASON.format(level=level)
        return [_Finding(WORDING_CATEGORY, level, reason, len(norm))]

    def _unread(self, text: str, findings: list[_Finding]) -> list[_Finding]:
        """A concern when screening cannot read the text's language, unless already urgent.

        Finding nothing in a language the word lists do not cover must not read as "nothing
        there": the text is raised so that a person reads it first.
        """
        if any(finding.level == "urgent" for finding in findings):
            return []
        unread = self._language.unread(text)
        if unread is None:
            return []
        return [_Finding(LANGUAGE_CATEGORY, "concern", LANGUAGE_REASON.format(why=unread.why), len(text))]


def _with_people(text: str, names: list[PiiSpan]) -> str:
    """``text`` with every name span replaced by :data:`PERSON_WORD`."""
    parts: list[str] = []
    end = 0
    for span in sorted(names, key=lambda span: span.start):
        if span.start < end:
            continue
        parts.extend((text[end : span.start], PERSON_WORD))
        end = span.end
    parts.append(text[end:])
    return "".join(parts)


def lexicon_level(text: str) -> Level:
    """What the word lists alone say about ``text`` (for training the second opinion)."""
    norm, words = normalise_with_words(text)
    findings = _findings(default_lexicon(), norm, words)
    return max((finding.level for finding in findings), key=LEVEL_RANK.__getitem__, default="none")


_DEFAULT: Screener | None = None


def default_screener() -> Screener:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Screener()
    return _DEFAULT


#: Short texts that make screening load and compile everything it uses: word lists, the
#: second opinion, names, and the language check's word lists.
_WARM_UP_TEXTS = (
    ("en", "The youth club is good but the buses are late."),
    ("ur", "یوتھ کلب اچھا ہے"),
    ("pl", "Klub jest super"),
    ("ar", "النادي جيد"),
    ("ro", "Clubul este bun"),
    ("so", "Kooxda dhallinyarada aad bay u fiican tahay"),
)
_warmed = {"done": False}


def warm_up() -> None:
    """Load everything the default screener uses (several seconds, once per process).

    The app does this at start-up, in a thread, so that the first Send after a restart is
    not the one that waits, with every other request held up behind it.
    """
    if _warmed["done"]:
        return
    screener = default_screener()
    for locale, text in _WARM_UP_TEXTS:
        screener.screen(text, locale)
    _warmed["done"] = True


def is_warm() -> bool:
    return _warmed["done"]


def load_screener(institutions_file: Path | None = None) -> Screener:
    """A screener using the packaged data plus institutions from a file.

    The file is TOML with ``names = [...]`` or plain text, one name a line.
    """
    if institutions_file is None:
        return default_screener()
    return Screener(load_institutions(institutions_file))


def screen(text: str, locale: str | None = None) -> ScreeningResult:
    """Screen one text with the default screener."""
    return default_screener().screen(text, locale)
