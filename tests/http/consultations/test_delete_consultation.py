"""Deleting a consultation made by mistake (exploratory testing, twenty-second session: a test
or a mistyped web address stayed for good). Asked first, audited, with its questions; refused
once anyone has answered it (what they said is evidence), while someone is answering it, and
for the standing "Tell us anything"."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from tests.http.consultations.conftest import add_questions, make_consultation, text_of, title
from tests.http.consultations.test_questions import post
from tests.support.contributions import make_contribution
from voice.accounts.models import StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.journey import standing_consultation
from voice.feedback.models import Consultation, Contribution, JourneyDraft, Question


async def test_a_consultation_nobody_answered_can_be_deleted(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation("feeling-saef")
    await add_questions(consultation)
    page = await client.get(f"/staff/consultations/{consultation.id}")
    assert f'href="/staff/consultations/{consultation.id}/delete"' in page.text
    sure = await client.get(f"/staff/consultations/{consultation.id}/delete")
    assert title(sure) == "Are you sure you want to delete Feeling safe in parks? – Voice"
    assert "/c/feeling-saef" in text_of(sure) and "Its questions are deleted with it." in text_of(sure)
    assert await Consultation.exists(id=consultation.id)  # asking changes nothing
    gone = await post(client, f"/staff/consultations/{consultation.id}/delete", {})
    assert gone.status_code == 303 and gone.headers["location"] == "/staff/consultations?done=deleted"
    assert not await Consultation.exists(id=consultation.id)
    assert not await Question.exists(consultation_id=consultation.id)
    audit = await AuditEvent.get(action="consultation.deleted")
    assert audit.object_id == str(consultation.id) and audit.actor_label == moderator.email
    assert (
        audit.before is not None and audit.before["slug"] == "feeling-saef" and audit.before["questions"] == 4
    )
    listed = await client.get(gone.headers["location"])
    assert "Consultation deleted." in text_of(listed) and "feeling-saef" not in listed.text
    # Sent again (a double click, or a second tab): it is gone, which is what was asked.
    again = await post(client, f"/staff/consultations/{consultation.id}/delete", {})
    assert again.status_code == 303 and again.headers["location"] == "/staff/consultations?done=deleted"
    assert await AuditEvent.filter(action="consultation.deleted").count() == 1
    assert (await client.get(f"/staff/consultations/{consultation.id}/delete")).status_code == 404
    # The web address is free again, to make it as it should have been.
    assert not await Consultation.exists(slug="feeling-saef")


async def test_an_answered_consultation_stays(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    made = await make_contribution("The park needs lights")
    await Contribution.filter(id=made.id).update(consultation_id=consultation.id)
    page = await client.get(f"/staff/consultations/{consultation.id}")
    assert "/delete" not in page.text.split('class="action-list"', 1)[1].split("</ul>", 1)[0]
    sure = await client.get(f"/staff/consultations/{consultation.id}/delete")
    assert title(sure) == "Feeling safe in parks cannot be deleted – Voice"
    assert "People have answered it." in text_of(sure) and "Delete consultation</button>" not in sure.text
    refused = await post(client, f"/staff/consultations/{consultation.id}/delete", {})
    assert refused.status_code == 400 and title(refused).startswith("Error: ")
    assert await Consultation.exists(id=consultation.id)
    assert not await AuditEvent.filter(action="consultation.deleted").exists()


async def test_one_someone_is_answering_stays(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    consultation = await make_consultation()
    await JourneyDraft.create(
        token_hash="a" * 64, consultation=consultation, answers={"1": {"text": "lights"}}
    )
    refused = await post(client, f"/staff/consultations/{consultation.id}/delete", {})
    assert refused.status_code == 400 and "Someone is answering it now" in text_of(refused)
    assert await Consultation.exists(id=consultation.id)
    assert await JourneyDraft.exists(consultation_id=consultation.id)


async def test_the_standing_consultation_stays(
    app: Starlette, client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    standing = await standing_consultation()
    page = await client.get(f"/staff/consultations/{standing.id}")
    assert f"/staff/consultations/{standing.id}/delete" not in page.text
    refused = await post(client, f"/staff/consultations/{standing.id}/delete", {})
    assert refused.status_code == 400 and "standing consultation" in text_of(refused)
    assert await Consultation.exists(id=standing.id)
