"""The staff page for adding a lived-experience story (admins and moderators)."""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.accounts.auth import requires_role, signed_in
from voice.accounts.models import Role
from voice.clock import app_now
from voice.feedback.models import Consent, Respondent
from voice.problems import Invalid
from voice.stories import forms, services
from voice.web.forms import add_problems, field_errors, language_choices
from voice.web.i18n import Catalogues
from voice.web.templating import render

EDITORS = (Role.ADMIN, Role.MODERATOR)


def _form(request: Request, formdata: Any = None) -> Any:
    form = forms.StoryForm(formdata=formdata)
    form.language.choices = language_choices(request.app.state.catalogues)
    if formdata is None:
        form.language.data = "en"
        form.consent.data = Consent.NOT_QUOTABLE.value
        form.respondent.data = Respondent.YOUNG_PERSON.value
        form.key.data = secrets.token_urlsafe(16)
    return form


def _page(request: Request, form: Any, status_code: int = 200) -> Response:
    return render(
        request, "stories/new.html", {"form": form, "errors": field_errors(form)}, status_code=status_code
    )


@requires_role(*EDITORS)
async def story_new(request: Request) -> Response:
    return _page(request, _form(request))


@requires_role(*EDITORS)
async def story_create(request: Request) -> Response:
    form = _form(request, await request.form())
    catalogues: Catalogues = request.app.state.catalogues
    user = signed_in(request)
    try:
        result = await services.add_story(
            forms.story_in(form), catalogues.codes, user, app_now(request.app.state)
        )
    except Invalid as invalid:
        add_problems(form, invalid.problems)
        return _page(request, form, status_code=400)
    return RedirectResponse(f"/staff/moderation/{result.contribution.id}?done=entered", status_code=303)


routes = [
    Route("/staff/stories/new", story_new, methods=["GET"], name="story_new"),
    Route("/staff/stories", story_create, methods=["POST"]),
]
