"""Intake screens every new contribution and stores the result with it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette
from tortoise.exceptions import IntegrityError

from voice.audit.models import AuditEvent
from voice.feedback import intake
from voice.feedback.intake import AnswerIn, ContributionIn, detail_named, submit
from voice.feedback.models import Answer, ContactDetail, Contribution, ScreeningLevel
from voice.moderation.models import Redaction, RedactionSource, SafeguardingCase


def _one(text: str, token: str | None = None, **kw: object) -> ContributionIn:
    return ContributionIn(
        answers=(AnswerIn(question_id=None, text=text),),
        submitted_at=datetime.now(UTC),
        submission_token=token,
        **kw,  # type: ignore[arg-type]
    )


async def test_benign_text_is_stored_with_screening_none(app: Starlette) -> None:
    done = await submit(_one("the youth club is great, the staff listen"))
    assert done.created
    stored = await Contribution.get(id=done.contribution.id)
    assert stored.screening_level is ScreeningLevel.NONE
    assert not await SafeguardingCase.exists()
    assert await AuditEvent.filter(action="contribution.received", object_id=str(stored.id)).exists()


async def test_personal_details_are_redacted_and_suggested(app: Starlette) -> None:
    text = "text me on 07700 900123 or email jade.r2009@example.com"
    done = await submit(_one(text))
    answer = await Answer.get(contribution_id=done.contribution.id)
    assert answer.text == text
    assert "07700 900123" not in answer.redacted_text and "jade.r2009@example.com" not in answer.redacted_text
    suggestions = await Redaction.filter(answer_id=answer.id)
    assert {s.kind for s in suggestions} >= {"phone", "email"}
    assert all(s.source is RedactionSource.SCREENING for s in suggestions)


async def test_disclosure_opens_a_case_with_the_verbatim_original(app: Starlette) -> None:
    text = "my step dad hits me when mum is at work and i dont want to go home"
    done = await submit(_one(text))
    assert done.level is ScreeningLevel.URGENT
    stored = await Contribution.get(id=done.contribution.id)
    assert stored.screening_level is ScreeningLevel.URGENT and stored.screening_reasons
    case = await SafeguardingCase.get(contribution_id=stored.id)
    assert case.original_text == text and case.level == "urgent"


async def test_same_token_twice_makes_one_contribution(app: Starlette) -> None:
    first = await submit(_one("more buses at night please", token="tok-1"))
    second = await submit(_one("more buses at night please", token="tok-1"))
    assert first.created and not second.created
    assert first.contribution.id == second.contribution.id
    assert await Contribution.all().count() == 1


async def test_concurrent_retries_make_one_contribution(app: Starlette) -> None:
    results = await asyncio.gather(*(submit(_one("safer parks", token="tok-2")) for _ in range(5)))
    assert sum(r.created for r in results) == 1
    assert await Contribution.filter(submission_token="tok-2").count() == 1


async def test_contact_details_are_kept_apart(app: Starlette) -> None:
    done = await submit(
        _one("please call me back", contact_method="email", contact_value="parent@example.org")
    )
    contact = await ContactDetail.get(contribution_id=done.contribution.id)
    assert contact.value == "parent@example.org"
    answer = await Answer.get(contribution_id=done.contribution.id)
    assert "parent@example.org" not in answer.text


async def test_a_receipt_code_in_use_is_drawn_again(app: Starlette, monkeypatch: pytest.MonkeyPatch) -> None:
    first = await submit(_one("more benches in the park"))
    used = first.contribution.receipt_code
    draws = iter([used, used, "K7QM-4XTP"])
    monkeypatch.setattr(intake.receipts, "generate", lambda: next(draws))
    second = await submit(_one("a skate park please", token="tok-3"))
    assert second.created and second.contribution.receipt_code == "K7QM-4XTP"
    assert await Contribution.all().count() == 2
    assert await AuditEvent.filter(action="contribution.received").count() == 2


async def test_receipt_codes_that_always_clash_fail_loudly_and_store_nothing(
    app: Starlette, monkeypatch: pytest.MonkeyPatch
) -> None:
    used = (await submit(_one("more benches in the park"))).contribution.receipt_code
    draws: list[str] = []

    def always_used() -> str:
        draws.append(used)
        return used

    monkeypatch.setattr(intake.receipts, "generate", always_used)
    with pytest.raises(IntegrityError):
        await submit(_one("a skate park please", token="tok-4"))
    assert len(draws) == intake.RECEIPT_ATTEMPTS
    assert await Contribution.all().count() == 1
    assert await AuditEvent.filter(action="contribution.received").count() == 1


@pytest.mark.parametrize(
    ("kind", "named"),
    [
        ("address", "an address"),
        ("email", "an email address"),
        ("phone", "a phone number"),
        ("nhs_number", "an NHS number"),
        ("ni_number", "a National Insurance number"),
        ("something_new", "a something new"),
    ],
)
def test_a_detail_is_named_with_its_article(kind: str, named: str) -> None:
    assert detail_named(kind) == named
