"""Staff sign-in, sign-out and the staff home page."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.accounts import services, throttle
from voice.accounts.admin_forms import (
    ACTIVE_CHOICES,
    ROLE_CHOICES,
    ROLE_HINTS,
    ROLE_LABELS,
    EditStaffForm,
    NewStaffForm,
    TemporaryPasswordForm,
)
from voice.accounts.auth import (
    ALL_STAFF,
    CHANGE_PASSWORD_PATH,
    ENDED_ON_FORM,
    ENDED_ON_PAGE,
    requires_role,
    session_cookie_name,
    session_now,
    signed_in,
)
from voice.accounts.forms import SignInForm
from voice.accounts.models import Role, StaffUser
from voice.accounts.password_forms import ChangePasswordForm
from voice.audit.services import format_when, iso_utc, record
from voice.clock import app_now
from voice.settings import Settings
from voice.web.clients import Limiter, client_address
from voice.web.csrf import renew_cookie
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


#: Where "Stay signed in" posts (the warning before a session ends for being idle).
STAY_SIGNED_IN_PATH = "/staff/stay-signed-in"


def _minutes(value: float) -> str:
    return f"{value:g}"


async def sign_in_page(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    form = SignInForm()
    ended = request.query_params.get("ended")
    context: dict[str, object] = {
        "form": form,
        "next": safe_next(request.query_params.get("next")),
        # Set when a session cookie came with a request but its session had ended.
        "ended": ended if ended in (ENDED_ON_PAGE, ENDED_ON_FORM) else None,
        "ended_on_form": ENDED_ON_FORM,
        "idle_minutes": _minutes(settings.session_idle_minutes),
        "max_hours": _minutes(settings.session_max_hours),
    }
    return render(request, "accounts/sign_in.html", context)


async def sign_in(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    limiter: Limiter = request.app.state.limiter
    data = await request.form()
    form = SignInForm(formdata=data)
    next_url = safe_next(str(data.get("next") or ""))
    context: dict[str, object] = {"form": form, "next": next_url, "ended": None}
    if not form.validate():
        context["errors"] = error_list(form)
        return render(request, "accounts/sign_in.html", context, status_code=400)
    email = services.normalise_email(form.email.data or "")
    address = client_address(request)
    client_hash = throttle.client_hash(settings, address)
    limits = throttle.sign_in_limits(limiter, settings, email, address)
    refusal = await limits.refusal()
    if refusal is not None:
        for layer in refusal.newly_throttled:
            await record(
                "signin.throttled", actor_label=email, client_hash=client_hash, after={"limit": layer}
            )
        return too_many_requests(request, refusal.retry_after)
    user = await services.authenticate(email, form.password.data or "")
    if user is None:
        await limits.failed()
        await record("signin.failure", actor_label=email, client_hash=client_hash)
        context["errors"] = [("email", "Enter a correct email address and password")]
        return render(request, "accounts/sign_in.html", context, status_code=400)
    await limits.clear("pair")
    token = await services.start_session(user, session_now(request))
    await record("signin.success", by=user, client_hash=client_hash)
    # A temporary password from an admin: choose a new one before anything else.
    target = CHANGE_PASSWORD_PATH if user.must_change_password else next_url
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        session_cookie_name(settings),
        token,
        max_age=round(settings.session_max_hours * 3600),
        path="/",
        secure=settings.https,
        httponly=True,
        samesite="lax",
    )
    renew_cookie(response, settings.https)
    return response


@requires_role(*ALL_STAFF, while_password_must_change=True)
async def sign_out(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    cookie = session_cookie_name(settings)
    token = request.cookies.get(cookie, "")
    user = request.state.staff
    await services.end_session(token)
    await record("signout", by=user)
    response = RedirectResponse("/staff/sign-in?signed_out=1", status_code=303)
    response.delete_cookie(cookie, path="/", secure=settings.https, httponly=True, samesite="lax")
    renew_cookie(response, settings.https)
    return response


@requires_role(*ALL_STAFF, while_password_must_change=True)
async def stay_signed_in(request: Request) -> Response:
    """ "Stay signed in" on the warning before a session ends for being idle (JavaScript posts
    it): the session counts as used now. Not audited: it is activity, like fetching a page."""
    settings: Settings = request.app.state.settings
    await services.extend_session(
        request.cookies.get(session_cookie_name(settings), ""), session_now(request)
    )
    return Response(status_code=204)


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


# "Change your password", for every member of staff.


def _change_password_context(request: Request, form: ChangePasswordForm) -> dict[str, object]:
    return {
        "form": form,
        "errors": error_list(form),
        "changed": request.query_params.get("changed") == "1",
        "must_change": signed_in(request).must_change_password,
    }


@requires_role(*ALL_STAFF, while_password_must_change=True)
async def change_password_page(request: Request) -> Response:
    form = ChangePasswordForm()
    return render(request, "accounts/change_password.html", _change_password_context(request, form))


@requires_role(*ALL_STAFF, while_password_must_change=True)
async def change_password(request: Request) -> Response:
    """Wrong current passwords are limited per account, in the sign-in window (see
    :func:`voice.accounts.throttle.password_change_limits`)."""
    settings: Settings = request.app.state.settings
    limiter: Limiter = request.app.state.limiter
    user = signed_in(request)
    form = ChangePasswordForm(formdata=await request.form())
    form.account_email = user.email
    if form.validate():
        limits = throttle.password_change_limits(limiter, settings, user.id)
        refusal = await limits.refusal()
        if refusal is not None:
            if refusal.newly_throttled:
                await record(
                    "password_change.throttled", by=user, object_type="staff_user", object_id=user.id
                )
            return too_many_requests(request, refusal.retry_after)
        try:
            await services.change_own_password(
                user,
                form.current_password.data or "",
                form.new_password.data or "",
                keep_token=request.cookies.get(session_cookie_name(settings), ""),
                now=app_now(request.app.state),
            )
        except services.WrongCurrentPassword as problem:
            await limits.failed()
            await record("password_change.failure", by=user, object_type="staff_user", object_id=user.id)
            form.current_password.errors.append(problem.message)
        except services.AccountProblem as problem:
            form[problem.field].errors.append(problem.message)
        else:
            await limits.clear("account")
            return RedirectResponse(f"{CHANGE_PASSWORD_PATH}?changed=1", status_code=303)
    context = _change_password_context(request, form)
    context["changed"] = False
    return render(request, "accounts/change_password.html", context, status_code=400)


# Staff accounts admin (admins only). Every change is audited in services.


def _time_formats() -> dict[str, object]:
    return {"format_when": format_when, "iso_utc": iso_utc}


@requires_role(Role.ADMIN)
async def staff_accounts(request: Request) -> Response:
    users = await services.list_staff()
    notice = ""
    notices = (
        ("created", "Account created for {}. They must choose a new password when they first sign in."),
        ("changed", "Changes saved for {}."),
        ("password_set", "Temporary password set for {}. They must choose a new one when they next sign in."),
    )
    for key, text in notices:
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
    valid = form.validate()
    if not form.email.errors and await services.email_taken(form.email.data or ""):
        # said with the form's other problems, not only once they are mended
        form.email.errors.append(services.EMAIL_TAKEN)
    elif valid:
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


def _edit_context(
    user: StaffUser, form: EditStaffForm, password_form: TemporaryPasswordForm | None = None
) -> dict[str, object]:
    password_form = password_form or TemporaryPasswordForm()
    return {
        "account": user,
        "form": form,
        "password_form": password_form,
        "role_choices": ROLE_CHOICES,
        "active_choices": ACTIVE_CHOICES,
        "errors": error_list(form) + error_list(password_form),
        **_time_formats(),
    }


def _current_edit_form(user: StaffUser) -> EditStaffForm:
    return EditStaffForm(data={"role": user.role.value, "active": "yes" if user.is_active else "no"})


@requires_role(Role.ADMIN)
async def edit_staff_page(request: Request) -> Response:
    user = await StaffUser.get_or_none(id=request.path_params["user_id"])
    if user is None:
        raise HTTPException(status_code=404)
    return render(request, "accounts/staff_edit.html", _edit_context(user, _current_edit_form(user)))


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


@requires_role(Role.ADMIN)
async def set_temporary_password(request: Request) -> Response:
    user = await StaffUser.get_or_none(id=request.path_params["user_id"])
    if user is None:
        raise HTTPException(status_code=404)
    if user.id == signed_in(request).id:  # the page offers no such form for your own account
        return RedirectResponse(CHANGE_PASSWORD_PATH, status_code=303)
    form = TemporaryPasswordForm(formdata=await request.form())
    form.account_email = user.email
    if form.validate():
        try:
            await services.set_temporary_password(
                user,
                form.temporary_password.data or "",
                actor=signed_in(request),
                now=app_now(request.app.state),
            )
        except services.AccountProblem as problem:
            form[problem.field].errors.append(problem.message)
        else:
            # Everyone is signed out of the account, so wrong current passwords typed in its old
            # sessions no longer stop its owner choosing a new password (every page needs that).
            app = request.app.state
            await throttle.clear_password_change_failures(app.limiter, app.settings, user.id)
            return RedirectResponse(f"/staff/accounts?password_set={user.id}", status_code=303)
    context = _edit_context(user, _current_edit_form(user), form)
    return render(request, "accounts/staff_edit.html", context, status_code=400)


routes = [
    Route("/staff/sign-in", sign_in_page, methods=["GET"], name="sign_in_page"),
    Route("/staff/sign-in", sign_in, methods=["POST"], name="sign_in"),
    Route("/staff/sign-out", sign_out, methods=["POST"], name="sign_out"),
    Route("/staff", staff_home, methods=["GET"], name="staff_home"),
    Route(STAY_SIGNED_IN_PATH, stay_signed_in, methods=["POST"], name="stay_signed_in"),
    Route(CHANGE_PASSWORD_PATH, change_password_page, methods=["GET"], name="change_password_page"),
    Route(CHANGE_PASSWORD_PATH, change_password, methods=["POST"], name="change_password"),
    Route("/staff/accounts", staff_accounts, methods=["GET"], name="staff_accounts"),
    Route("/staff/accounts/new", new_staff_page, methods=["GET"], name="new_staff_page"),
    Route("/staff/accounts/new", new_staff, methods=["POST"], name="new_staff"),
    Route("/staff/accounts/{user_id:int}", edit_staff_page, methods=["GET"], name="edit_staff_page"),
    Route("/staff/accounts/{user_id:int}", edit_staff, methods=["POST"], name="edit_staff"),
    Route(
        "/staff/accounts/{user_id:int}/password",
        set_temporary_password,
        methods=["POST"],
        name="set_temporary_password",
    ),
]
