"""Limits on wrong passwords, layered as the OWASP authentication cheat sheet suggests.

Each failed sign-in is counted three times, in the ``VOICE_SIGNIN_WINDOW_SECONDS`` window:

``pair``
    one account from one network address, with the small ``VOICE_SIGNIN_MAX_FAILURES``. This
    stops guessing at one account from one place, and blocks only that pair: colleagues behind
    the same address, and the same person from another address, still sign in.
``address``
    one network address across every account (``VOICE_SIGNIN_MAX_FAILURES_PER_ADDRESS``, high):
    slows password spraying from one place without an office or school that shares one address
    being locked out by a few typos.
``account``
    one account across every address (``VOICE_SIGNIN_MAX_FAILURES_PER_ACCOUNT``, higher than the
    pair's): slows guessing from many places. Anyone who knows an email address can use this
    layer to keep that account out for a while, which is why its default is well above what
    one person's typos reach; 0 turns it off (as it does the address layer).

A correct password clears only the pair's counter: failures from other addresses are not
forgiven by the owner's success, and a sprayer who knows one password cannot reset the
address counter with it.

Addresses and emails are only ever used as salted hashes (:func:`hashed_key`). Nothing here
sees a request; the routes pass plain values.
"""

from __future__ import annotations

from dataclasses import dataclass

from limits import RateLimitItem

from voice.settings import Settings
from voice.web.clients import Limiter, hashed_key


@dataclass(frozen=True)
class Layer:
    """One counter: its name (recorded in the audit log), its limiter key and its limit."""

    name: str
    key: str
    limit: RateLimitItem


@dataclass(frozen=True)
class Refusal:
    """Too many failures: wait ``retry_after`` seconds. ``newly_throttled`` names the layers
    refused for the first time in this window (each is audited once per key and window)."""

    retry_after: int
    newly_throttled: tuple[str, ...]


class FailureLimits:
    """Layered counters of wrong passwords, checked before and counted after a password check."""

    def __init__(self, limiter: Limiter, window_seconds: int, layers: tuple[Layer, ...]) -> None:
        self.limiter = limiter
        self.window_seconds = window_seconds
        self.layers = layers

    async def refusal(self) -> Refusal | None:
        """None while every layer has room for another try; else how long to wait."""
        waits: list[int] = []
        newly: list[str] = []
        once = self.limiter.item(1, self.window_seconds)
        for layer in self.layers:
            if await self.limiter.test(layer.limit, layer.key):
                continue
            waits.append(await self.limiter.retry_after(layer.limit, layer.key))
            # Once per key and window: refused tries must not grow the append-only log forever.
            if await self.limiter.hit(once, "throttle-logged:" + layer.key):
                newly.append(layer.name)
        if not waits:
            return None
        return Refusal(retry_after=max(waits), newly_throttled=tuple(newly))

    async def failed(self) -> None:
        for layer in self.layers:
            await self.limiter.hit(layer.limit, layer.key)

    async def clear(self, *names: str) -> None:
        for layer in self.layers:
            if layer.name in names:
                await self.limiter.clear(layer.limit, layer.key)


def sign_in_limits(limiter: Limiter, settings: Settings, email: str, address: str) -> FailureLimits:
    """The three sign-in layers for ``email`` (normalised) tried from ``address``."""
    secret, window = settings.secret_key, settings.signin_window_seconds
    pair_key = "signin-pair:" + hashed_key(secret, email, address)
    layers = [Layer("pair", pair_key, limiter.item(settings.signin_max_failures, window))]
    wider = (
        ("address", "signin-ip:" + client_hash(settings, address), settings.signin_max_failures_per_address),
        ("account", "signin-account:" + hashed_key(secret, email), settings.signin_max_failures_per_account),
    )
    layers += [Layer(name, key, limiter.item(amount, window)) for name, key, amount in wider if amount > 0]
    return FailureLimits(limiter, window, tuple(layers))


def client_hash(settings: Settings, address: str) -> str:
    """The salted hash of a network address that audit entries keep instead of the address."""
    return hashed_key(settings.secret_key, address)


def password_change_limits(limiter: Limiter, settings: Settings, user_id: int) -> FailureLimits:
    """Wrong current passwords in "Change your password": one layer, per account.

    Only someone already signed in to the account can fail this check, so a stranger cannot
    use it to lock anyone out, and colleagues sharing an address are never affected. Keying it
    by address too (as sign-in's pair is) would only help a thief holding a stolen session, who
    could then try again from every address they have; so the small
    ``VOICE_SIGNIN_MAX_FAILURES`` applies to the account, from wherever. An admin setting a
    temporary password (which signs everyone out) clears it: see
    :func:`clear_password_change_failures`.
    """
    key = "password-current:" + hashed_key(settings.secret_key, str(user_id))
    item = limiter.item(settings.signin_max_failures, settings.signin_window_seconds)
    return FailureLimits(limiter, settings.signin_window_seconds, (Layer("account", key, item),))


async def clear_password_change_failures(limiter: Limiter, settings: Settings, user_id: int) -> None:
    await password_change_limits(limiter, settings, user_id).clear("account")
