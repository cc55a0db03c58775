"""Random queue data and random filters, for checking the queue against plain Python."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from voice.events.models import TakeoverEvent
from voice.feedback.models import (
    SCREENING_RANK,
    Consultation,
    Contribution,
    ContributionKind,
    ScreeningLevel,
    Source,
    Status,
)
from voice.moderation.queue import LEVEL_CHOICES, Filters


async def seed_queue(rng: random.Random, n: int) -> tuple[list[int], list[int]]:
    """``n`` contributions over 400 days, with three consultations and two events."""
    consultations = [(await Consultation.create(slug=f"c{i}", title={"en": f"C{i}"})).id for i in range(3)]
    events = [(await TakeoverEvent.create(title=f"E{i}", held_on=date(2025, 5, 1))).id for i in range(2)]
    start = datetime(2024, 12, 30, tzinfo=UTC)
    rows = []
    for i in range(n):
        takeover = rng.random() < 0.3
        level = rng.choice(list(ScreeningLevel))
        rows.append(
            Contribution(
                kind=ContributionKind.TAKEOVER
                if takeover
                else rng.choice([ContributionKind.FEEDBACK, ContributionKind.LIVED_EXPERIENCE]),
                source=Source.EVENT if takeover else Source.ONLINE,
                status=rng.choice(list(Status)),
                receipt_code=f"SEED-{i:04d}",
                language=rng.choice(["en", "ur", "pl"]),
                consultation_id=None if takeover else rng.choice([None, *consultations]),
                event_id=rng.choice(events) if takeover else None,
                submitted_at=start + timedelta(minutes=rng.randrange(400 * 24 * 60)),
                screening_level=level,
                screening_rank=SCREENING_RANK[level],
            )
        )
    await Contribution.bulk_create(rows)
    return consultations, events


def random_filters(rng: random.Random, consultations: list[int], events: list[int]) -> Filters:
    day = date(2024, 12, 25)
    low = day + timedelta(days=rng.randrange(420))
    high = low + timedelta(days=rng.randrange(120))
    return Filters(
        level=rng.choice(["", "", *LEVEL_CHOICES]),
        kind=rng.choice(["", "", *[kind.value for kind in ContributionKind]]),
        status=rng.choice(["to_do", "all", *[status.value for status in Status]]),
        consultation=rng.choice([None, None, *consultations]),
        event=rng.choice([None, None, *events]),
        language=rng.choice(["", "", "en", "ur"]),
        date_from=rng.choice([None, low]),
        date_to=rng.choice([None, high]),
    )


QUEUE_COLUMNS = (
    "id",
    "status",
    "screening_rank",
    "kind",
    "language",
    "consultation_id",
    "event_id",
    "submitted_at",
)


async def queue_rows() -> list[dict[str, Any]]:
    """Every contribution's queue columns, to check the queue against in plain Python."""
    return await Contribution.all().values(*QUEUE_COLUMNS)


def matches_shared_filters(row: dict[str, Any], filters: Filters) -> bool:
    """Whether ``row`` passes the filters that rows and counts share: consultation, event, language, dates."""
    day = row["submitted_at"].astimezone(UTC).date()
    return (
        (filters.consultation is None or row["consultation_id"] == filters.consultation)
        and (filters.event is None or row["event_id"] == filters.event)
        and (not filters.language or row["language"] == filters.language)
        and (filters.date_from is None or day >= filters.date_from)
        and (filters.date_to is None or day <= filters.date_to)
    )
