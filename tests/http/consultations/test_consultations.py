"""The consultation list, create and edit, with JavaScript off: every page and error path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import (
    LOCATION_ID,
    add_questions,
    element,
    make_consultation,
    page,
    summary_links,
    text_of,
    title,
    token,
    value_of,
)
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.journey import standing_consultation
from voice.feedback.models import Audience, Consultation

VALID = {
    "slug": "feeling-safe",
    "title_en": "Feeling safe where you live",
    "intro_en": "Tell us where you feel safe.",
    "title_ur": "جہاں آپ رہتے ہیں وہاں محفوظ محسوس کرنا",
    "intro_ur": "",
    "title_pl": "",
    "intro_pl": "",
    "title_ar": "",
    "intro_ar": "",
    "title_ro": "",
    "intro_ro": "",
    "audience": "young_people",
    "opens_on": "2026-04-01",
    "closes_on": "2026-04-30",
    "languages": ["en", "ur"],
}


async def post_form(client: httpx.AsyncClient, path: str, data: dict[str, object]) -> httpx.Response:
    return await client.post(path, data={"csrf_token": await token(client), **data})  # type: ignore[arg-type]


async def test_list_shows_status_dates_and_counts(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    scheduled = await make_consultation("later")
    await add_questions(scheduled)
    await make_consultation("empty")  # opens later, no questions: a draft
    closed = await make_consultation("gone", opens_in=timedelta(days=-60))
    now_open = await make_consultation("now", opens_in=timedelta(days=-1))
    await add_questions(now_open)  # without a question it would not be open (test_not_ready.py)
    await submit(
        ContributionIn(
            answers=(AnswerIn(question_id=None, text="hi"),),
            submitted_at=datetime.now(UTC),
            consultation_id=now_open.id,
        )
    )
    response = await client.get("/staff/consultations")
    assert response.status_code == 200
    assert title(response) == "Consultations – Voice"
    text = text_of(response)
    assert text.count("Feeling safe in parks") == 4
    assert "Scheduled" in text and "Draft" in text and "Open" in text and "Closed" in text
    assert f'href="/staff/consultations/{closed.id}"' in response.text
    rows = [
        {
            "".join(dt.itertext()): " ".join("".join(dd.itertext()).split())
            for dt, dd in zip(card.iter("dt"), card.iter("dd"), strict=True)
        }
        for card in page(response).iter("li")
        if card.get("class") == "card"
    ]
    by_status = {row["Status"]: row for row in rows}
    assert set(by_status) == {"Scheduled", "Draft", "Open", "Closed"}
    assert by_status["Scheduled"]["Questions"] == "4" and by_status["Draft"]["Questions"] == "0"
    assert by_status["Open"]["Contributions"] == "1" and by_status["Closed"]["Contributions"] == "0"
    assert by_status["Closed"]["Dates"].endswith(str(closed.closes_at.year))  # type: ignore[union-attr]
    assert 'href="/staff/consultations/new"' in response.text and 'href="/staff/areas"' in response.text


async def test_create_a_consultation(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    form = await client.get("/staff/consultations/new")
    assert form.status_code == 200
    assert title(form) == "Create a consultation – Voice"
    # Text in each language is typed in that language's direction.
    assert element(form, "title_ur").get("lang") == "ur" and element(form, "title_ur").get("dir") == "rtl"
    assert element(form, "intro_ar").get("dir") == "rtl"
    assert element(form, "title_pl").get("dir") == "ltr"
    assert element(form, "opens_on").get("type") == "date"
    # Every language is offered unless unticked.
    assert element(form, "languages").get("checked") is not None
    response = await post_form(client, "/staff/consultations", VALID)
    assert response.status_code == 303
    found = LOCATION_ID.search(response.headers["location"])
    assert found and response.headers["location"].endswith("?done=created")
    stored = await Consultation.get(id=int(found.group(1)))
    assert stored.slug == "feeling-safe"
    assert stored.title == {
        "en": "Feeling safe where you live",
        "ur": "جہاں آپ رہتے ہیں وہاں محفوظ محسوس کرنا",
    }
    assert stored.intro == {"en": "Tell us where you feel safe."}
    assert stored.audience == Audience.YOUNG_PEOPLE
    assert stored.opens_at == datetime(2026, 3, 31, 23, tzinfo=UTC)  # midnight in Leeds (BST)
    assert stored.closes_at == datetime(2026, 4, 30, 23, tzinfo=UTC)
    assert stored.languages == ["en", "ur"]
    event = await AuditEvent.get(action="consultation.created")
    assert event.actor_id == moderator.id and event.after["slug"] == "feeling-safe"
    detail = await client.get(response.headers["location"])
    assert "Consultation created. Now add its questions." in text_of(detail)
    assert "1 April 2026" in text_of(detail) and "30 April 2026 (the last day)" in text_of(detail)


async def test_create_errors_keep_everything_typed(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    typed = {
        **VALID,
        "slug": "Feeling Safe!",
        "title_en": "",
        "intro_en": "Still here",
        "title_ur": "اردو عنوان",
        "audience": "",
        "opens_on": "2026-05-10",
        "closes_on": "2026-05-01",
        "languages": [],
    }
    response = await post_form(client, "/staff/consultations", typed)
    assert response.status_code == 400
    assert title(response) == "Error: Create a consultation – Voice"
    assert summary_links(response) == [
        ("#slug", "The web address can only have lower-case letters, numbers and hyphens, like feeling-safe"),
        ("#title_en", "Enter a title in English"),
        ("#audience", "Choose who the consultation is for"),
        ("#closes_on", "The closing date must be the same as or after the opening date"),
        ("#languages", "Choose at least one language"),
    ]
    assert value_of(response, "slug") == "Feeling Safe!"
    assert value_of(response, "intro_en") == "Still here"
    assert value_of(response, "title_ur") == "اردو عنوان"
    assert value_of(response, "opens_on") == "2026-05-10"
    assert value_of(response, "closes_on") == "2026-05-01"
    assert element(response, "title_en").get("aria-invalid") == "true"
    assert "title_en-error" in (element(response, "title_en").get("aria-describedby") or "")
    assert not await Consultation.exists()


async def test_unreadable_dates_are_kept_and_explained(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    response = await post_form(
        client, "/staff/consultations", {**VALID, "opens_on": "31/02/2026", "closes_on": ""}
    )
    assert response.status_code == 400
    assert summary_links(response) == [
        ("#opens_on", "The date it opens must be a real date, like 2026-03-31"),
        ("#closes_on", "Enter the date it closes"),
    ]
    assert value_of(response, "opens_on") == "31/02/2026"
    # The chosen audience and languages stay chosen.
    assert element(response, "audience").get("checked") is not None
    assert element(response, "languages-2").get("checked") is not None
    assert element(response, "languages-3").get("checked") is None


async def test_two_unreadable_dates_each_say_which_date_is_wrong(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    """Exploratory testing (nineteenth session): both said "Enter a real date, like 2026-03-31"."""
    response = await post_form(
        client, "/staff/consultations", {**VALID, "opens_on": "2027-02-31", "closes_on": "2027-02-30"}
    )
    assert response.status_code == 400
    assert summary_links(response) == [
        ("#opens_on", "The date it opens must be a real date, like 2026-03-31"),
        ("#closes_on", "The date it closes must be a real date, like 2026-03-31"),
    ]
    assert value_of(response, "closes_on") == "2027-02-30"


async def test_dates_far_out_of_range_are_explained(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    response = await post_form(
        client, "/staff/consultations", {**VALID, "opens_on": "0001-01-01", "closes_on": "9999-12-31"}
    )
    assert response.status_code == 400
    assert summary_links(response) == [
        ("#opens_on", "The date it opens must be between 2000 and 2099"),
        ("#closes_on", "The date it closes must be between 2000 and 2099"),
    ]
    assert not await Consultation.exists()


async def test_a_web_address_is_used_once(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    await make_consultation("feeling-safe")
    response = await post_form(client, "/staff/consultations", VALID)
    assert response.status_code == 400
    assert summary_links(response) == [("#slug", "Another consultation already uses this web address")]


async def test_edit_a_consultation(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    consultation = await make_consultation("parks")
    form = await client.get(f"/staff/consultations/{consultation.id}/edit")
    assert form.status_code == 200
    assert title(form) == "Change consultation details – Voice"
    assert value_of(form, "slug") == "parks"
    assert value_of(form, "title_ur") == "پارکوں میں محفوظ محسوس کرنا"
    assert value_of(form, "intro_en") == "Tell us about parks near you."
    assert element(form, "audience").get("checked") is not None  # young people
    assert value_of(form, "opens_on") != ""
    edited = {**VALID, "slug": "parks", "title_en": "Parks", "languages": ["en", "pl"]}
    response = await post_form(client, f"/staff/consultations/{consultation.id}/edit", edited)
    assert response.status_code == 303
    assert response.headers["location"] == f"/staff/consultations/{consultation.id}?done=updated"
    stored = await Consultation.get(id=consultation.id)
    assert stored.title["en"] == "Parks" and stored.languages == ["en", "pl"]
    event = await AuditEvent.get(action="consultation.updated")
    assert event.object_id == str(consultation.id)
    assert event.before["title"]["en"] == "Feeling safe in parks" and event.after["title"]["en"] == "Parks"
    assert event.before["languages"] == ["en", "ur"] and event.after["languages"] == ["en", "pl"]


async def test_edit_errors(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    consultation = await make_consultation("parks")
    await make_consultation("taken")
    response = await post_form(
        client,
        f"/staff/consultations/{consultation.id}/edit",
        {**VALID, "slug": "taken", "title_ro": "x" * 201},
    )
    assert response.status_code == 400
    assert title(response) == "Error: Change consultation details – Voice"
    assert [href for href, _text in summary_links(response)] == ["#slug", "#title_ro"]
    assert value_of(response, "title_ro") == "x" * 201
    assert (await Consultation.get(id=consultation.id)).slug == "parks"
    assert not await AuditEvent.filter(action="consultation.updated").exists()


async def test_the_standing_consultation_stays_without_dates(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    standing = await standing_consultation()
    form = await client.get(f"/staff/consultations/{standing.id}/edit")
    assert form.status_code == 200
    assert 'id="opens_on"' not in form.text and "it is always open, so it has no dates" in text_of(form)
    assert element(form, "languages-5").get("checked") is not None  # it offered every language
    edited = {**VALID, "slug": standing.slug, "title_en": "Tell us anything at all", "opens_on": "2030-01-01"}
    response = await post_form(client, f"/staff/consultations/{standing.id}/edit", edited)
    assert response.status_code == 303
    stored = await Consultation.get(id=standing.id)
    assert stored.title["en"] == "Tell us anything at all"
    assert stored.opens_at is None and stored.closes_at is None and stored.is_standing


async def test_detail_page(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    consultation = await make_consultation("parks")
    await add_questions(consultation)
    response = await client.get(f"/staff/consultations/{consultation.id}")
    assert response.status_code == 200
    assert title(response) == "Feeling safe in parks – Voice"
    text = text_of(response)
    assert "Scheduled" in text and "/c/parks" in text and "Young people" in text
    assert "Options: Not safe, Very safe" in text
    # Urdu is offered; questions without Urdu words say so.
    assert "No words yet in Urdu: people who choose that language see English." in text
    assert f'href="/staff/consultations/{consultation.id}/preview"' in response.text
    # The first question cannot move up and the last cannot move down.
    assert text.count("Move up") == 3 and text.count("Move down") == 3
    # About-you kinds already used are not offered again.
    assert 'value="age_band"' not in response.text and 'value="area"' in response.text


async def test_unknown_consultation_is_404(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    for path in (
        "/staff/consultations/999",
        "/staff/consultations/999/edit",
        "/staff/consultations/999/preview",
    ):
        assert (await client.get(path)).status_code == 404


async def test_analysts_and_leads_are_refused(
    app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    from tests.support.http import sign_in

    for role in (Role.ANALYST, Role.SAFEGUARDING_LEAD):
        await sign_in(client, staff[role])
        assert (await client.get("/staff/consultations")).status_code == 403
        assert (await client.get("/staff/areas")).status_code == 403
    await sign_in(client, staff[Role.ADMIN])
    assert (await client.get("/staff/consultations")).status_code == 200
