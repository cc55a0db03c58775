"""Staff sign-in, sign-out and the staff home page."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.accounts import services
from voice.accounts.admin_forms import (
    ACTIVE_CHOICES,
    ROLE_CHOICES,
    ROLE_HINTS,
    ROLE_LABELS,
    EditStaffForm,
    NewStaffForm,
)
from voice.accounts.auth import ALL_STAFF, requires_role, session_cookie_name
from voice.accounts.forms import SignInForm
from voice.accounts.models import Role, StaffUser
from voice.audit.services import format_when, iso_utc, record
from voice.clock import app_now
from voice.settings import Settings
from voice.web.clients import Limiter, client_address, hashed_key
from voice.web.errors import too_many_requests
from voice.web.forms import error_list, record_id
from voice.web.templating import render

ROLE_NAMES = {
    "admin": "Admin",
    "moderator": "Moderator",
    "safeguarding_lead": "Safeguarding lead",
    "analyst": "Analyst or partner viewer",
}


def safe_next(target: str | None) -> str:
    """Only same-site paths: never an open redirect."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/staff"


async def sign_in_page(request: Request) -> Response:
    form = SignInForm()
    return render(
        request, "accounts/sign_in.html", {"form": form, "next": safe_next(request.query_params.get("next"))}
    )


async def sign_in(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    limiter: Limiter = request.app.state.limiter
    data = await request.form()
    form = SignInForm(formdata=data)
    next_url = safe_next(str(data.get("next") or ""))
    context: dict[str, object] = {"form": form, "next": next_url}
    if not form.validate():
        context["errors"] = error_list(form)
        return render(request, "accounts/sign_in.html", context, status_code=400)
    email = services.normalise_email(form.email.data or "")
    limit = limiter.item(settings.signin_max_failures, settings.signin_window_seconds)
    ip_key = "signin-ip:" + hashed_key(settings.secret_key, client_address(request))
    account_key = "signin-account:" + hashed_key(settings.secret_key, email)
    client_hash = ip_key.split(":", 1)[1]
    for key in (ip_key, account_key):
        if not await limiter.test(limit, key):
            # Once per key and window: refused tries must not grow the append-only log forever.
            once = limiter.item(1, settings.signin_window_seconds)
            if await limiter.hit(once, "signin-throttle-logged:" + key):
                await record("signin.throttled", actor_label=email, client_hash=client_hash)
            return too_many_requests(request, await limiter.retry_after(limit, key))
    user = await services.authenticate(email, form.password.data or "")
    if user is None:
        await limiter.hit(limit, ip_key)
        await limiter.hit(limit, account_key)
        await record("signin.failure", actor_label=email, client_hash=client_hash)
        context["errors"] = [("email", "Enter a correct email address and password")]
        return render(request, "accounts/sign_in.html", context, status_code=400)
    await limiter.clear(limit, account_key)
    token = await services.start_session(user, services.utcnow())
    await record("signin.success", by=user, client_hash=client_hash)
    response = RedirectResponse(next_url, status_code=303)
    response.set_cookie(
        session_cookie_name(settings),
        token,
        max_age=settings.session_max_hours * 3600,
        path="/",
        secure=settings.https,
        httponly=True,
        samesite="lax",
    )
    return response


@requires_role(*ALL_STAFF)
async def sign_out(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    cookie = session_cookie_name(settings)
    token = request.cookies.get(cookie, "")
    user = request.state.staff
    await services.end_session(token)
    await record("signout", by=user)
    response = RedirectResponse("/staff/sign-in?signed_out=1", status_code=303)
    response.delete_cookie(cookie, path="/", secure=settings.https, httponly=True, samesite="lax")
    return response


@requires_role(*ALL_STAFF)
async def staff_home(request: Request) -> Response:
    from voice.cases import display as case_display
    from voice.cases import services as cases

    role: Role = request.state.staff.role
    context: dict[str, object] = {"role_names": ROLE_NAMES, "show": case_display}
    if role in cases.EDITORS:
        now = app_now(request.app.state)
        context["case_summary"] = await cases.case_summary(now, request.app.state.settings)
        context["now"] = now
    elif role is Role.MODERATOR:
        context["cases_with_leads"] = await cases.open_case_count()
    return render(request, "staff/home.html", context)


# Staff accounts admin (admins only). Every change is audited in services.


def _time_formats() -> dict[str, object]:
    return {"format_when": format_when, "iso_utc": iso_utc}


@requires_role(Role.ADMIN)
async def staff_accounts(request: Request) -> Response:
    users = await services.list_staff()
    notice = ""
    for key, text in (("created", "Account created for {}."), ("changed", "Changes saved for {}.")):
        raw = request.query_params.get(key, "")
        wanted = record_id(raw)
        found = next((user for user in users if user.id == wanted), None)
        if found is not None:
            notice = text.format(found.email)
    return render(
        request,
        "accounts/staff_list.html",
        {"users": users, "role_labels": ROLE_LABELS, "notice": notice, **_time_formats()},
    )


def _new_staff_context(form: NewStaffForm) -> dict[str, object]:
    return {"form": form, "role_choices": ROLE_CHOICES, "role_hints": ROLE_HINTS, "errors": error_list(form)}


@requires_role(Role.ADMIN)
async def new_staff_page(request: Request) -> Response:
    return render(request, "accounts/staff_new.html", _new_staff_context(NewStaffForm()))


@requires_role(Role.ADMIN)
async def new_staff(request: Request) -> Response:
    form = NewStaffForm(formdata=await request.form())
    if form.validate():
        try:
            user = await services.create_staff_account(
                form.email.data or "",
                form.display_name.data or "",
                Role(form.role.data),
                form.password.data or "",
                actor=request.state.staff,
                now=app_now(request.app.state),
            )
        except services.AccountProblem as problem:
            form[problem.field].errors.append(problem.message)
        else:
            return RedirectResponse(f"/staff/accounts?created={user.id}", status_code=303)
    return render(request, "accounts/staff_new.html", _new_staff_context(form), status_code=400)


def _edit_context(user: StaffUser, form: EditStaffForm) -> dict[str, object]:
    return {
        "account": user,
        "form": form,
        "role_choices": ROLE_CHOICES,
        "active_choices": ACTIVE_CHOICES,
        "errors": error_list(form),
        **_time_formats(),
    }


@requires_role(Role.ADMIN)
async def edit_staff_page(request: Request) -> Response:
    user = await StaffUser.get_or_none(id=request.path_params["user_id"])
    if user is None:
        raise HTTPException(status_code=404)
    form = EditStaffForm(data={"role": user.role.value, "active": "yes" if user.is_active else "no"})
    return render(request, "accounts/staff_edit.html", _edit_context(user, form))


@requires_role(Role.ADMIN)
async def edit_staff(request: Request) -> Response:
    user = await StaffUser.get_or_none(id=request.path_params["user_id"])
    if user is None:
        raise HTTPException(status_code=404)
    form = EditStaffForm(formdata=await request.form())
    if form.validate():
        try:
            await services.change_staff_account(
                user,
                role=Role(form.role.data),
                is_active=form.active.data == "yes",
                actor=request.state.staff,
                now=app_now(request.app.state),
            )
        except services.AccountProblem as problem:
            form[problem.field].errors.append(problem.message)
        else:
            return RedirectResponse(f"/staff/accounts?changed={user.id}", status_code=303)
    return render(request, "accounts/staff_edit.html", _edit_context(user, form), status_code=400)


routes = [
    Route("/staff/sign-in", sign_in_page, methods=["GET"], name="sign_in_page"),
    Route("/staff/sign-in", sign_in, methods=["POST"], name="sign_in"),
    Route("/staff/sign-out", sign_out, methods=["POST"], name="sign_out"),
    Route("/staff", staff_home, methods=["GET"], name="staff_home"),
    Route("/staff/accounts", staff_accounts, methods=["GET"], name="staff_accounts"),
    Route("/staff/accounts/new", new_staff_page, methods=["GET"], name="new_staff_page"),
    Route("/staff/accounts/new", new_staff, methods=["POST"], name="new_staff"),
    Route("/staff/accounts/{user_id:int}", edit_staff_page, methods=["GET"], name="edit_staff_page"),
    Route("/staff/accounts/{user_id:int}", edit_staff, methods=["POST"], name="edit_staff"),
]
