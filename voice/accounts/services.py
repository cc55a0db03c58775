"""Staff accounts: password hashing, sign-in and server-side sessions."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from voice.accounts.models import Role, StaffSession, StaffUser
from voice.problems import one_line

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 64

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
_DUMMY_HASH = _hasher.hash("not a real password, used to even out timing")


class PasswordProblem(ValueError):
    """A password that breaks the policy."""


#: A password with fewer different characters than this ("aaaaaaaaaaaa", "abababababab") is
#: too easy to guess, whatever its length.
MIN_DIFFERENT_CHARACTERS = 5


def check_password_policy(password: str, *, email: str | None = None) -> None:
    """Raise :class:`PasswordProblem` (its message is shown to staff) for a password that is too
    short, too long, mostly spaces, or too easy to guess (the account's email address, or only a
    few different characters). Spaces are allowed, but do not count towards the length."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordProblem(f"Password must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordProblem(f"Password must be {MAX_PASSWORD_LENGTH} characters or fewer")
    if not password.strip():
        raise PasswordProblem("Password cannot be only spaces")
    if sum(1 for char in password if not char.isspace()) < MIN_PASSWORD_LENGTH:
        raise PasswordProblem(
            f"Password must have at least {MIN_PASSWORD_LENGTH} characters that are not spaces"
        )
    if email and normalise_email(password) == normalise_email(email):
        raise PasswordProblem("Password must not be the email address")
    if len({char.casefold() for char in password if not char.isspace()}) < MIN_DIFFERENT_CHARACTERS:
        raise PasswordProblem("Password is too easy to guess. A few unrelated words make a strong password")


def hash_password(password: str, *, email: str | None = None) -> str:
    check_password_policy(password, email=email)
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def create_staff(
    email: str, display_name: str, role: Role, password: str, *, temporary: bool = False
) -> StaffUser:
    """A staff account. ``temporary``: the password is someone else's choice (an admin's), so
    after signing in with it they must choose their own before anything else."""
    return await StaffUser.create(
        email=normalise_email(email),
        display_name=one_line(display_name) or normalise_email(email),
        role=role,
        password_hash=hash_password(password, email=email),
        must_change_password=temporary,
    )


async def authenticate(email: str, password: str) -> StaffUser | None:
    """The active user with this email and password, or None. Takes similar time either way."""
    user = await StaffUser.get_or_none(email=normalise_email(email), is_active=True)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        await user.save(update_fields=["password_hash"])
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    absolute: timedelta

    @property
    def refresh_step(self) -> timedelta:
        """A session's last-seen time is written at most this often (not on every request):
        30 seconds, or a tenth of a very short idle time."""
        return min(timedelta(seconds=30), self.idle / 10)


@dataclass(frozen=True)
class LiveSession:
    """A session still in force, and how long it has left."""

    user: StaffUser
    policy: SessionPolicy
    #: Until it ends for being idle, if nothing else happens meanwhile.
    idle_left: timedelta
    #: Until it ends however active (the most hours after signing in).
    absolute_left: timedelta


async def start_session(user: StaffUser, now: datetime) -> str:
    """A new session (a new id every sign-in); returns the cookie value."""
    token = secrets.token_urlsafe(32)
    await StaffSession.create(token_digest=_digest(token), user=user, created_at=now, last_seen_at=now)
    user.last_signed_in_at = now
    await user.save(update_fields=["last_signed_in_at"])
    return token


async def resolve_session(token: str, now: datetime, policy: SessionPolicy) -> LiveSession | None:
    """The session behind ``token`` if it is still live (each use counts as activity); ends
    expired sessions."""
    session = await StaffSession.get_or_none(token_digest=_digest(token)).prefetch_related("user")
    if session is None:
        return None
    expired = now - session.last_seen_at > policy.idle or now - session.created_at > policy.absolute
    if expired or not session.user.is_active:
        await session.delete()
        return None
    if now - session.last_seen_at > policy.refresh_step:
        session.last_seen_at = now
        await session.save(update_fields=["last_seen_at"])
    return LiveSession(
        user=session.user,
        policy=policy,
        idle_left=policy.idle - (now - session.last_seen_at),
        absolute_left=policy.absolute - (now - session.created_at),
    )


async def extend_session(token: str, now: datetime) -> None:
    """ "Stay signed in": the session counts as used at ``now``, so its idle time starts again."""
    await StaffSession.filter(token_digest=_digest(token)).update(last_seen_at=now)


async def end_session(token: str) -> None:
    await StaffSession.filter(token_digest=_digest(token)).delete()


def utcnow() -> datetime:
    return datetime.now(UTC)


# Staff accounts admin: listing, creating and changing accounts. Every change is audited.


class AccountProblem(ValueError):
    """A change an admin may not make; ``field`` is the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


async def list_staff() -> list[StaffUser]:
    """Every account: active ones first, then by name."""
    return await StaffUser.all().order_by("-is_active", "display_name", "email")


EMAIL_TAKEN = "An account with this email address already exists"


async def email_taken(email: str) -> bool:
    """Some account (active or not) already has this address."""
    return await StaffUser.exists(email=normalise_email(email))


async def create_staff_account(
    email: str, display_name: str, role: Role, password: str, *, actor: StaffUser, now: datetime
) -> StaffUser:
    """A new account made by an admin; audited as ``staff.created`` (never with the password).
    The admin chose the password, so it is temporary: the new person chooses their own when they
    first sign in, and from then on only they know it."""
    from tortoise.exceptions import IntegrityError
    from tortoise.transactions import in_transaction

    from voice.audit.services import record

    if await email_taken(email):
        raise AccountProblem("email", EMAIL_TAKEN)
    check_password_policy(password, email=email)
    try:
        async with in_transaction():
            user = await create_staff(email, display_name, role, password, temporary=True)
            await record(
                "staff.created",
                by=actor,
                object_type="staff_user",
                object_id=user.id,
                after={
                    "email": user.email,
                    "display_name": user.display_name,
                    "role": user.role.value,
                    "is_active": user.is_active,
                },
                at=now,
            )
    except IntegrityError as exc:  # the same email added at the same moment
        raise AccountProblem("email", EMAIL_TAKEN) from exc
    return user


async def end_all_sessions(user: StaffUser) -> int:
    """Sign ``user`` out everywhere; returns how many sessions ended."""
    return await StaffSession.filter(user_id=user.id).delete()


ONLY_LEAD = (
    "{name} is the only active safeguarding lead. Add another safeguarding lead first: without one, "
    "nobody can sign off or close a case, and overdue alerts go to nobody"
)


async def _keep_a_safeguarding_lead(user: StaffUser, *, role: Role, is_active: bool) -> None:
    """Refuse a change that would leave Voice without an active safeguarding lead."""
    was_lead = user.role is Role.SAFEGUARDING_LEAD and user.is_active
    stays_lead = role is Role.SAFEGUARDING_LEAD and is_active
    if not was_lead or stays_lead:
        return
    others = await StaffUser.filter(role=Role.SAFEGUARDING_LEAD, is_active=True).exclude(id=user.id).count()
    if not others:
        field = "role" if role is not Role.SAFEGUARDING_LEAD else "active"
        raise AccountProblem(field, ONLY_LEAD.format(name=user.display_name))


async def change_staff_account(
    user: StaffUser, *, role: Role, is_active: bool, actor: StaffUser, now: datetime
) -> list[str]:
    """Change ``user``'s role and whether they may sign in; returns the audit actions written.

    An admin cannot remove their own admin role or deactivate themselves (so Voice
    always keeps an admin), nor take away the last active safeguarding lead (cases would have
    nobody to sign them off). Deactivating ends every session of that user at once.
    """
    from tortoise.transactions import in_transaction

    from voice.audit.services import record

    if user.id == actor.id and role is not Role.ADMIN:
        raise AccountProblem("role", "You cannot remove your own admin role")
    if user.id == actor.id and not is_active:
        raise AccountProblem("active", "You cannot deactivate your own account")
    await _keep_a_safeguarding_lead(user, role=role, is_active=is_active)
    written: list[str] = []

    async def audit(action: str, before: dict[str, object], after: dict[str, object]) -> None:
        await record(
            action,
            by=actor,
            object_type="staff_user",
            object_id=user.id,
            before=before,
            after=after,
            at=now,
        )
        written.append(action)

    async with in_transaction():
        if role != user.role:
            before_role = user.role.value
            user.role = role
            await user.save(update_fields=["role"])
            await audit("staff.role_changed", {"role": before_role}, {"role": role.value})
        if is_active != user.is_active:
            user.is_active = is_active
            await user.save(update_fields=["is_active"])
            if is_active:
                await audit("staff.reactivated", {"is_active": False}, {"is_active": True})
            else:
                ended = await end_all_sessions(user)
                await audit(
                    "staff.deactivated", {"is_active": True}, {"is_active": False, "sessions_ended": ended}
                )
    return written


# Passwords: staff change their own; an admin sets a temporary one that must be changed.

WRONG_CURRENT_PASSWORD = "Your current password is not correct"  # noqa: S105 - a message


class WrongCurrentPassword(AccountProblem):
    """The current password given to "Change your password" was wrong (sign-in style rate limit)."""

    def __init__(self) -> None:
        super().__init__("current_password", WRONG_CURRENT_PASSWORD)


def session_digest(token: str) -> str:
    """What is stored for a session cookie value (to keep one session while ending the rest)."""
    return _digest(token)


async def change_own_password(
    user: StaffUser, current_password: str, new_password: str, *, keep_token: str, now: datetime
) -> int:
    """Change ``user``'s password after checking their current one; returns how many of their
    other sessions ended (the one with cookie value ``keep_token`` stays signed in).

    Raises :class:`WrongCurrentPassword`, or :class:`AccountProblem` on ``new_password`` when
    the new password breaks the policy or is the same as the current one. Clears "must change
    password". Audited as ``staff.password_changed``, never with a password or hash.
    """
    from tortoise.transactions import in_transaction

    from voice.audit.services import record

    if not verify_password(user.password_hash, current_password):
        raise WrongCurrentPassword()
    if new_password == current_password:
        raise AccountProblem("new_password", "Your new password must be different from your current one")
    try:
        new_hash = hash_password(new_password, email=user.email)
    except PasswordProblem as problem:
        raise AccountProblem("new_password", str(problem)) from problem
    was_temporary = user.must_change_password
    async with in_transaction():
        await _store_password(user, new_hash, must_change=False, now=now)
        ended = await StaffSession.filter(user_id=user.id).exclude(token_digest=_digest(keep_token)).delete()
        await record(
            "staff.password_changed",
            by=user,
            object_type="staff_user",
            object_id=user.id,
            before={"must_change_password": was_temporary},
            after={"must_change_password": False, "other_sessions_ended": ended},
            at=now,
        )
    return ended


async def _store_password(user: StaffUser, password_hash: str, *, must_change: bool, now: datetime) -> None:
    user.password_hash = password_hash
    user.must_change_password = must_change
    user.password_changed_at = now
    await user.save(update_fields=["password_hash", "must_change_password", "password_changed_at"])


async def set_temporary_password(user: StaffUser, password: str, *, actor: StaffUser, now: datetime) -> int:
    """An admin gives ``user`` a temporary password: they are signed out everywhere and must
    choose their own password when they next sign in. Returns how many sessions ended.

    An admin changes their own password on "Change your password" instead. Audited as
    ``staff.temporary_password_set``, never with the password.
    """
    from tortoise.transactions import in_transaction

    from voice.audit.services import record

    if user.id == actor.id:
        raise AccountProblem("temporary_password", "To change your own password, use Change your password")
    try:
        new_hash = hash_password(password, email=user.email)
    except PasswordProblem as problem:
        raise AccountProblem("temporary_password", str(problem)) from problem
    was_required = user.must_change_password
    async with in_transaction():
        await _store_password(user, new_hash, must_change=True, now=now)
        ended = await end_all_sessions(user)
        await record(
            "staff.temporary_password_set",
            by=actor,
            object_type="staff_user",
            object_id=user.id,
            before={"must_change_password": was_required},
            after={"must_change_password": True, "sessions_ended": ended},
            at=now,
        )
    return ended
