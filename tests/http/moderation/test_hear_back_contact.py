"""Someone who left contact details to hear back can be told what happened: moderators see that
they asked, and the details themselves only when they ask to, each showing audited."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from tests.support.contributions import make_contribution
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.audit.models import AuditEvent
from voice.feedback.models import ContactDetail, Contribution, ContributionKind

EMAIL = "skater.kid@example.org"
PHONE = "07700 900461"


async def _with_contact(method: str, value: str) -> int:
    contribution = await make_contribution("The skate park lights should stay on later in winter")
    await ContactDetail.create(
        contribution=contribution, method=method, value=value, consent_given_at=datetime.now(UTC)
    )
    return contribution.id


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
async def test_a_moderator_sees_they_asked_and_the_address_only_when_shown(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], role: Role
) -> None:
    ident = await _with_contact("email", EMAIL)
    await sign_in(client, staff[role])
    page = (await client.get(f"/staff/moderation/{ident}")).text
    assert "Yes, by email. Use it only to tell them what happened." in page
    assert EMAIL not in page and f'href="/staff/moderation/{ident}?contact=show#contact-value"' in page
    assert not await AuditEvent.filter(action="contribution.contact_viewed").exists()

    shown = (await client.get(f"/staff/moderation/{ident}?contact=show")).text
    assert f'<span class="contact-value" id="contact-value"><strong>{EMAIL}</strong></span>' in shown
    viewed = await AuditEvent.filter(action="contribution.contact_viewed").all()
    assert [(event.actor_id, event.object_id) for event in viewed] == [(staff[role].id, str(ident))]
    assert EMAIL not in str(viewed[0].after) and EMAIL not in str(viewed[0].before)


async def test_a_phone_number_and_the_queue_filters_kept_on_the_link(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    ident = await _with_contact("phone", PHONE)
    await sign_in(client, staff[Role.MODERATOR])
    page = (await client.get(f"/staff/moderation/{ident}", params={"back": "status=to_do&q=skate"})).text
    assert "Yes, by phone." in page and "Show their phone number" in page and PHONE not in page
    assert f'href="/staff/moderation/{ident}?back=status%3Dto_do%26q%3Dskate&amp;contact=show' in page
    shown = await client.get(f"/staff/moderation/{ident}", params={"back": "status=to_do", "contact": "show"})
    assert PHONE in shown.text


async def test_without_contact_details_it_says_they_follow_it_with_their_code(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    contribution = await make_contribution("More benches please")
    await sign_in(client, staff[Role.MODERATOR])
    page = (await client.get(f"/staff/moderation/{contribution.id}?contact=show")).text
    assert "No: they follow it with their receipt code" in page and "contact-value" not in page
    assert not await AuditEvent.filter(action="contribution.contact_viewed").exists()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.SAFEGUARDING_LEAD])
async def test_other_roles_cannot_open_it(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser], role: Role
) -> None:
    ident = await _with_contact("email", EMAIL)
    await sign_in(client, staff[role])
    refused = await client.get(f"/staff/moderation/{ident}?contact=show")
    assert refused.status_code == 403 and EMAIL not in refused.text
    assert not await AuditEvent.filter(action="contribution.contact_viewed").exists()


async def test_after_retention_it_says_the_details_were_not_kept(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    contribution = await make_contribution("More benches please")
    await Contribution.filter(id=contribution.id).update(original_purged_at=datetime.now(UTC))
    await sign_in(client, staff[Role.MODERATOR])
    page = (await client.get(f"/staff/moderation/{contribution.id}")).text
    assert "Not kept: contact details are deleted with the original words" in page
    assert "they follow it with their receipt code" not in page


async def test_a_takeover_comment_has_no_hear_back_row(
    client: httpx.AsyncClient, staff: dict[Role, StaffUser]
) -> None:
    contribution = await make_contribution("More youth workers", kind=ContributionKind.TAKEOVER)
    await sign_in(client, staff[Role.MODERATOR])
    page = (await client.get(f"/staff/moderation/{contribution.id}")).text
    assert "Hear back" not in page and "receipt code" not in page
