"""The create form sent twice (a double click without JavaScript, a retried request) made the
consultation once but answered the second sending with "Another consultation already uses
this web address" (exploratory testing, twenty-second session). The same details sent again
by the same person a moment later now give the consultation the first sending made."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import summary_links
from tests.http.consultations.test_consultations import VALID, post_form
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.models import Consultation

TAKEN = ("#slug", "Another consultation already uses this web address")


async def test_the_same_form_sent_twice_makes_one(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    first = await post_form(client, "/staff/consultations", VALID)
    second = await post_form(client, "/staff/consultations", VALID)
    assert first.status_code == second.status_code == 303
    made = await Consultation.get(slug="feeling-safe")
    assert (
        first.headers["location"]
        == second.headers["location"]
        == f"/staff/consultations/{made.id}?done=created"
    )
    assert await Consultation.filter(slug="feeling-safe").count() == 1
    assert await AuditEvent.filter(action="consultation.created").count() == 1


async def test_other_details_or_another_person_still_find_the_address_taken(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    assert (await post_form(client, "/staff/consultations", VALID)).status_code == 303
    other = await post_form(client, "/staff/consultations", {**VALID, "title_en": "Something else"})
    assert other.status_code == 400 and summary_links(other) == [TAKEN]
    await sign_in(client, staff[Role.ADMIN])
    someone_else = await post_form(client, "/staff/consultations", VALID)
    assert someone_else.status_code == 400 and summary_links(someone_else) == [TAKEN]
    assert await AuditEvent.filter(action="consultation.created").count() == 1
