"""Moderation decisions: status moves, redactions, themes and notes. Every one is audited.

Services take plain values and never see a request. ``by`` is the staff member
deciding; ``now`` is the time of the decision (from the app's clock).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from voice.accounts.models import StaffUser
from voice.audit.services import record
from voice.cases.services import written
from voice.clock import REPEAT_WINDOW
from voice.feedback.models import Answer, Consent, Contribution, RejectionReason, Respondent, Status
from voice.moderation.models import (
    CaseStatus,
    ModeratorNote,
    Redaction,
    RedactionSource,
    RedactionState,
    SafeguardingCase,
    Theme,
)
from voice.moderation.states import TO_DO, TransitionError, check_move, decision_mark_of
from voice.problems import clean_text, lines, one_line, visible_or_empty
from voice.screening.pii import PLACEHOLDERS

#: Kinds a moderator can choose for a redaction they add, with the placeholder readers see.
MODERATOR_KINDS: dict[str, str] = {
    "name": "Name",
    "phone": "Phone number",
    "email": "Email address",
    "address": "Address or postcode",
    "school": "School or college",
    "handle": "Social media handle",
    "date_of_birth": "Date of birth",
    "other": "Other personal detail",
}

REJECTION_LABELS: dict[RejectionReason, str] = {
    RejectionReason.SPAM: "Spam or nonsense",
    RejectionReason.OFF_TOPIC: "Not about keeping children safe",
    RejectionReason.ABUSIVE: "Abusive or hateful",
    RejectionReason.DUPLICATE: "Sent more than once",
    RejectionReason.TEST: "A test, not a real contribution",
    RejectionReason.OTHER: "Other (say why)",
}

MAX_NOTE_LENGTH = 2000
MAX_THEME_LENGTH = 80


class ModerationError(ValueError):
    """A decision that cannot be made, with a message for the moderator."""

    def __init__(
        self, message: str, field: str | None = None, more: list[tuple[str | None, str]] | None = None
    ) -> None:
        self.field = field
        self.more = more or []
        super().__init__(message)

    def problems(self) -> list[tuple[str | None, str]]:
        """Every problem found, first to last (for a GOV.UK error summary)."""
        return [(self.field, str(self)), *self.more]

    @classmethod
    def of(cls, problems: list[tuple[str | None, str]]) -> ModerationError:
        (field, message), *more = problems
        return cls(message, field=field, more=more)


#: How much of a contribution's redacted words a list shows.
SNIPPET_MAX = 280


async def redacted_snippets(ids: list[int]) -> dict[int, str]:
    """The redacted words of each contribution, answers joined with " / ", for lists (the
    queue, a priority's evidence). Originals are shown only on the item page."""
    parts: dict[int, list[str]] = {}
    if ids:
        rows = (
            await Answer.filter(contribution_id__in=ids)
            .order_by("id")
            .values("contribution_id", "redacted_text")
        )
        for row in rows:
            if row["redacted_text"]:
                parts.setdefault(int(row["contribution_id"]), []).append(str(row["redacted_text"]))
    return {key: " / ".join(words)[:SNIPPET_MAX] for key, words in parts.items()}


def quotable_allowed(contribution: Contribution) -> bool:
    """Only the contributor's consent makes words quotable, and only a young person's or a
    family's own words: a professional's, written on someone's behalf, are never quoted."""
    return (
        contribution.consent is not Consent.NOT_QUOTABLE
        and contribution.respondent is not Respondent.PROFESSIONAL
    )


def not_quotable_because(contribution: Contribution) -> str:
    """Why these words cannot be quoted, in words for the moderation page ("" when they can)."""
    if contribution.consent is Consent.NOT_QUOTABLE:
        return "It cannot be quoted: the contributor did not agree to that."
    if contribution.respondent is Respondent.PROFESSIONAL:
        return (
            "It cannot be quoted: a professional wrote it on someone's behalf, "
            "and only people's own words are quoted."
        )
    return ""


# ------------------------------------------------------------------ status moves


class DecidedMeanwhile(ModerationError):
    """The decision a moderator meant to replace is no longer the one there now."""


#: How many times a move is tried again when someone else moved the contribution meanwhile in a
#: way that still allows it (marking it as being read is not a decision).
_MOVE_TRIES = 3


async def _move(
    contribution: Contribution,
    wanted: Status,
    *,
    by: StaffUser,
    now: datetime,
    action: str,
    changes: dict[str, Any] | None = None,
    page_mark: str = "",
    private: frozenset[str] = frozenset(),
) -> None:
    """Move ``contribution`` to ``wanted`` and audit it, only from the status it has in the database.

    ``contribution`` may have been read before someone else decided it (two moderators with the
    same page open, or two requests at once). The update applies only while the status is still
    the one read, so a decision never silently replaces another one (nor its rejection note):
    when the status changed, it is read again and the move is checked again, and a move that is
    no longer allowed raises :class:`TransitionError` with the status there now.
    """
    changes = changes or {}

    def logged(values: dict[str, Any]) -> dict[str, Any]:
        # ``private`` fields are logged as their length and a fingerprint (see ``written``).
        return {key: written(str(value)) if key in private else value for key, value in values.items()}

    for _ in range(_MOVE_TRIES):
        if _made_already(contribution, wanted, by, changes, page_mark):
            return  # a double click or a resend: the decision asked for is the one there, theirs
        # ``page_mark``: the decision the moderator's page showed (see :func:`decision_mark`);
        # checked on every try, so a retry after someone else's change never lands on a newer one.
        _check_seen(contribution, page_mark)
        check_move(contribution.status, wanted)
        seen = contribution.status
        values: dict[str, Any] = {"status": wanted, **changes}
        if wanted in (Status.APPROVED, Status.REJECTED):
            values.update(decided_by_id=by.id, decided_at=now)
        before = {"status": seen.value, **{key: getattr(contribution, key) for key in changes}}
        if await Contribution.filter(id=contribution.id, status=seen).update(**values):
            for key, value in values.items():
                setattr(contribution, key, value)
            await record(
                action,
                by=by,
                object_type="contribution",
                object_id=contribution.id,
                before=logged(before),
                after=logged({"status": wanted.value, **changes}),
                at=now,
            )
            return
        await contribution.refresh_from_db()
    raise ModerationError("Someone else keeps changing it. Wait a moment, then try again.")


def _made_already(
    contribution: Contribution, wanted: Status, by: StaffUser, changes: dict[str, Any], page_mark: str
) -> bool:
    """The decision asked for (approve or reject, with the same choices) is the one there now,
    and it is this moderator's, made since their page was drawn: the second click of a double
    click, or a form sent again after a dropped connection. Nothing is moved or logged again,
    and it is no conflict. (From a page that already showed that decision, deciding it again
    is refused as "already decided", as before.)"""
    return (
        bool(page_mark)
        and page_mark != decision_mark(contribution)
        and wanted in (Status.APPROVED, Status.REJECTED)
        and contribution.status is wanted
        and contribution.decided_by_id == by.id  # type: ignore[attr-defined]
        and all(getattr(contribution, key) == value for key, value in changes.items())
    )


def decision_mark(contribution: Contribution) -> str:
    """Which decision a page showed (status, who and when): a moderator who chooses to replace
    it replaces only that one, never a newer decision they have not seen."""
    decided_by = contribution.decided_by_id  # type: ignore[attr-defined]
    return decision_mark_of(contribution.status, decided_by, contribution.decided_at)


def _check_seen(contribution: Contribution, seen: str) -> None:
    """Refuse a move made from a page that showed another status or decision than the one there
    now (``seen`` is the page's :func:`decision_mark`; empty for a caller with no page)."""
    if seen and decision_mark(contribution) != seen:
        raise DecidedMeanwhile("It changed while you had it open")


async def start_review(contribution: Contribution, *, by: StaffUser, now: datetime, seen: str = "") -> None:
    """Mark it as being read. From a page whose status is out of date (someone decided it
    meanwhile) it is refused: marking as read must never undo an approval nobody saw."""
    await _move(
        contribution, Status.IN_REVIEW, by=by, now=now, action="contribution.review_started", page_mark=seen
    )


async def approve(
    contribution: Contribution,
    *,
    by: StaffUser,
    now: datetime,
    counted: bool,
    quotable: bool,
    seen: str = "",
) -> None:
    """Approve: two separate choices, counted in figures and quotable (only with consent).

    ``seen``: the :func:`decision_mark` the moderator's page showed. From a page that showed
    another decision than the one there now it is refused, so an approval never undoes a
    colleague's "Put it back in review" (or any decision) the moderator did not see.
    """
    if quotable and not quotable_allowed(contribution):
        raise ModerationError(not_quotable_because(contribution).replace("It cannot", "This cannot"))
    await _move(
        contribution,
        Status.APPROVED,
        by=by,
        now=now,
        action="contribution.approved",
        changes={"counted": counted, "quotable": quotable, "rejection_reason": "", "rejection_note": ""},
        page_mark=seen,
    )


#: Why approving or rejecting from the queue (in place or in bulk) skips a contribution.
OPEN_CASE_MESSAGE = "It has an open safeguarding case. Open it to decide."


async def approve_in_place(
    contribution: Contribution, *, by: StaffUser, now: datetime, counted: bool, quotable: bool, seen: str = ""
) -> None:
    """Approve from the queue without opening it (the "a" shortcut).

    Like bulk approval, it refuses a contribution with an open safeguarding case: a person
    opens it to decide (on its own page, :func:`approve` decides it as usual). ``seen`` is the
    decision the queue row showed, as for :func:`approve`.
    """
    if contribution.id in await _with_open_case([contribution.id]):
        raise ModerationError(OPEN_CASE_MESSAGE)
    await approve(contribution, by=by, now=now, counted=counted, quotable=quotable, seen=seen)


async def reject(
    contribution: Contribution,
    *,
    by: StaffUser,
    now: datetime,
    reason: RejectionReason,
    note: str,
    replacing: str = "",
    seen: str = "",
) -> None:
    """Reject with a reason (and a note, needed for "Other").

    ``seen``: the :func:`decision_mark` the page showed; from an out-of-date page it is refused
    (:class:`DecidedMeanwhile`), as for :func:`approve`.

    ``replacing`` is the :func:`decision_mark` of a decision someone else made while this
    moderator had the page open, which they saw and chose to replace: the contribution is put back
    in review and rejected, both audited, so the first decision stays in the audit log. When the
    decision there now is not that one, :class:`DecidedMeanwhile` is raised and nothing changes.
    """
    note = lines(note)
    if reason is RejectionReason.OTHER and not note:
        raise ModerationError("Say why you are rejecting it", field="note")
    if len(note) > MAX_NOTE_LENGTH:
        raise ModerationError(f"The reason must be {MAX_NOTE_LENGTH} characters or fewer", field="note")
    changes: dict[str, Any] = {
        "rejection_reason": reason.value,
        "rejection_note": note,
        "counted": False,
        "quotable": False,
    }
    if not replacing or contribution.status in TO_DO:
        await _move(
            contribution,
            Status.REJECTED,
            by=by,
            now=now,
            action="contribution.rejected",
            changes=changes,
            page_mark="" if replacing else seen,
        )
        return
    if decision_mark(contribution) != replacing:
        raise DecidedMeanwhile("The decision changed again while you had it open", field="reject-reason")
    async with in_transaction():
        await _move(
            contribution,
            Status.IN_REVIEW,
            by=by,
            now=now,
            action="contribution.reopened",
            page_mark=replacing,
        )
        await _move(
            contribution, Status.REJECTED, by=by, now=now, action="contribution.rejected", changes=changes
        )


async def reopen(contribution: Contribution, *, by: StaffUser, now: datetime, seen: str = "") -> None:
    """Put a decided contribution back in review: only the decision the page showed (``seen``),
    never a newer one someone else made while it was open. A rejection's reason and note go
    (the audit log keeps them): they belong to a decision that no longer stands."""
    await _move(
        contribution,
        Status.IN_REVIEW,
        by=by,
        now=now,
        action="contribution.reopened",
        changes={"rejection_reason": "", "rejection_note": ""},
        page_mark=seen,
    )


async def withdraw(contribution: Contribution, *, by: StaffUser, now: datetime, note: str) -> None:
    """The contributor asked for their words to be taken out."""
    note = lines(note)
    if not note:
        raise ModerationError("Say who asked for it to be withdrawn and how", field="note")
    await _move(
        contribution,
        Status.WITHDRAWN,
        by=by,
        now=now,
        action="contribution.withdrawn",
        # The note is the withdrawal's; a rejection's reason (in the audit log) no longer stands.
        changes={
            "counted": False,
            "quotable": False,
            "rejection_reason": "",
            "rejection_note": note[:MAX_NOTE_LENGTH],
        },
        # The note says who asked and how: it names the young person or their family, and
        # the log outlives the purge that deletes the withdrawn words and this note.
        private=frozenset({"rejection_note"}),
    )


# ------------------------------------------------------------------ redactions


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


def placeholder(kind: str) -> str:
    return PLACEHOLDERS.get(kind, "[personal detail]")


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, with overlapping or touching spans joined (a mixed join reads "[personal detail]")."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            kind = last.kind if last.kind == span.kind else "other"
            merged[-1] = Span(last.start, max(last.end, span.end), kind)
        else:
            merged.append(span)
    return merged


def apply_redactions(text: str, spans: Iterable[Span]) -> str:
    """``text`` with each (merged) span replaced by its readable placeholder."""
    out: list[str] = []
    pos = 0
    for span in merge_spans(spans):
        out.append(text[pos : span.start])
        out.append(placeholder(span.kind))
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


def hides(state: RedactionState) -> bool:
    """Suggested redactions stay hidden until a moderator dismisses them (private by default)."""
    return state is not RedactionState.DISMISSED


async def refresh_redacted_text(answer: Answer) -> None:
    """Recompute what others may read from the original and the redactions in force."""
    if answer.text is None:
        return  # the original has been deleted (retention); keep the last redacted version
    redactions = await Redaction.filter(answer_id=answer.id)
    spans = [Span(r.start, r.end, r.kind) for r in redactions if hides(r.state)]
    answer.redacted_text = apply_redactions(answer.text, spans)
    await answer.save(update_fields=["redacted_text"])


async def decide_redaction(
    redaction: Redaction,
    *,
    accept: bool,
    by: StaffUser,
    now: datetime,
    seen: str = "",
    contribution_status: Status | None = None,
) -> Redaction:
    """Accept or dismiss one redaction.

    ``seen`` is the state the moderator's page showed: if someone else decided meanwhile, the
    stale decision is refused. Deciding what is already decided changes nothing (a double
    click). Words hidden in an approved contribution (by an accepted redaction or a suggestion
    still to decide) are shown again only after the contribution is reopened.
    """
    if seen and seen != redaction.state.value:
        raise ModerationError("Someone else changed this redaction. Check it below, then try again.")
    wanted = RedactionState.ACCEPTED if accept else RedactionState.DISMISSED
    if wanted is redaction.state:
        return redaction
    if not accept and hides(redaction.state) and contribution_status is Status.APPROVED:
        # A suggestion hides its words as much as an accepted redaction does: the approval
        # (and any "quotable") was decided on the words with it hidden.
        raise ModerationError("This contribution is approved. Reopen it before showing hidden words again.")
    before = {"state": redaction.state.value}
    redaction.state = wanted
    redaction.decided_by_id = by.id
    redaction.decided_at = now
    await redaction.save(update_fields=["state", "decided_by_id", "decided_at"])
    answer = await Answer.get(id=redaction.answer_id)
    await refresh_redacted_text(answer)
    await record(
        "redaction.accepted" if accept else "redaction.dismissed",
        by=by,
        object_type="redaction",
        object_id=redaction.id,
        before=before,
        after={"state": redaction.state.value, "answer": answer.id, "kind": redaction.kind},
        at=now,
    )
    return redaction


#: Characters typed differently on different phones and programs for the same thing: a curly
#: apostrophe (iPhones, Word) is the straight one, a non-breaking space a space. One character
#: for one, so places found in the folded text are places in the original.
_SAME = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "\u00a0": " ", "\u2010": "-", "\u2011": "-"})
#: Arabic writes "and", "so", "with/at", "for/to" and "like" as one letter joined to the next
#: word: a name after them is part of a longer word (بالفاروق, وبريندلكوت).
_ARABIC_PROCLITICS = frozenset("وفبلك")
_ARABIC_ARTICLE = "ال"
#: What case-folding makes of Turkish "İ" (a capital i with a dot): "i" and a combining dot.
_COMBINING_DOT = "\u0307"
_DOTTED_I = "i" + _COMBINING_DOT


def _folded(text: str) -> str:
    return text.translate(_SAME)


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every place ``phrase`` occurs in ``text`` as whole words, ignoring case and the way an
    apostrophe was typed (the no-JavaScript way). In Arabic a name also counts after the
    one-letter words written joined to it, and after "li-" where the article's alif is dropped
    (لل + فاروق for ل + الفاروق)."""
    needle = _folded(phrase.strip()).casefold().replace(_DOTTED_I, "i")
    if not needle:
        return []
    haystack, origins = _casefolded(text)
    found = _places(haystack, needle)
    if needle.startswith(_ARABIC_ARTICLE) and len(needle) > len(_ARABIC_ARTICLE) + 1:
        # "li-" + "al-Farouq" is written "lil-Farouq": look for the name after a joined "l".
        elided = needle[1:]
        found += [
            (start, end) for start, end in _places(haystack, elided) if haystack[start - 1 : start] == "ل"
        ]
    return sorted({(origins[start], _past_dots(text, origins[end - 1] + 1)) for start, end in found})


def _past_dots(text: str, end: int) -> int:
    """``end`` moved past combining dots (a decomposed "i̇"), so none is left behind alone."""
    while end < len(text) and text[end] == _COMBINING_DOT:
        end += 1
    return end


def _casefolded(text: str) -> tuple[str, list[int]]:
    """``text`` folded and case-folded, with the place in ``text`` of each folded character.

    Case-folding can change a letter's length ("ß" is "ss"), so each letter is folded on its
    own and its place kept: a match found in the folded text is then hidden in the original at
    the letters it came from, and the rest of the text still matches whatever its case.
    Turkish "İ" folds to "i" and a combining dot, which is dropped, as is a combining dot typed
    after an "i": "İstanbul", "i̇stanbul" and "istanbul" are the same.
    """
    folded = _folded(text)
    whole = folded.casefold()
    if len(whole) == len(text) and _COMBINING_DOT not in whole:
        return whole, list(range(len(text)))
    parts: list[str] = []
    origins: list[int] = []
    for index, letter in enumerate(folded):
        part = letter.casefold().replace(_DOTTED_I, "i")
        if part == _COMBINING_DOT and parts and parts[-1].endswith("i"):
            continue  # "i" and a combining dot, typed apart: the same "i"
        parts.append(part)
        origins.extend([index] * len(part))
    return "".join(parts), origins


def _places(haystack: str, needle: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        if _whole_word(haystack, needle, start, end):
            found.append((start, end))
            start = haystack.find(needle, end)
        else:
            start = haystack.find(needle, start + 1)
    return found


def _whole_word(haystack: str, needle: str, start: int, end: int) -> bool:
    """ "Al" must not hide part of "actually": a phrase that starts or ends with a letter or
    digit only matches where the text has no letter or digit right next to it (before an
    Arabic word, only the one-letter words joined to it: see :func:`_joined_to_arabic`).

    Not :func:`voice.screening.scan.whole_word_positions`, on purpose: there an underscore is
    part of a word (as in a regex ``\\w``) and both sides are always checked, while here
    "kayla" is found in "@kayla_xo" and "@sam" in "me@sam".
    """
    if needle[0].isalnum() and start > 0 and haystack[start - 1].isalnum():
        if not _joined_to_arabic(haystack, needle, start):
            return False
    return not (needle[-1].isalnum() and end < len(haystack) and haystack[end].isalnum())


def _joined_to_arabic(haystack: str, needle: str, start: int) -> bool:
    """An Arabic word preceded only by up to three one-letter words joined to it (وبـ، فلـ)."""
    if not "\u0600" <= needle[0] <= "\u06ff":
        return False
    prefix_start = start
    while prefix_start > 0 and haystack[prefix_start - 1].isalnum():
        prefix_start -= 1
    prefix = haystack[prefix_start:start]
    return len(prefix) <= 3 and all(letter in _ARABIC_PROCLITICS for letter in prefix)


async def add_redaction(
    answer: Answer,
    *,
    by: StaffUser,
    now: datetime,
    kind: str,
    reason: str,
    phrase: str = "",
    start: int | None = None,
    end: int | None = None,
) -> list[Redaction]:
    """Add a moderator's redaction: a selected range (start/end) or every match of ``phrase``."""
    if answer.text is None:
        raise ModerationError("The original words have been deleted, so nothing more can be redacted.")
    problems: list[tuple[str | None, str]] = []
    ranges: list[tuple[int, int]] = []
    try:
        ranges = _ranges(answer.text, phrase, start, end)
    except ModerationError as error:
        problems.extend(error.problems())
    if kind not in MODERATOR_KINDS:
        problems.append(("kind", "Choose what kind of detail it is"))
    reason = one_line(reason)
    if not reason:
        problems.append(("reason", "Give a reason for the redaction"))
    elif len(reason) > 200:
        problems.append(("reason", "The reason must be 200 characters or fewer"))
    if problems:
        raise ModerationError.of(problems)
    created = []
    async with in_transaction():
        for begin, finish in ranges:
            suggested = await Redaction.get_or_none(
                answer_id=answer.id, start=begin, end=finish, state=RedactionState.SUGGESTED
            )
            if suggested is not None:  # screening already found these words: accept that instead
                created.append(await decide_redaction(suggested, accept=True, by=by, now=now))
                continue
            redaction = await Redaction.create(
                answer=answer,
                start=begin,
                end=finish,
                kind=kind,
                reason=reason,
                source=RedactionSource.MODERATOR,
                state=RedactionState.ACCEPTED,
                decided_by=by,
                decided_at=now,
            )
            created.append(redaction)
            await record(
                "redaction.added",
                by=by,
                object_type="redaction",
                object_id=redaction.id,
                # The reason may name what was taken out ("her phone number 07700..."), and the
                # log outlives retention: it keeps only that a reason was written (as for case notes).
                after={
                    "answer": answer.id,
                    "start": begin,
                    "end": finish,
                    "kind": kind,
                    "reason": written(reason),
                },
                at=now,
            )
        await refresh_redacted_text(answer)
    return created


def selected_range(text: str, phrase: str, start: int | None, end: int | None) -> tuple[int, int] | None:
    """The selection ``start``-``end`` in ``text`` (in characters, that is code points) if it
    holds ``phrase``, else None (then the typed words are used).

    A browser counts UTF-16 code units, where an emoji is two: offsets that hold the phrase
    only when read that way are converted, so a selection after an emoji hides what was selected.
    """
    if start is None or end is None or not 0 <= start < end:
        return None
    wanted = phrase.strip()
    if text[start:end].strip() == wanted:
        return start, end
    units = text.encode("utf-16-le")
    if 2 * end > len(units):
        return None
    try:
        before = units[: 2 * start].decode("utf-16-le")
        chosen = units[2 * start : 2 * end].decode("utf-16-le")
    except UnicodeDecodeError:  # the offsets split an emoji in two
        return None
    if chosen.strip() != wanted:
        return None
    return len(before), len(before) + len(chosen)


def _ranges(text: str, phrase: str, start: int | None, end: int | None) -> list[tuple[int, int]]:
    if start is not None and end is not None:
        if not 0 <= start < end <= len(text):
            raise ModerationError("Select some words from the original text", field="phrase")
        # The form says every place the words appear is hidden: the selection, and every other
        # place its words appear as whole words. Not for a stray character or punctuation alone
        # ("." would hide every full stop), and trimmed, so "Sam " is not hidden twice.
        chosen = text[start:end]
        trimmed = chosen.strip()
        if len(trimmed) < 2 or not any(letter.isalnum() for letter in trimmed):
            return [(start, end)]
        first = start + (len(chosen) - len(chosen.lstrip()))
        return sorted({(first, first + len(trimmed)), *find_phrase(text, trimmed)})
    if not phrase.strip():
        raise ModerationError("Enter the words to redact, exactly as they appear", field="phrase")
    found = find_phrase(text, phrase)
    if not found:
        raise ModerationError(
            "Those words are not in this answer as whole words. Copy them exactly, from the start "
            "of a word to the end of one, or select them in the original words.",
            field="phrase",
        )
    return found


# ------------------------------------------------------------------ themes and notes


async def set_language(
    contribution: Contribution, language: str, languages: Sequence[str], *, by: StaffUser, now: datetime
) -> bool:
    """Correct the language the words are in (a takeover batch has one language for every
    comment, and an Urdu comment may be in an English batch). Figures by language, the queue's
    filter and the ``lang`` of quotes follow it. False when it was that language already."""
    if language not in languages:
        raise ModerationError("Choose the language the words are in", field="language")
    before = contribution.language
    if language == before:
        return False
    await Contribution.filter(id=contribution.id).update(language=language)
    contribution.language = language
    await record(
        "contribution.language_changed",
        by=by,
        object_type="contribution",
        object_id=contribution.id,
        before={"language": before},
        after={"language": language},
        at=now,
    )
    return True


async def add_note(contribution: Contribution, *, by: StaffUser, now: datetime, body: str) -> ModeratorNote:
    body = lines(body)
    if not body:
        raise ModerationError("Enter a note", field="note-body")
    if len(body) > MAX_NOTE_LENGTH:
        raise ModerationError(f"The note must be {MAX_NOTE_LENGTH} characters or fewer", field="note-body")
    # The same note from the same person a moment ago is a double click, not a second note.
    repeat = await ModeratorNote.filter(
        contribution_id=contribution.id, author_id=by.id, body=body, created_at__gte=now - REPEAT_WINDOW
    ).first()
    if repeat is not None:
        return repeat
    note = await ModeratorNote.create(contribution=contribution, author=by, body=body, created_at=now)
    await record(
        "contribution.note_added",
        by=by,
        object_type="contribution",
        object_id=contribution.id,
        after={"note": note.id},
        at=now,
    )
    return note


def clean_theme_name(name: str) -> str:
    cleaned = visible_or_empty(" ".join(unicodedata.normalize("NFC", clean_text(name)).split()))
    if len(cleaned) > MAX_THEME_LENGTH:
        raise ModerationError(
            f"A theme name must be {MAX_THEME_LENGTH} characters or fewer", field="new-theme"
        )
    return cleaned


async def _same_name(cleaned: str) -> Theme | None:
    """A theme whose name is ``cleaned`` in any case, in any script ("CAFÉ" is "Café"); the
    databases' own case-blind match knows only English letters. Themes are few."""
    wanted = cleaned.casefold()
    for theme in await Theme.all().order_by("id"):
        if unicodedata.normalize("NFC", theme.name).casefold() == wanted:
            return theme
    return None


async def theme_named(name: str, *, by: StaffUser, now: datetime) -> Theme:
    """The theme with this name (any case), made on the spot if it does not exist."""
    cleaned = clean_theme_name(name)
    if not cleaned:
        raise ModerationError("Enter a theme name", field="new-theme")
    existing = await Theme.filter(name__iexact=cleaned).first() or await _same_name(cleaned)
    if existing is not None:
        return existing
    theme = await Theme.create(name=cleaned, created_at=now)
    await record(
        "theme.created",
        by=by,
        object_type="theme",
        object_id=theme.id,
        after={"name": cleaned},
        at=now,
    )
    return theme


async def set_themes(
    contribution: Contribution, theme_ids: Iterable[int], *, by: StaffUser, now: datetime
) -> list[str]:
    """Make the contribution's themes exactly ``theme_ids``; returns the names now set."""
    wanted = await Theme.filter(id__in=list(theme_ids))
    current = await contribution.themes.all()
    before = sorted(theme.name for theme in current)
    after = sorted(theme.name for theme in wanted)
    if before == after:
        return after
    await contribution.themes.clear()
    if wanted:
        await contribution.themes.add(*wanted)
    await record(
        "contribution.themes_set",
        by=by,
        object_type="contribution",
        object_id=contribution.id,
        before={"themes": before},
        after={"themes": after},
        at=now,
    )
    return after


async def change_themes(
    contribution: Contribution,
    *,
    shown: Iterable[int],
    ticked: Iterable[int],
    by: StaffUser,
    now: datetime,
) -> list[str]:
    """Apply only what the moderator changed on the themes form; returns the names now set.

    ``shown`` are the themes the page showed ticked, ``ticked`` those ticked when it was sent.
    Themes ticked that were not shown are added, themes shown that are no longer ticked are
    removed, and anything else stays as it is now, so a theme someone else added since the page
    was opened (one at a time or in bulk) is kept.
    """
    shown_ids, ticked_ids = set(shown), set(ticked)
    current = {theme.id for theme in await contribution.themes.all()}
    wanted = (current | (ticked_ids - shown_ids)) - (shown_ids - ticked_ids)
    return await set_themes(contribution, sorted(wanted), by=by, now=now)


async def add_theme(contribution: Contribution, theme: Theme, *, by: StaffUser, now: datetime) -> bool:
    """Tag with one more theme (bulk tagging); False if it already had it."""
    current = [t.id for t in await contribution.themes.all()]
    if theme.id in current:
        return False
    await set_themes(contribution, [*current, theme.id], by=by, now=now)
    return True


# ------------------------------------------------------------------ reading


async def view_original(contribution: Contribution, *, by: StaffUser, now: datetime) -> None:
    """Every view of someone's original words is in the audit log."""
    await record(
        "contribution.original_viewed",
        by=by,
        object_type="contribution",
        object_id=contribution.id,
        at=now,
    )


async def view_contact(contribution: Contribution, *, by: StaffUser, now: datetime) -> None:
    """Every showing of the contact details someone left to hear back is in the audit log."""
    await record(
        "contribution.contact_viewed",
        by=by,
        object_type="contribution",
        object_id=contribution.id,
        at=now,
    )


# ------------------------------------------------------------------ bulk


class BulkAction:
    APPROVE_COUNTED = "approve_counted"
    TAG = "tag"
    REJECT_SPAM = "reject_spam"


#: Why a bulk action skipped a contribution (each skipped one has one of these, or the
#: message of the error that stopped it).
SKIP_DECIDED = "It was already decided."
SKIP_WITHDRAWN = "It was withdrawn."
SKIP_HAS_THEME = "It already had that theme."
SKIP_CHANGED = "It changed after your page showed it."
SKIP_UNSEEN = "Your page did not show its decision."
SKIP_GONE = "It is no longer there."

#: How the result names each group of skipped contributions.
SKIP_GROUPS: dict[str, str] = {
    SKIP_DECIDED: "Already decided",
    OPEN_CASE_MESSAGE: "Open safeguarding case, open each to decide",
    SKIP_WITHDRAWN: "Withdrawn",
    SKIP_HAS_THEME: "Already had that theme",
    SKIP_CHANGED: "Changed after your page showed it, open each to check",
    SKIP_UNSEEN: "Not shown on your page, open each to check",
    SKIP_GONE: "No longer there (deleted)",
}

#: The most contribution numbers a bulk result names in one group (the rest are counted).
MAX_IDS_PER_GROUP = 25


@dataclass
class BulkResult:
    done: list[int]
    skipped: list[tuple[int, str]]

    def summary(self, selected: int) -> str:
        """What happened, for the queue's notice: every skipped contribution, grouped by why
        ("Already decided: 8, 11. Open safeguarding case, open each to decide: 2, 10.")."""
        parts = [f"Done for {len(self.done)} of {selected} selected."]
        groups: dict[str, list[int]] = {}
        for ident, why in self.skipped:
            groups.setdefault(why, []).append(ident)
        for why, idents in groups.items():
            label = SKIP_GROUPS.get(why, why.rstrip("."))
            named = ", ".join(str(ident) for ident in idents[:MAX_IDS_PER_GROUP])
            if len(idents) > MAX_IDS_PER_GROUP:
                named += f" and {len(idents) - MAX_IDS_PER_GROUP} more"
            parts.append(f"{label}: {named}.")
        return " ".join(parts)


async def bulk(
    action: str,
    ids: Iterable[int],
    *,
    by: StaffUser,
    now: datetime,
    theme: Theme | None = None,
    seen: Mapping[int, str] | None = None,
) -> BulkResult:
    """Apply one action to each selected contribution; each is audited on its own.

    ``seen``: the decision each row of the moderator's page showed (:func:`decision_mark`), by
    id. Approving or rejecting one that changed since is skipped, so a bulk action never undoes
    a colleague's decision (say, "Put it back in review") the moderator did not see; so is one
    the page did not show a decision for. ``None``: a caller with no page (no check).
    Contributions no longer there (deleted meanwhile) are named as skipped too.
    """
    marks = seen or {}
    result = BulkResult(done=[], skipped=[])
    chosen = sorted(set(ids))
    # Approving or rejecting many at once must not sweep past a possible disclosure.
    guarded = await _with_open_case(chosen) if action != BulkAction.TAG else set()
    found = await Contribution.filter(id__in=chosen).order_by("id")
    there = {contribution.id for contribution in found}
    result.skipped += [(ident, SKIP_GONE) for ident in chosen if ident not in there]
    for contribution in found:
        if contribution.id in guarded:
            result.skipped.append((contribution.id, OPEN_CASE_MESSAGE))
            continue
        if seen is not None and action != BulkAction.TAG and not marks.get(contribution.id):
            result.skipped.append((contribution.id, SKIP_UNSEEN))
            continue
        try:
            changed = await _bulk_one(
                action, contribution, by=by, now=now, theme=theme, seen=marks.get(contribution.id, "")
            )
        except DecidedMeanwhile:
            result.skipped.append((contribution.id, SKIP_CHANGED))
            continue
        except TransitionError as exc:
            result.skipped.append(
                (contribution.id, SKIP_WITHDRAWN if exc.current is Status.WITHDRAWN else SKIP_DECIDED)
            )
            continue
        except (ModerationError, ValueError) as exc:
            result.skipped.append((contribution.id, str(exc)))
            continue
        if changed:
            result.done.append(contribution.id)
        else:
            result.skipped.append((contribution.id, SKIP_HAS_THEME))
    return result


async def _with_open_case(contribution_ids: list[int]) -> set[int]:
    found: list[Any] = list(
        await SafeguardingCase.filter(contribution_id__in=contribution_ids)
        .exclude(status=CaseStatus.CLOSED)
        .values_list("contribution_id", flat=True)
    )
    return {int(value) for value in found if value is not None}


async def _bulk_one(
    action: str, contribution: Contribution, *, by: StaffUser, now: datetime, theme: Theme | None, seen: str
) -> bool:
    if action == BulkAction.APPROVE_COUNTED:
        await approve(contribution, by=by, now=now, counted=True, quotable=False, seen=seen)
        return True
    if action == BulkAction.REJECT_SPAM:
        await reject(contribution, by=by, now=now, reason=RejectionReason.SPAM, note="", seen=seen)
        return True
    if action == BulkAction.TAG and theme is not None:
        return await add_theme(contribution, theme, by=by, now=now)
    raise ModerationError("Choose an action")
