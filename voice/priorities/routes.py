"""Staff pages for the partnership's priorities: the list, each priority with the words linked
to it, and "You said, we did". Plain forms (POST, then 303) that work without JavaScript.

Analysts may read; the Voice and Influence team (moderators) and admins may change.
Contributions are linked from the moderation item page (see :mod:`voice.moderation.routes`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.accounts.auth import requires_role, signed_in
from voice.accounts.models import Role
from voice.audit.services import was_deleted
from voice.clock import app_now, uk_date
from voice.feedback.models import Status
from voice.moderation.models import Theme
from voice.priorities import forms, services
from voice.priorities.models import (
    InfluenceAction,
    Priority,
    PriorityLink,
    reporting_year,
    usable_year,
    year_label,
)
from voice.problems import Invalid, NotAllowed, Problem
from voice.web.forms import add_problems, field_errors, form_direction, form_key, new_form_key, record_id
from voice.web.richtext import HINT as RICH_TEXT_HINT
from voice.web.templating import render

EDITORS = (Role.ADMIN, Role.MODERATOR)
READERS = (Role.ADMIN, Role.MODERATOR, Role.ANALYST)

DONE = {
    "added": "Priority added.",
    "saved": "Priority saved.",
    "theme-linked": "Theme linked.",
    "unlinked": "Link removed.",
    "action-added": "Change recorded. Young people who follow these words with a receipt code now see it.",
    "action-removed": "Change removed.",
    "moved": "Priority moved.",
    "up": "That priority is already first, so nothing moved.",
    "down": "That priority is already last, so nothing moved.",
    "deleted": "Priority deleted.",
}


def _today(request: Request) -> date:
    return uk_date(app_now(request.app.state))


def _can_edit(request: Request) -> bool:
    return signed_in(request).role in EDITORS


async def _priority(request: Request) -> Priority:
    found = await Priority.get_or_none(id=request.path_params["priority_id"])
    if found is None:
        raise HTTPException(status_code=404)
    return found


def _year(request: Request, current: int) -> int:
    """The reporting year asked for in ``?year=``, or the current one."""
    year = record_id(request.query_params.get("year"))
    return year if year is not None and usable_year(year) else current


# --- the list --------------------------------------------------------------


@requires_role(*READERS)
async def priority_list(request: Request) -> Response:
    today = _today(request)
    years = await services.years_to_show(today)
    year = _year(request, reporting_year(today))
    context = {
        "year": year,
        "year_label": year_label(year),
        "years": [(item, year_label(item)) for item in years],
        "rows": await services.priorities_in(year),
        "can_edit": _can_edit(request),
        "done": DONE.get(request.query_params.get("done", "")),
    }
    return render(request, "priorities/list.html", context)


def _form_page(
    request: Request,
    form: Any,
    priority: Priority | None,
    status_code: int = 200,
    loose: list[Problem] | None = None,
) -> Response:
    errors = [(None, message) for _key, message in loose or []] + field_errors(form)
    context = {
        "form": form,
        "priority": priority,
        "errors": errors,
        # the details as they are now: saving from this page (again) saves over them knowingly
        "seen": services.priority_fingerprint(priority) if priority is not None else "",
        "rich_text_hint": RICH_TEXT_HINT,
    }
    return render(request, "priorities/form.html", context, status_code=status_code)


@requires_role(*EDITORS)
async def priority_new(request: Request) -> Response:
    form = forms.PriorityForm(data={"reporting_year": reporting_year(_today(request))})
    return _form_page(request, form, None)


@requires_role(*EDITORS)
async def priority_create(request: Request) -> Response:
    form = forms.PriorityForm(formdata=await request.form())
    form.validate()
    try:
        priority = await services.add_priority(forms.priority_in(form), signed_in(request))
    except Invalid as invalid:
        add_problems(form, invalid.problems)
        return _form_page(request, form, None, status_code=400)
    return RedirectResponse(f"/staff/priorities/{priority.id}?done=added", status_code=303)


@requires_role(*EDITORS)
async def priority_edit(request: Request) -> Response:
    priority = await _priority(request)
    return _form_page(request, forms.PriorityForm(data=forms.priority_form_data(priority)), priority)


@requires_role(*EDITORS)
async def priority_update(request: Request) -> Response:
    priority = await _priority(request)
    formdata = await request.form()
    form = forms.PriorityForm(formdata=formdata)
    form.validate()
    seen = formdata.get("seen")
    try:
        await services.update_priority(
            priority, forms.priority_in(form), signed_in(request), seen=seen if isinstance(seen, str) else ""
        )
    except Invalid as invalid:
        await priority.refresh_from_db()
        loose = add_problems(form, invalid.problems)
        return _form_page(request, form, priority, status_code=400, loose=loose)
    return RedirectResponse(f"/staff/priorities/{priority.id}?done=saved", status_code=303)


# --- order and delete ------------------------------------------------------


@requires_role(*EDITORS)
async def priority_move(request: Request) -> Response:
    priority = await _priority(request)
    direction = form_direction((await request.form()).get("direction"))
    moved = await services.move_priority(priority, direction, signed_in(request))
    done = "moved" if moved else direction  # a stale page: it is already at that end
    return RedirectResponse(
        f"/staff/priorities?year={priority.reporting_year}&done={done}#priority-{priority.id}",
        status_code=303,
    )


async def _delete_page(request: Request, priority: Priority, refused: str = "") -> Response:
    evidence = await services.evidence_for(priority)
    context = {
        "priority": priority,
        "year_label": year_label(priority.reporting_year),
        "why_not": services.why_not_deletable(evidence) or refused,
        "errors": [(None, refused)] if refused else [],
    }
    return render(request, "priorities/delete.html", context, status_code=400 if refused else 200)


@requires_role(*EDITORS)
async def priority_delete_page(request: Request) -> Response:
    return await _delete_page(request, await _priority(request))


@requires_role(*EDITORS)
async def priority_delete(request: Request) -> Response:
    if await was_deleted("priority.deleted", "priority", request.path_params["priority_id"]):
        # deleted already (a double click, or someone else): what was asked is done
        return RedirectResponse("/staff/priorities?done=deleted", status_code=303)
    priority = await _priority(request)
    try:
        await services.delete_priority(priority, signed_in(request))
    except NotAllowed as refused:
        return await _delete_page(request, priority, str(refused))
    return RedirectResponse(f"/staff/priorities?year={priority.reporting_year}&done=deleted", status_code=303)


# --- one priority ----------------------------------------------------------


async def _detail_page(
    request: Request, priority: Priority, theme_form: Any | None = None, status_code: int = 200
) -> Response:
    theme_form = theme_form or forms.ThemeLinkForm()
    linked_themes = await services.linked_themes(priority)
    linked_ids = {row.theme_id for row in linked_themes}
    theme_choices = [theme for theme in await Theme.all() if theme.id not in linked_ids]
    errors = field_errors(theme_form)
    if not theme_choices:
        # No theme field is drawn (every theme is linked): the summary links to the section.
        errors = [("themes" if key in ("theme", "theme_note") else key, message) for key, message in errors]
    context = {
        "priority": priority,
        "year_label": year_label(priority.reporting_year),
        "contributions": await services.linked_contributions(priority),
        "themes": linked_themes,
        "theme_choices": theme_choices,
        "actions": await services.actions_for(priority),
        "theme_form": theme_form,
        "errors": errors,
        "can_edit": _can_edit(request),
        "done": DONE.get(request.query_params.get("done", "")),
    }
    return render(request, "priorities/detail.html", context, status_code=status_code)


@requires_role(*READERS)
async def priority_page(request: Request) -> Response:
    return await _detail_page(request, await _priority(request))


@requires_role(*EDITORS)
async def theme_link(request: Request) -> Response:
    priority = await _priority(request)
    form = forms.ThemeLinkForm(formdata=await request.form())
    try:
        await services.link_theme(
            priority, record_id(form.theme.data), form.theme_note.data or "", signed_in(request)
        )
    except Invalid as invalid:
        add_problems(form, invalid.problems)
        return await _detail_page(request, priority, form, status_code=400)
    return RedirectResponse(f"/staff/priorities/{priority.id}?done=theme-linked#themes", status_code=303)


@requires_role(*EDITORS)
async def link_remove(request: Request) -> Response:
    priority = await _priority(request)
    link = await PriorityLink.get_or_none(id=request.path_params["link_id"], priority_id=priority.id)
    if link is None:
        raise HTTPException(status_code=404)
    anchor = "#themes" if link.theme_id is not None else "#contributions"
    await services.unlink(link, signed_in(request))
    return RedirectResponse(f"/staff/priorities/{priority.id}?done=unlinked{anchor}", status_code=303)


# --- "You said, we did" ----------------------------------------------------


async def _action_page(
    request: Request, priority: Priority, form: Any, evidence_error: str = "", status_code: int = 200
) -> Response:
    contributions = [
        row for row in await services.linked_contributions(priority) if row.status is Status.APPROVED
    ]
    themes = await services.linked_themes(priority)
    errors = field_errors(form)
    if evidence_error:
        # The summary links to the first box, as GOV.UK does for a group of checkboxes.
        first = (
            f"contribution-{contributions[0].contribution_id}"
            if contributions
            else f"theme-{themes[0].theme_id}"
            if themes
            else "evidence"
        )
        errors.append((first, evidence_error))
    context = {
        "priority": priority,
        "form": form,
        "contributions": contributions,
        "themes": themes,
        "chosen_contributions": set(forms.ids(form.contributions.data)),
        "chosen_themes": set(forms.ids(form.themes.data)),
        "errors": errors,
        "evidence_error": evidence_error,
        "rich_text_hint": RICH_TEXT_HINT,
    }
    return render(request, "priorities/action_form.html", context, status_code=status_code)


@requires_role(*EDITORS)
async def action_new(request: Request) -> Response:
    priority = await _priority(request)
    form = forms.ActionForm(data={"agency": priority.owning_agency, "form_key": new_form_key()})
    return await _action_page(request, priority, form)


@requires_role(*EDITORS)
async def action_create(request: Request) -> Response:
    priority = await _priority(request)
    form = forms.ActionForm(formdata=await request.form())
    form.validate()
    try:
        await services.add_action(
            priority,
            forms.action_in(form),
            signed_in(request),
            _today(request),
            form_key(form.form_key.data),
        )
    except Invalid as invalid:
        loose = add_problems(form, invalid.problems)
        evidence = next((message for key, message in loose if key == "evidence"), "")
        return await _action_page(request, priority, form, evidence, status_code=400)
    return RedirectResponse(f"/staff/priorities/{priority.id}?done=action-added#changes", status_code=303)


async def _action_of(request: Request, priority: Priority) -> InfluenceAction:
    action = await InfluenceAction.get_or_none(id=request.path_params["action_id"], priority_id=priority.id)
    if action is None:
        raise HTTPException(status_code=404)
    return action


@requires_role(*EDITORS)
async def action_remove_page(request: Request) -> Response:
    """Are you sure? Removing a change takes it off the report and off young people's /track."""
    priority = await _priority(request)
    action = await _action_of(request, priority)
    return render(request, "priorities/remove_change.html", {"priority": priority, "action": action})


@requires_role(*EDITORS)
async def action_remove(request: Request) -> Response:
    priority = await _priority(request)
    done = RedirectResponse(f"/staff/priorities/{priority.id}?done=action-removed#changes", status_code=303)
    if await was_deleted("influence_action.deleted", "influence_action", request.path_params["action_id"]):
        return done  # removed already (a double click, or someone else): what was asked is done
    action = await _action_of(request, priority)
    await services.remove_action(action, signed_in(request))
    return done


P = "/staff/priorities/{priority_id:int}"

routes = [
    Route("/staff/priorities", priority_list, methods=["GET"], name="priority_list"),
    Route("/staff/priorities", priority_create, methods=["POST"]),
    Route("/staff/priorities/new", priority_new, methods=["GET"]),
    Route(P, priority_page, methods=["GET"], name="priority"),
    Route(P + "/edit", priority_edit, methods=["GET"]),
    Route(P + "/edit", priority_update, methods=["POST"]),
    Route(P + "/move", priority_move, methods=["POST"]),
    Route(P + "/delete", priority_delete_page, methods=["GET"]),
    Route(P + "/delete", priority_delete, methods=["POST"]),
    Route(P + "/themes", theme_link, methods=["POST"]),
    Route(P + "/links/{link_id:int}/remove", link_remove, methods=["POST"]),
    Route(P + "/changes/new", action_new, methods=["GET"]),
    Route(P + "/changes/new", action_create, methods=["POST"]),
    Route(P + "/changes/{action_id:int}/remove", action_remove_page, methods=["GET"]),
    Route(P + "/changes/{action_id:int}/remove", action_remove, methods=["POST"]),
]
