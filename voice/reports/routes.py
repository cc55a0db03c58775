"""The child-friendly annual report, a public page in every language Voice speaks.

``/report`` shows the newest reporting year that has priorities or changes (this year "so
far" while it runs); ``/report/{year}`` any year up to this one. The fixed words are
translated; what staff wrote (goals, "You said, we did") is in English and marked as such.
"""

from __future__ import annotations

from datetime import date

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from voice.accounts.auth import requires_role
from voice.accounts.models import Role
from voice.clock import app_now, uk_date
from voice.priorities.models import EARLIEST_YEAR, reporting_year, usable_year, year_label
from voice.reports import figures, services
from voice.web.forms import record_id
from voice.web.i18n import Catalogues
from voice.web.templating import render


def _direction(request: Request, code: str) -> str:
    catalogues: Catalogues = request.app.state.catalogues
    info = catalogues.info.get(code)
    return info.direction if info is not None else "ltr"


async def _page(request: Request, year: int, today: date, years: list[int]) -> Response:
    report = await services.child_report(year, today)
    context = {
        "report": report,
        "other_years": [item for item in years if item != year],
        "quote_directions": {quote.language: _direction(request, quote.language) for quote in report.quotes},
    }
    return render(request, "reports/child.html", context)


async def latest_report(request: Request) -> Response:
    today = uk_date(app_now(request.app.state))
    years = await services.years_with_reports(today)
    return await _page(request, years[0] if years else reporting_year(today), today, years)


async def year_report(request: Request) -> Response:
    year: int = request.path_params["year"]
    today = uk_date(app_now(request.app.state))
    if not usable_year(year) or year > reporting_year(today):
        raise HTTPException(status_code=404)
    return await _page(request, year, today, await services.years_with_reports(today))


# --- the board's figures (staff) -----------------------------------------------

FIGURE_READERS = (Role.ADMIN, Role.MODERATOR, Role.ANALYST)


def _figures_year(request: Request, today: date) -> int:
    """The reporting year asked for in ``?year=``, if it has begun; otherwise the current one."""
    current = reporting_year(today)
    year = record_id(request.query_params.get("year"))
    return year if year is not None and EARLIEST_YEAR <= year <= current else current


@requires_role(*FIGURE_READERS)
async def figures_page(request: Request) -> Response:
    today = uk_date(app_now(request.app.state))
    years = await figures.years_with_figures(today)
    context = {
        "figures": await figures.figures_for(_figures_year(request, today)),
        "years": [(year, year_label(year)) for year in years],
    }
    return render(request, "reports/figures.html", context)


@requires_role(*FIGURE_READERS)
async def figures_download(request: Request) -> Response:
    found = await figures.figures_for(_figures_year(request, uk_date(app_now(request.app.state))))
    return Response(
        figures.figures_csv(found),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="voice-figures-{found.year}.csv"'},
    )


routes = [
    Route("/report", latest_report, methods=["GET"], name="report"),
    Route("/report/{year:int}", year_report, methods=["GET"], name="report_year"),
    Route("/staff/figures", figures_page, methods=["GET"], name="figures"),
    Route("/staff/figures.csv", figures_download, methods=["GET"], name="figures_csv"),
]
