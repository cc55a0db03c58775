"""The board's figures for a reporting year: counts only, grouped, and as CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import httpx
import pytest
from starlette.applications import Starlette

from tests.http.consultations.conftest import page, text_of, title
from tests.http.reports.test_child_report import NOW, contribution
from tests.support.http import sign_in
from voice.accounts.models import Role, StaffUser
from voice.clock import FixedClock
from voice.events.models import TakeoverEvent
from voice.feedback.models import ContributionKind, Respondent
from voice.moderation import services as moderation
from voice.moderation.models import Theme
from voice.priorities.models import InfluenceAction, Priority, PriorityLink


@pytest.fixture
async def analyst(app: Starlette, client: httpx.AsyncClient, staff: dict[Role, StaffUser]) -> StaffUser:
    app.state.clock = FixedClock(NOW)
    await sign_in(client, staff[Role.ANALYST])
    return staff[Role.ANALYST]


def table(response: httpx.Response, table_id: str) -> dict[str, str]:
    for element in page(response).iter("table"):
        if element.get("id") == table_id:
            rows = {}
            for row in element.iter("tr"):
                cells = [
                    " ".join("".join(cell.itertext()).split()) for cell in row if cell.tag in ("th", "td")
                ]
                if len(cells) >= 2 and cells[0] and row.find("th[@scope='row']") is not None:
                    rows[cells[0]] = cells[-1]
            return rows
    raise AssertionError(f"no table #{table_id}")


async def test_figures(client: httpx.AsyncClient, analyst: StaffUser, staff: dict[Role, StaffUser]) -> None:
    by = staff[Role.MODERATOR]
    theme = await Theme.create(name="=Transport")  # a name a spreadsheet would run as a formula
    buses = await contribution("Buses are late", by)
    await moderation.set_themes(buses, [theme.id], by=by, now=NOW)
    uncounted = await contribution("Buses again", by, counted=False)
    # Approved but not counted in figures: left out of the theme's figure.
    await moderation.set_themes(uncounted, [theme.id], by=by, now=NOW)
    await contribution("Klub młodzieżowy", by, language="pl", respondent=Respondent.PARENT_CARER)
    await contribution("When I left care", by, kind=ContributionKind.LIVED_EXPERIENCE)
    await contribution("Waiting", by, approve=False)
    await contribution("Last year", by, when=datetime(2026, 3, 1, tzinfo=UTC))
    priority = await Priority.create(
        reporting_year=2026, position=1, title="Safer journeys", owning_agency="Council"
    )
    await PriorityLink.create(priority=priority, contribution=buses)
    await InfluenceAction.create(
        priority=priority,
        reporting_year=2026,
        you_said="Buses",
        we_did="More buses",
        happened_on=date(2026, 10, 1),
    )
    await TakeoverEvent.create(title="Takeover", held_on=date(2026, 6, 1), participants=14)

    response = await client.get("/staff/figures")
    assert response.status_code == 200
    assert title(response) == "Figures for the annual report 2026 to 2027 – Voice"
    shown = text_of(response)
    assert "Contributions received5" in shown and "Approved and counted in figures3" in shown
    assert "Takeover events held1 (14 young people taking part)" in shown
    assert table(response, "by-status") == {"Approved": "4", "Received": "1"}
    assert table(response, "by-language") == {"English": "4", "Polish": "1"}
    assert table(response, "by-respondent") == {"Young people": "4", "Parents and carers": "1"}
    assert table(response, "by-kind") == {"Feedback": "4", "Lived experience": "1"}
    assert table(response, "by-theme") == {"=Transport": "1"}
    assert table(response, "by-priority") == {"Safer journeys": "1"}
    assert "Buses are late" not in response.text  # counts only, never words

    download = await client.get("/staff/figures.csv?year=2026")
    assert download.headers["content-type"].startswith("text/csv")
    assert 'filename="voice-figures-2026.csv"' in download.headers["content-disposition"]
    assert download.text.startswith("\ufeff")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(download.text.removeprefix("\ufeff"))))
    assert rows[0] == ["section", "item", "count"]
    assert ["total", "Contributions received", "5"] in rows
    assert ["Theme (approved)", "'=Transport", "1"] in rows
    assert ["Priority: changes recorded", "Safer journeys", "1"] in rows


async def test_years(client: httpx.AsyncClient, analyst: StaffUser, staff: dict[Role, StaffUser]) -> None:
    await Priority.create(reporting_year=2025, position=1, title="Old goal", owning_agency="X")
    await contribution("Last year", staff[Role.MODERATOR], when=datetime(2026, 3, 1, tzinfo=UTC))
    last = await client.get("/staff/figures?year=2025")
    assert title(last) == "Figures for the annual report 2025 to 2026 – Voice"
    assert "Contributions received1" in text_of(last)
    current = await client.get("/staff/figures")
    assert 'href="/staff/figures?year=2025"' in current.text
    for odd in ("2027", "1999", "²", "soon"):
        assert title(await client.get(f"/staff/figures?year={odd}")).startswith(
            "Figures for the annual report 2026"
        )


def year_links(response: httpx.Response) -> list[str]:
    """The reporting years the page offers, in order (the one shown is not a link)."""
    for nav in page(response).iter("nav"):
        if nav.get("aria-label") == "Reporting years":
            return [" ".join("".join(item.itertext()).split()) for item in nav.iter("li")]
    return []


async def test_every_year_with_something_to_count(
    client: httpx.AsyncClient, analyst: StaffUser, staff: dict[Role, StaffUser]
) -> None:
    by = staff[Role.MODERATOR]
    assert year_links(await client.get("/staff/figures")) == []  # only this year: no list
    # 00:30 on 1 April 2024 in the UK (BST) is 23:30 UTC the day before: reporting year 2024.
    await contribution("Just after midnight", by, when=datetime(2024, 3, 31, 23, 30, tzinfo=UTC))
    # 23:30 on 31 March 2022 in the UK is still reporting year 2021.
    await contribution("Just before midnight", by, when=datetime(2022, 3, 31, 22, 30, tzinfo=UTC))
    await contribution("Not approved still counts", by, when=datetime(2023, 6, 1, tzinfo=UTC), approve=False)
    await contribution("Not yet", by, when=datetime(2027, 6, 1, tzinfo=UTC))  # a clock gone wrong
    await TakeoverEvent.create(title="Board takeover", held_on=date(2018, 3, 31))  # reporting year 2017
    await TakeoverEvent.create(title="Next summer", held_on=date(2027, 7, 1))
    await Priority.create(reporting_year=2015, position=1, title="An old goal", owning_agency="X")
    await Priority.create(reporting_year=2027, position=1, title="Next year's goal", owning_agency="X")

    response = await client.get("/staff/figures")
    assert year_links(response) == [
        "2026 to 2027",
        "2024 to 2025",
        "2023 to 2024",
        "2021 to 2022",
        "2017 to 2018",
        "2015 to 2016",
    ]
    assert 'href="/staff/figures?year=2017"' in response.text
    assert "?year=2027" not in response.text and "?year=2025" not in response.text
    # ?year= works as before, listed or not.
    chosen = await client.get("/staff/figures?year=2024")
    assert title(chosen) == "Figures for the annual report 2024 to 2025 – Voice"
    assert "Contributions received1" in text_of(chosen) and year_links(chosen)[1] == "2024 to 2025"
    unlisted = await client.get("/staff/figures?year=2025")
    assert title(unlisted) == "Figures for the annual report 2025 to 2026 – Voice"
