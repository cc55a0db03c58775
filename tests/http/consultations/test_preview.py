"""The preview: the journey's own pages for a consultation that is not open, in any language,
with JavaScript off, and nothing ever stored."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import (
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
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.journey import COOKIE
from voice.feedback.models import Consultation, Contribution, JourneyDraft


def base(consultation: Consultation) -> str:
    return f"/staff/consultations/{consultation.id}/preview"


def banner(response: httpx.Response) -> str:
    aside = page(response).find(".//aside")
    assert aside is not None and aside.get("class") == "preview-banner"
    assert aside.get("lang") == "en" and aside.get("dir") == "ltr"
    return " ".join("".join(aside.itertext()).split())


async def post(client: httpx.AsyncClient, path: str, data: dict[str, object]) -> httpx.Response:
    return await client.post(path, data={"csrf_token": await token(client), **data})  # type: ignore[arg-type]


async def nothing_stored(client: httpx.AsyncClient) -> None:
    assert not await JourneyDraft.exists()
    assert not await Contribution.exists()
    assert COOKIE not in client.cookies
    assert not await AuditEvent.filter(action="contribution.received").exists()


async def test_start_page_as_a_young_person_sees_it(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    await add_questions(consultation)
    public = await client.get("/c/parks")
    # The public journey: not open yet, and its title unsaid until it opens.
    assert "This is not open yet" in public.text and "Feeling safe in parks" not in public.text
    response = await client.get(base(consultation))
    assert response.status_code == 200
    assert title(response) == "Feeling safe in parks – Voice"
    assert "Preview: nothing is sent" in banner(response)
    text = text_of(response)
    assert "Tell us about parks near you." in text and "Start now" in text
    assert f'href="{base(consultation)}/1?lang=en"' in response.text
    # No staff navigation: the page is the young person's; the language switcher is there.
    assert "Sign out" not in response.text and "/staff/moderation" not in response.text
    assert 'href="/language?lang=ur&amp;next=' in response.text
    assert f'href="/staff/consultations/{consultation.id}"' in response.text  # back to staff pages


async def test_each_question_in_urdu(app: Starlette, client: httpx.AsyncClient, moderator: StaffUser) -> None:
    consultation = await make_consultation()
    await add_questions(consultation)
    start = await client.get(f"{base(consultation)}?lang=ur")
    root = page(start)
    assert root.get("lang") == "ur" and root.get("dir") == "rtl"
    assert "پارکوں میں محفوظ محسوس کرنا" in text_of(start)
    assert "Urdu" in banner(start)
    free = await client.get(f"{base(consultation)}/1?lang=ur")
    assert free.status_code == 200
    assert "آپ کو کیا چیز محفوظ محسوس کراتی ہے؟" in text_of(free)
    assert element(free, "answer").tag == "textarea"
    form = page(free).find(".//main//form")
    assert form is not None and form.get("action") == f"{base(consultation)}/1?lang=ur"
    back = page(free).find(".//a[@class='back-link']")
    assert back is not None and back.get("href") == f"{base(consultation)}?lang=ur"
    rating = await client.get(f"{base(consultation)}/2?lang=ur")
    assert "محفوظ نہیں" in text_of(rating)  # option words in Urdu
    assert '<span aria-hidden="true">🙁</span> محفوظ نہیں' in rating.text  # the face only decorates
    multiple = await client.get(f"{base(consultation)}/3?lang=ur")
    assert element(multiple, "answer-1").get("type") == "checkbox"
    age = await client.get(f"{base(consultation)}/4?lang=ur")
    assert element(age, "answer-1").get("type") == "radio"
    assert (await client.get(f"{base(consultation)}/9")).status_code == 404
    await nothing_stored(client)


async def test_answers_are_checked_then_forgotten(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    await add_questions(consultation)
    empty = await post(client, f"{base(consultation)}/1?lang=en", {"answer": ""})
    assert empty.status_code == 400
    assert title(empty) == "Error: What makes you feel safe? – Voice"
    assert summary_links(empty) == [("#answer", "Write your answer")]
    assert "Preview: nothing is sent" in banner(empty)
    long = await post(client, f"{base(consultation)}/1?lang=en", {"answer": "x" * 25})
    assert long.status_code == 400
    assert "Your answer must be 20 characters or fewer. It has 25 now." in text_of(long)
    assert value_of(long, "answer") == "x" * 25
    ok = await post(client, f"{base(consultation)}/1?lang=en", {"answer": "Lights"})
    assert ok.status_code == 303
    assert ok.headers["location"] == f"{base(consultation)}/2?lang=en"
    last = await post(client, f"{base(consultation)}/4?lang=ur", {})
    assert last.headers["location"] == f"{base(consultation)}/hear-back?lang=ur"
    change = await post(client, f"{base(consultation)}/3?change=1&lang=en", {"answer": "roundhay"})
    assert change.headers["location"] == f"{base(consultation)}/check?lang=en"
    await nothing_stored(client)


async def test_htmx_gets_the_journeys_fragment(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    await add_questions(consultation)
    headers = {"HX-Request": "true"}
    data = {"csrf_token": await token(client), "answer": ""}
    error = await client.post(f"{base(consultation)}/1?lang=en", data=data, headers=headers)
    assert error.status_code == 400
    assert error.text.lstrip().startswith('<div id="question-page" lang="en" dir="ltr">')
    data["answer"] = "Lights"
    moved = await client.post(f"{base(consultation)}/1?lang=en", data=data, headers=headers)
    assert moved.headers["HX-Redirect"] == f"{base(consultation)}/2?lang=en"
    await nothing_stored(client)


async def test_hear_back_check_and_send(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    await add_questions(consultation)
    hear = await client.get(f"{base(consultation)}/hear-back?lang=pl")
    assert hear.status_code == 200
    assert page(hear).get("lang") == "pl"
    assert "This consultation does not offer Polish." in banner(hear)
    wrong = await post(
        client, f"{base(consultation)}/hear-back?lang=en", {"hear_back": "yes", "contact": "nope"}
    )
    assert wrong.status_code == 400
    assert title(wrong).startswith("Error: ")
    assert value_of(wrong, "contact") == "nope"
    right = await post(client, f"{base(consultation)}/hear-back?lang=en", {"hear_back": "no"})
    assert right.headers["location"] == f"{base(consultation)}/check?lang=en"
    check = await client.get(f"{base(consultation)}/check?lang=en")
    assert check.status_code == 200
    assert title(check) == "Check your answers – Voice"
    assert "What makes you feel safe?" in text_of(check) and "Not answered" in text_of(check)
    assert f'href="{base(consultation)}/1?change=1&amp;lang=en"' in check.text
    form = page(check).find(".//main//form")
    assert form is not None and form.get("action") == f"{base(consultation)}/send?lang=en"
    sent = await post(client, f"{base(consultation)}/send?lang=en", {"submission_token": "preview"})
    assert sent.status_code == 200
    assert "K7QM-4XTP" in text_of(sent)
    assert "Nothing was sent" in banner(sent)
    await nothing_stored(client)


async def test_language_links_keep_the_page(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation(languages=["en", "ar"])
    await add_questions(consultation)
    response = await client.get(f"{base(consultation)}/2?change=1&lang=en")
    links = {a.get("href") for a in page(response).iter("a")}
    assert f"{base(consultation)}/2?change=1&lang=ar" in links
    # The public language switcher comes back to this preview page without ?lang=.
    assert f"/language?lang=pl&next=/staff/consultations/{consultation.id}/preview/2%3Fchange%3D1" in links
    chosen = await client.get(
        f"/language?lang=ar&next={base(consultation)}/2%3Fchange%3D1", follow_redirects=True
    )
    assert page(chosen).get("dir") == "rtl"


async def test_a_consultation_with_no_questions(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    response = await client.get(base(consultation))
    assert "There are no questions here yet." in text_of(response)
    check = await client.get(f"{base(consultation)}/check")
    assert check.status_code == 200
