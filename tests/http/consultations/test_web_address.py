"""A consultation's web address (slug) cannot change once people may have it: when it has opened
or has answers. Young people may have the link or a QR code from a poster."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import (
    add_questions,
    element,
    make_consultation,
    summary_links,
    text_of,
    title,
    token,
    value_of,
)
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Consultation

LOCKED = (
    "The web address cannot change once a consultation has opened or has answers: people may have "
    "its link or QR code. It is still /c/parks"
)


def _edited(consultation: Consultation, **changes: object) -> dict[str, object]:
    opens = (consultation.opens_at or datetime.now(UTC)).date()
    data: dict[str, object] = {
        "slug": consultation.slug,
        "title_en": "Feeling safe in parks and playgrounds",
        "intro_en": "Tell us about parks near you.",
        "title_ur": "",
        "intro_ur": "",
        "title_pl": "",
        "intro_pl": "",
        "title_ar": "",
        "intro_ar": "",
        "title_ro": "",
        "intro_ro": "",
        "audience": "young_people",
        "opens_on": opens.isoformat(),
        "closes_on": (opens + timedelta(days=30)).isoformat(),
        "languages": ["en", "ur"],
    }
    data.update(changes)
    return data


async def _post(client: httpx.AsyncClient, path: str, data: dict[str, object]) -> httpx.Response:
    return await client.post(path, data={"csrf_token": await token(client), **data})  # type: ignore[arg-type]


async def _open_consultation() -> Consultation:
    consultation = await make_consultation("parks", opens_in=timedelta(days=-1))
    await add_questions(consultation)
    return consultation


async def _answered_but_not_open() -> Consultation:
    """Scheduled again after people answered it (its opening date was moved on)."""
    consultation = await make_consultation("parks")
    await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text="The lights are broken"),),
            submitted_at=datetime.now(UTC),
            consultation_id=consultation.id,
        )
    )
    return consultation


@pytest.mark.parametrize("make", [_open_consultation, _answered_but_not_open])
async def test_changing_the_address_people_may_have_is_refused_keeping_everything_else(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser, make: object
) -> None:
    consultation = await make()  # type: ignore[operator]
    path = f"/staff/consultations/{consultation.id}/edit"
    form = await client.get(path)
    slug = element(form, "slug")
    assert slug.get("readonly") is not None and value_of(form, "slug") == "parks"
    assert "It cannot change now: people may have its link or QR code" in text_of(form)

    # A form from before it opened (or typed in by hand) still tries to change it.
    response = await _post(client, path, _edited(consultation, slug="parks-2026", intro_en="Parks and more."))
    assert response.status_code == 400
    assert title(response) == "Error: Change consultation details – Voice"
    assert summary_links(response) == [("#slug", LOCKED)]
    assert element(response, "slug").get("aria-invalid") == "true"
    assert value_of(response, "slug") == "parks"  # the address it keeps
    # Everything else typed is kept, ready to save again.
    assert value_of(response, "title_en") == "Feeling safe in parks and playgrounds"
    assert value_of(response, "intro_en") == "Parks and more."
    stored = await Consultation.get(id=consultation.id)
    assert (stored.slug, stored.title["en"]) == ("parks", "Feeling safe in parks")
    assert not await AuditEvent.filter(action="consultation.updated").exists()
    assert (await client.get("/c/parks")).status_code == 200
    assert (await client.get("/c/parks-2026")).status_code == 404

    # Saving it again as shown keeps the address and saves the rest.
    again = await _post(client, path, _edited(consultation, intro_en="Parks and more."))
    assert again.status_code == 303
    stored = await Consultation.get(id=consultation.id)
    assert (stored.slug, stored.intro["en"]) == ("parks", "Parks and more.")


async def test_the_address_can_change_before_it_opens_and_before_anyone_answers(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation("parks")
    await add_questions(consultation)
    path = f"/staff/consultations/{consultation.id}/edit"
    form = await client.get(path)
    assert element(form, "slug").get("readonly") is None
    assert "Once it opens, it cannot change" in text_of(form)
    response = await _post(client, path, _edited(consultation, slug="parks-2026"))
    assert response.status_code == 303
    assert (await Consultation.get(id=consultation.id)).slug == "parks-2026"


async def test_moving_the_opening_date_back_after_it_opened_keeps_the_address_fixed(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await _open_consultation()
    path = f"/staff/consultations/{consultation.id}/edit"
    later = (datetime.now(UTC) + timedelta(days=10)).date()
    postponed = await _post(
        client,
        path,
        _edited(consultation, opens_on=later.isoformat(), closes_on=(later + timedelta(days=30)).isoformat()),
    )
    assert postponed.status_code == 303
    stored = await Consultation.get(id=consultation.id)
    assert stored.opens_at is not None and stored.opens_at > datetime.now(UTC)  # not open now

    # People may still have the link from when it was open.
    form = await client.get(path)
    assert element(form, "slug").get("readonly") is not None
    response = await _post(client, path, _edited(stored, slug="parks-2026"))
    assert response.status_code == 400
    assert summary_links(response) == [("#slug", LOCKED)]
    assert (await Consultation.get(id=consultation.id)).slug == "parks"


async def test_changes_made_before_it_ever_opened_leave_the_address_free(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation("parks")
    await add_questions(consultation)
    path = f"/staff/consultations/{consultation.id}/edit"
    assert (await _post(client, path, _edited(consultation, intro_en="Parks and more."))).status_code == 303
    stored = await Consultation.get(id=consultation.id)
    assert (await _post(client, path, _edited(stored, slug="parks-2026"))).status_code == 303
    assert (await Consultation.get(id=consultation.id)).slug == "parks-2026"
