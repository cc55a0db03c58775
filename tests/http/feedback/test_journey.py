"""The public feedback journey with JavaScript off: every step and every error path."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette

from tests.support.http import CSRF_RE
from voice.feedback.journey import COOKIE, answer_key, hash_token
from voice.feedback.models import (
    Consultation,
    ContactDetail,
    Contribution,
    JourneyDraft,
    Question,
    QuestionKind,
    Status,
)
from voice.feedback.routes import TRACK_LIMIT
from voice.moderation.models import SafeguardingCase

SUBMISSION_RE = re.compile(r'name="submission_token" value="([^"]+)"')
RECEIPT_RE = re.compile(r'class="receipt-code"><strong>([A-Z0-9-]+)</strong>')


async def make_consultation(**overrides: object) -> Consultation:
    values: dict[str, object] = {
        "slug": "parks",
        "title": {"en": "Feeling safe in parks", "ur": "پارکوں میں محفوظ محسوس کرنا"},
        "intro": {"en": "Tell us about parks near you."},
    }
    values.update(overrides)
    consultation = await Consultation.create(**values)
    await Question.create(
        consultation=consultation,
        position=1,
        kind=QuestionKind.FREE_TEXT,
        required=True,
        max_length=50,
        prompt={"en": "What makes you feel safe?", "ur": "آپ کو کیا چیز محفوظ محسوس کراتی ہے؟"},
    )
    await Question.create(
        consultation=consultation,
        position=2,
        kind=QuestionKind.RATING,
        required=True,
        prompt={"en": "How safe do you feel in parks?"},
        options=[
            {"value": "1", "label": {"en": "Not safe"}, "emoji": "😟"},
            {"value": "2", "label": {"en": "A bit safe"}, "emoji": "😐"},
            {"value": "3", "label": {"en": "Very safe"}, "emoji": "😀"},
        ],
    )
    await Question.create(
        consultation=consultation,
        position=3,
        kind=QuestionKind.MULTIPLE_CHOICE,
        required=False,
        prompt={"en": "Which parks do you go to?"},
        options=[
            {"value": "roundhay", "label": {"en": "Roundhay"}},
            {"value": "potternewton", "label": {"en": "Potternewton"}},
        ],
    )
    await Question.create(
        consultation=consultation,
        position=4,
        kind=QuestionKind.AGE_BAND,
        required=True,
        prompt={"en": "How old are you?"},
        options=[
            {"value": "11_15", "label": {"en": "11 to 15"}},
            {"value": "16_18", "label": {"en": "16 to 18"}},
        ],
    )
    return consultation


async def token_on(client: httpx.AsyncClient, path: str) -> str:
    page = await client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    found = CSRF_RE.search(page.text)
    assert found
    return found.group(1)


async def post(client: httpx.AsyncClient, path: str, data: dict[str, object]) -> httpx.Response:
    token = await token_on(client, path)
    return await client.post(path, data={"csrf_token": token, **data})


async def kept_answer(position: int) -> object:
    """What the one draft keeps for the question at ``position`` of "parks" (None if nothing)."""
    question = await Question.get(consultation__slug="parks", position=position)
    return (await JourneyDraft.get()).answers.get(answer_key(question))


async def age_drafts() -> None:
    """Pretend the visitor took a minute, so the too-fast bot check passes."""
    await JourneyDraft.all().update(created_at=datetime.now(UTC) - timedelta(minutes=1))


async def answer_all(
    client: httpx.AsyncClient, text: str = "Lights and friends", contact: dict[str, str] | None = None
) -> None:
    assert (await post(client, "/c/parks/q/1", {"answer": text})).headers["location"] == "/c/parks/q/2"
    assert (await post(client, "/c/parks/q/2", {"answer": "2"})).headers["location"] == "/c/parks/q/3"
    assert (await post(client, "/c/parks/q/3", {"answer": ["roundhay", "potternewton"]})).headers[
        "location"
    ] == "/c/parks/q/4"
    assert (await post(client, "/c/parks/q/4", {"answer": "11_15"})).headers[
        "location"
    ] == "/c/parks/hear-back"
    response = await post(client, "/c/parks/hear-back", contact or {"hear_back": "no"})
    assert response.headers["location"] == "/c/parks/check"


async def send_form(client: httpx.AsyncClient) -> dict[str, str]:
    """The Send form's fields, as the check page gives them."""
    page = await client.get("/c/parks/check")
    assert page.status_code == 200
    csrf, submission = CSRF_RE.search(page.text), SUBMISSION_RE.search(page.text)
    assert csrf and submission
    return {"csrf_token": csrf.group(1), "submission_token": submission.group(1), "website": ""}


async def send_from_check(client: httpx.AsyncClient, **extra: str) -> httpx.Response:
    await age_drafts()
    return await client.post("/c/parks/send", data={**await send_form(client), **extra})


async def test_full_journey_end_to_end(client: httpx.AsyncClient) -> None:
    await make_consultation()
    start = await client.get("/c/parks")
    assert "<h1>Feeling safe in parks</h1>" in start.text and 'href="/c/parks/q/1"' in start.text
    first = await client.get("/c/parks/q/1")
    html = first.text
    assert '<label for="answer">What makes you feel safe?</label>' in html
    assert "Voice and Influence team" in html and "names and contact details" in html
    assert "not safe" in html and "secret" not in html.lower()
    assert "up to 50 characters" in html and 'href="/c/parks"' in html
    await answer_all(client)
    cookie = client.cookies.get(COOKIE)
    assert cookie and await JourneyDraft.exists(token_hash=hash_token(cookie))
    assert not await JourneyDraft.exists(token_hash=cookie)
    check = await client.get("/c/parks/check")
    assert "Lights and friends" in check.text and "Roundhay, Potternewton" in check.text
    assert 'href="/c/parks/q/2?change=1"' in check.text
    response = await send_from_check(client)
    assert response.status_code == 200
    code = RECEIPT_RE.search(response.text)
    assert code
    contribution = await Contribution.get(receipt_code=code.group(1))
    assert contribution.age_band == "11_15" and contribution.language == "en"
    answers = await contribution.answers.all().order_by("id")
    assert [a.text for a in answers][0] == "Lights and friends"
    assert answers[1].choices == ["2"] and answers[2].choices == ["roundhay", "potternewton"]
    assert not await ContactDetail.exists()
    assert not await JourneyDraft.exists()
    assert "Childline" not in response.text.split("<footer")[0]


async def test_journey_cookie_is_a_safe_session_cookie(client: httpx.AsyncClient) -> None:
    await make_consultation()
    response = await post(client, "/c/parks/q/1", {"answer": "Hello"})
    header = next(h for h in response.headers.get_list("set-cookie") if h.startswith(f"{COOKIE}="))
    assert "HttpOnly" in header and "samesite=lax" in header.lower()
    assert "max-age" not in header.lower() and "expires" not in header.lower()
    assert "Hello" not in response.headers["location"]


async def test_required_errors_the_govuk_way(client: httpx.AsyncClient) -> None:
    await make_consultation()
    response = await post(client, "/c/parks/q/1", {"answer": "  "})
    assert response.status_code == 400
    assert "<title>Error: What makes you feel safe?" in response.text
    assert 'href="#answer"' in response.text and 'id="answer-error"' in response.text
    radios = await post(client, "/c/parks/q/2", {})
    assert radios.status_code == 400
    assert 'href="#answer-1"' in radios.text and "Choose an answer" in radios.text
    assert "<legend" in radios.text and 'aria-hidden="true">😟</span> Not safe' in radios.text


async def test_too_long_keeps_what_was_typed(client: httpx.AsyncClient) -> None:
    await make_consultation()
    long_text = "I like the park when it is busy and there are lots of people &lt;b&gt;"
    response = await post(client, "/c/parks/q/1", {"answer": long_text})
    assert response.status_code == 400
    assert "50 characters or fewer" in response.text
    assert "It has 70 now" in response.text
    assert "I like the park when it is busy" in response.text and "&amp;lt;b&amp;gt;" in response.text


async def test_optional_and_about_you_questions(client: httpx.AsyncClient) -> None:
    await make_consultation()
    optional = await client.get("/c/parks/q/3")
    assert (
        "Which parks do you go to? (optional)" in optional.text and "*" not in optional.text.split("<main")[1]
    )
    assert (await client.get("/c/parks/q/4")).text.count("(optional)") >= 1  # about you: always optional
    await post(client, "/c/parks/q/1", {"answer": "Hi"})
    skipped = await post(client, "/c/parks/q/4", {})
    assert skipped.status_code == 303


async def test_change_links_return_to_check(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    page = await client.get("/c/parks/q/1?change=1")
    assert "Lights and friends" in page.text and 'href="/c/parks/check"' in page.text
    changed = await post(client, "/c/parks/q/1?change=1", {"answer": "Street lights"})
    assert changed.headers["location"] == "/c/parks/check"
    assert "Street lights" in (await client.get("/c/parks/check")).text


async def test_hear_back_with_contact_is_kept_apart(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await post(client, "/c/parks/q/1", {"answer": "Hi"})
    missing = await post(client, "/c/parks/hear-back", {"hear_back": "yes", "contact": ""})
    assert missing.status_code == 400 and 'href="#contact"' in missing.text
    wrong = await post(client, "/c/parks/hear-back", {"hear_back": "yes", "contact": "not an address"})
    assert wrong.status_code == 400 and 'value="not an address"' in wrong.text
    await answer_all(client, contact={"hear_back": "yes", "contact": "sam@example.org"})
    response = await send_from_check(client)
    code = RECEIPT_RE.search(response.text)
    assert code
    contribution = await Contribution.get(receipt_code=code.group(1))
    contact = await ContactDetail.get(contribution=contribution)
    assert (contact.method, contact.value) == ("email", "sam@example.org")
    answers = await contribution.answers.all()
    assert all("sam@example.org" not in (a.text or "") for a in answers)


async def test_a_contact_typed_with_no_chosen_is_not_dropped_silently(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await post(client, "/c/parks/q/1", {"answer": "Hi"})
    response = await post(client, "/c/parks/hear-back", {"hear_back": "no", "contact": "bob@example.org"})
    assert response.status_code == 400
    assert 'href="#contact"' in response.text and "Choose Yes to hear back, or delete it" in response.text
    assert 'value="bob@example.org"' in response.text
    assert response.text.split("<title>")[1].startswith("Error:")
    # "No" with an empty box is still fine.
    ok = await post(client, "/c/parks/hear-back", {"hear_back": "no", "contact": "  "})
    assert ok.status_code == 303


async def test_double_submit_makes_one_contribution(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    await age_drafts()
    data = await send_form(client)
    first = await client.post("/c/parks/send", data=data)
    second = await client.post("/c/parks/send", data=data)
    assert await Contribution.all().count() == 1
    one, two = RECEIPT_RE.search(first.text), RECEIPT_RE.search(second.text)
    assert one and two and one.group(1) == two.group(1)


async def test_disclosure_gets_calm_extra_help(client: httpx.AsyncClient) -> None:
    await make_consultation(slug="parks")
    await Question.filter(position=1).update(max_length=2000)
    await answer_all(client, text="my step dad hits me and i dont want to go home")
    response = await send_from_check(client)
    main = response.text.split("<footer")[0]
    assert "0800 1111" in main and "999" in main
    assert await SafeguardingCase.exists()


def _help_panel(html: str) -> str:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return (
        main.split('class="notice notice-help"', 1)[1].split("</div>", 1)[0] if "notice-help" in main else ""
    )


@pytest.mark.parametrize("words", ["my step dad hits me and i dont want to go home", "Lights and friends"])
async def test_the_receipt_shown_again_has_the_same_help_whatever_was_sent(
    client: httpx.AsyncClient, words: str
) -> None:
    """Found by an exploratory test (2026-11-24): on a shared phone the next person could open the
    receipt again (history, Back) and see "You do not have to deal with this alone", which shows
    the words were a possible disclosure. Shown again, the help is the same for every receipt."""
    await make_consultation(slug="parks")
    await Question.filter(position=1).update(max_length=2000)
    await answer_all(client, text=words)
    sent = await send_from_check(client)
    disclosure = "hits me" in words
    assert ("You do not have to deal with this alone" in sent.text) is disclosure
    again = await client.get("/c/parks/sent")
    assert again.status_code == 200 and RECEIPT_RE.search(again.text)
    panel = _help_panel(again.text)
    assert "0800 1111" in panel and "999" in panel
    assert "deal with this alone" not in again.text and "read your message soon" not in again.text
    return_to_question = await client.get("/c/parks/q/2", follow_redirects=True)  # Back after Send
    assert _help_panel(return_to_question.text) == panel


async def test_a_form_sent_again_later_gets_the_same_help_as_any_receipt(client: httpx.AsyncClient) -> None:
    """Found by a review (2026-11-24): with JavaScript off the tab stays on Send's address, and
    the next person on the phone could reload it and accept "resend", hours later, to get the
    disclosure's help panel. A double tap or a retry within two minutes is the same person's
    and gets the receipt as first shown; later, the help every receipt shown again has; after
    15 minutes, nothing."""
    await make_consultation(slug="parks")
    await Question.filter(position=1).update(max_length=2000)
    await answer_all(client, text="my step dad hits me and i dont want to go home")
    form = {**await send_form(client), "website": ""}
    await age_drafts()
    first = await client.post("/c/parks/send", data=form)
    assert "deal with this alone" in first.text
    retry = await client.post("/c/parks/send", data=form)  # a double tap
    assert "deal with this alone" in retry.text and RECEIPT_RE.search(retry.text)
    await Contribution.all().update(submitted_at=datetime.now(UTC) - timedelta(minutes=5))
    later = await client.post("/c/parks/send", data=form)
    assert later.status_code == 200 and RECEIPT_RE.search(later.text)
    assert "deal with this alone" not in later.text and "0800 1111" in _help_panel(later.text)
    await Contribution.all().update(submitted_at=datetime.now(UTC) - timedelta(minutes=16))
    much_later = await client.post("/c/parks/send", data=form)
    assert much_later.status_code == 303 and not RECEIPT_RE.search(much_later.text)
    assert await Contribution.all().count() == 1


async def test_honeypot_stores_nothing(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    response = await send_from_check(client, website="http://spam.example")
    assert response.status_code == 200 and RECEIPT_RE.search(response.text)
    assert not await Contribution.exists()


async def test_too_fast_shows_the_check_page_again(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    page = await client.get("/c/parks/check")
    assert 'tabindex="-1"' in page.text and "Leave this empty" in page.text
    csrf, submission = CSRF_RE.search(page.text), SUBMISSION_RE.search(page.text)
    assert csrf and submission
    response = await client.post(
        "/c/parks/send",
        data={"csrf_token": csrf.group(1), "submission_token": submission.group(1), "website": ""},
    )
    assert response.status_code == 200 and RECEIPT_RE.search(response.text) is None
    assert "press Send again" in response.text
    assert not await Contribution.exists() and await JourneyDraft.exists()


async def test_check_without_answers_goes_back(client: httpx.AsyncClient) -> None:
    await make_consultation()
    assert (await client.get("/c/parks/check")).headers["location"] == "/c/parks"
    await post(client, "/c/parks/q/3", {"answer": "roundhay"})
    assert (await client.get("/c/parks/check")).headers["location"] == "/c/parks/q/1?missing=1&change=1"


async def test_expired_draft_is_gone(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await post(client, "/c/parks/q/1", {"answer": "Keep me"})
    await JourneyDraft.all().update(updated_at=datetime.now(UTC) - timedelta(hours=3))
    page = await client.get("/c/parks/q/1")
    assert "Keep me" not in page.text
    assert not await JourneyDraft.exists()


async def test_closed_and_unknown_consultations(client: httpx.AsyncClient) -> None:
    past = datetime.now(UTC) - timedelta(days=1)
    await make_consultation(closes_at=past)
    closed = await client.get("/c/parks")
    assert (
        closed.status_code == 200
        and "not open right now" in closed.text
        and "<form" not in closed.text.split("<footer")[0].split("</header>")[1]
    )
    assert "<textarea" not in (await client.get("/c/parks/q/1")).text
    later = await Consultation.create(
        slug="later", title={"en": "Later"}, opens_at=datetime.now(UTC) + timedelta(days=3)
    )
    assert "This is not open yet" in (await client.get(f"/c/{later.slug}")).text
    assert (await client.get("/c/nope")).status_code == 404


async def test_tell_us_leads_to_the_standing_consultation(client: httpx.AsyncClient) -> None:
    response = await client.get("/tell-us")
    assert response.status_code == 303
    standing = await Consultation.get(is_standing=True)
    assert response.headers["location"] == f"/c/{standing.slug}"
    again = await client.get("/tell-us")
    assert again.headers["location"] == response.headers["location"]
    assert await Consultation.filter(is_standing=True).count() == 1


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "You do not need to give your name."),
        ("ur", "آپ کو اپنا نام دینے کی ضرورت نہیں۔"),
        ("pl", "Nie musisz podawać imienia."),
    ],
)
async def test_the_standing_start_page_says_no_name_is_needed_once(
    client: httpx.AsyncClient, language: str, sentence: str
) -> None:
    start = await client.get("/tell-us", follow_redirects=True, headers={"Accept-Language": language})
    assert start.text.count(sentence) == 1


async def test_urdu_journey_is_right_to_left_and_keeps_answers(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await post(client, "/c/parks/q/1", {"answer": "روشنی"})
    switched = await client.get("/language", params={"lang": "ur", "next": "/c/parks/q/1"})
    assert switched.headers["location"] == "/c/parks/q/1"
    page = await client.get("/c/parks/q/1")
    assert 'dir="rtl"' in page.text and 'lang="ur"' in page.text
    assert "آپ کو کیا چیز محفوظ محسوس کراتی ہے؟" in page.text and "روشنی" in page.text
    assert "How safe do you feel in parks?" in (await client.get("/c/parks/q/2")).text  # English fallback


async def test_htmx_error_is_a_fragment(client: httpx.AsyncClient) -> None:
    await make_consultation()
    token = await token_on(client, "/c/parks/q/1")
    page = (await client.get("/c/parks/q/1")).text
    assert 'hx-post="/c/parks/q/1"' in page and 'hx-select="#question-page"' in page
    response = await client.post(
        "/c/parks/q/1", data={"answer": ""}, headers={"HX-Request": "true", "X-CSRF-Token": token}
    )
    assert response.status_code == 400
    assert not response.text.lstrip().startswith("<!DOCTYPE") and "data-error-summary" in response.text
    ok = await client.post(
        "/c/parks/q/1", data={"answer": "Fine"}, headers={"HX-Request": "true", "X-CSRF-Token": token}
    )
    assert ok.headers["hx-redirect"] == "/c/parks/q/2"


async def test_track_shows_progress_without_words(app: Starlette, client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client, text="Secret words here")
    response = await send_from_check(client)
    code = RECEIPT_RE.search(response.text)
    assert code
    form = await client.get("/track")
    assert '<label for="code">' in form.text
    found = await client.get("/track", params={"code": code.group(1).lower().replace("-", " ")})
    assert found.status_code == 200 and code.group(1) in found.text
    assert "We got your message" in found.text and "Secret words" not in found.text
    await Contribution.all().update(status=Status.APPROVED)
    shared = await client.get("/track", params={"code": code.group(1)})
    assert shared.text.count("(done)") == 3


async def test_track_wrong_and_unknown_codes(client: httpx.AsyncClient) -> None:
    wrong = await client.get("/track", params={"code": "hello"})
    assert wrong.status_code == 400 and 'href="#code"' in wrong.text and "<title>Error:" in wrong.text
    unknown = await client.get("/track", params={"code": "K7QM-4XTP"})
    assert unknown.status_code == 404 and "cannot find that code" in unknown.text
    assert 'value="K7QM-4XTP"' in unknown.text


async def test_track_is_rate_limited(client: httpx.AsyncClient) -> None:
    for _ in range(TRACK_LIMIT[0]):
        assert (await client.get("/track", params={"code": "K7QM-4XTP"})).status_code == 404
    blocked = await client.get("/track", params={"code": "K7QM-4XTP"})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    assert "Too many tries" in blocked.text


async def test_right_codes_do_not_use_up_the_limit(client: httpx.AsyncClient) -> None:
    """A class on one network address can all look up their own codes."""
    await make_consultation()
    await answer_all(client)
    code = RECEIPT_RE.search((await send_from_check(client)).text)
    assert code
    for _ in range(15):
        assert (await client.get("/track", params={"code": code.group(1)})).status_code == 200
    for _ in range(TRACK_LIMIT[0]):
        assert (await client.get("/track", params={"code": "K7QM-4XTP"})).status_code == 404
    assert (await client.get("/track", params={"code": code.group(1)})).status_code == 429


async def test_exit_this_page_deletes_answers_in_progress(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    cookie = client.cookies.get(COOKIE)
    assert cookie and await JourneyDraft.exists(token_hash=hash_token(cookie))
    response = await client.get("/exit")
    assert response.status_code == 303
    assert not await JourneyDraft.exists(token_hash=hash_token(cookie))
    assert any(h.startswith(f"{COOKIE}=") for h in response.headers.get_list("set-cookie"))


async def test_an_address_longer_than_any_consultation_is_not_found(client: httpx.AsyncClient) -> None:
    for path in ("/c/" + "a" * 81, "/c/" + "a" * 81 + "/q/1", "/c/" + "a" * 200 + "/check"):
        assert (await client.get(path)).status_code == 404, path


async def test_changing_language_on_the_confirmation_keeps_the_receipt(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    sent = await send_from_check(client)
    code = RECEIPT_RE.search(sent.text)
    assert code
    # The language links lead to a page that can be fetched, not back to the form post.
    assert "next=/c/parks/sent" in sent.text.replace("%2F", "/")
    switched = await client.get("/language", params={"lang": "ur", "next": "/c/parks/sent"})
    assert switched.headers["location"] == "/c/parks/sent"
    again = await client.get("/c/parks/sent")
    assert again.status_code == 200 and f"<strong>{code.group(1)}</strong>" in again.text
    assert '<html lang="ur" dir="rtl">' in again.text


async def test_the_sent_page_without_a_send_goes_to_the_start(client: httpx.AsyncClient) -> None:
    await make_consultation()
    assert (await client.get("/c/parks/sent")).headers["location"] == "/c/parks"
    client.cookies.set("voice_sent", "not-a-token")
    assert (await client.get("/c/parks/sent")).headers["location"] == "/c/parks"


async def test_the_sent_page_lasts_15_minutes(client: httpx.AsyncClient) -> None:
    """Short on purpose: on a shared phone the next person must not find the receipt, nor the
    help a possible disclosure added. The cookie goes when the browser closes, like the
    journey's (no Max-Age)."""
    await make_consultation()
    await answer_all(client)
    sent = await send_from_check(client)
    cookie = next(value for value in sent.headers.get_list("set-cookie") if value.startswith("voice_sent="))
    assert "max-age" not in cookie.lower() and "expires" not in cookie.lower()
    await Contribution.all().update(submitted_at=datetime.now(UTC) - timedelta(minutes=14))
    assert (await client.get("/c/parks/sent")).status_code == 200
    await Contribution.all().update(submitted_at=datetime.now(UTC) - timedelta(minutes=16))
    assert (await client.get("/c/parks/sent")).headers["location"] == "/c/parks"


async def test_nothing_answered_is_not_sent(client: httpx.AsyncClient) -> None:
    """Every question optional and every one skipped: no empty contribution, a clear message."""
    await make_consultation()
    await Question.all().update(required=False)
    await post(client, "/c/parks/q/1", {"answer": ""})
    await post(client, "/c/parks/q/2", {})
    await post(client, "/c/parks/q/3", {})
    await post(client, "/c/parks/q/4", {"answer": "11_15"})  # "about you" alone is not enough
    await post(client, "/c/parks/hear-back", {"hear_back": "no"})
    page = await client.get("/c/parks/check")
    only_about_you = "You only told us about you. Answer at least one other question, then press Send."
    assert only_about_you in page.text
    response = await send_from_check(client)
    assert response.status_code == 200 and RECEIPT_RE.search(response.text) is None
    assert only_about_you in response.text
    # Without the age band either, nothing at all was answered.
    await post(client, "/c/parks/q/4", {})
    assert "You have not answered any questions" in (await client.get("/c/parks/check")).text
    assert not await Contribution.exists() and await JourneyDraft.exists()
    # Answering one question is enough.
    await post(client, "/c/parks/q/3", {"answer": ["roundhay"]})
    sent = await send_from_check(client)
    assert RECEIPT_RE.search(sent.text) and await Contribution.exists()


async def test_nul_characters_and_repeated_choices_are_cleaned(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client, text="Lights\x00 and friends")
    await post(client, "/c/parks/q/3", {"answer": ["roundhay", "roundhay", "potternewton"]})
    response = await send_from_check(client)
    code = RECEIPT_RE.search(response.text)
    assert code
    contribution = await Contribution.get(receipt_code=code.group(1))
    answers = {a.question_id: a for a in await contribution.answers.all()}
    texts = [a.text for a in answers.values() if a.text]
    assert texts == ["Lights and friends"]
    assert sorted(c for a in answers.values() for c in a.choices if c in ("roundhay", "potternewton")) == [
        "potternewton",
        "roundhay",
    ]


async def test_a_second_consultation_keeps_the_first_ones_answers(client: httpx.AsyncClient) -> None:
    await make_consultation()
    other = await Consultation.create(slug="buses", title={"en": "Buses"})
    await Question.create(
        consultation=other, position=1, kind=QuestionKind.FREE_TEXT, required=True, prompt={"en": "Buses?"}
    )
    await post(client, "/c/parks/q/1", {"answer": "Lights please"})
    assert (await post(client, "/c/buses/q/1", {"answer": "More buses"})).status_code == 303
    assert "Lights please" in (await client.get("/c/parks/q/1")).text
    assert "More buses" in (await client.get("/c/buses/q/1")).text
    assert await JourneyDraft.all().count() == 2
    # Sending one keeps the cookie, so the other's answers are still there.
    await answer_all(client, text="Lights please")
    sent = await send_from_check(client)
    assert RECEIPT_RE.search(sent.text)
    assert not any(h.startswith("voice_journey=") for h in sent.headers.get_list("set-cookie"))
    assert "More buses" in (await client.get("/c/buses/q/1")).text


async def test_lost_answers_are_explained(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await answer_all(client)
    await age_drafts()
    data = await send_form(client)
    # The draft runs out while the check page is open.
    await JourneyDraft.all().update(updated_at=datetime.now(UTC) - timedelta(hours=3))
    response = await client.post("/c/parks/send", data=data)
    assert response.headers["location"] == "/c/parks?lost=1"
    start = await client.get("/c/parks?lost=1")
    assert "We could not keep your answers." in start.text
    # A first visit to the check page (no cookie) is not told off.
    client.cookies.delete("voice_journey")
    assert (await client.get("/c/parks/check")).headers["location"] == "/c/parks"
    assert "We could not keep" not in (await client.get("/c/parks")).text


async def test_an_optional_choice_can_be_cleared_without_javascript(client: httpx.AsyncClient) -> None:
    await make_consultation()
    await Question.filter(position=4).update(required=False)
    await answer_all(client)
    page = await client.get("/c/parks/q/4?change=1")
    assert 'id="answer-none"' in page.text and "Prefer not to say" in page.text
    cleared = await post(client, "/c/parks/q/4?change=1", {"answer": ""})
    assert cleared.headers["location"] == "/c/parks/check"
    check = await client.get("/c/parks/check")
    assert "11 to 15" not in check.text
    # Required and multiple-choice questions do not offer it.
    assert 'id="answer-none"' not in (await client.get("/c/parks/q/2")).text
    assert 'id="answer-none"' not in (await client.get("/c/parks/q/3")).text


async def test_a_paste_too_big_to_read_gets_a_clear_page_and_keeps_earlier_answers(
    client: httpx.AsyncClient,
) -> None:
    await make_consultation()
    await post(client, "/c/parks/q/1", {"answer": "Lights"})
    await post(client, "/c/parks/q/2", {"answer": "2"})
    huge = "a" * (300 * 1024)
    response = await post(client, "/c/parks/q/1", {"answer": huge})
    assert response.status_code == 413
    # The question again: the words could not be read, so it says so and gives the limit.
    assert "far too long, so we could not keep it. You can write up to 50 characters" in response.text
    assert "This form has expired" not in response.text
    assert await kept_answer(1) == {"text": "Lights"} and await kept_answer(2) is not None
    # In the visitor's language, right to left for Urdu.
    await client.get("/language", params={"lang": "ur", "next": "/c/parks/q/1"})
    in_urdu = await post(client, "/c/parks/q/1", {"answer": huge})
    assert in_urdu.status_code == 413 and 'dir="rtl"' in in_urdu.text
    assert "far too long" not in in_urdu.text and "50" in in_urdu.text


@pytest.mark.parametrize("invisible", ["\u200b", "\u3164", "\u2800", "\u200b\u200c\ufeff", " \u2060 "])
async def test_a_required_answer_of_invisible_characters_is_not_an_answer(
    client: httpx.AsyncClient, invisible: str
) -> None:
    await make_consultation()
    response = await post(client, "/c/parks/q/1", {"answer": invisible})
    assert response.status_code == 400 and 'href="#answer"' in response.text
    assert "Write your answer" in response.text


async def test_spaces_after_the_answer_do_not_count_against_the_limit(client: httpx.AsyncClient) -> None:
    await make_consultation()
    response = await post(client, "/c/parks/q/1", {"answer": "a" * 50 + " " * 20})
    assert response.status_code == 303
    over = await post(client, "/c/parks/q/1", {"answer": "b" * 51 + " " * 20})
    assert over.status_code == 400 and "It has 51 now" in over.text


async def test_emoji_count_as_one_character_each_against_the_limit(client: httpx.AsyncClient) -> None:
    """The limit is counted as the writer sees it: a family emoji is one character, not five."""
    await make_consultation()
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    fits = "Parks are good for us " + family * 28  # 50 as seen, 162 code points
    response = await post(client, "/c/parks/q/1", {"answer": fits})
    assert response.status_code == 303
    assert await kept_answer(1) == {"text": fits}
    over = await post(client, "/c/parks/q/1", {"answer": fits + "!"})
    assert over.status_code == 400 and "It has 51 now" in over.text


async def test_with_javascript_a_long_paste_reaches_the_too_long_error(client: httpx.AsyncClient) -> None:
    await make_consultation()
    token = await token_on(client, "/c/parks/q/1")
    headers = {"HX-Request": "true", "X-CSRF-Token": token}
    long_paste = "b" * (300 * 1024)  # over the no-JavaScript form limit, under the header one
    response = await client.post("/c/parks/q/1", data={"answer": long_paste}, headers=headers)
    assert response.status_code == 400
    assert "50 characters or fewer" in response.text and f"It has {len(long_paste)} now" in response.text
    far_too_much = await client.post("/c/parks/q/1", data={"answer": "c" * (1100 * 1024)}, headers=headers)
    assert far_too_much.status_code == 413 and "far too long" in far_too_much.text
