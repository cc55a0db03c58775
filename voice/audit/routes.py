"""The audit log for admins: a filtered, paged list and a CSV download. Both are audited.

Read-only by design: there is no route here (or anywhere) that changes or deletes an event.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from voice.accounts.auth import requires_role
from voice.accounts.models import Role
from voice.audit import services
from voice.audit.filters import FilterForm, page_cursor, parse_filters
from voice.clock import app_now
from voice.web.templating import render


async def _filters(request: Request) -> tuple[FilterForm, dict[str, object]]:
    """The filters from the query string, and the page context that shows them."""
    actions = await services.known_actions()
    object_types = services.known_object_types()
    form = parse_filters(request.query_params, actions)
    context: dict[str, object] = {
        "form": form,
        "actions": actions,
        "object_types": object_types,
        "errors": form.errors,
        "has_errors": form.has_errors,
        "format_when": services.format_when,
        "iso_utc": services.iso_utc,
        "readable": services.readable,
        "csv_url": _link("/staff/audit.csv", form.query_items()),
        "page": None,
        "previous_url": None,
        "next_url": None,
    }
    return form, context


def _link(path: str, items: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(items)}" if items else path


@requires_role(Role.ADMIN)
async def audit_log(request: Request) -> Response:
    user = request.state.staff
    form, context = await _filters(request)
    items = form.query_items()
    if form.has_errors:
        return render(request, "audit/log.html", context, status_code=400, fragment="audit_page")
    page = await services.events_page(
        form.chosen,
        before=page_cursor(request.query_params, "before"),
        after=page_cursor(request.query_params, "after"),
    )
    context["page"] = page
    context["previous_url"] = (
        _link("/staff/audit", [*items, ("after", str(page.newer_than))]) if page.newer_than else None
    )
    context["next_url"] = (
        _link("/staff/audit", [*items, ("before", str(page.older_than))]) if page.older_than else None
    )
    await services.record(
        "audit.viewed",
        by=user,
        object_type="audit_log",
        after={"filters": form.chosen.as_dict(), "events_shown": len(page.events)},
        at=app_now(request.app.state),
    )
    return render(request, "audit/log.html", context, fragment="audit_page")


@requires_role(Role.ADMIN)
async def audit_csv(request: Request) -> Response:
    user = request.state.staff
    form, context = await _filters(request)
    if form.has_errors:
        return render(request, "audit/log.html", context, status_code=400)
    now = app_now(request.app.state)
    await services.record(
        "audit.exported",
        by=user,
        object_type="audit_log",
        after={"filters": form.chosen.as_dict(), "format": "csv"},
        at=now,
    )
    filename = f"voice-audit-{now.strftime('%Y%m%d-%H%M%S')}.csv"
    return StreamingResponse(
        services.csv_chunks(form.chosen),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


routes = [
    Route("/staff/audit", audit_log, methods=["GET"], name="audit_log"),
    Route("/staff/audit.csv", audit_csv, methods=["GET"], name="audit_csv"),
]
