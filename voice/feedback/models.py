"""Consultations, their questions, and what people tell us (contributions)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from voice.accounts.models import StaffUser
    from voice.events.models import TakeoverEvent
    from voice.moderation.models import Theme


class Audience(StrEnum):
    YOUNG_PEOPLE = "young_people"
    PARENTS_CARERS = "parents_carers"
    BOTH = "both"


class QuestionKind(StrEnum):
    FREE_TEXT = "free_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    RATING = "rating"
    AGE_BAND = "age_band"
    AREA = "area"
    RESPONDENT = "respondent"


class ContributionKind(StrEnum):
    FEEDBACK = "feedback"
    TAKEOVER = "takeover"
    LIVED_EXPERIENCE = "lived_experience"


class Source(StrEnum):
    ONLINE = "online"
    EVENT = "event"
    STAFF = "staff"


class Status(StrEnum):
    RECEIVED = "received"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Consent(StrEnum):
    """What the contributor agreed to about quoting their words."""

    NOT_QUOTABLE = "not_quotable"
    QUOTE_ANONYMOUSLY = "quote_anonymously"
    QUOTE_WITH_FIRST_NAME = "quote_with_first_name"


class Respondent(StrEnum):
    YOUNG_PERSON = "young_person"
    PARENT_CARER = "parent_carer"
    PROFESSIONAL = "professional"
    NOT_SAID = "not_said"


class ScreeningLevel(StrEnum):
    NONE = "none"
    CONCERN = "concern"
    URGENT = "urgent"


#: Queue order: possible disclosures first (rank 0 comes first). Stored as ``Contribution.screening_rank``.
SCREENING_RANK: dict[ScreeningLevel, int] = {
    ScreeningLevel.URGENT: 0,
    ScreeningLevel.CONCERN: 1,
    ScreeningLevel.NONE: 2,
}


class RejectionReason(StrEnum):
    SPAM = "spam"
    OFF_TOPIC = "off_topic"
    ABUSIVE = "abusive"
    DUPLICATE = "duplicate"
    TEST = "test"
    OTHER = "other"


# A set of questions open between two dates. Text fields hold {locale: text}.
#: Longest consultation address part (``/c/<slug>``).
SLUG_MAX_LENGTH = 80


class Consultation(Model):
    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=SLUG_MAX_LENGTH, unique=True)
    title: fields.JSONField[dict[str, str]] = fields.JSONField()
    intro: fields.JSONField[dict[str, str]] = fields.JSONField(default=dict)
    audience = fields.CharEnumField(Audience, max_length=20, default=Audience.BOTH)
    opens_at = fields.DatetimeField(null=True)
    closes_at = fields.DatetimeField(null=True)
    languages: fields.JSONField[list[str]] = fields.JSONField(default=list)
    is_standing = fields.BooleanField(default=False)
    created_by: fields.ForeignKeyNullableRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    questions: fields.ReverseRelation[Question]

    class Meta:
        table = "consultation"


# One question; prompt and hint hold {locale: text}; options a list of
# {"value": str, "label": {locale: text}, "emoji": str | None}.
class Question(Model):
    id = fields.IntField(primary_key=True)
    consultation: fields.ForeignKeyRelation[Consultation] = fields.ForeignKeyField(
        "voice.Consultation", related_name="questions", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    kind = fields.CharEnumField(QuestionKind, max_length=20)
    prompt: fields.JSONField[dict[str, str]] = fields.JSONField()
    hint: fields.JSONField[dict[str, str]] = fields.JSONField(default=dict)
    options: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    required = fields.BooleanField(default=False)
    max_length = fields.IntField(default=2000)

    class Meta:
        table = "question"
        unique_together = (("consultation", "position"),)
        ordering = ["position"]


# Anything a young person or family told us, however it reached us.
class Contribution(Model):
    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(ContributionKind, max_length=20, default=ContributionKind.FEEDBACK)
    source = fields.CharEnumField(Source, max_length=10, default=Source.ONLINE)
    status = fields.CharEnumField(Status, max_length=12, default=Status.RECEIVED, db_index=True)
    receipt_code = fields.CharField(max_length=9, unique=True)
    submission_token = fields.CharField(max_length=64, unique=True, null=True)
    language = fields.CharField(max_length=8, default="en")
    age_band = fields.CharField(max_length=16, default="")
    area = fields.CharField(max_length=80, default="")
    respondent = fields.CharEnumField(Respondent, max_length=16, default=Respondent.NOT_SAID)
    consent = fields.CharEnumField(Consent, max_length=24, default=Consent.NOT_QUOTABLE)
    consultation: fields.ForeignKeyNullableRelation[Consultation] = fields.ForeignKeyField(
        "voice.Consultation", null=True, related_name="contributions", on_delete=fields.SET_NULL
    )
    event: fields.ForeignKeyNullableRelation[TakeoverEvent] = fields.ForeignKeyField(
        "voice.TakeoverEvent", null=True, related_name="contributions", on_delete=fields.SET_NULL
    )
    entered_by: fields.ForeignKeyNullableRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    submitted_at = fields.DatetimeField(db_index=True)
    # When Voice received the words: later than submitted_at for takeover comments typed up
    # after the event (they are dated the event day). Intake always sets it; it is empty only
    # for rows written some other way. A safeguarding case from intake arrives at this time.
    received_at = fields.DatetimeField(null=True)
    screening_level = fields.CharEnumField(ScreeningLevel, max_length=8, default=ScreeningLevel.NONE)
    screening_reasons: fields.JSONField[list[str]] = fields.JSONField(default=list)
    screening_rank = fields.SmallIntField(default=2)
    counted = fields.BooleanField(default=False)
    quotable = fields.BooleanField(default=False)
    rejection_reason = fields.CharField(max_length=16, default="")
    rejection_note = fields.TextField(default="")
    decided_by: fields.ForeignKeyNullableRelation[StaffUser] = fields.ForeignKeyField(
        "voice.StaffUser", null=True, related_name=False, on_delete=fields.SET_NULL
    )
    decided_at = fields.DatetimeField(null=True, db_index=True)
    original_purged_at = fields.DatetimeField(null=True)
    themes: fields.ManyToManyRelation[Theme] = fields.ManyToManyField(
        "voice.Theme", related_name="contributions", through="contribution_theme"
    )

    answers: fields.ReverseRelation[Answer]

    class Meta:
        table = "contribution"
        # The moderation queue reads in (screening_rank, submitted_at, id) order and counts
        # per filter; these let SQLite and PostgreSQL answer from the index alone.
        indexes = (
            ("status", "screening_rank", "submitted_at"),
            ("screening_rank", "submitted_at"),
            # Time first, then every column the queue counts by: the queue's counts for the
            # part-months at the ends of a date filter are index-only reads of this range
            # (whole months come from queue_tally, voice/moderation/tally.py).
            ("submitted_at", "status", "screening_rank", "kind", "language", "consultation_id", "event_id"),
            ("consultation_id", "status", "screening_rank", "submitted_at"),
            ("event_id", "status", "screening_rank", "submitted_at"),
        )


# One answer. text is the original words; redacted_text what others may read.
class Answer(Model):
    id = fields.IntField(primary_key=True)
    contribution: fields.ForeignKeyRelation[Contribution] = fields.ForeignKeyField(
        "voice.Contribution", related_name="answers", on_delete=fields.CASCADE
    )
    question: fields.ForeignKeyNullableRelation[Question] = fields.ForeignKeyField(
        "voice.Question", null=True, related_name="answers", on_delete=fields.SET_NULL
    )
    text = fields.TextField(null=True)
    redacted_text = fields.TextField(default="")
    choices: fields.JSONField[list[str]] = fields.JSONField(default=list)

    class Meta:
        table = "answer"
        indexes = (("contribution_id",),)


# How to reach someone who asked to hear back. Kept apart from their words.
class ContactDetail(Model):
    id = fields.IntField(primary_key=True)
    contribution: fields.OneToOneRelation[Contribution] = fields.OneToOneField(
        "voice.Contribution", related_name="contact", on_delete=fields.CASCADE
    )
    method = fields.CharField(max_length=8)
    value = fields.CharField(max_length=254)
    consent_given_at = fields.DatetimeField()

    class Meta:
        table = "contact_detail"


# Answers in progress, kept against a hash of a random token in the visitor's cookie:
# one draft per consultation, so starting another does not lose the first.
class JourneyDraft(Model):
    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, db_index=True)
    consultation: fields.ForeignKeyRelation[Consultation] = fields.ForeignKeyField(
        "voice.Consultation", related_name=False, on_delete=fields.CASCADE
    )
    answers: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    contact: fields.JSONField[dict[str, str]] = fields.JSONField(default=dict)
    submission_token = fields.CharField(max_length=64, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True, db_index=True)

    class Meta:
        table = "journey_draft"
        unique_together = (("token_hash", "consultation"),)


# One ward or area people can say they live in; staff keep the list.
class Area(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=40, unique=True)
    name = fields.CharField(max_length=80)
    position = fields.IntField(default=0)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "area"
        ordering = ["position", "name"]
