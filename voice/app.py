"""The Voice ASGI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from tortoise.contrib.starlette import RegisterTortoise

from voice.accounts.auth import may_send_bulk
from voice.accounts.routes import routes as account_routes
from voice.audit.routes import routes as audit_routes
from voice.cases.alerts import start_background_alerts, stop_background_alerts
from voice.cases.routes import routes as case_routes
from voice.clock import SystemClock
from voice.consultations.routes import routes as consultation_routes
from voice.db import tortoise_config
from voice.events.routes import TOO_BIG_PAGES as EVENT_TOO_BIG_PAGES
from voice.events.routes import routes as event_routes
from voice.feedback.routes import NOT_SAVED_PAGES, TOO_BIG_PAGES
from voice.feedback.routes import routes as feedback_routes
from voice.moderation.routes import routes as moderation_routes
from voice.priorities.routes import routes as priority_routes
from voice.public.routes import routes as public_routes
from voice.reports.routes import routes as report_routes
from voice.screening.screener import warm_up
from voice.settings import PROJECT_ROOT, Settings, load_settings
from voice.stories.routes import routes as story_routes
from voice.web import errors
from voice.web.clients import Limiter
from voice.web.csrf import CSRFMiddleware
from voice.web.i18n import Catalogues, LocaleMiddleware
from voice.web.nul import NoNulMiddleware
from voice.web.security import SecurityHeadersMiddleware
from voice.web.templating import make_environment

STATIC_DIR = PROJECT_ROOT / "static"


def all_routes() -> list[BaseRoute]:
    return [
        *public_routes,
        *account_routes,
        *feedback_routes,
        *moderation_routes,
        *case_routes,
        *consultation_routes,
        *priority_routes,
        *event_routes,
        *story_routes,
        *report_routes,
        *audit_routes,
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
    ]


def create_app(settings: Settings | None = None, *, generate_schemas: bool = False) -> Starlette:
    """Build the app. ``generate_schemas`` exists for tests only; use ``voice migrate``."""
    settings = settings or load_settings()
    catalogues = Catalogues(settings.locales)
    if not settings.is_postgres:
        settings.var_dir.mkdir(parents=True, exist_ok=True)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Screening loads its data now, in a thread, not on the first Send (several seconds).
        await anyio.to_thread.run_sync(warm_up)
        async with RegisterTortoise(app, config=tortoise_config(settings), generate_schemas=generate_schemas):
            alerts = start_background_alerts(app.state, settings)
            try:
                yield
            finally:
                await stop_background_alerts(alerts)

    middleware = [
        Middleware(SecurityHeadersMiddleware),
        Middleware(GZipMiddleware, minimum_size=500),
        Middleware(LocaleMiddleware, catalogues=catalogues),
        Middleware(errors.ErrorPageMiddleware, debug=settings.debug),
        Middleware(
            CSRFMiddleware,
            secret=settings.secret_key,
            https=settings.https,
            reject=errors.with_route_pages(errors.csrf_rejected, NOT_SAVED_PAGES),
            too_large=errors.with_route_pages(
                errors.body_too_large, {**TOO_BIG_PAGES, **EVENT_TOO_BIG_PAGES}
            ),
            bulk_allowed=may_send_bulk,
        ),
        Middleware(NoNulMiddleware),
    ]
    app = Starlette(
        debug=settings.debug,
        routes=all_routes(),
        middleware=middleware,
        exception_handlers={HTTPException: errors.http_exception, 500: errors.server_error},
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.catalogues = catalogues
    app.state.jinja = make_environment()
    app.state.limiter = Limiter()
    app.state.clock = SystemClock()
    app.state.session_clock = SystemClock()  # see voice.accounts.auth.session_now
    return app
