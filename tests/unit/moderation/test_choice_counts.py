"""Counts per consultation, takeover event and language in the queue's filters (nineteenth
session): each choice shows how many contributions it would give, with every other filter as
it is, read from the tally and checked against counting every row in plain Python."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from starlette.applications import Starlette

from tests.support.contributions import make_contribution
from tests.support.queue_data import matches_shared_filters, queue_rows, random_filters, seed_queue
from voice.feedback.models import SCREENING_RANK, Consultation, Contribution, ScreeningLevel, Status
from voice.moderation.queue import Filters, choice_counts, load_page
from voice.moderation.states import TO_DO

TO_DO_VALUES = {status.value for status in TO_DO}


def _status_ok(row: dict[str, Any], filters: Filters) -> bool:
    if filters.status == "to_do":
        return str(row["status"]) in TO_DO_VALUES
    return filters.status == "all" or str(row["status"]) == filters.status


def _counted(rows: list[dict[str, Any]], filters: Filters, column: str) -> dict[Any, int]:
    """Rows matching every filter, each filter of ``column`` left out, by ``column``."""
    rank = SCREENING_RANK[ScreeningLevel(filters.level)] if filters.level else None
    found: dict[Any, int] = {}
    for row in rows:
        if not (
            _status_ok(row, filters)
            and (rank is None or int(row["screening_rank"]) == rank)
            and (not filters.kind or str(row["kind"]) == filters.kind)
            and matches_shared_filters(row, filters)
        ):
            continue
        key = row[column] or 0
        found[key] = found.get(key, 0) + 1
    return found


async def test_counts_per_choice_match_counting_every_row(app: Starlette) -> None:
    rng = random.Random(1919)
    consultations, events = await seed_queue(rng, 600)
    rows = await queue_rows()
    checked = 0
    for _ in range(150):
        filters = random_filters(rng, consultations, events)
        by_consultation, by_event, by_language = await choice_counts(filters)
        assert by_consultation == _counted(rows, replace(filters, consultation=None), "consultation_id"), (
            filters
        )
        assert by_event == _counted(rows, replace(filters, event=None), "event_id"), filters
        assert by_language == _counted(rows, replace(filters, language=""), "language"), filters
        checked += bool(by_consultation or by_event or by_language)
    assert checked > 50  # most filters leave something to count


async def test_the_page_carries_the_counts_and_a_choice_leaves_its_own_filter_out(app: Starlette) -> None:
    parks = await Consultation.create(slug="parks", title={"en": "Parks"})
    buses = await Consultation.create(slug="buses", title={"en": "Buses"})
    await make_contribution("The park is dirty", consultation_id=parks.id)
    await make_contribution("Swings are broken", consultation_id=parks.id, language="ur", minutes=1)
    late = await make_contribution("Buses are late", consultation_id=buses.id, minutes=2)
    await make_contribution("Tell us anything", language="pl", minutes=3)

    page = await load_page(Filters())
    assert page.consultation_counts == {parks.id: 2, buses.id: 1, 0: 1}
    assert page.language_counts == {"en": 2, "ur": 1, "pl": 1}
    assert page.event_counts == {0: 4}

    chosen = await load_page(Filters(consultation=parks.id))
    # Every consultation still shows what choosing it would give; languages only within Parks.
    assert chosen.consultation_counts == {parks.id: 2, buses.id: 1, 0: 1}
    assert chosen.language_counts == {"en": 1, "ur": 1}
    in_urdu = await load_page(Filters(language="ur"))
    assert in_urdu.consultation_counts == {parks.id: 1}
    assert in_urdu.language_counts == {"en": 2, "ur": 1, "pl": 1}

    # Decided: it leaves the "to do" counts, and a choice counted down to nothing shows no count
    # of its own (the page shows 0 for it).
    await Contribution.filter(id=late.id).update(status=Status.APPROVED)
    assert (await load_page(Filters())).consultation_counts == {parks.id: 2, 0: 1}
    assert (await load_page(Filters(status="approved"))).consultation_counts == {buses.id: 1}
