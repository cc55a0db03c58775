"""Staff sign-in, sign-out and the staff home page."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.accounts import services
from voice.accounts.auth import ALL_STAFF, requires_role, session_cookie_name
from voice.accounts.forms import SignInForm
from voice.audit.services import record
from voice.settings import Settings
from voice.web.clients import Limiter, client_address, hashed_key
from voice.web.errors import too_many_requests
from voice.web.forms import error_list
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
    await record("signin.success", actor_id=user.id, actor_label=user.email, client_hash=client_hash)
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
    await record("signout", actor_id=user.id, actor_label=user.email)
    response = RedirectResponse("/staff/sign-in?signed_out=1", status_code=303)
    response.delete_cookie(cookie, path="/", secure=settings.https, httponly=True, samesite="lax")
    return response


@requires_role(*ALL_STAFF)
async def staff_home(request: Request) -> Response:
    return render(request, "staff/home.html", {"role_names": ROLE_NAMES})


routes = [
    Route("/staff/sign-in", sign_in_page, methods=["GET"], name="sign_in_page"),
    Route("/staff/sign-in", sign_in, methods=["POST"], name="sign_in"),
    Route("/staff/sign-out", sign_out, methods=["POST"], name="sign_out"),
    Route("/staff", staff_home, methods=["GET"], name="staff_home"),
]
