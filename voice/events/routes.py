"""Staff pages for takeover events: the list, an event's details, and adding what was said.

Plain forms (POST, then 303) that work without JavaScript. Admins and moderators (the Voice
and Influence team) may use them.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from tortoise.functions import Count

from voice.accounts.auth import current_staff, requires_role, session_cookie_name, signed_in, to_sign_in
from voice.accounts.models import Role
from voice.audit.services import was_deleted
from voice.clock import app_now, uk_date
from voice.events import forms, services
from voice.events.models import TakeoverEvent
from voice.feedback.models import Consent, Contribution
from voice.problems import Invalid, NotAllowed, Problem
from voice.settings import Settings
from voice.web.csrf import MAX_BULK_BYTES
from voice.web.forms import (
    add_problems,
    field_errors,
    form_key,
    has_field_errors,
    language_choices,
    new_form_key,
)
from voice.web.i18n import Catalogues
from voice.web.templating import render

EDITORS = (Role.ADMIN, Role.MODERATOR)

DONE = {
    "added": "Event added. Now add what young people said.",
    "saved": "Event saved.",
    "sent-before": (
        "This form had been sent already, so the event was added once, as it was first sent. "
        "What you changed before sending it again was not saved: use Edit to change the event."
    ),
}


async def _event_or_none(request: Request) -> TakeoverEvent | None:
    return await TakeoverEvent.get_or_none(id=request.path_params["event_id"])


async def _event(request: Request) -> TakeoverEvent:
    found = await _event_or_none(request)
    if found is None:
        raise HTTPException(status_code=404)
    return found


def _gone(request: Request, what: str, typed: Sequence[str], *, plural: bool = False) -> Response:
    """The answer to a form sent for an event deleted since: nothing saved, what was typed shown."""
    kept = [text for text in typed if text.strip()]
    context = {"what": what, "plural": plural, "typed": kept}
    return render(request, "events/gone.html", context, status_code=404)


def _typed(form: Any, *names: str) -> list[str]:
    """Each named box as typed (a date or a number as typed, read or not)."""
    return [str(form[name].raw_data[0]) if form[name].raw_data else "" for name in names]


_EVENT_BOXES = ("title", "held_on", "venue", "host_agency", "participants", "summary")


@requires_role(*EDITORS)
async def event_list(request: Request) -> Response:
    events = await TakeoverEvent.all().annotate(comments=Count("contributions")).order_by("-held_on", "-id")
    deleted = request.query_params.get("done") == "deleted"
    return render(
        request, "events/list.html", {"events": events, "notice": "Event deleted." if deleted else ""}
    )


def _form_page(
    request: Request,
    form: Any,
    event: TakeoverEvent | None,
    status_code: int = 200,
    loose: Sequence[Problem] = (),
) -> Response:
    """The add or edit form; ``loose``: problems of no single field, first in the summary."""
    errors = [*loose, *field_errors(form)]
    context = {"form": form, "event": event, "errors": errors}
    return render(request, "events/form.html", context, status_code=status_code)


@requires_role(*EDITORS)
async def event_new(request: Request) -> Response:
    return _form_page(request, forms.EventForm(data={"form_key": new_form_key()}), None)


def _unless_unreadable(form: Any, today: date) -> None:
    """Refuse, with every other problem too, when something typed could not be read (a number
    of young people that is not a number): saving would drop it without a word."""
    if has_field_errors(form):
        services.check_event(forms.event_in(form), today)
        raise Invalid([])


@requires_role(*EDITORS)
async def event_create(request: Request) -> Response:
    form = forms.EventForm(formdata=await request.form())
    form.validate()
    today = uk_date(app_now(request.app.state))
    try:
        _unless_unreadable(form, today)
        sent = forms.event_in(form)
        event = await services.add_event(sent, signed_in(request), today, form_key(form.form_key.data))
    except Invalid as invalid:
        add_problems(form, invalid.problems)
        return _form_page(request, form, None, status_code=400)
    if not services.matches(event, sent, today):
        return RedirectResponse(f"/staff/events/{event.id}?done=sent-before", status_code=303)
    return RedirectResponse(f"/staff/events/{event.id}?done=added#add-comments", status_code=303)


@requires_role(*EDITORS)
async def event_edit(request: Request) -> Response:
    event = await _event(request)
    data = {**forms.event_form_data(event), "seen": services.event_version(event)}
    return _form_page(request, forms.EventForm(data=data), event)


@requires_role(*EDITORS)
async def event_update(request: Request) -> Response:
    form = forms.EventForm(formdata=await request.form())
    event = await _event_or_none(request)
    if event is None:
        return _gone(request, "your changes", _typed(form, *_EVENT_BOXES), plural=True)
    form.validate()
    try:
        _unless_unreadable(form, uk_date(app_now(request.app.state)))
        await services.update_event(
            event,
            forms.event_in(form),
            signed_in(request),
            app_now(request.app.state),
            seen=str(form.seen.data or ""),
        )
    except services.EventGone:
        return _gone(request, "your changes", _typed(form, *_EVENT_BOXES), plural=True)
    except Invalid as invalid:
        await event.refresh_from_db()
        loose = add_problems(form, invalid.problems)
        if services.STALE_EVENT in loose:
            # Saving again from this page is a choice made knowing the event changed.
            form.seen.data = services.event_version(event)
        return _form_page(request, form, event, status_code=400, loose=loose)
    return RedirectResponse(f"/staff/events/{event.id}?done=saved", status_code=303)


def _comments_form(request: Request, formdata: Any = None) -> Any:
    form = forms.CommentsForm(formdata=formdata)
    form.language.choices = language_choices(request.app.state.catalogues)
    if formdata is None:
        form.language.data = "en"
        form.consent.data = Consent.NOT_QUOTABLE.value
        form.batch_key.data = secrets.token_urlsafe(16)
    return form


async def _detail_page(request: Request, event: TakeoverEvent, form: Any, status_code: int = 200) -> Response:
    errors = field_errors(form)
    done = request.query_params.get("done", "")
    # The page opens at "Add what young people said" (#add-comments) after an event or comments
    # are added: their notice is there, not above the screen.
    in_comments = done == "added" or "added" in request.query_params
    notice = _added_notice(request, event) or DONE.get(done, "")
    context = {
        "event": event,
        "comments": await Contribution.filter(event_id=event.id).count(),
        "form": form,
        "errors": errors,
        "notice": "" if in_comments else notice,
        "comments_notice": notice if in_comments else "",
        "consent_labels": forms.CONSENT_LABELS,
    }
    return render(request, "events/detail.html", context, status_code=status_code)


@requires_role(*EDITORS)
async def event_page(request: Request) -> Response:
    return await _detail_page(request, await _event(request), _comments_form(request))


def _count(request: Request, name: str) -> int:
    raw = request.query_params.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else 0


def _added_notice(request: Request, event: TakeoverEvent) -> str:
    """What the last batch did, from the counts in the address it was sent to (signed)."""
    if "added" not in request.query_params:
        return ""
    added, concerns, already = (_count(request, name) for name in ("added", "concerns", "already"))
    settings: Settings = request.app.state.settings
    counts = services.Added(added, already, concerns)
    if not services.counts_signed(settings.secret_key, event.id, counts, request.query_params.get("sig", "")):
        return ""
    parts = [f"{added} {'comment' if added == 1 else 'comments'} added."]
    if concerns:
        parts.append(
            f"{concerns} may {'be a disclosure' if concerns == 1 else 'be disclosures'}: "
            "they are first in the moderation queue."
        )
    if already:
        parts.append(f"{already} had been added already, so they were not added again.")
    return " ".join(parts)


@requires_role(*EDITORS)
async def comments_add(request: Request) -> Response:
    # a day's comments may be one field of several megabytes (Starlette's default is 1 MB)
    form = _comments_form(request, await request.form(max_part_size=MAX_BULK_BYTES))
    event = await _event_or_none(request)
    if event is None:
        return _gone(request, "the comments", _typed(form, "comments"), plural=True)
    catalogues: Catalogues = request.app.state.catalogues
    batch_key = str(form.batch_key.data or "")
    try:
        comments = services.check_comments(
            form.comments.data or "",
            str(form.language.data or ""),
            str(form.consent.data or ""),
            catalogues.codes,
            batch_key=batch_key,
        )
    except Invalid as invalid:
        add_problems(form, invalid.problems)
        return await _detail_page(request, event, form, status_code=400)
    result = await services.add_comments(
        event,
        comments,
        language=str(form.language.data),
        consent=Consent(str(form.consent.data)),
        batch_key=batch_key,
        by=signed_in(request),
        now=app_now(request.app.state),
    )
    settings: Settings = request.app.state.settings
    signature = services.counts_signature(settings.secret_key, event.id, result)
    query = urlencode(
        {"added": result.added, "concerns": result.concerns, "already": result.already, "sig": signature}
    )
    return RedirectResponse(f"/staff/events/{event.id}?{query}#add-comments", status_code=303)


async def _delete_page(request: Request, event: TakeoverEvent, refused: str = "") -> Response:
    context = {
        "event": event,
        "why_not": refused or await services.why_not_deletable(event),
        "errors": [(None, refused)] if refused else [],
    }
    return render(request, "events/delete.html", context, status_code=400 if refused else 200)


@requires_role(*EDITORS)
async def event_delete_page(request: Request) -> Response:
    return await _delete_page(request, await _event(request))


@requires_role(*EDITORS)
async def event_delete(request: Request) -> Response:
    done = RedirectResponse("/staff/events?done=deleted", status_code=303)
    if await was_deleted("event.deleted", "takeover_event", request.path_params["event_id"]):
        return done  # deleted already (a double click, or someone else): what was asked is done
    event = await _event(request)
    try:
        await services.delete_event(event, signed_in(request))
    except NotAllowed as refused:
        return await _delete_page(request, event, str(refused))
    return done


E = "/staff/events/{event_id:int}"


async def comments_too_big_signed_out(request: Request) -> Response | None:
    """A batch too big for someone not signed in (the larger cap is only for staff who may add
    comments): when the session has ended, that is the problem to tell, not the size. The
    sign-in page says so, and the comments kept in the tab come back on the event's page.
    Signed in, the usual "too much to send" page (None)."""
    settings: Settings = request.app.state.settings
    had_session = bool(request.cookies.get(session_cookie_name(settings)))
    if had_session and await current_staff(request) is None:
        return to_sign_in(request)
    return None


#: For ``voice.web.errors.with_route_pages``, by route name.
TOO_BIG_PAGES = {"event_comments_add": comments_too_big_signed_out}


routes = [
    Route("/staff/events", event_list, methods=["GET"], name="event_list"),
    Route("/staff/events", event_create, methods=["POST"]),
    Route("/staff/events/new", event_new, methods=["GET"]),
    Route(E, event_page, methods=["GET"], name="event"),
    Route(E + "/edit", event_edit, methods=["GET"]),
    Route(E + "/edit", event_update, methods=["POST"]),
    Route(E + "/comments", comments_add, methods=["POST"], name="event_comments_add"),
    Route(E + "/delete", event_delete_page, methods=["GET"]),
    Route(E + "/delete", event_delete, methods=["POST"]),
]
