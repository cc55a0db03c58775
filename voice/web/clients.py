"""Rate limits keyed by salted hashes: raw IP addresses are never stored."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.requests import Request


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def hashed_key(secret: str, *parts: str, day: str | None = None) -> str:
    """A salted SHA-256 of ``parts``; the salt changes every UTC day so keys expire."""
    salt = day or datetime.now(UTC).strftime("%Y-%m-%d")
    material = "\x1f".join((secret, salt, *parts)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(material).hexdigest()[:32]


class Limiter:
    """A moving-window limiter (the ``limits`` library) held in process memory."""

    def __init__(self) -> None:
        self.storage = MemoryStorage()
        self.strategy = MovingWindowRateLimiter(self.storage)

    @staticmethod
    def item(amount: int, seconds: int) -> RateLimitItem:
        return RateLimitItemPerSecond(amount, seconds)

    async def hit(self, item: RateLimitItem, key: str) -> bool:
        """Count one event; False when the limit is already used up."""
        return await self.strategy.hit(item, key)

    async def test(self, item: RateLimitItem, key: str) -> bool:
        """True while there is room for another event."""
        return await self.strategy.test(item, key)

    async def retry_after(self, item: RateLimitItem, key: str) -> int:
        stats = await self.strategy.get_window_stats(item, key)
        remaining = int(stats.reset_time - datetime.now(UTC).timestamp())
        return max(1, remaining)

    async def clear(self, item: RateLimitItem, key: str) -> None:
        await self.strategy.clear(item, key)
