"""Lived-experience contributions that staff write down: a young person's or family's own
story, told to a worker, with what they agreed to about quoting it.

The words go through the same intake as everything else (screening, suggested redactions,
a safeguarding case for a possible disclosure) and wait in the moderation queue. A one-time
key on the form means pressing "Add" twice adds the story once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from voice.accounts.models import StaffUser
from voice.audit.services import record
from voice.feedback.intake import AnswerIn, ContributionIn, Submitted, submit
from voice.feedback.journey import AGE_BANDS
from voice.feedback.models import Consent, ContributionKind, Respondent, Source
from voice.feedback.typed import looks_blank
from voice.problems import Invalid, Problem, lines

WORDS_MAX = 5000
AGE_BAND_VALUES = frozenset(str(band["value"]) for band in AGE_BANDS)


@dataclass(frozen=True)
class StoryIn:
    words: str
    language: str
    consent: str
    respondent: str
    age_band: str
    key: str


def check_story(data: StoryIn, languages: tuple[str, ...]) -> StoryIn:
    words = lines(data.words)
    problems: list[Problem] = []
    # Nothing, only characters that show nothing, or only marks (".", "-"): no story was told.
    if looks_blank(words) or not any(char.isalnum() for char in words):
        problems.append(("words", "Enter their story, in their words"))
    elif len(words) > WORDS_MAX:
        problems.append(
            ("words", f"The story must be {WORDS_MAX:,} characters or fewer; it has {len(words):,}")
        )
    if data.language not in languages:
        problems.append(("language", "Choose the language it was told in"))
    if data.consent not in {item.value for item in Consent}:
        problems.append(("consent", "Choose what they agreed to about quoting their words"))
    if data.respondent not in {item.value for item in Respondent}:
        problems.append(("respondent", "Choose who told it"))
    if data.age_band and data.age_band not in AGE_BAND_VALUES:
        problems.append(("age_band", "Choose an age group from the list"))
    if not 8 <= len(data.key) <= 64:
        problems.append(
            ("words", "This form has expired. Copy the story, reload the page, and paste it again")
        )
    if problems:
        raise Invalid(problems)
    return StoryIn(words, data.language, data.consent, data.respondent, data.age_band, data.key)


async def add_story(data: StoryIn, languages: tuple[str, ...], by: StaffUser, now: datetime) -> Submitted:
    clean = check_story(data, languages)
    # The words are part of the token: the same story sent twice adds once, but another story
    # sent from the same form (Back, edit, Add) is added too.
    token = hashlib.sha256(f"story:{by.id}:{clean.key}:{clean.words}".encode()).hexdigest()
    result = await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text=clean.words),),
            submitted_at=now,
            kind=ContributionKind.LIVED_EXPERIENCE,
            source=Source.STAFF,
            language=clean.language,
            entered_by_id=by.id,
            consent=Consent(clean.consent),
            respondent=Respondent(clean.respondent),
            age_band=clean.age_band,
            submission_token=token,
        )
    )
    if result.created:
        await record(
            "contribution.entered",
            by=by,
            object_type="contribution",
            object_id=result.contribution.id,
            after={
                "kind": ContributionKind.LIVED_EXPERIENCE.value,
                "language": clean.language,
                "consent": clean.consent,
                "respondent": clean.respondent,
                "age_band": clean.age_band,
            },
        )
    return result
