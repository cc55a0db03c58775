"""Shared pieces for the consultations HTTP tests: a signed-in moderator and page helpers."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from xml.etree.ElementTree import Element

import httpx
import pytest

from tests.support.http import CSRF_RE, sign_in
from tests.support.pages import parse
from voice.accounts.models import Role, StaffUser
from voice.feedback.models import Audience, Consultation, Question, QuestionKind


@pytest.fixture
async def moderator(client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    """Signs the client in as the moderator."""
    await sign_in(client, staff[Role.MODERATOR])
    return staff[Role.MODERATOR]


async def token(client: httpx.AsyncClient, path: str = "/staff/consultations") -> str:
    page = await client.get(path)
    found = CSRF_RE.search(page.text)
    assert found, path
    return found.group(1)


def page(response: httpx.Response) -> Element:
    return parse(response.text)


def title(response: httpx.Response) -> str:
    found = page(response).find(".//title")
    assert found is not None
    return " ".join("".join(found.itertext()).split())


def summary_links(response: httpx.Response) -> list[tuple[str, str]]:
    """(href, text) of each link in the error summary."""
    root = page(response)
    summary = root.find(".//*[@data-error-summary]")
    assert summary is not None, "no error summary"
    return [(a.get("href") or "", " ".join("".join(a.itertext()).split())) for a in summary.iter("a")]


def value_of(response: httpx.Response, element_id: str) -> str:
    """The value an input or textarea shows."""
    root = page(response)
    for element in root.iter():
        if element.get("id") == element_id:
            if element.tag == "textarea":
                return "".join(element.itertext())
            return element.get("value") or ""
    raise AssertionError(f"no element #{element_id}")


def element(response: httpx.Response, element_id: str) -> Element:
    for item in page(response).iter():
        if item.get("id") == element_id:
            return item
    raise AssertionError(f"no element #{element_id}")


def text_of(response: httpx.Response) -> str:
    root = page(response)
    main = root.find(".//main")
    assert main is not None
    return " ".join("".join(main.itertext()).split())


LOCATION_ID = re.compile(r"/staff/consultations/(\d+)")


async def make_consultation(
    slug: str = "parks",
    opens_in: timedelta = timedelta(days=7),
    lasts: timedelta = timedelta(days=30),
    languages: list[str] | None = None,
) -> Consultation:
    """A consultation that opens later (so the public journey is closed)."""
    now = datetime.now(UTC)
    consultation = await Consultation.create(
        slug=slug,
        title={"en": "Feeling safe in parks", "ur": "پارکوں میں محفوظ محسوس کرنا"},
        intro={"en": "Tell us about parks near you.", "ur": "اپنے قریب کے پارکوں کے بارے میں بتائیں۔"},
        audience=Audience.YOUNG_PEOPLE,
        opens_at=now + opens_in,
        closes_at=now + opens_in + lasts,
        languages=languages if languages is not None else ["en", "ur"],
    )
    return consultation


async def add_questions(consultation: Consultation) -> list[Question]:
    """One question of each kind the journey shows."""
    made = [
        await Question.create(
            consultation=consultation,
            position=1,
            kind=QuestionKind.FREE_TEXT,
            required=True,
            max_length=20,
            prompt={"en": "What makes you feel safe?", "ur": "آپ کو کیا چیز محفوظ محسوس کراتی ہے؟"},
            hint={"en": "Think about the last time you went."},
        ),
        await Question.create(
            consultation=consultation,
            position=2,
            kind=QuestionKind.RATING,
            required=True,
            prompt={"en": "How safe do you feel in parks?"},
            options=[
                {"value": "not_safe", "label": {"en": "Not safe", "ur": "محفوظ نہیں"}, "emoji": "🙁"},
                {"value": "very_safe", "label": {"en": "Very safe"}, "emoji": "😀"},
            ],
        ),
        await Question.create(
            consultation=consultation,
            position=3,
            kind=QuestionKind.MULTIPLE_CHOICE,
            prompt={"en": "Which parks do you go to?"},
            options=[
                {"value": "roundhay", "label": {"en": "Roundhay"}, "emoji": None},
                {"value": "potternewton", "label": {"en": "Potternewton"}, "emoji": None},
            ],
        ),
        await Question.create(
            consultation=consultation,
            position=4,
            kind=QuestionKind.AGE_BAND,
            prompt={"en": "How old are you?"},
            options=[
                {"value": "11_15", "label": {"en": "11 to 15"}, "emoji": None},
                {"value": "16_18", "label": {"en": "16 to 18"}, "emoji": None},
            ],
        ),
    ]
    return made
