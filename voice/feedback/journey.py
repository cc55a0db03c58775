"""The public feedback journey: drafts, answer checks, sending, and tracking.

Everything here takes plain values; the routes in :mod:`voice.feedback.routes` stay thin.
Answers in progress live in :class:`JourneyDraft`, found by a SHA-256 hash of a random
token that only the visitor's ``voice_journey`` cookie holds.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError

from voice.feedback import lengths, receipts
from voice.feedback import typed as typed_text
from voice.feedback.intake import AnswerIn, ContributionIn, Submitted, submit
from voice.feedback.models import (
    SLUG_MAX_LENGTH,
    Area,
    Consent,
    Consultation,
    Contribution,
    JourneyDraft,
    Question,
    QuestionKind,
    Respondent,
    ScreeningLevel,
)
from voice.public.services import Localised, localised_with_lang
from voice.web.i18n import gettext
from voice.web.i18n import lazy_gettext as _l

COOKIE = "voice_journey"
#: After Send: which contribution the confirmation page shows again (in another language).
SENT_COOKIE = "voice_sent"
DRAFT_LIFETIME = timedelta(hours=2)
STANDING_SLUG = "tell-us-anything"
ABOUT_YOU = frozenset({QuestionKind.AGE_BAND, QuestionKind.AREA, QuestionKind.RESPONDENT})
CHOICE_KINDS = frozenset(
    {
        QuestionKind.SINGLE_CHOICE,
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.RATING,
        *ABOUT_YOU,
    }
)
MAX_CONTACT_LENGTH = 254
# A name, "@", and a domain of words joined by dots ending in at least two letters; no spaces
# or characters an address cannot have unquoted (<, >, brackets, commas ...). Any script.
_EMAIL = re.compile(r"^[^@\s<>()\[\]\\,;:\"]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}$")
# UK and international forms: "07700 900123", "+44 7700 900123", "(0113) 496 0000", "(+44) 7700…".
_PHONE = re.compile(r"^(?:\+|\(\+?)?[0-9][0-9 ()-]{8,18}[0-9]$")


def _phone_problem(value: str) -> bool:
    """True for a number that cannot be one: too few or too many digits, all one digit, or a UK
    mobile (07..., +44 7...) without exactly its 11 digits (a digit missed or doubled)."""
    digits = "".join(character for character in value if character.isdigit())
    if not 10 <= len(digits) <= 15 or len(set(digits)) == 1:
        return True
    national = digits
    international = value.lstrip("(").startswith("+") or digits.startswith("00")
    digits = digits[2:] if digits.startswith("00") else digits
    if (international or not digits.startswith("0")) and digits.startswith("44"):
        # +44 7700 ..., +44 (0) 7700 ..., 0044 7700 ...: the UK number after the 44
        national = "0" + digits[2:].lstrip("0")
    if national.startswith("07"):
        return len(national) != 11
    return False


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


# --- consultations ---------------------------------------------------------


def is_open(consultation: Consultation, now: datetime) -> bool:
    if consultation.opens_at is not None and consultation.opens_at > now:
        return False
    return consultation.closes_at is None or consultation.closes_at > now


async def find_consultation(slug: str) -> Consultation | None:
    if len(slug) > SLUG_MAX_LENGTH:  # longer than the column: no such consultation
        return None
    return await Consultation.get_or_none(slug=slug)


async def questions_of(consultation: Consultation) -> list[Question]:
    return await Question.filter(consultation_id=consultation.id).order_by("position")


#: Age bands offered by the standing "Tell us anything" consultation, and the default for
#: every new age-band question (voice/consultations).
AGE_BANDS: tuple[dict[str, Any], ...] = (
    {
        "value": "under_11",
        "label": {"en": "Under 11", "ur": "11 سے کم", "pl": "Poniżej 11", "ar": "أقل من 11", "ro": "Sub 11"},
    },
    {
        "value": "11_15",
        "label": {
            "en": "11 to 15",
            "ur": "11 سے 15",
            "pl": "Od 11 do 15",
            "ar": "من 11 إلى 15",
            "ro": "Între 11 și 15",
        },
    },
    {
        "value": "16_18",
        "label": {
            "en": "16 to 18",
            "ur": "16 سے 18",
            "pl": "Od 16 do 18",
            "ar": "من 16 إلى 18",
            "ro": "Între 16 și 18",
        },
    },
    {
        "value": "adult",
        "label": {
            "en": "Over 18",
            "ur": "18 سے زیادہ",
            "pl": "Powyżej 18",
            "ar": "أكثر من 18",
            "ro": "Peste 18",
        },
    },
)


async def standing_consultation() -> Consultation:
    """The "Tell us anything" consultation; made the first time someone asks for it."""
    found = await Consultation.filter(is_standing=True).order_by("id").first()
    if found is not None:
        return found
    consultation = await Consultation.create(
        slug=STANDING_SLUG,
        is_standing=True,
        title={
            "en": "Tell us anything",
            "ur": "ہمیں کچھ بھی بتائیں",
            "pl": "Powiedz nam cokolwiek",
            "ar": "أخبرنا بأي شيء",
            "ro": "Spune-ne orice",
        },
        intro={
            "en": "Tell us about keeping children safe in Leeds.",
            "ur": "لیڈز میں بچوں کو محفوظ رکھنے کے بارے میں ہمیں بتائیں۔",
            "pl": "Powiedz nam, jak dbać o bezpieczeństwo dzieci w Leeds.",
            "ar": "أخبرنا عن حماية الأطفال في ليدز.",
            "ro": "Spune-ne despre siguranța copiilor din Leeds.",
        },
    )
    await Question.create(
        consultation=consultation,
        position=1,
        kind=QuestionKind.FREE_TEXT,
        required=True,
        max_length=2000,
        prompt={
            "en": "What do you want to tell us?",
            "ur": "آپ ہمیں کیا بتانا چاہتے ہیں؟",
            "pl": "Co chcesz nam powiedzieć?",
            "ar": "ماذا تريد أن تخبرنا؟",
            "ro": "Ce vrei să ne spui?",
        },
    )
    await Question.create(
        consultation=consultation,
        position=2,
        kind=QuestionKind.AGE_BAND,
        required=False,
        prompt={
            "en": "How old are you?",
            "ur": "آپ کی عمر کیا ہے؟",
            "pl": "Ile masz lat?",
            "ar": "كم عمرك؟",
            "ro": "Câți ani ai?",
        },
        options=[dict(band) for band in AGE_BANDS],
    )
    return consultation


# --- questions -------------------------------------------------------------


def is_required(question: Question) -> bool:
    """About-you questions are always optional."""
    return question.required and question.kind not in ABOUT_YOU


def is_multiple(question: Question) -> bool:
    return question.kind == QuestionKind.MULTIPLE_CHOICE


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    emoji: str
    #: The language ``label`` is in (another than the page's when it has no translation).
    lang: str = "en"


def options_of(question: Question, locale: str) -> list[Option]:
    options = []
    for item in question.options:
        label = localised_with_lang(item.get("label") or {}, locale)
        value = str(item.get("value", ""))
        options.append(
            Option(
                value=value, label=label.text or value, emoji=str(item.get("emoji") or ""), lang=label.lang
            )
        )
    return options


def choice_words(question: Question | None, choices: Sequence[str], locale: str = "en") -> str:
    """Choices as their options' words, for staff pages ("Not safe", not "not_safe").

    A choice the question no longer offers (or an answer whose question was deleted) keeps
    its stored value, so nothing is hidden.
    """
    if question is None:
        return ", ".join(choices)
    labels = {option.value: option.label for option in options_of(question, locale)}
    return ", ".join(labels.get(choice, choice) for choice in choices)


#: The English words of each standard age band ("11_15" -> "11 to 15"), for staff pages.
AGE_BAND_WORDS: dict[str, str] = {str(band["value"]): str(band["label"]["en"]) for band in AGE_BANDS}


def age_band_words(value: str) -> str:
    return AGE_BAND_WORDS.get(value, value)


#: Who answered, in words, for staff pages.
RESPONDENT_WORDS: dict[str, str] = {
    Respondent.YOUNG_PERSON.value: "A young person",
    Respondent.PARENT_CARER.value: "A parent or carer",
    Respondent.PROFESSIONAL.value: "A professional, for someone",
}


async def about_in_words(contribution: Contribution) -> list[tuple[str, str]]:
    """What a contribution says about who sent it, as (heading, words) rows; none unsaid.
    An area is shown by its name (its code if the area is gone)."""
    area = await Area.get_or_none(code=contribution.area) if contribution.area else None
    rows = [
        ("Age", age_band_words(contribution.age_band)),
        ("Area", area.name if area is not None else contribution.area),
        ("Who answered", RESPONDENT_WORDS.get(str(contribution.respondent), "")),
    ]
    return [(heading, words) for heading, words in rows if words]


@dataclass(frozen=True)
class Checked:
    """One answer after checking: what to keep, and the error to show (if any)."""

    value: dict[str, Any]
    error: str | None = None


def check_answer(question: Question, text: str | None, choices: list[str]) -> Checked:
    """Check what someone sent for ``question``. Nothing they typed is dropped."""
    if question.kind == QuestionKind.FREE_TEXT:
        # NUL is never typed, and PostgreSQL cannot store it in text.
        typed = (text or "").replace("\r\n", "\n").replace("\x00", "")
        kept: dict[str, Any] = {"text": typed}
        if typed_text.looks_blank(typed):
            return Checked(kept, _l("Write your answer") if is_required(question) else None)
        if lengths.too_long(typed.strip(), question.max_length):
            return Checked(kept, "too_long")
        return Checked(kept)
    allowed = {option["value"] for option in question.options}
    picked = list(dict.fromkeys(choice for choice in choices if choice in allowed))  # each once
    if not is_multiple(question):
        picked = picked[:1]
    chosen: dict[str, Any] = {"choices": picked}
    if not picked and "" in choices and not is_required(question):
        # "Prefer not to say" was chosen (its value is empty): an answer, not a skipped question.
        chosen["declined"] = True
    if not picked and is_required(question):
        message = _l("Choose at least one answer") if is_multiple(question) else _l("Choose an answer")
        return Checked(chosen, message)
    return Checked(chosen)


def answer_summary(question: Question, value: dict[str, Any] | None, locale: str) -> str:
    """What someone answered, in words, for the check page."""
    if not value:
        return ""
    if question.kind == QuestionKind.FREE_TEXT:
        text = str(value.get("text", ""))
        # Spaces or invisible characters alone are not an answer (Send drops them).
        return "" if typed_text.looks_blank(text) else text
    if value.get("declined"):
        return gettext("Prefer not to say")  # in the language of the page being drawn
    return choice_words(question, value.get("choices", []), locale)


def chosen_words(question: Question, value: dict[str, Any] | None, locale: str) -> list[Localised]:
    """The options chosen, each with the language its words are really in (staff may not have
    translated them), for the check page to mark; empty for a free-text question."""
    if not value or question.kind == QuestionKind.FREE_TEXT or value.get("declined"):
        return []
    options = {option.value: option for option in options_of(question, locale)}
    words = []
    for choice in value.get("choices", []):
        option = options.get(choice)
        words.append(Localised(option.label, option.lang) if option else Localised(choice, locale))
    return words


# --- drafts ----------------------------------------------------------------


_sweep = {"last": datetime.min.replace(tzinfo=UTC)}
SWEEP_EVERY = timedelta(minutes=1)


async def sweep_expired_drafts(now: datetime) -> None:
    """Delete drafts past their lifetime, at most once a minute per process (not on every page)."""
    if now - _sweep["last"] < SWEEP_EVERY:
        return
    _sweep["last"] = now
    await JourneyDraft.filter(updated_at__lt=now - DRAFT_LIFETIME).delete()


async def load_draft(token: str | None, consultation_id: int, now: datetime) -> JourneyDraft | None:
    """The visitor's draft for this consultation; an expired one is deleted there and then."""
    draft, _others = await load_draft_for_send(token, consultation_id, now)
    return draft


async def load_draft_for_send(
    token: str | None, consultation_id: int, now: datetime
) -> tuple[JourneyDraft | None, bool]:
    """The visitor's draft for this consultation (an expired one is deleted there and then),
    and whether answers to other consultations are still in progress.

    One query for both: Send keeps the journey cookie only while other drafts remain.
    """
    await sweep_expired_drafts(now)
    if not token:
        return None, False
    drafts = await JourneyDraft.filter(token_hash=hash_token(token))
    mine = [d for d in drafts if d.consultation_id == consultation_id]  # type: ignore[attr-defined]
    others = len(drafts) > len(mine)
    draft = mine[0] if mine else None
    if draft is not None and draft.updated_at < now - DRAFT_LIFETIME:
        await draft.delete()
        return None, others
    return draft, others


async def discard_drafts(token: str | None) -> int:
    """Delete every answer in progress behind this cookie (used by Exit this page)."""
    if not token:
        return 0
    return await JourneyDraft.filter(token_hash=hash_token(token)).delete()


async def start_draft(token: str, consultation_id: int) -> JourneyDraft:
    """A new draft for ``token`` and this consultation; drafts for other consultations stay.

    An expired draft for this consultation (left by :func:`load_draft`'s sweep) is replaced.
    """
    token_hash = hash_token(token)
    await JourneyDraft.filter(token_hash=token_hash, consultation_id=consultation_id).delete()
    try:
        return await JourneyDraft.create(token_hash=token_hash, consultation_id=consultation_id)
    except IntegrityError:  # two first answers at once: both use the one draft
        return await JourneyDraft.get(token_hash=token_hash, consultation_id=consultation_id)


#: Where a draft keeps what was typed on one page but not sent (the visitor changed language).
UNSENT = "unsent"


def answer_key(question: Question) -> str:
    """Where a draft keeps the answer to ``question``: by the question's id, not its place.

    Staff may move, add or remove questions while a consultation is open; an answer kept by
    place would then sit on another question, and be lost at Send or shown against the wrong
    question.
    """
    return f"q{question.id}"


def answer_in(draft: JourneyDraft | None, question: Question) -> dict[str, Any] | None:
    """The answer ``draft`` keeps for ``question``, if any."""
    if draft is None:
        return None
    value = draft.answers.get(answer_key(question))
    if value is None:  # a draft from before answers were kept by question (at most 2 hours old)
        value = draft.answers.get(str(question.position))
    return value if isinstance(value, dict) else None


def _without_unsent(answers: dict[str, Any], page: str | None = None) -> dict[str, Any]:
    """``answers`` without what was kept unsent (only if it was on ``page``, when given)."""
    kept = answers.get(UNSENT)
    if page is not None and not (isinstance(kept, dict) and kept.get("page") == page):
        return dict(answers)
    return {key: value for key, value in answers.items() if key != UNSENT}


async def save_answer(draft: JourneyDraft, question: Question, value: dict[str, Any]) -> None:
    page = f"q/{question.position}"
    draft.answers = {**_without_unsent(draft.answers, page), answer_key(question): value}
    await draft.save()


async def keep_unsent(draft: JourneyDraft, page: str, value: dict[str, Any], had_error: bool) -> None:
    """Keep what was typed on ``page`` ("q/3", "hear-back"), unchecked, until it is sent.

    It is not an answer: Check and Send never see it. ``had_error``: the page was showing an
    error, so it shows it again.
    """
    draft.answers = {**draft.answers, UNSENT: {"page": page, "value": value, "error": had_error}}
    await draft.save()


async def drop_unsent(draft: JourneyDraft, page: str) -> None:
    """Forget what was typed on ``page`` and kept unsent (nothing else)."""
    answers = _without_unsent(draft.answers, page)
    if answers != draft.answers:
        draft.answers = answers
        await draft.save()


def unsent_on(draft: JourneyDraft | None, page: str) -> tuple[dict[str, Any], bool] | None:
    """What was typed on ``page`` and not sent, and whether it was showing an error."""
    kept = draft.answers.get(UNSENT) if draft is not None else None
    if not isinstance(kept, dict) or kept.get("page") != page or not isinstance(kept.get("value"), dict):
        return None
    return kept["value"], bool(kept.get("error"))


def check_contact(wants: str | None, contact: str | None) -> tuple[dict[str, str], str | None]:
    """Check the hear-back answer. Returns what to keep and an error (if any)."""
    # Digits typed on an Urdu or Arabic keyboard, or full-width ones, count as 0-9; invisible
    # marks copied with a number or an address (direction marks, zero-width spaces) go.
    value = receipts.plain_digits(typed_text.without_invisible((contact or "").replace("\x00", ""))).strip()
    if wants not in ("yes", "no"):
        return {"wants": "", "value": value}, _l("Choose if you want to hear back")
    if wants == "no" and value:
        # Keep what they typed: they may have meant Yes (No is chosen when the page opens).
        return {"wants": "no", "value": value}, _l(
            "You gave an email or phone number. Choose Yes to hear back, or delete it."
        )
    if wants == "no":
        return {"wants": "no", "value": ""}, None
    kept = {"wants": "yes", "value": value}
    if not value:
        return kept, _l("Enter an email address or phone number")
    if len(value) > MAX_CONTACT_LENGTH and "@" in value:
        return kept, _l("Email address must be 254 characters or fewer")
    if len(value) > MAX_CONTACT_LENGTH:  # not an email, and far too long for a phone number
        return kept, _l("Enter an email address like name@example.org, or a phone number like 07700 900123")
    if _EMAIL.match(value):
        return {**kept, "method": "email"}, None
    if _PHONE.match(value) and not _phone_problem(value):
        return {**kept, "method": "phone"}, None
    return kept, _l("Enter an email address like name@example.org, or a phone number like 07700 900123")


def with_share(contact: dict[str, str], raw: object) -> dict[str, str]:
    """Add the answer to "Can we share your words?": only a clear Yes is a yes."""
    return {**contact, "share": "yes" if raw == "yes" else "no"}


def consent_from(contact: dict[str, str]) -> Consent:
    """Words may be quoted (never with a name) only if the person said Yes."""
    return Consent.QUOTE_ANONYMOUSLY if contact.get("share") == "yes" else Consent.NOT_QUOTABLE


async def save_contact(draft: JourneyDraft, contact: dict[str, str]) -> None:
    draft.contact = contact
    draft.answers = _without_unsent(draft.answers, "hear-back")
    await draft.save()


async def submission_token_for(draft: JourneyDraft) -> str:
    """The one-time token the Send form carries; made when the check page is first shown."""
    if not draft.submission_token:
        draft.submission_token = new_token()
        await draft.save()
    return draft.submission_token


def first_missing(questions: list[Question], draft: JourneyDraft) -> Question | None:
    """The first required question without an answer (someone skipped ahead)."""
    for question in questions:
        value = answer_in(draft, question)
        if is_required(question) and (
            value is None or check_answer(question, value.get("text"), list(value.get("choices", []))).error
        ):
            return question
    return None


def answered_about_you(questions: list[Question], draft: JourneyDraft) -> bool:
    """Whether any "about you" question has an answer (it does not count as something to send)."""
    return any((answer_in(draft, q) or {}).get("choices") for q in questions if q.kind in ABOUT_YOU)


def nothing_to_send(questions: list[Question], draft: JourneyDraft) -> bool:
    """Every question skipped (all optional): there is nothing to send.

    "About you" answers alone do not count, unless the consultation asks nothing else.
    """
    main = [question for question in questions if question.kind not in ABOUT_YOU] or questions
    for question in main:
        value = answer_in(draft, question) or {}
        if not typed_text.looks_blank(str(value.get("text", ""))) or value.get("choices"):
            return False
    return True


# --- sending ---------------------------------------------------------------


def to_contribution(
    consultation: Consultation,
    questions: list[Question],
    draft: JourneyDraft,
    language: str,
    now: datetime,
) -> ContributionIn:
    answers: list[AnswerIn] = []
    about: dict[str, str] = {}
    for question in questions:
        value = answer_in(draft, question) or {}
        if question.kind in ABOUT_YOU:
            choices = list(value.get("choices", []))
            about[question.kind.value] = choices[0] if choices else ""
            continue
        if question.kind == QuestionKind.FREE_TEXT:
            text = str(value.get("text", "")).strip()
            if not typed_text.looks_blank(text):
                answers.append(AnswerIn(question_id=question.id, text=text))
        elif value.get("choices"):
            answers.append(AnswerIn(question_id=question.id, choices=tuple(value["choices"])))
    respondent_values = {item.value for item in Respondent}
    respondent = about.get("respondent", "")
    contact = draft.contact or {}
    wants = contact.get("wants") == "yes" and contact.get("method")
    return ContributionIn(
        answers=tuple(answers),
        submitted_at=now,
        consent=consent_from(contact),
        language=language,
        consultation_id=consultation.id,
        age_band=about.get("age_band", "")[:16],
        area=about.get("area", "")[:80],
        respondent=Respondent(respondent) if respondent in respondent_values else Respondent.NOT_SAID,
        submission_token=draft.submission_token or None,
        contact_method=contact.get("method") if wants else None,
        contact_value=contact.get("value") if wants else None,
    )


@dataclass(frozen=True)
class Sent:
    receipt_code: str
    level: ScreeningLevel
    stored: bool = True
    #: When it was sent (None for a send not stored).
    at: datetime | None = None


def too_fast(draft: JourneyDraft, now: datetime, min_seconds: float) -> bool:
    """Send sooner than ``min_seconds`` after the first answer (0 turns the check off).

    A person can be this quick, so the route asks them to press Send again rather than
    dropping what they wrote; only the honeypot gets a pretend receipt.
    """
    if min_seconds <= 0:
        return False
    return (now - draft.created_at).total_seconds() < min_seconds


#: A send this recent, sent again (a double tap, a retry after a lost answer), is the same
#: person's: the receipt comes back as it was first shown. Later, it may be someone else on the
#: phone resending an old form (see ``again`` in the routes' ``_confirmation``).
RETRY_WINDOW = timedelta(minutes=2)


async def already_sent(submission_token: str, now: datetime) -> Sent | None:
    """A retry or double tap: the contribution this token made, within :data:`SENT_FOR`."""
    if not submission_token:
        return None
    return _sent_from(
        await Contribution.get_or_none(submission_token=submission_token, submitted_at__gte=now - SENT_FOR)
    )


def _sent_from(earlier: Contribution | None) -> Sent | None:
    """The confirmation of a stored contribution, if there is one."""
    if earlier is None:
        return None
    return Sent(earlier.receipt_code, ScreeningLevel(earlier.screening_level), at=earlier.submitted_at)


#: How long the confirmation can be shown again (Back, another language). Short on purpose: on
#: a shared phone the next person must not find the receipt, nor the help a possible disclosure
#: added to it. The cookie itself goes when the browser closes, like the journey's (Exit this
#: page removes it at once); after this it no longer shows anything.
SENT_FOR = timedelta(minutes=15)


async def recently_sent(submission_token: str, consultation: Consultation, now: datetime) -> Sent | None:
    """The confirmation of a send from this browser, to show again: same consultation, within
    :data:`SENT_FOR`."""
    if not submission_token:
        return None
    earlier = await Contribution.get_or_none(
        submission_token=submission_token,
        consultation_id=consultation.id,
        submitted_at__gte=now - SENT_FOR,
    )
    return _sent_from(earlier)


async def send(
    consultation: Consultation,
    questions: list[Question],
    draft: JourneyDraft,
    language: str,
    now: datetime,
) -> Sent:
    result: Submitted = await submit(to_contribution(consultation, questions, draft, language, now))
    await draft.delete()
    return Sent(result.contribution.receipt_code, ScreeningLevel(result.level))


async def pretend_to_send(draft: JourneyDraft) -> Sent:
    """What a bot sees: a receipt that looks real. Nothing is stored."""
    await draft.delete()
    return Sent(receipts.generate(), ScreeningLevel.NONE, stored=False)
