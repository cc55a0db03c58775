"""Safeguarding case pages (staff, English only). Plain forms and 303 redirects; no JavaScript needed.

Safeguarding leads and admins see and work on cases; only a lead signs off. Moderators may
raise a case by hand but never see one (403).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from voice.accounts.auth import requires_role
from voice.accounts.models import Role, StaffUser
from voice.cases import display, services
from voice.cases.forms import DecisionForm, OutcomeForm, RaiseForm
from voice.clock import app_now
from voice.feedback.models import Contribution
from voice.moderation.models import CaseStatus, SafeguardingCase
from voice.settings import Settings
from voice.web.forms import record_id
from voice.web.templating import render

CASE_ROLES = (Role.SAFEGUARDING_LEAD, Role.ADMIN)

#: Where each missing item or field error points on the case page.
_FIELD_ANCHORS = {
    "acknowledged": "acknowledge-section",
    "decision": "decision",
    "reasoning": "reasoning",
    "referral_reference": "referral_reference",
    "outcome": "outcome",
    "signed_off": "sign-off-section",
}
_SECTION_OF = {
    "decision": "decision-section",
    "reasoning": "decision-section",
    "referral_reference": "decision-section",
    "outcome": "outcome-section",
}

#: The notice shown after each action (``?saved=...``).
_NOTICES = {
    "acknowledged": "You acknowledged the case.",
    "decision": "The decision is saved.",
    "outcome": "The outcome is saved.",
    "signed_off": "You signed off the case.",
    "closed": "The case is closed.",
    "unchanged": "Nothing had changed, so nothing was saved.",
    "raised": "You raised this case. It is now with the safeguarding leads.",
}


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _user(request: Request) -> StaffUser:
    user: StaffUser = request.state.staff
    return user


def _editable(case: SafeguardingCase) -> bool:
    return case.status is not CaseStatus.CLOSED and case.acknowledged_at is not None


def _anchor(key: str | None, case: SafeguardingCase) -> str | None:
    if key is None:
        return None
    if key in _SECTION_OF and not _editable(case):
        return _SECTION_OF[key]
    return _FIELD_ANCHORS.get(key, key)


async def _case_or_404(request: Request) -> SafeguardingCase:
    try:
        return await services.get_case(int(request.path_params["case_id"]))
    except services.CaseNotFound:
        raise HTTPException(status_code=404) from None


def _back(case_id: int, saved: str, withdrawn: bool = False) -> RedirectResponse:
    url = f"/staff/cases/{case_id}?saved={saved}"
    if withdrawn:
        url += "&withdrawn=1"
    return RedirectResponse(url, status_code=303)


async def _detail(
    request: Request,
    case: SafeguardingCase,
    *,
    problems: services.Errors | None = None,
    decision_form: DecisionForm | None = None,
    outcome_form: OutcomeForm | None = None,
    status_code: int = 200,
) -> Response:
    settings = _settings(request)
    now = app_now(request.app.state)
    problems = problems or []
    if decision_form is None:
        decision_form = DecisionForm(
            data={
                "decision": case.decision.value if case.decision else None,
                "reasoning": case.reasoning,
                "referral_reference": case.referral_reference,
            }
        )
    if outcome_form is None:
        outcome_form = OutcomeForm(data={"outcome": case.outcome})
    saved = request.query_params.get("saved", "") if status_code == 200 else ""
    context: dict[str, Any] = {
        "case": case,
        "contribution": case.contribution,
        "takeover": await services.takeover_event_of(case),
        "entered_by": await services.entered_by_of(case.contribution),
        "taken_back": await services.taken_back(case.contribution),
        "contact": await services.contact_for(case),
        "chosen": await services.answers_in_words(case),
        "history": display.history_rows(await services.history(case.id)),
        "overdue": services.is_overdue(case, now, settings),
        "decision_overdue": services.decision_overdue(case, now),
        "decide_by_day": services.decide_by_day(case),
        "due_at": services.due_at(case, settings),
        "ack_hours": services.ack_limit(case.level, settings),
        "now": now,
        "editable": _editable(case),
        "closed": case.status is CaseStatus.CLOSED,
        "is_lead": _user(request).role is Role.SAFEGUARDING_LEAD,
        "missing": services.missing_items(case),
        "missing_for_sign_off": services.missing_items(case, for_sign_off=True),
        "decision_form": decision_form,
        "outcome_form": outcome_form,
        "errors": [(_anchor(key, case), message) for key, message in problems],
        "field_errors": {key: message for key, message in problems if key},
        "has_errors": bool(problems),
        "notice": _NOTICES.get(saved, ""),
        "withdrawn": request.query_params.get("withdrawn") == "1" and status_code == 200,
        "show": display,
        "version": services.record_version(case),
    }
    return render(request, "cases/detail.html", context, status_code=status_code)


#: The "Find a case" field's errors.
NUMBER_MESSAGE = "Enter a case number, like 12"


def _no_case_message(case_id: int | str) -> str:
    return f"There is no case {case_id}. Check the number"


#: Digits echoed in "There is no case …" at most; a longer run is "that number".
_ECHO_DIGITS = 20


def _number_problem(number: str) -> str:
    """Why "Find a case" found nothing for ``number``, which is no record id: digits too many
    for any case are a number with no case, not a wrong shape. (No ``int``: Python refuses
    strings of over 4,300 digits.)"""
    typed = number.strip()
    if typed.isascii() and typed.isdigit() and typed.strip("0"):
        digits = typed.lstrip("0")
        return _no_case_message(digits if len(digits) <= _ECHO_DIGITS else "with that number")
    return NUMBER_MESSAGE


@requires_role(*CASE_ROLES)
async def case_list(request: Request) -> Response:
    """Open cases, then closed cases a page at a time (``?closed_after=``), and "Find a case"
    (``?number=``), which goes straight to the case or says why it cannot."""
    now = app_now(request.app.state)
    settings = _settings(request)
    number = request.query_params.get("number")
    problems: services.Errors = []
    if number is not None:
        case_id = record_id(number)
        if case_id is None:
            problems.append(("case-number", _number_problem(number)))
        elif not await services.case_exists(case_id):
            problems.append(("case-number", _no_case_message(case_id)))
        else:
            return RedirectResponse(f"/staff/cases/{case_id}", status_code=303)
    after = services.ClosedCursor.decode(request.query_params.get("closed_after", ""))
    cases = await services.list_cases(now, settings, closed_after=after)
    overdue = [row for row in cases.open if row.overdue]
    limits = {level: display.duration(services.ack_limit(level, settings)) for level in ("concern", "urgent")}
    return render(
        request,
        "cases/list.html",
        {
            "cases": cases,
            "closed_after": after,
            "overdue": overdue,
            "now": now,
            "limits": limits,
            "show": display,
            "number": number or "",
            "errors": problems,
            "field_errors": {key: message for key, message in problems if key},
            "has_errors": bool(problems),
        },
        status_code=400 if problems else 200,
    )


@requires_role(*CASE_ROLES)
async def case_detail(request: Request) -> Response:
    case = await _case_or_404(request)
    await services.record_view(case, by=_user(request), now=app_now(request.app.state))
    return await _detail(request, case)


async def _act(request: Request, action: str) -> Response:
    case = await _case_or_404(request)
    user = _user(request)
    now = app_now(request.app.state)
    data = await request.form()
    decision_form = DecisionForm(formdata=data) if action == "decision" else None
    outcome_form = OutcomeForm(formdata=data) if action == "outcome" else None
    sent = data.get("seen")
    seen = sent if isinstance(sent, str) else ""
    try:
        if seen and seen != services.record_version(case):
            raise services.CaseProblem([(None, services.STALE_MESSAGE)])
        if action == "acknowledge":
            await services.acknowledge(case.id, by=user, now=now)
            return _back(case.id, "acknowledged")
        if decision_form is not None:
            saved = await services.record_decision(
                case.id,
                by=user,
                now=now,
                decision=decision_form.decision.data or "",
                reasoning=decision_form.reasoning.data or "",
                referral_reference=decision_form.referral_reference.data or "",
                seen=seen,
            )
            return _back(case.id, "decision" if saved.changed else "unchanged", saved.sign_off_withdrawn)
        if outcome_form is not None:
            saved = await services.record_outcome(
                case.id, by=user, now=now, outcome=outcome_form.outcome.data or "", seen=seen
            )
            return _back(case.id, "outcome" if saved.changed else "unchanged", saved.sign_off_withdrawn)
        if action == "sign-off":
            await services.sign_off(case.id, by=user, now=now, seen=seen)
            return _back(case.id, "signed_off")
        await services.close(
            case.id, by=user, now=now, retention_days=_settings(request).case_retention_days, seen=seen
        )
        return _back(case.id, "closed")
    except services.CaseProblem as problem:
        fresh = await services.get_case(case.id)
        # The page shows the original words and contact details again: a view like any other.
        await services.record_view(fresh, by=user, now=now)
        return await _detail(
            request,
            fresh,
            problems=problem.errors,
            decision_form=decision_form,
            outcome_form=outcome_form,
            status_code=400,
        )
    except services.NotAllowed:
        raise HTTPException(status_code=403) from None


@requires_role(*CASE_ROLES)
async def acknowledge(request: Request) -> Response:
    return await _act(request, "acknowledge")


@requires_role(*CASE_ROLES)
async def decision(request: Request) -> Response:
    return await _act(request, "decision")


@requires_role(*CASE_ROLES)
async def outcome(request: Request) -> Response:
    return await _act(request, "outcome")


@requires_role(Role.SAFEGUARDING_LEAD)
async def sign_off(request: Request) -> Response:
    return await _act(request, "sign-off")


@requires_role(*CASE_ROLES)
async def close(request: Request) -> Response:
    return await _act(request, "close")


def _raise_problems(form: RaiseForm) -> services.Errors:
    problems: services.Errors = []
    number_problem = form.number_problem()
    if number_problem:
        problems.append(number_problem)
    problems.extend(services.check_raise(form.note.data or "", form.level.data or ""))
    return problems


@requires_role(Role.MODERATOR, Role.ADMIN)
async def raise_case(request: Request) -> Response:
    """Raise a case by hand from the moderation page. Only the roles that moderate: a lead has no
    moderation access, and raising a case copies the contribution's original words into it."""
    data: FormData = await request.form()
    form = RaiseForm(formdata=data)
    if not form.level.data:
        form.level.data = "concern"
    user = _user(request)
    raw_back = data.get("back")
    back = raw_back if isinstance(raw_back, str) and len(raw_back) < 600 else ""
    number = form.contribution_number()
    problems = _raise_problems(form) if number is None else []
    if number is not None:
        try:
            case = await services.raise_case(
                number,
                by=user,
                note=form.note.data or "",
                now=app_now(request.app.state),
                level=form.level.data,
            )
        except services.CaseProblem as problem:
            problems = problem.errors
        else:
            if user.role is Role.MODERATOR:
                target = f"/staff/moderation/{number}?case=raised"
                if back:  # the moderation queue's filters, carried through the item page
                    target += f"&back={quote(back)}"
                return RedirectResponse(target, status_code=303)
            return RedirectResponse(f"/staff/cases/{case.id}?saved=raised", status_code=303)
    return render(
        request,
        "cases/raise.html",
        {
            "form": form,
            "back": back,
            "moderation_url": f"/staff/moderation/{number}"
            if number is not None
            and user.role in (Role.MODERATOR, Role.ADMIN)
            and await Contribution.exists(id=number)
            else "",
            "errors": problems,
            "field_errors": {key: message for key, message in problems if key},
            "has_errors": True,
        },
        status_code=400,
    )


routes: list[BaseRoute] = [
    Route("/staff/cases", case_list, methods=["GET"], name="case_list"),
    Route("/staff/cases/raise", raise_case, methods=["POST"], name="case_raise"),
    Route("/staff/cases/{case_id:int}", case_detail, methods=["GET"], name="case_detail"),
    Route("/staff/cases/{case_id:int}/acknowledge", acknowledge, methods=["POST"], name="case_acknowledge"),
    Route("/staff/cases/{case_id:int}/decision", decision, methods=["POST"], name="case_decision"),
    Route("/staff/cases/{case_id:int}/outcome", outcome, methods=["POST"], name="case_outcome"),
    Route("/staff/cases/{case_id:int}/sign-off", sign_off, methods=["POST"], name="case_sign_off"),
    Route("/staff/cases/{case_id:int}/close", close, methods=["POST"], name="case_close"),
]
