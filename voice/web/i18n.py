"""Translations with Babel, one locale per request held in a context variable.

Installing translations on the shared Jinja environment per request would mix
languages under load; instead the environment's gettext callables read
:data:`_current`, which each request sets for itself.
"""

from __future__ import annotations

import functools
import gettext as stdlib_gettext
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from voice.settings import PROJECT_ROOT
from voice.web.cookies import sending_cookie

LOCALES_DIR = PROJECT_ROOT / "locales"
DOMAIN = "messages"


@dataclass(frozen=True)
class LocaleInfo:
    """What a template needs to know about a language."""

    code: str
    name: str
    direction: str

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


def _load_one(code: str, locales_dir: Path) -> stdlib_gettext.NullTranslations:
    po_path = locales_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        with mo_path.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if not po_path.exists():
        return stdlib_gettext.NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


class Catalogues:
    """Every configured language's translations, loaded once at start-up."""

    def __init__(self, codes: Iterable[str], locales_dir: Path = LOCALES_DIR) -> None:
        self.codes: tuple[str, ...] = tuple(codes)
        self._translations = {code: _load_one(code, locales_dir) for code in self.codes}
        self.info = {code: _describe(code) for code in self.codes}

    @property
    def default(self) -> str:
        return self.codes[0]

    def get(self, code: str) -> stdlib_gettext.NullTranslations:
        return self._translations.get(code) or self._translations[self.default]

    def choose(self, requested: str | None, accept_language: str | None) -> str:
        """Pick a locale: an explicit choice first, then the browser's preferences."""
        if requested in self.codes:
            return str(requested)
        if accept_language:
            preferred = _parse_accept_language(accept_language)
            found = negotiate_locale(preferred, list(self.codes), sep="-")
            if found:
                return str(found)
        return self.default


def _describe(code: str) -> LocaleInfo:
    locale = Locale.parse(code)
    name = locale.get_display_name(code) or code
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    return LocaleInfo(code=code, name=name[:1].upper() + name[1:], direction=direction)


@functools.lru_cache(maxsize=64)
def direction(code: str) -> str:
    """``rtl`` or ``ltr`` for a language code (``ltr`` for one Babel does not know)."""
    try:
        return _describe(code).direction
    except (ValueError, UnknownLocaleError):
        return "ltr"


def _parse_accept_language(header: str) -> list[str]:
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip()
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in pieces[1:]:
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:  # q=0 means "not acceptable"
            weighted.append((-quality, index, tag.split("-")[0].lower()))
    return [tag for _, _, tag in sorted(weighted)]


_NULL = stdlib_gettext.NullTranslations()
_current: ContextVar[stdlib_gettext.NullTranslations] = ContextVar("voice_translations", default=_NULL)
_current_code: ContextVar[str] = ContextVar("voice_locale", default="en")


@contextmanager
def use_locale(catalogues: Catalogues, code: str) -> Iterator[None]:
    """Make ``code`` the language for the code running inside this block."""
    token = _current.set(catalogues.get(code))
    code_token = _current_code.set(code)
    try:
        yield
    finally:
        _current.reset(token)
        _current_code.reset(code_token)


def current_locale() -> str:
    return _current_code.get()


def gettext(message: str) -> str:
    return _current.get().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.get().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current.get().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _current.get().npgettext(context, singular, plural, n)


_ = gettext


def lazy_gettext(message: str) -> str:
    """Mark a module-level string for extraction; translate it later with ``_()``."""
    return message


LANG_COOKIE = "voice_lang"


class LocaleMiddleware:
    """Chooses each request's language and holds it in the context variable."""

    def __init__(self, app: ASGIApp, catalogues: Catalogues) -> None:
        self.app = app
        self.catalogues = catalogues

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        asked = request.query_params.get("lang")
        requested = asked or request.cookies.get(LANG_COOKIE)
        code = self.catalogues.choose(requested, request.headers.get("accept-language"))
        scope.setdefault("state", {})["locale"] = code
        if asked in self.catalogues.codes and asked != request.cookies.get(LANG_COOKIE):
            # A link with ?lang= chooses the language for the pages after it too.
            send = sending_cookie(send, language_cookie(asked, secure=_https(scope)))
        with use_locale(self.catalogues, code):
            await self.app(scope, receive, send)


def _https(scope: Scope) -> bool:
    app = scope.get("app")
    settings = getattr(getattr(app, "state", None), "settings", None)
    return bool(getattr(settings, "https", False))


def language_cookie(code: str, *, secure: bool) -> str:
    """The ``Set-Cookie`` value that remembers ``code`` for this browser session."""
    return f"{LANG_COOKIE}={code}; HttpOnly; Path=/; SameSite=lax" + ("; Secure" if secure else "")
