"""Public pages: home, Exit this page, help, cookies, language choice, health."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from tortoise import connections

from voice.accounts.auth import session_cookie_name
from voice.accounts.services import utcnow
from voice.consultations.services import closes_on
from voice.feedback import journey
from voice.public.services import localised_with_lang, open_consultations, optional_text, questions_shown_in
from voice.settings import Settings
from voice.web.csrf import cookie_name as csrf_cookie_name
from voice.web.i18n import Catalogues, current_locale, language_cookie
from voice.web.templating import render


async def home(request: Request) -> Response:
    locale = current_locale()
    consultations = await open_consultations(utcnow())
    items: list[dict[str, Any]] = [
        {
            "slug": item.slug,
            "title": localised_with_lang(item.title, locale),
            "intro": optional_text(item.intro, locale, localised_with_lang(item.title, locale).lang),
            # Staff did not offer it in this language: still listed, saying which it is in.
            "questions_in": questions_shown_in(item, locale),
            "closes_on": closes_on(item),
        }
        # "Tell us anything" has its own button below the list.
        for item in consultations
        if not item.is_standing
    ]
    return render(request, "public/home.html", {"consultations": items})


async def exit_now(request: Request) -> Response:
    """Clear everything this site stored in the browser and go to a neutral site."""
    settings: Settings = request.app.state.settings
    await journey.discard_drafts(request.cookies.get(journey.COOKIE))
    response = RedirectResponse(settings.exit_url, status_code=303)
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    for name in request.cookies:
        # A __Host- or __Secure- cookie is only replaced (so deleted) by a Secure one.
        secure = settings.https or name.startswith(("__Host-", "__Secure-"))
        response.delete_cookie(name, path="/", secure=secure)
    return response


async def about_exit(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    return render(request, "public/about_exit.html", {"exit_site": exit_site(settings.exit_url)})


def exit_site(url: str) -> str:
    """The site Exit this page opens, as people know it: ``bbc.co.uk`` for
    ``https://www.bbc.co.uk/weather``; "" when the setting has no host."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


async def get_help(request: Request) -> Response:
    return render(request, "public/help.html")


async def cookies(request: Request) -> Response:
    """What each cookie is for, under the name this Voice really gives it (over HTTPS the
    form and staff cookies have the ``__Host-`` prefix)."""
    settings: Settings = request.app.state.settings
    names = {"csrf": csrf_cookie_name(settings.https), "session": session_cookie_name(settings)}
    return render(request, "public/cookies.html", {"names": names})


async def choose_language(request: Request) -> Response:
    """Remember a language for this browser session and go back where the visitor was."""
    catalogues: Catalogues = request.app.state.catalogues
    code = request.query_params.get("lang", "")
    target = request.query_params.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = RedirectResponse(target, status_code=303)
    if code in catalogues.codes:
        settings: Settings = request.app.state.settings
        response.headers.append("set-cookie", language_cookie(code, secure=settings.https))
    return response


async def healthz(request: Request) -> Response:
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - report any database failure as unhealthy
        return JSONResponse({"status": "error", "database": type(exc).__name__}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})


routes = [
    Route("/", home, methods=["GET"], name="home"),
    Route("/exit", exit_now, methods=["GET"], name="exit"),
    Route("/exit-this-page", about_exit, methods=["GET"], name="about_exit"),
    Route("/help", get_help, methods=["GET"], name="help"),
    Route("/cookies", cookies, methods=["GET"], name="cookies"),
    Route("/language", choose_language, methods=["GET"], name="language"),
    Route("/healthz", healthz, methods=["GET"], name="healthz"),
]
