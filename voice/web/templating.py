"""Jinja2 rendering: one URL serves the full page or, for htmx, a named block of it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

import jinja2
from babel.dates import format_date
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Match

from voice.settings import PROJECT_ROOT
from voice.web import i18n

TEMPLATES_DIR = PROJECT_ROOT / "templates"


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.gettext,
        ngettext=i18n.ngettext,
        pgettext=i18n.pgettext,
        npgettext=i18n.npgettext,
        newstyle=True,
    )
    env.filters["lang_attrs"] = lang_attrs
    env.filters["in_lang"] = in_lang
    env.filters["long_date"] = long_date
    return env


def long_date(day: date) -> str:
    """A date as people write it in the page's language: "31 December 2026", "31 grudnia 2026"."""
    locale = i18n.current_locale()
    return format_date(day, format="long", locale="en_GB" if locale == "en" else locale)


def lang_attrs(value: object) -> Markup:
    """` lang="en" dir="ltr"` for staff-written words (a ``Localised``) that fell back to
    another language than the page's; nothing otherwise."""
    lang = getattr(value, "lang", "")
    if not isinstance(lang, str) or not lang or lang == i18n.current_locale():
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(lang, i18n.direction(lang))


def in_lang(value: object) -> Markup:
    """The words, in a ``<span>`` marked with their language when they fell back to another
    language than the page's (for words printed next to the page's own, like "(optional)")."""
    attrs = lang_attrs(value)
    if not attrs:
        return escape(value)
    return Markup("<span{}>{}</span>").format(attrs, value)


def is_htmx(request: Request) -> bool:
    """True for an htmx request that wants a fragment (a history restore wants the page)."""
    headers = request.headers
    return headers.get("hx-request") == "true" and headers.get("hx-history-restore-request") != "true"


def redirect_page(request: Request, url: str) -> Response:
    """Move the whole page on to ``url``: a 303 for forms and links; an htmx request gets
    ``HX-Redirect`` instead (htmx would put the page it leads to inside the current one)."""
    if is_htmx(request):
        return Response(status_code=200, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def can_fetch(request: Request) -> bool:
    """True if the address of ``request`` can be fetched with GET (a page from a form post
    may have an address that only takes posts)."""
    if request.method in ("GET", "HEAD"):
        return True
    scope = {**request.scope, "method": "GET"}
    return any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes)


def base_context(request: Request, *, language_next: bool = False) -> dict[str, Any]:
    """What every page's template sees. ``language_next`` says the page names where its
    language links go itself, so the address need not be checked."""
    state = request.state
    app_state = request.app.state
    catalogues: i18n.Catalogues = app_state.catalogues
    locale = i18n.current_locale()
    values: dict[str, Any] = {
        "request": request,
        "csp_nonce": getattr(state, "csp_nonce", ""),
        "csrf_token": getattr(state, "csrf_token", ""),
        # The cookie the page is shown with (voice.web.csrf.cookie_mark; "" if none came): the
        # public forms carry it, and one that comes back with another cookie, or none, was sent
        # again after Exit this page (voice.feedback.routes._cookies_cleared).
        "cookie_mark": getattr(state, "cookie_mark", ""),
        "locale": catalogues.info[locale]
        if locale in catalogues.info
        else catalogues.info[catalogues.default],
        "locales": [catalogues.info[code] for code in catalogues.codes],
        "staff": getattr(state, "staff", None),
        # The signed-in session (voice.accounts.services.LiveSession): staff pages warn before
        # it ends for being idle.
        "staff_session": getattr(state, "staff_session", None),
        "exit_url": app_state.settings.exit_url,
        "current_path": request.url.path,
        # Without ?lang=, so the language links are not overruled by the one in the address.
        "current_query": urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "lang"]),
    }
    if not language_next and not can_fetch(request):
        # The language links come back here with GET: from an address that only takes form
        # posts they go home instead of to "Page not found". A route can name a better page.
        values["language_next"] = "/"
    return values


def render(
    request: Request,
    template_name: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    fragment: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render ``template_name``; for htmx requests render only its ``fragment`` block."""
    env: jinja2.Environment = request.app.state.jinja
    template = env.get_template(template_name)
    values = base_context(request, language_next=context is not None and "language_next" in context)
    if context:
        values.update(context)
    if fragment is not None and is_htmx(request):
        block = template.blocks[fragment]
        body = "".join(block(template.new_context(values)))
    else:
        body = template.render(values)
    response = HTMLResponse(body, status_code=status_code, headers=dict(headers or {}))
    response.headers.append("Vary", "HX-Request")
    return response
