"""Consultations staff write: details, an ordered list of questions in many languages, the area list.

Services take plain values and model objects, never a request, and audit every change
they make (``actor`` is the member of staff). A problem with what staff typed raises
:class:`Invalid`; each problem's key names the form field at fault (``"slug"``,
``"title_en"``, ``"options-2-label_en"``), so a route can show it next to that field.

Question options keep the shape the public journey reads:
``{"value": str, "label": {locale: text}, "emoji": str | None}``. An option's value never
changes once made, so answers already given keep their meaning when the words change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.audit.services import fingerprint, record
from voice.clock import REPEAT_WINDOW, UK
from voice.feedback.journey import ABOUT_YOU, AGE_BANDS
from voice.feedback.models import (
    Answer,
    Area,
    Audience,
    Consultation,
    Contribution,
    JourneyDraft,
    Question,
    QuestionKind,
    Respondent,
)
from voice.ordering import Direction, swapped
from voice.problems import Invalid, NotAllowed, Problem, clean_text, one_line, too_long, visible_or_empty

#: Dates staff pick are days in Leeds: a consultation opens at the start of its first day
#: and closes at the end of its last day, local time.
LOCAL_TZ = UK

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AREA_CODE_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
SLUG_MAX = 80
TITLE_MAX = 200
INTRO_MAX = 2000
PROMPT_MAX = 300
HINT_MAX = 500
LABEL_MAX = 120
AREA_NAME_MAX = 80
AREA_CODE_MAX = 40
#: Contribution.age_band holds 16 characters.
AGE_BAND_VALUE_MAX = 16
OPTION_VALUE_MAX = 40
MAX_ANSWER_LENGTH = 10000
DEFAULT_ANSWER_LENGTH = 2000
MIN_OPTIONS = 2

AUDIENCE_LABELS: dict[Audience, str] = {
    Audience.YOUNG_PEOPLE: "Young people",
    Audience.PARENTS_CARERS: "Parents and carers",
    Audience.BOTH: "Both young people and parents or carers",
}

KIND_LABELS: dict[QuestionKind, str] = {
    QuestionKind.FREE_TEXT: "Free text",
    QuestionKind.SINGLE_CHOICE: "Single choice",
    QuestionKind.MULTIPLE_CHOICE: "Multiple choice",
    QuestionKind.RATING: "Rating (worded options)",
    QuestionKind.AGE_BAND: "About you: age band",
    QuestionKind.AREA: "About you: area",
    QuestionKind.RESPONDENT: "About you: who is answering",
}

KIND_HINTS: dict[QuestionKind, str] = {
    QuestionKind.FREE_TEXT: "People write their answer in their own words.",
    QuestionKind.SINGLE_CHOICE: "People choose one option.",
    QuestionKind.MULTIPLE_CHOICE: "People choose all the options that apply.",
    QuestionKind.RATING: "People choose one worded option, like Very safe. A face can decorate each.",
    QuestionKind.AGE_BAND: "Always optional. Comes with age bands you can change.",
    QuestionKind.AREA: "Always optional. The options are the area list.",
    QuestionKind.RESPONDENT: "Always optional. A young person, a parent or carer, or a professional.",
}

#: Kinds whose options staff write themselves.
WRITTEN_OPTIONS = frozenset(
    {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.RATING, QuestionKind.AGE_BAND}
)

#: Faces a rating option may carry, as decoration beside its words (never instead of them).
FACES: tuple[tuple[str, str], ...] = (
    ("😀", "Very happy face"),
    ("🙂", "Happy face"),
    ("😐", "Neutral face"),
    ("🙁", "Sad face"),
    ("😟", "Worried face"),
    ("😢", "Crying face"),
)

# Default wording for the "about you" questions. Translations other than English are marked
# for review by a native speaker, like the rest of Voice's translations.
DEFAULT_PROMPTS: dict[QuestionKind, dict[str, str]] = {
    QuestionKind.AGE_BAND: {
        "en": "How old are you?",
        "ur": "آپ کی عمر کیا ہے؟",
        "pl": "Ile masz lat?",
        "ar": "كم عمرك؟",
        "ro": "Câți ani ai?",
    },
    QuestionKind.AREA: {
        "en": "Which area do you live in?",
        "ur": "آپ کس علاقے میں رہتے ہیں؟",
        "pl": "W jakiej okolicy mieszkasz?",
        "ar": "في أي منطقة تعيش؟",
        "ro": "În ce zonă locuiești?",
    },
    QuestionKind.RESPONDENT: {
        "en": "Who is answering these questions?",
        "ur": "ان سوالوں کے جواب کون دے رہا ہے؟",
        "pl": "Kto odpowiada na te pytania?",
        "ar": "من يجيب عن هذه الأسئلة؟",
        "ro": "Cine răspunde la aceste întrebări?",
    },
}


#: Who is answering. The values are :class:`Respondent`'s, so the answer lands on the contribution.
RESPONDENT_OPTIONS: tuple[dict[str, Any], ...] = (
    {
        "value": Respondent.YOUNG_PERSON.value,
        "label": {
            "en": "A young person",
            "ur": "ایک نوجوان",
            "pl": "Młoda osoba",
            "ar": "شاب أو شابة",
            "ro": "O persoană tânără",
        },
    },
    {
        "value": Respondent.PARENT_CARER.value,
        "label": {
            "en": "A parent or carer",
            "ur": "والدین یا دیکھ بھال کرنے والا",
            "pl": "Rodzic lub opiekun",
            "ar": "أحد الوالدين أو مقدم رعاية",
            "ro": "Un părinte sau un îngrijitor",
        },
    },
    {
        "value": Respondent.PROFESSIONAL.value,
        "label": {
            "en": "A professional, answering for someone",
            "ur": "کسی کی طرف سے جواب دینے والا پیشہ ور",
            "pl": "Specjalista odpowiadający w czyimś imieniu",
            "ar": "مختص يجيب نيابة عن شخص ما",
            "ro": "Un profesionist care răspunde în numele cuiva",
        },
    },
)


def clean_texts(values: dict[str, str]) -> dict[str, str]:
    """Per-language text without surrounding spaces; languages left empty, or with only
    characters that show nothing, are dropped."""
    cleaned = {
        code: visible_or_empty(clean_text(text).strip().replace("\r\n", "\n"))
        for code, text in values.items()
    }
    return {code: text for code, text in cleaned.items() if text}


def _required_locale(locales: Sequence[str]) -> str:
    return "en" if "en" in locales or not locales else locales[0]


# --- dates and status ------------------------------------------------------


def day_start(day: date) -> datetime:
    """The first moment of ``day`` in Leeds, in UTC."""
    return datetime.combine(day, time.min, LOCAL_TZ).astimezone(UTC)


def opens_on(consultation: Consultation) -> date | None:
    if consultation.opens_at is None:
        return None
    return consultation.opens_at.astimezone(LOCAL_TZ).date()


def closes_on(consultation: Consultation) -> date | None:
    """The last day people can answer."""
    if consultation.closes_at is None:
        return None
    return (consultation.closes_at - timedelta(microseconds=1)).astimezone(LOCAL_TZ).date()


class ConsultationStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    #: Its dates say open, but it has no question, so nobody can answer it (nor is it listed).
    NOT_READY = "not_ready"
    OPEN = "open"
    CLOSED = "closed"


STATUS_LABELS: dict[ConsultationStatus, str] = {
    ConsultationStatus.DRAFT: "Draft",
    ConsultationStatus.SCHEDULED: "Scheduled",
    ConsultationStatus.NOT_READY: "Not ready: add a question",
    ConsultationStatus.OPEN: "Open",
    ConsultationStatus.CLOSED: "Closed",
}

STATUS_HINTS: dict[ConsultationStatus, str] = {
    ConsultationStatus.DRAFT: "Not open yet and has no questions",
    ConsultationStatus.SCHEDULED: "Opens on its opening date",
    ConsultationStatus.NOT_READY: (
        "Its dates have come, but young people cannot answer it until it has a question, "
        "so it is not on the home page"
    ),
    ConsultationStatus.OPEN: "People can answer now",
    ConsultationStatus.CLOSED: "Its closing date has passed",
}


def status_of(consultation: Consultation, question_count: int, now: datetime) -> ConsultationStatus:
    """From the dates: closed after it closes, open between the dates (or with none), else
    scheduled; but without questions, draft before its dates and not ready within them, as
    nobody can answer it (the home page lists only consultations with a question)."""
    if consultation.closes_at is not None and consultation.closes_at <= now:
        return ConsultationStatus.CLOSED
    if consultation.opens_at is not None and consultation.opens_at > now:
        return ConsultationStatus.SCHEDULED if question_count else ConsultationStatus.DRAFT
    return ConsultationStatus.OPEN if question_count else ConsultationStatus.NOT_READY


@dataclass(frozen=True)
class ConsultationRow:
    consultation: Consultation
    status: ConsultationStatus
    questions: int
    contributions: int


async def _counts(model: type[Question] | type[Contribution], ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = (
        await model.filter(consultation_id__in=ids)
        .annotate(n=Count("id"))
        .group_by("consultation_id")
        .values("consultation_id", "n")
    )
    return {int(row["consultation_id"]): int(row["n"]) for row in rows}


async def consultation_rows(now: datetime) -> list[ConsultationRow]:
    """Every consultation with its status and counts, newest first, the standing one last."""
    consultations = await Consultation.all().order_by("is_standing", "-id")
    ids = [item.id for item in consultations]
    questions = await _counts(Question, ids)
    contributions = await _counts(Contribution, ids)
    return [
        ConsultationRow(
            consultation=item,
            status=status_of(item, questions.get(item.id, 0), now),
            questions=questions.get(item.id, 0),
            contributions=contributions.get(item.id, 0),
        )
        for item in consultations
    ]


async def contribution_count(consultation: Consultation) -> int:
    return await Contribution.filter(consultation_id=consultation.id).count()


# --- consultations ---------------------------------------------------------


@dataclass(frozen=True)
class ConsultationIn:
    """What staff typed. ``None`` where nothing (or nothing readable) was given."""

    slug: str
    title: dict[str, str]
    intro: dict[str, str]
    audience: Audience | None
    opens_on: date | None
    closes_on: date | None
    languages: tuple[str, ...]


@dataclass(frozen=True)
class CleanConsultation:
    slug: str
    title: dict[str, str]
    intro: dict[str, str]
    audience: Audience
    #: None only for the standing consultation, which is always open.
    opens_on: date | None
    closes_on: date | None
    languages: tuple[str, ...]


def consultation_snapshot(consultation: Consultation) -> dict[str, Any]:
    """What the audit log keeps of a consultation."""
    return {
        "slug": consultation.slug,
        "title": dict(consultation.title),
        "intro": dict(consultation.intro),
        "audience": Audience(consultation.audience).value,
        "opens_at": consultation.opens_at.isoformat() if consultation.opens_at else None,
        "closes_at": consultation.closes_at.isoformat() if consultation.closes_at else None,
        "languages": list(consultation.languages),
    }


def consultation_fingerprint(consultation: Consultation) -> str:
    """A short digest of a consultation's details: its edit page carries it, so a save made from
    a page opened before someone else's save is caught rather than put back over theirs."""
    return fingerprint(consultation_snapshot(consultation))


#: The problem of an edit page opened before someone else saved the consultation's details.
STALE_CONSULTATION: Problem = (
    "stale",
    "Someone else saved this consultation's details after you opened this page. Your changes below "
    "are not saved. To see theirs, open the consultation in a new tab. To keep yours instead, "
    "press Save again.",
)


def fixed_address_message(slug: str) -> str:
    return (
        "The web address cannot change once a consultation has opened or has answers: people may have "
        f"its link or QR code. It is still /c/{slug}"
    )


async def address_is_fixed(consultation: Consultation, now: datetime) -> bool:
    """Whether people may already have the consultation's web address, so it must never change:
    once it has opened (a standing one always has) or anyone has answered it. Young people keep
    links and QR codes from posters; a changed address would send them to "Page not found"."""
    if consultation.opens_at is None or consultation.opens_at <= now:
        return True
    if await Contribution.filter(consultation_id=consultation.id).exists():
        return True
    return await _has_been_open(consultation)


async def _has_been_open(consultation: Consultation) -> bool:
    """Whether it was open when someone changed it: its opening date was moved back into the
    future after it had opened. The audit log keeps each change's details from before it."""
    changes = await AuditEvent.filter(
        action="consultation.updated", object_type="consultation", object_id=str(consultation.id)
    ).values("at", "before")
    for change in changes:
        opened = (change["before"] or {}).get("opens_at")
        if opened is not None and datetime.fromisoformat(opened) <= change["at"]:
            return True
    return False


async def check_consultation(
    data: ConsultationIn,
    locales: Sequence[str],
    exclude_id: int | None = None,
    standing: bool = False,
    keep_slug: str | None = None,
) -> CleanConsultation:
    """The cleaned values, or :class:`Invalid` with every problem found.

    The ``standing`` consultation is always open: it has no dates, and any given are ignored.
    ``keep_slug`` is the web address of a consultation whose address is fixed
    (:func:`address_is_fixed`): any other is refused.
    """
    problems: list[Problem] = []
    slug = data.slug.strip().lower()
    if keep_slug is not None and slug != keep_slug:
        problems.append(("slug", fixed_address_message(keep_slug)))
    elif not slug:
        problems.append(("slug", "Enter a web address"))
    elif long := too_long("slug", slug, SLUG_MAX, "The web address"):
        problems += long
    elif not SLUG_RE.match(slug):
        problems.append(
            (
                "slug",
                "The web address can only have lower-case letters, numbers and hyphens, like feeling-safe",
            )
        )
    else:
        taken = Consultation.filter(slug=slug)
        if exclude_id is not None:
            taken = taken.exclude(id=exclude_id)
        if await taken.exists():
            problems.append(("slug", "Another consultation already uses this web address"))
    title = clean_texts({code: text for code, text in data.title.items() if code in locales})
    intro = clean_texts({code: text for code, text in data.intro.items() if code in locales})
    required = _required_locale(locales)
    for code in locales:
        if code == required and code not in title:
            problems.append(
                (f"title_{code}", "Enter a title in English" if code == "en" else "Enter a title")
            )
        problems += too_long(f"title_{code}", title.get(code, ""), TITLE_MAX, "The title")
    for code in locales:
        problems += too_long(f"intro_{code}", intro.get(code, ""), INTRO_MAX, "The introduction")
    if data.audience is None:
        problems.append(("audience", "Choose who the consultation is for"))
    opens, closes = (None, None) if standing else (data.opens_on, data.closes_on)
    if opens is None and not standing:
        problems.append(("opens_on", "Enter the date it opens"))
    if closes is None and not standing:
        problems.append(("closes_on", "Enter the date it closes"))
    if opens is not None and closes is not None and closes < opens:
        problems.append(("closes_on", "The closing date must be the same as or after the opening date"))
    languages = tuple(code for code in locales if code in data.languages)
    if not languages:
        problems.append(("languages", "Choose at least one language"))
    if problems or data.audience is None:
        raise Invalid(problems)
    return CleanConsultation(
        slug=slug,
        title=title,
        intro=intro,
        audience=data.audience,
        opens_on=opens,
        closes_on=closes,
        languages=languages,
    )


def _apply(consultation: Consultation, data: CleanConsultation) -> None:
    consultation.slug = data.slug
    consultation.title = data.title
    consultation.intro = data.intro
    consultation.audience = data.audience
    consultation.opens_at = day_start(data.opens_on) if data.opens_on else None
    consultation.closes_at = day_start(data.closes_on + timedelta(days=1)) if data.closes_on else None
    consultation.languages = list(data.languages)


async def create_consultation(data: ConsultationIn, actor: StaffUser, locales: Sequence[str]) -> Consultation:
    """Create a consultation. The same form sent again by the same person within
    ``REPEAT_WINDOW`` (a double click without JavaScript, a retried request) gives the one the
    first sending made, rather than "Another consultation already uses this web address"."""
    earlier = await _just_created(data, actor, locales)
    if earlier is not None:
        return earlier
    cleaned = await check_consultation(data, locales)
    consultation = Consultation(created_by=actor)
    _apply(consultation, cleaned)
    try:
        async with in_transaction():
            await consultation.save()
            await record(
                "consultation.created",
                by=actor,
                object_type="consultation",
                object_id=consultation.id,
                after=consultation_snapshot(consultation),
            )
    except IntegrityError:
        earlier = await _just_created(data, actor, locales)  # sent twice at the same moment
        if earlier is not None:
            return earlier
        raise Invalid([("slug", "Another consultation already uses this web address")]) from None
    return consultation


async def _just_created(
    data: ConsultationIn, actor: StaffUser, locales: Sequence[str]
) -> Consultation | None:
    """The consultation ``actor`` created a moment ago from these very details, if any."""
    existing = await Consultation.get_or_none(slug=data.slug.strip().lower())
    if existing is None:
        return None
    try:
        cleaned = await check_consultation(data, locales, exclude_id=existing.id)
    except Invalid:
        return None
    probe = Consultation()
    _apply(probe, cleaned)
    if consultation_snapshot(probe) != consultation_snapshot(existing):
        return None
    made_now = await AuditEvent.filter(
        action="consultation.created",
        object_type="consultation",
        object_id=str(existing.id),
        actor_id=actor.id,
        at__gte=datetime.now(UTC) - REPEAT_WINDOW,
    ).exists()
    return existing if made_now else None


async def why_not_deletable(consultation: Consultation) -> str:
    """Empty when ``consultation`` may be deleted: made by mistake (a test, a mistyped web
    address), nobody has answered it and nobody is answering it now; otherwise why not."""
    if consultation.is_standing:
        return "It is the standing consultation, “Tell us anything”, which is always open."
    if await Contribution.exists(consultation_id=consultation.id):
        return (
            "People have answered it. What they said stays as evidence that they were heard: "
            "to stop more answers, change its closing date instead."
        )
    if await JourneyDraft.exists(consultation_id=consultation.id):
        return (
            "Someone is answering it now, so deleting it would lose what they have typed. "
            "Change its closing date to stop new answers, then delete it once nobody is answering."
        )
    return ""


async def delete_consultation(consultation: Consultation, actor: StaffUser) -> None:
    """Delete a consultation made by mistake, with its questions. Refused (:class:`NotAllowed`)
    when :func:`why_not_deletable` says why; audited as ``consultation.deleted``."""
    async with in_transaction():
        why_not = await why_not_deletable(consultation)
        if why_not:
            raise NotAllowed(why_not)
        questions = await Question.filter(consultation_id=consultation.id).count()
        before = {**consultation_snapshot(consultation), "questions": questions}
        await Consultation.filter(id=consultation.id).delete()
        await record(
            "consultation.deleted",
            by=actor,
            object_type="consultation",
            object_id=consultation.id,
            before=before,
        )


async def update_consultation(
    consultation: Consultation,
    data: ConsultationIn,
    actor: StaffUser,
    locales: Sequence[str],
    *,
    now: datetime,
    seen: str = "",
) -> Consultation:
    """Save changed details; the web address only while nobody can have it yet (:func:`address_is_fixed`).

    ``seen``: the :func:`consultation_fingerprint` of the page the changes were made on ("" for
    none). If someone saved the details since, nothing is saved (:data:`STALE_CONSULTATION`),
    unless what was sent is what is there now (the same save sent twice: a double click)."""
    fixed = await address_is_fixed(consultation, now)
    stale = bool(seen) and seen != consultation_fingerprint(consultation)
    try:
        cleaned = await check_consultation(
            data,
            locales,
            exclude_id=consultation.id,
            standing=consultation.is_standing,
            keep_slug=consultation.slug if fixed else None,
        )
    except Invalid as invalid:
        raise Invalid(([STALE_CONSULTATION] if stale else []) + list(invalid.problems)) from None
    before = consultation_snapshot(consultation)
    if stale:
        probe = copy(consultation)
        _apply(probe, cleaned)
        if consultation_snapshot(probe) != before:
            raise Invalid([STALE_CONSULTATION])
        return consultation  # saved already, as sent
    _apply(consultation, cleaned)
    after = consultation_snapshot(consultation)
    if before == after:
        return consultation
    try:
        async with in_transaction():
            await consultation.save()
            await record(
                "consultation.updated",
                by=actor,
                object_type="consultation",
                object_id=consultation.id,
                before=before,
                after=after,
                at=now,
            )
    except IntegrityError:
        raise Invalid([("slug", "Another consultation already uses this web address")]) from None
    return consultation


# --- questions -------------------------------------------------------------


@dataclass(frozen=True)
class OptionIn:
    """One option row from the question form. ``value`` is empty for a new option."""

    value: str = ""
    label: dict[str, str] = field(default_factory=dict)
    emoji: str = ""
    remove: bool = False


@dataclass(frozen=True)
class QuestionIn:
    kind: QuestionKind
    prompt: dict[str, str]
    hint: dict[str, str] = field(default_factory=dict)
    required: bool = False
    max_length: int = DEFAULT_ANSWER_LENGTH
    options: tuple[OptionIn, ...] = ()


def consultation_id_of(question: Question) -> int:
    """The question's consultation id (Tortoise sets ``consultation_id``; the model does not declare it)."""
    return int(getattr(question, "consultation_id"))  # noqa: B009


def question_snapshot(question: Question) -> dict[str, Any]:
    """What the audit log keeps of a question."""
    return {
        "position": question.position,
        "kind": QuestionKind(question.kind).value,
        "prompt": dict(question.prompt),
        "hint": dict(question.hint),
        "options": [dict(option) for option in question.options],
        "required": question.required,
        "max_length": question.max_length,
    }


def question_fingerprint(question: Question) -> str:
    """A short digest of a question's wording, options and limits (not its place): an edit
    page carries it, so a save made from a page opened before someone else's save is caught."""
    return fingerprint(
        {key: value for key, value in question_snapshot(question).items() if key != "position"}
    )


def _value_from(label: str, limit: int) -> str:
    """A short, stable value made from an option's English words."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return value[:limit].strip("_")


def _unique(value: str, taken: set[str], limit: int) -> str:
    base = value or "option"
    candidate = base[:limit]
    number = 2
    while candidate in taken:
        suffix = f"_{number}"
        candidate = base[: limit - len(suffix)] + suffix
        number += 1
    return candidate


def default_options(kind: QuestionKind) -> list[dict[str, Any]]:
    """The options a new question of ``kind`` starts with."""
    if kind == QuestionKind.AGE_BAND:
        return [{**option, "label": dict(option["label"]), "emoji": None} for option in AGE_BANDS]
    if kind == QuestionKind.RESPONDENT:
        return [{**option, "label": dict(option["label"]), "emoji": None} for option in RESPONDENT_OPTIONS]
    return []


def build_options(
    kind: QuestionKind, rows: Sequence[OptionIn], existing: Sequence[dict[str, Any]], locales: Sequence[str]
) -> list[dict[str, Any]]:
    """The options to store for a question of ``kind`` from the form's rows.

    Existing options keep their values; new rows get a value made from their English words.
    Blank new rows are ignored; an existing row is dropped only when marked for removal.
    "Who is answering" options have fixed values: only their words change. Raises :class:`Invalid`.
    """
    if kind not in WRITTEN_OPTIONS and kind != QuestionKind.RESPONDENT:
        return []
    required = _required_locale(locales)
    fixed = kind == QuestionKind.RESPONDENT
    # Values already stored, and those of the options a new question starts with.
    known_values = {str(option.get("value")) for option in [*existing, *default_options(kind)]}
    if fixed:
        known_values = {str(option["value"]) for option in RESPONDENT_OPTIONS}
    old_faces = {str(option.get("value")): option.get("emoji") or "" for option in existing}
    faces = {face for face, _name in FACES}
    limit = AGE_BAND_VALUE_MAX if kind == QuestionKind.AGE_BAND else OPTION_VALUE_MAX
    problems: list[Problem] = []
    kept: list[OptionIn] = []
    claimed: set[str] = set()
    said: set[tuple[str, str]] = set()  # (language, words) of the options so far
    for index, row in enumerate(rows):
        label = clean_texts({code: text for code, text in row.label.items() if code in locales})
        # A stored value belongs to one row only: a second row sending it is a new option.
        known = row.value in known_values and row.value not in claimed
        claimed.add(row.value)
        emoji = row.emoji.strip() if kind == QuestionKind.RATING else ""
        if fixed and not known:
            continue  # "who is answering" has exactly its fixed options
        if row.remove and known and not fixed:
            continue
        if not known and not label and not emoji:
            continue  # a blank row
        if required not in label:
            problems.append(
                (f"options-{index}-label_{required}", "Enter the words for this option in English")
            )
        for code, text in label.items():
            problems += too_long(f"options-{index}-label_{code}", text, LABEL_MAX, "Option words")
        if emoji and emoji not in faces and emoji != old_faces.get(row.value):
            problems.append((f"options-{index}-emoji", "Choose a face from the list, or no face"))
        for code, text in label.items():
            words = (code, " ".join(unicodedata.normalize("NFC", text).casefold().split()))
            if words in said:  # two options a young person cannot tell apart
                problems.append((f"options-{index}-label_{code}", "Each option needs different words"))
            said.add(words)
        kept.append(OptionIn(value=row.value if known else "", label=label, emoji=emoji))
    # An existing option missing from the form (not marked for removal) is kept as it was.
    removed = {row.value for row in rows if row.remove}
    for option in existing if not fixed else ():
        value = str(option.get("value"))
        if value not in claimed and value not in removed:
            kept.append(
                OptionIn(value=value, label=dict(option.get("label") or {}), emoji=option.get("emoji") or "")
            )
    if fixed:
        if problems:
            raise Invalid(problems)
        given = {row.value: row.label for row in kept}
        return [
            {
                "value": default["value"],
                "label": given.get(default["value"])
                or {code: text for code, text in default["label"].items() if code in locales},
                "emoji": None,
            }
            for default in RESPONDENT_OPTIONS
        ]
    if len(kept) < MIN_OPTIONS:
        problems.append(("options", f"Give at least {MIN_OPTIONS} options"))
    if problems:
        raise Invalid(problems)
    taken = {row.value for row in kept if row.value}
    options: list[dict[str, Any]] = []
    for row in kept:
        value = row.value
        if not value:
            value = _unique(_value_from(row.label.get(required, ""), limit), taken, limit)
            taken.add(value)
        options.append({"value": value, "label": row.label, "emoji": row.emoji or None})
    return options


async def _about_you_taken(consultation_id: int, kind: QuestionKind, exclude_id: int | None) -> bool:
    query = Question.filter(consultation_id=consultation_id, kind=kind)
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    return await query.exists()


async def available_kinds(consultation: Consultation) -> list[QuestionKind]:
    """Kinds a new question may be: each "about you" question only once per consultation."""
    found: list[Any] = await Question.filter(
        consultation_id=consultation.id, kind__in=list(ABOUT_YOU)
    ).values_list("kind", flat=True)
    present = {str(kind) for kind in found}
    return [kind for kind in QuestionKind if kind not in ABOUT_YOU or kind.value not in present]


@dataclass(frozen=True)
class CleanQuestion:
    prompt: dict[str, str]
    hint: dict[str, str]
    options: list[dict[str, Any]]
    required: bool
    max_length: int


async def check_question(
    consultation_id: int, data: QuestionIn, existing: Question | None, locales: Sequence[str]
) -> CleanQuestion:
    """The values to store, or :class:`Invalid` with every problem found."""
    problems: list[Problem] = []
    kind = data.kind
    required_locale = _required_locale(locales)
    prompt = clean_texts({code: text for code, text in data.prompt.items() if code in locales})
    hint = clean_texts({code: text for code, text in data.hint.items() if code in locales})
    if required_locale not in prompt:
        problems.append((f"prompt_{required_locale}", "Enter the question in English"))
    for code in locales:
        problems += too_long(f"prompt_{code}", prompt.get(code, ""), PROMPT_MAX, "The question")
    for code in locales:
        problems += too_long(f"hint_{code}", hint.get(code, ""), HINT_MAX, "The hint")
    max_length = DEFAULT_ANSWER_LENGTH
    if kind == QuestionKind.FREE_TEXT:
        max_length = data.max_length
        if not 1 <= max_length <= MAX_ANSWER_LENGTH:
            message = f"The longest answer must be between 1 and {MAX_ANSWER_LENGTH} characters"
            problems.append(("max_length", message))
    if kind in ABOUT_YOU and await _about_you_taken(
        consultation_id, kind, existing.id if existing is not None else None
    ):
        problems.append(("kind", f"This consultation already has a question of the kind {KIND_LABELS[kind]}"))
    options: list[dict[str, Any]] = []
    if kind == QuestionKind.AREA:
        options = area_options(await areas_in_order(), locales)
    else:
        try:
            options = build_options(kind, data.options, existing.options if existing else [], locales)
        except Invalid as invalid:
            problems.extend(invalid.problems)
        if existing is not None:
            problems.extend(await _chosen_options_removed(existing, data.options, options))
    if problems:
        raise Invalid(problems)
    return CleanQuestion(
        prompt=prompt,
        hint=hint,
        options=options,
        required=data.required and kind not in ABOUT_YOU,
        max_length=max_length,
    )


async def chosen_values(question: Question) -> set[str]:
    """The option values people have chosen in their answers to ``question``."""
    answers: list[Any] = await Answer.filter(question_id=question.id).values_list("choices", flat=True)
    return {str(value) for choices in answers for value in choices or []}


async def _chosen_options_removed(
    existing: Question, rows: Sequence[OptionIn], options: Sequence[dict[str, Any]]
) -> list[Problem]:
    """A problem for each option marked for removal that someone has already chosen.

    Their answers would lose their meaning; the option's words can still be changed.
    """
    kept = {str(option.get("value")) for option in options}
    removed = {str(option.get("value")) for option in existing.options} - kept
    if not removed:
        return []
    chosen = await chosen_values(existing) & removed
    message = "People have chosen this option, so it cannot be removed. You can change its words instead."
    return [
        (f"options-{index}-remove", message)
        for index, row in enumerate(rows)
        if row.remove and row.value in chosen
    ]


async def add_question(
    consultation: Consultation, data: QuestionIn, actor: StaffUser, locales: Sequence[str]
) -> Question:
    """Add a question at the end of the list.

    The same question added again by the same person within ``REPEAT_WINDOW`` (a double
    click on "Save", or a retried request) is not added twice: the first one is returned.
    """
    clean = await check_question(consultation.id, data, None, locales)
    question: Question | None = None
    for attempt in range(3):
        try:
            async with in_transaction():
                last = await _last_question(consultation.id)
                if last is not None and await just_added(last, data.kind, clean, actor):
                    return last
                question = await Question.create(
                    consultation_id=consultation.id,
                    position=(last.position if last is not None else 0) + 1,
                    kind=data.kind,
                    prompt=clean.prompt,
                    hint=clean.hint,
                    options=clean.options,
                    required=clean.required,
                    max_length=clean.max_length,
                )
                await record(
                    "question.created",
                    by=actor,
                    object_type="question",
                    object_id=question.id,
                    after={"consultation_id": consultation.id, **question_snapshot(question)},
                )
            break
        except IntegrityError:  # someone else added a question at the same moment
            if attempt == 2:
                raise
    assert question is not None
    if data.kind == QuestionKind.AREA:
        await sync_area_questions(locales)
        await question.refresh_from_db()
    return question


async def _last_question(consultation_id: int) -> Question | None:
    return await Question.filter(consultation_id=consultation_id).order_by("-position").first()


async def just_added(
    last: Question, kind: QuestionKind, clean: CleanQuestion | None, actor: StaffUser
) -> bool:
    """``last`` is this very question, added by ``actor`` a moment ago (a double click).

    An "about you" question (one of each per consultation) is the same when its kind is;
    any other when its words, options and settings are (``clean``, if given, is compared).
    """
    if QuestionKind(last.kind) != kind:
        return False
    if kind not in ABOUT_YOU and clean is not None:
        fields_now = (clean.prompt, clean.hint, clean.options, clean.required, clean.max_length)
        if (last.prompt, last.hint, last.options, last.required, last.max_length) != fields_now:
            return False
    return await AuditEvent.filter(
        action="question.created",
        object_type="question",
        object_id=str(last.id),
        actor_id=actor.id,
        at__gte=datetime.now(UTC) - REPEAT_WINDOW,
    ).exists()


async def repeated_about_you(
    consultation: Consultation, kind: QuestionKind, actor: StaffUser
) -> Question | None:
    """The "about you" question of this kind that ``actor`` added a moment ago, if any."""
    if kind not in ABOUT_YOU:
        return None
    last = await _last_question(consultation.id)
    if last is not None and await just_added(last, kind, None, actor):
        return last
    return None


async def update_question(
    question: Question, data: QuestionIn, actor: StaffUser, locales: Sequence[str]
) -> Question:
    """Change a question's words, options and settings. Its kind and position stay."""
    if data.kind != question.kind:
        raise Invalid([("kind", "A question's kind cannot change. Delete it and add a new one.")])
    clean = await check_question(consultation_id_of(question), data, question, locales)
    before = question_snapshot(question)
    question.prompt = clean.prompt
    question.hint = clean.hint
    question.required = clean.required
    question.max_length = clean.max_length
    question.options = clean.options
    after = question_snapshot(question)
    if before != after:
        async with in_transaction():
            await question.save()
            await record(
                "question.updated",
                by=actor,
                object_type="question",
                object_id=question.id,
                before=before,
                after=after,
            )
    if question.kind == QuestionKind.AREA:
        await sync_area_questions(locales)
        await question.refresh_from_db()
    return question


async def answer_count(question: Question) -> int:
    return await Answer.filter(question_id=question.id).count()


async def _renumber(consultation_id: int, ordered_ids: Sequence[int]) -> None:
    """Positions 1..n in ``ordered_ids`` order. Call inside a transaction.

    Two passes, because (consultation, position) is unique: first every question moves
    to a negative position no other question holds, then to its final place.
    """
    for index, question_id in enumerate(ordered_ids, start=1):
        await Question.filter(id=question_id, consultation_id=consultation_id).update(position=-index)
    for index, question_id in enumerate(ordered_ids, start=1):
        await Question.filter(id=question_id, consultation_id=consultation_id).update(position=index)


async def _ordered_ids(consultation_id: int) -> list[int]:
    ids: list[Any] = await (
        Question.filter(consultation_id=consultation_id)
        .order_by("position", "id")
        .values_list("id", flat=True)
    )
    return [int(item) for item in ids]


async def delete_question(question: Question, actor: StaffUser) -> None:
    """Delete a question nobody has answered, and close the gap it leaves."""
    if await answer_count(question):
        raise NotAllowed("People have answered this question, so it cannot be deleted.")
    question_id, consultation_id = question.id, consultation_id_of(question)
    before = {"consultation_id": consultation_id, **question_snapshot(question)}
    async with in_transaction():
        await question.delete()
        await _renumber(consultation_id, await _ordered_ids(consultation_id))
        await record(
            "question.deleted",
            by=actor,
            object_type="question",
            object_id=question_id,
            before=before,
        )


async def move_question(question: Question, direction: Direction, actor: StaffUser) -> bool:
    """Swap a question with the one above or below it. False when it is already at that end."""
    async with in_transaction():
        consultation_id = consultation_id_of(question)
        move = swapped(await _ordered_ids(consultation_id), question.id, direction)
        if move is None:
            return False
        await _renumber(consultation_id, move.ids)
        await record(
            "question.moved",
            by=actor,
            object_type="question",
            object_id=question.id,
            before={"consultation_id": consultation_id, "position": move.was},
            after={"consultation_id": consultation_id, "position": move.now},
        )
    await question.refresh_from_db()
    return True


# --- areas -----------------------------------------------------------------


def area_snapshot(area: Area) -> dict[str, Any]:
    return {"code": area.code, "name": area.name, "position": area.position, "active": area.active}


def area_options(areas: Sequence[Area], locales: Sequence[str]) -> list[dict[str, Any]]:
    """An area question's options: the active areas in order, the name in every language."""
    return [
        {"value": area.code, "label": dict.fromkeys(locales, area.name), "emoji": None}
        for area in areas
        if area.active
    ]


async def areas_in_order() -> list[Area]:
    return await Area.all().order_by("position", "name", "id")


async def sync_area_questions(locales: Sequence[str]) -> int:
    """Give every area question the active area list as its options. Returns how many changed."""
    options = area_options(await areas_in_order(), locales)
    changed = 0
    for question in await Question.filter(kind=QuestionKind.AREA):
        if question.options != options:
            question.options = options
            await question.save(update_fields=["options"])
            changed += 1
    return changed


def area_code_from(name: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:AREA_CODE_MAX].strip("-")


async def _check_area_name(name: str, exclude_id: int | None) -> str:
    name = one_line(name)
    if not name:
        raise Invalid([("name", "Enter the area's name")])
    if long := too_long("name", name, AREA_NAME_MAX, "The name"):
        raise Invalid(long)
    others = await Area.all().values_list("id", "name")
    if any(other_id != exclude_id and other.casefold() == name.casefold() for other_id, other in others):
        raise Invalid([("name", f"There is already an area called {name}")])
    return name


async def add_area(name: str, code: str, actor: StaffUser, locales: Sequence[str]) -> Area:
    """Add an area at the end of the list. ``code`` may be empty: it is made from the name."""
    problems: list[Problem] = []
    try:
        name = await _check_area_name(name, None)
    except Invalid as invalid:
        problems.extend(invalid.problems)
    typed = code.strip().lower()
    code = typed or area_code_from(name)
    if problems and not typed:
        pass  # the name is wrong, so a code made from it is not worth a second message
    elif not code:
        problems.append(("code", "Enter a code, using letters and numbers"))
    elif long := too_long("code", code, AREA_CODE_MAX, "The code"):
        problems += long
    elif not AREA_CODE_RE.match(code):
        problems.append(
            ("code", "The code can only have lower-case letters, numbers, hyphens and underscores")
        )
    elif await Area.filter(code=code).exists():
        problems.append(("code", "Another area already has this code"))
    if problems:
        raise Invalid(problems)
    try:
        async with in_transaction():
            count = await Area.all().count()
            area = await Area.create(code=code, name=name, position=count + 1, active=True)
            await _renumber_areas([item.id for item in await areas_in_order()])
            await area.refresh_from_db()
            await record(
                "area.created",
                by=actor,
                object_type="area",
                object_id=area.id,
                after=area_snapshot(area),
            )
    except IntegrityError:
        raise Invalid([("code", "Another area already has this code")]) from None
    await sync_area_questions(locales)
    return area


async def rename_area(area: Area, name: str, actor: StaffUser, locales: Sequence[str]) -> Area:
    name = await _check_area_name(name, area.id)
    if name == area.name:
        return area
    before = area_snapshot(area)
    area.name = name
    async with in_transaction():
        await area.save(update_fields=["name"])
        await record(
            "area.renamed",
            by=actor,
            object_type="area",
            object_id=area.id,
            before=before,
            after=area_snapshot(area),
        )
    await sync_area_questions(locales)
    return area


async def _renumber_areas(ordered_ids: Sequence[int]) -> None:
    for index, area_id in enumerate(ordered_ids, start=1):
        await Area.filter(id=area_id).update(position=index)


async def move_area(area: Area, direction: Direction, actor: StaffUser, locales: Sequence[str]) -> bool:
    """Swap an area with the one above or below. False when it is already at that end."""
    async with in_transaction():
        move = swapped([item.id for item in await areas_in_order()], area.id, direction)
        if move is None:
            return False
        await _renumber_areas(move.ids)
        await record(
            "area.moved",
            by=actor,
            object_type="area",
            object_id=area.id,
            before={"position": move.was},
            after={"position": move.now},
        )
    await area.refresh_from_db()
    await sync_area_questions(locales)
    return True


async def set_area_active(area: Area, active: bool, actor: StaffUser, locales: Sequence[str]) -> bool:
    """Stop offering an area (answers already given keep it), or offer it again."""
    if area.active == active:
        return False
    before = area_snapshot(area)
    area.active = active
    async with in_transaction():
        await area.save(update_fields=["active"])
        await record(
            "area.reactivated" if active else "area.deactivated",
            by=actor,
            object_type="area",
            object_id=area.id,
            before=before,
            after=area_snapshot(area),
        )
    await sync_area_questions(locales)
    return True
