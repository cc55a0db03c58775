"""Password rules, changing your own password and an admin's temporary password (services)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette

from tests.support.http import PASSWORD
from voice.accounts import services
from voice.accounts.models import Role, StaffSession, StaffUser
from voice.accounts.services import AccountProblem, PasswordProblem, check_password_policy, verify_password
from voice.audit.models import AuditEvent

T0 = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
NEW = "plum tractor violin seven"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "Password must be at least 12 characters"),
        ("p" * 65, "Password must be 64 characters or fewer"),
        (" " * 12, "Password cannot be only spaces"),
        ("\t \u00a0" * 5, "Password cannot be only spaces"),
        (" " * 11 + "x", "Password must have at least 12 characters that are not spaces"),
        ("a b c d e f g h i j k", "Password must have at least 12 characters that are not spaces"),
        ("aaaaaaaaaaaaaaaa", "Password is too easy to guess. A few unrelated words make a strong password"),
        ("abABabABabAB", "Password is too easy to guess. A few unrelated words make a strong password"),
    ],
)
def test_weak_passwords_are_refused(password: str, message: str) -> None:
    with pytest.raises(PasswordProblem) as caught:
        check_password_policy(password)
    assert str(caught.value) == message


def test_the_email_address_is_not_a_password() -> None:
    with pytest.raises(PasswordProblem, match="must not be the email address"):
        check_password_policy(" New@Voice.Example", email="new@voice.example")
    check_password_policy("new@voice.example")  # without an email to compare, length rules only


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "x" * 5 + "abcdefg", "  12345 abcdefg  "]
)
def test_good_passwords_pass(password: str) -> None:
    check_password_policy(password, email="someone@voice.test")


@pytest.fixture
async def people(app: Starlette, staff: dict[Role, StaffUser]) -> dict[Role, StaffUser]:
    return staff


async def _sessions(user: StaffUser, count: int) -> list[str]:
    return [await services.start_session(user, T0) for _ in range(count)]


async def test_change_own_password_keeps_this_session_and_ends_the_rest(
    people: dict[Role, StaffUser],
) -> None:
    user = people[Role.MODERATOR]
    this, *others = await _sessions(user, 3)
    other_user_session = await services.start_session(people[Role.ANALYST], T0)
    ended = await services.change_own_password(user, PASSWORD, NEW, keep_token=this, now=T0)
    assert ended == 2
    refreshed = await StaffUser.get(id=user.id)
    assert verify_password(refreshed.password_hash, NEW)
    assert not verify_password(refreshed.password_hash, PASSWORD)
    assert refreshed.password_changed_at == T0 and not refreshed.must_change_password
    remaining = await StaffSession.filter(user_id=user.id).values_list("token_digest", flat=True)
    assert remaining == [services.session_digest(this)]
    assert all(services.session_digest(token) not in remaining for token in others)
    assert await StaffSession.filter(token_digest=services.session_digest(other_user_session)).exists()
    event = await AuditEvent.get(action="staff.password_changed")
    assert (event.actor_id, event.object_type, event.object_id, event.at) == (
        user.id,
        "staff_user",
        str(user.id),
        T0,
    )
    assert event.before == {"must_change_password": False}
    assert event.after == {"must_change_password": False, "other_sessions_ended": 2}
    stored = json.dumps([event.before, event.after])
    assert NEW not in stored and PASSWORD not in stored and "argon2" not in stored


async def test_wrong_current_password_changes_nothing(people: dict[Role, StaffUser]) -> None:
    user = people[Role.ANALYST]
    this, _other = await _sessions(user, 2)
    with pytest.raises(services.WrongCurrentPassword) as caught:
        await services.change_own_password(user, "not my password at all", NEW, keep_token=this, now=T0)
    assert (caught.value.field, caught.value.message) == (
        "current_password",
        "Your current password is not correct",
    )
    refreshed = await StaffUser.get(id=user.id)
    assert verify_password(refreshed.password_hash, PASSWORD) and refreshed.password_changed_at is None
    assert await StaffSession.filter(user_id=user.id).count() == 2
    assert not await AuditEvent.filter(action="staff.password_changed").exists()


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (PASSWORD, "Your new password must be different from your current one"),
        (" " * 11 + "x", "Password must have at least 12 characters that are not spaces"),
        ("moderator@voice.test", "Password must not be the email address"),
    ],
)
async def test_a_weak_new_password_changes_nothing(
    people: dict[Role, StaffUser], new: str, message: str
) -> None:
    user = people[Role.MODERATOR]
    (this,) = await _sessions(user, 1)
    with pytest.raises(AccountProblem) as caught:
        await services.change_own_password(user, PASSWORD, new, keep_token=this, now=T0)
    assert (caught.value.field, caught.value.message) == ("new_password", message)
    assert verify_password((await StaffUser.get(id=user.id)).password_hash, PASSWORD)
    assert not await AuditEvent.filter(action="staff.password_changed").exists()


async def test_temporary_password_ends_every_session_and_must_be_changed(
    people: dict[Role, StaffUser],
) -> None:
    admin, user = people[Role.ADMIN], people[Role.SAFEGUARDING_LEAD]
    await _sessions(user, 2)
    admin_session = await services.start_session(admin, T0)
    ended = await services.set_temporary_password(user, "temporary pass 2026", actor=admin, now=T0)
    assert ended == 2
    refreshed = await StaffUser.get(id=user.id)
    assert refreshed.must_change_password and refreshed.password_changed_at == T0
    assert verify_password(refreshed.password_hash, "temporary pass 2026")
    assert not await StaffSession.filter(user_id=user.id).exists()
    assert await StaffSession.filter(token_digest=services.session_digest(admin_session)).exists()
    event = await AuditEvent.get(action="staff.temporary_password_set")
    assert (event.actor_id, event.object_id) == (admin.id, str(user.id))
    assert event.before == {"must_change_password": False}
    assert event.after == {"must_change_password": True, "sessions_ended": 2}
    assert "temporary pass" not in json.dumps([event.before, event.after])
    # Changing it clears "must change", and the audit says it was a temporary one.
    (this,) = await _sessions(refreshed, 1)
    await services.change_own_password(refreshed, "temporary pass 2026", NEW, keep_token=this, now=T0)
    assert not (await StaffUser.get(id=user.id)).must_change_password
    changed = await AuditEvent.get(action="staff.password_changed")
    assert changed.before == {"must_change_password": True}


async def test_temporary_password_refusals(people: dict[Role, StaffUser]) -> None:
    admin, user = people[Role.ADMIN], people[Role.ANALYST]
    with pytest.raises(AccountProblem, match="use Change your password"):
        await services.set_temporary_password(admin, "temporary pass 2026", actor=admin, now=T0)
    with pytest.raises(AccountProblem) as caught:
        await services.set_temporary_password(user, "analyst@voice.test", actor=admin, now=T0)
    assert caught.value.field == "temporary_password"
    assert not (await StaffUser.get(id=user.id)).must_change_password
    assert not await AuditEvent.filter(action="staff.temporary_password_set").exists()


async def test_create_staff_refuses_the_email_address_as_password(app: Starlette) -> None:
    """The command line's create-staff goes through this too."""
    with pytest.raises(PasswordProblem, match="must not be the email address"):
        await services.create_staff("new@voice.example", "New", Role.ANALYST, "new@voice.example")
    assert not await StaffUser.filter(email="new@voice.example").exists()
