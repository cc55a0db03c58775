"""Staff pages for consultations: the list, details, the question editor, the area list, and a
preview that shows a consultation exactly as a young person will see it.

Everything works without JavaScript: plain forms and 303 redirects. The rules and the audit
log live in :mod:`voice.consultations.services`; these routes only read forms and render.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.accounts.auth import requires_role, signed_in
from voice.accounts.models import Role
from voice.audit.services import was_deleted
from voice.clock import app_now
from voice.consultations import forms, services
from voice.feedback import journey, pages
from voice.feedback.models import Area, Audience, Consultation, Question, QuestionKind
from voice.problems import Invalid, NotAllowed, Problem
from voice.public.services import localised, localised_with_lang, optional_text, questions_shown_in
from voice.web.forms import add_problems, field_errors, form_direction, has_field_errors
from voice.web.i18n import Catalogues, use_locale
from voice.web.templating import is_htmx, redirect_page, render

MANAGERS = (Role.ADMIN, Role.MODERATOR)

#: Messages shown after a change (``?done=...`` on the page a form redirects to).
DONE: dict[str, str] = {
    "created": "Consultation created. Now add its questions.",
    "deleted": "Consultation deleted.",
    "updated": "Consultation details saved.",
    "question-added": "Question added.",
    "question-saved": "Question saved.",
    "question-deleted": "Question deleted.",
    "question-moved": "Question moved.",
    "question-up": "That question is already first, so nothing moved.",
    "question-down": "That question is already last, so nothing moved.",
    "area-added": "Area added. Area questions now offer it.",
    "area-renamed": "Area renamed. Area questions now use the new name.",
    "area-moved": "Area moved.",
    "area-up": "That area is already first, so nothing moved.",
    "area-down": "That area is already last, so nothing moved.",
    "area-deactivated": "Area no longer offered. Answers already given keep it.",
    "area-reactivated": "Area offered again.",
}

#: Blank option rows under the options a question already has.
NEW_QUESTION_ROWS = 5
EXTRA_ROWS = 2
#: A receipt code shown at the end of a preview. It is the example the public pages use.
EXAMPLE_RECEIPT = "K7QM-4XTP"


def _locales(request: Request) -> tuple[str, ...]:
    return tuple(request.app.state.settings.locales)


def _done(request: Request) -> str | None:
    return DONE.get(request.query_params.get("done", ""))


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


async def _consultation(request: Request) -> Consultation:
    found = await Consultation.get_or_none(id=request.path_params["consultation_id"])
    if found is None:
        raise HTTPException(status_code=404)
    return found


async def _question(request: Request, consultation: Consultation) -> Question:
    found = await Question.get_or_none(id=request.path_params["question_id"], consultation_id=consultation.id)
    if found is None:
        raise HTTPException(status_code=404)
    return found


async def _form_data(request: Request) -> Any:
    return await request.form()


# --- consultations ---------------------------------------------------------


@requires_role(*MANAGERS)
async def consultation_list(request: Request) -> Response:
    rows = await services.consultation_rows(app_now(request.app.state))
    items = [
        {
            "id": row.consultation.id,
            "title": localised(row.consultation.title, "en"),
            "status": row.status.value,
            "status_label": services.STATUS_LABELS[row.status],
            "standing": row.consultation.is_standing,
            "opens": long_date(services.opens_on(row.consultation)),
            "closes": long_date(services.closes_on(row.consultation)),
            "questions": row.questions,
            "contributions": row.contributions,
        }
        for row in rows
    ]
    return render(request, "consultations/list.html", {"items": items, "done": _done(request)})


def _consultation_page(
    request: Request,
    form: Any,
    consultation: Consultation | None,
    loose: list[Problem] | None = None,
    status_code: int = 200,
    address_fixed: bool = False,
) -> Response:
    errors: list[tuple[str | None, str]] = [(None, message) for _key, message in loose or []]
    errors.extend(field_errors(form))
    context = {
        "form": form,
        "consultation": consultation,
        "languages": forms.languages(_locales(request)),
        "audience_hints": {
            Audience.YOUNG_PEOPLE.value: "Children and young people answer for themselves.",
            Audience.PARENTS_CARERS.value: "Parents and carers answer about their family.",
            Audience.BOTH.value: "Anyone can answer.",
        },
        "errors": errors,
        "has_errors": bool(errors),
        "address_fixed": address_fixed,
        # the details as they are now: saving from this page (again) saves over them knowingly
        "seen": services.consultation_fingerprint(consultation) if consultation else "",
        "action": f"/staff/consultations/{consultation.id}/edit" if consultation else "/staff/consultations",
        "back_url": f"/staff/consultations/{consultation.id}" if consultation else "/staff/consultations",
    }
    return render(request, "consultations/form.html", context, status_code=status_code)


@requires_role(*MANAGERS)
async def consultation_new(request: Request) -> Response:
    form = forms.consultation_form(_locales(request), data={"languages": list(_locales(request))})
    return _consultation_page(request, form, None)


async def _save_consultation(request: Request, consultation: Consultation | None) -> Response:
    locales = _locales(request)
    now = app_now(request.app.state)
    formdata = await _form_data(request)
    form = forms.consultation_form(locales, formdata=formdata)
    form.validate()
    data = forms.consultation_in(form, locales)
    fixed = consultation is not None and await services.address_is_fixed(consultation, now)
    try:
        if has_field_errors(form):
            await services.check_consultation(
                data,
                locales,
                consultation.id if consultation else None,
                standing=consultation is not None and consultation.is_standing,
                keep_slug=consultation.slug if consultation is not None and fixed else None,
            )
            raise Invalid([])
        if consultation is None:
            saved = await services.create_consultation(data, signed_in(request), locales)
            return RedirectResponse(f"/staff/consultations/{saved.id}?done=created", status_code=303)
        seen = formdata.get("seen")
        await services.update_consultation(
            consultation,
            data,
            signed_in(request),
            locales,
            now=now,
            seen=seen if isinstance(seen, str) else "",
        )
        return RedirectResponse(f"/staff/consultations/{consultation.id}?done=updated", status_code=303)
    except Invalid as invalid:
        loose = add_problems(form, invalid.problems)
        if consultation is not None:
            await consultation.refresh_from_db()  # as saved: the page carries its fingerprint
        if consultation is not None and fixed:
            # The field cannot be changed here (it is read-only): show the address it keeps, so
            # saving again as shown keeps it and saves everything else typed.
            form.slug.data = consultation.slug
        return _consultation_page(request, form, consultation, loose, status_code=400, address_fixed=fixed)


@requires_role(*MANAGERS)
async def consultation_create(request: Request) -> Response:
    return await _save_consultation(request, None)


@requires_role(*MANAGERS)
async def consultation_edit(request: Request) -> Response:
    consultation = await _consultation(request)
    form = forms.consultation_form(
        _locales(request), data=forms.consultation_form_data(consultation, _locales(request))
    )
    fixed = await services.address_is_fixed(consultation, app_now(request.app.state))
    return _consultation_page(request, form, consultation, address_fixed=fixed)


@requires_role(*MANAGERS)
async def consultation_update(request: Request) -> Response:
    return await _save_consultation(request, await _consultation(request))


async def _consultation_delete_page(
    request: Request, consultation: Consultation, refused: str = ""
) -> Response:
    context = {
        "consultation": consultation,
        "title": localised(consultation.title, "en"),
        "why_not": refused or await services.why_not_deletable(consultation),
        "errors": [(None, refused)] if refused else [],
    }
    return render(request, "consultations/delete.html", context, status_code=400 if refused else 200)


@requires_role(*MANAGERS)
async def consultation_delete_page(request: Request) -> Response:
    return await _consultation_delete_page(request, await _consultation(request))


@requires_role(*MANAGERS)
async def consultation_delete(request: Request) -> Response:
    done = RedirectResponse("/staff/consultations?done=deleted", status_code=303)
    if await was_deleted("consultation.deleted", "consultation", request.path_params["consultation_id"]):
        return done  # deleted already (a double click, or someone else): what was asked is done
    consultation = await _consultation(request)
    try:
        await services.delete_consultation(consultation, signed_in(request))
    except NotAllowed as refused:
        return await _consultation_delete_page(request, consultation, str(refused))
    return done


def _offered_codes(request: Request, consultation: Consultation) -> list[str]:
    """The languages a consultation offers; one made before languages were chosen offers them all."""
    return [code for code in _locales(request) if code in consultation.languages] or list(_locales(request))


def _missing_languages(question: Question, offered: list[forms.Language]) -> list[str]:
    """Offered languages this question has no words in yet (people see English there)."""
    missing = []
    for language in offered:
        labels_ok = question.kind == QuestionKind.AREA or all(
            (option.get("label") or {}).get(language.code) for option in question.options
        )
        if not question.prompt.get(language.code) or not labels_ok:
            missing.append(language.name)
    return missing


def _kind_choices(kinds: list[QuestionKind]) -> list[dict[str, str]]:
    return [
        {"value": kind.value, "label": services.KIND_LABELS[kind], "hint": services.KIND_HINTS[kind]}
        for kind in kinds
    ]


@requires_role(*MANAGERS)
async def consultation_detail(request: Request) -> Response:
    consultation = await _consultation(request)
    questions = await journey.questions_of(consultation)
    codes = _offered_codes(request, consultation)
    offered = [lang for lang in forms.languages(_locales(request)) if lang.code in codes]
    status = services.status_of(consultation, len(questions), app_now(request.app.state))
    items = [
        {
            "id": question.id,
            "position": question.position,
            "prompt": localised(question.prompt, "en"),
            "kind": services.KIND_LABELS[QuestionKind(question.kind)],
            "required": journey.is_required(question),
            "options": [localised(option.get("label") or {}, "en") for option in question.options],
            "missing": _missing_languages(question, offered),
            "first": index == 0,
            "last": index == len(questions) - 1,
        }
        for index, question in enumerate(questions)
    ]
    context = {
        "consultation": consultation,
        "title": localised(consultation.title, "en"),
        # marked with its language when there is none in English (a screen reader reads it so)
        "intro": localised_with_lang(consultation.intro, "en"),
        "status": status.value,
        "status_label": services.STATUS_LABELS[status],
        "status_hint": services.STATUS_HINTS[status],
        "audience": services.AUDIENCE_LABELS[Audience(consultation.audience)],
        "opens": long_date(services.opens_on(consultation)),
        "closes": long_date(services.closes_on(consultation)),
        "offered": offered,
        "questions": items,
        "contributions": await services.contribution_count(consultation),
        "kinds": _kind_choices(await services.available_kinds(consultation)),
        "done": _done(request),
    }
    return render(request, "consultations/detail.html", context)


# --- questions -------------------------------------------------------------


def _kind_page(
    request: Request, consultation: Consultation, kinds: list[QuestionKind], error: str | None
) -> Response:
    context = {
        "consultation": consultation,
        "title": localised(consultation.title, "en"),
        "kinds": _kind_choices(kinds),
        "errors": [("kind", error)] if error else [],
        "error": error,
        "has_errors": bool(error),
    }
    return render(request, "consultations/question_kind.html", context, status_code=400 if error else 200)


async def _question_page(
    request: Request,
    consultation: Consultation,
    kind: QuestionKind,
    form: Any,
    question: Question | None,
    loose: list[Problem] | None = None,
    status_code: int = 200,
    moved: int | None = None,
    seen: str | None = None,
) -> Response:
    """The add or change question page. A change page carries the question's fingerprint as it
    is now (``services.question_fingerprint``): after a refused stale save, saving again is a
    choice made knowing someone else changed it. After an option was moved (``moved``, its new
    place) it carries the one it was sent with (``seen``): moving saves nothing, and someone
    else's save since is still caught when this page is saved."""
    options_error = next((message for key, message in loose or [] if key == "options"), None)
    errors: list[tuple[str | None, str]] = []
    for key, message in loose or []:
        if key == "options":
            first = form.options.entries[0].form if form.options.entries else None
            errors.append((first[f"label_{_first_locale(request)}"].id if first else None, message))
        else:
            errors.append((None, message))
    errors.extend(field_errors(form))
    action = (
        f"/staff/consultations/{consultation.id}/questions/{question.id}"
        if question
        else f"/staff/consultations/{consultation.id}/questions/new"
    )
    areas = [area.name for area in await services.areas_in_order() if area.active]
    context = {
        "consultation": consultation,
        "consultation_title": localised(consultation.title, "en"),
        "question": question,
        "kind": kind.value,
        "kind_label": services.KIND_LABELS[kind],
        "kind_hint": services.KIND_HINTS[kind],
        "form": form,
        "languages": forms.languages(_locales(request)),
        "offered": _offered_codes(request, consultation),
        "about_you": kind in journey.ABOUT_YOU,
        "free_text": kind == QuestionKind.FREE_TEXT,
        "has_options": kind in services.WRITTEN_OPTIONS or kind == QuestionKind.RESPONDENT,
        "fixed_options": kind == QuestionKind.RESPONDENT,
        "faces": kind == QuestionKind.RATING,
        "chosen": await services.chosen_values(question) if question is not None else set(),
        "areas": areas,
        "options_error": options_error,
        "errors": errors,
        "has_errors": bool(errors),
        "action": action,
        "back_url": f"/staff/consultations/{consultation.id}",
        "seen": seen if seen is not None else services.question_fingerprint(question) if question else "",
        "moved": moved,
    }
    return render(request, "consultations/question_form.html", context, status_code=status_code)


def _first_locale(request: Request) -> str:
    locales = _locales(request)
    return "en" if "en" in locales else locales[0]


def _rows_for(kind: QuestionKind, existing: int, new: bool) -> int:
    if kind == QuestionKind.RESPONDENT:
        return existing
    if kind not in services.WRITTEN_OPTIONS:
        return 0
    return existing + (NEW_QUESTION_ROWS if new and not existing else EXTRA_ROWS)


def _kind_error(raw: object) -> str:
    if raw in {kind.value for kind in journey.ABOUT_YOU}:
        return "This consultation already has that question about the person. Choose another kind."
    return "Choose what kind of question to add"


@requires_role(*MANAGERS)
async def question_new(request: Request) -> Response:
    consultation = await _consultation(request)
    kinds = await services.available_kinds(consultation)
    raw = request.query_params.get("kind")
    if raw is None:
        error = "Choose what kind of question to add" if request.query_params.get("choose") else None
        return _kind_page(request, consultation, kinds, error)
    if raw not in {kind.value for kind in kinds}:
        return _kind_page(request, consultation, kinds, _kind_error(raw))
    kind = QuestionKind(raw)
    defaults = services.default_options(kind)
    data = forms.question_data(
        services.DEFAULT_PROMPTS.get(kind, {}), {}, False, services.DEFAULT_ANSWER_LENGTH, defaults
    )
    form = forms.question_form(_locales(request), _rows_for(kind, len(defaults), new=True), data=data)
    return await _question_page(request, consultation, kind, form, None)


STALE_QUESTION = (
    "Someone else saved this question after you opened it. Your changes below are not saved. "
    "To see theirs, open the question again in a new tab. To keep yours instead, press Save question."
)


async def _save_question(request: Request, consultation: Consultation, question: Question | None) -> Response:
    locales = _locales(request)
    formdata = await _form_data(request)
    if question is None:
        raw = formdata.get("kind")
        kinds = await services.available_kinds(consultation)
        if raw not in {kind.value for kind in kinds}:
            repeat = await _repeated_about_you(request, consultation, raw)
            if repeat is not None:
                return _question_done(consultation, repeat, "question-added")
            return _kind_page(request, consultation, kinds, _kind_error(raw))
        kind = QuestionKind(str(raw))
    else:
        kind = QuestionKind(question.kind)
    move = forms.moved_option(formdata)
    if move is not None:
        reordered, place = move
        form = forms.question_form(locales, 0, formdata=reordered)
        sent = reordered.get("seen")
        return await _question_page(
            request,
            consultation,
            kind,
            form,
            question,
            moved=place,
            seen=sent if isinstance(sent, str) else "",
        )
    form = forms.question_form(locales, 0, formdata=formdata)
    form.validate()
    seen = formdata.get("seen")
    if question is not None and isinstance(seen, str) and seen != services.question_fingerprint(question):
        return await _question_page(
            request, consultation, kind, form, question, [("stale", STALE_QUESTION)], status_code=409
        )
    data = forms.question_in(form, kind, locales)
    try:
        if has_field_errors(form):
            await services.check_question(consultation.id, data, question, locales)
            raise Invalid([])
        if question is None:
            saved = await services.add_question(consultation, data, signed_in(request), locales)
            done = "question-added"
        else:
            saved = await services.update_question(question, data, signed_in(request), locales)
            done = "question-saved"
    except Invalid as invalid:
        loose = add_problems(form, invalid.problems)
        return await _question_page(request, consultation, kind, form, question, loose, status_code=400)
    return _question_done(consultation, saved, done)


async def _repeated_about_you(request: Request, consultation: Consultation, raw: object) -> Question | None:
    """A double click on adding an "about you" question: the one the first click added."""
    if raw not in {kind.value for kind in QuestionKind}:
        return None
    return await services.repeated_about_you(consultation, QuestionKind(str(raw)), signed_in(request))


def _question_done(consultation: Consultation, question: Question, done: str) -> Response:
    """Back to the consultation, at the question just added or saved."""
    return RedirectResponse(
        f"/staff/consultations/{consultation.id}?done={done}#question-{question.id}", status_code=303
    )


@requires_role(*MANAGERS)
async def question_create(request: Request) -> Response:
    return await _save_question(request, await _consultation(request), None)


@requires_role(*MANAGERS)
async def question_edit(request: Request) -> Response:
    consultation = await _consultation(request)
    question = await _question(request, consultation)
    kind = QuestionKind(question.kind)
    data = forms.question_data(
        question.prompt, question.hint, question.required, question.max_length, question.options
    )
    form = forms.question_form(
        _locales(request), _rows_for(kind, len(question.options), new=False), data=data
    )
    return await _question_page(request, consultation, kind, form, question)


@requires_role(*MANAGERS)
async def question_update(request: Request) -> Response:
    consultation = await _consultation(request)
    return await _save_question(request, consultation, await _question(request, consultation))


async def _delete_page(
    request: Request, consultation: Consultation, question: Question, error: str | None
) -> Response:
    context = {
        "consultation": consultation,
        "question": question,
        "prompt": localised(question.prompt, "en"),
        "answers": await services.answer_count(question),
        "errors": [(None, error)] if error else [],
        "has_errors": bool(error),
    }
    return render(request, "consultations/question_delete.html", context, status_code=400 if error else 200)


@requires_role(*MANAGERS)
async def question_delete_page(request: Request) -> Response:
    consultation = await _consultation(request)
    return await _delete_page(request, consultation, await _question(request, consultation), None)


@requires_role(*MANAGERS)
async def question_delete(request: Request) -> Response:
    consultation = await _consultation(request)
    done = RedirectResponse(f"/staff/consultations/{consultation.id}?done=question-deleted", status_code=303)
    if await was_deleted("question.deleted", "question", request.path_params["question_id"]):
        return done  # deleted already (a double click, or someone else): what was asked is done
    question = await _question(request, consultation)
    try:
        await services.delete_question(question, signed_in(request))
    except NotAllowed as refused:
        return await _delete_page(request, consultation, question, str(refused))
    return done


@requires_role(*MANAGERS)
async def question_move(request: Request) -> Response:
    consultation = await _consultation(request)
    question = await _question(request, consultation)
    direction = form_direction((await _form_data(request)).get("direction"))
    moved = await services.move_question(question, direction, signed_in(request))
    done = "question-moved" if moved else f"question-{direction}"  # a stale page: already at that end
    return redirect_page(
        request, f"/staff/consultations/{consultation.id}?done={done}#question-{question.id}"
    )


# --- areas -----------------------------------------------------------------


async def _areas_page(request: Request, form: Any, status_code: int = 200) -> Response:
    areas = await services.areas_in_order()
    errors = field_errors(form)
    area_questions = await Question.filter(kind=QuestionKind.AREA).count()
    context = {
        "areas": areas,
        "form": form,
        "errors": errors,
        "has_errors": bool(errors),
        "area_questions": area_questions,
        "done": _done(request),
    }
    return render(request, "consultations/areas.html", context, status_code=status_code)


async def _area(request: Request) -> Area:
    found = await Area.get_or_none(id=request.path_params["area_id"])
    if found is None:
        raise HTTPException(status_code=404)
    return found


@requires_role(*MANAGERS)
async def area_list(request: Request) -> Response:
    return await _areas_page(request, forms.AreaForm())


@requires_role(*MANAGERS)
async def area_create(request: Request) -> Response:
    form = forms.AreaForm(formdata=await _form_data(request))
    form.validate()
    try:
        await services.add_area(
            form.name.data or "", form.code.data or "", signed_in(request), _locales(request)
        )
    except Invalid as invalid:
        add_problems(form, invalid.problems)
        return await _areas_page(request, form, status_code=400)
    return RedirectResponse("/staff/areas?done=area-added", status_code=303)


def _rename_page(request: Request, area: Area, form: Any, status_code: int = 200) -> Response:
    errors = field_errors(form)
    context = {"area": area, "form": form, "errors": errors, "has_errors": bool(errors)}
    return render(request, "consultations/area_form.html", context, status_code=status_code)


@requires_role(*MANAGERS)
async def area_edit(request: Request) -> Response:
    area = await _area(request)
    return _rename_page(request, area, forms.RenameAreaForm(data={"name": area.name}))


@requires_role(*MANAGERS)
async def area_update(request: Request) -> Response:
    area = await _area(request)
    form = forms.RenameAreaForm(formdata=await _form_data(request))
    form.validate()
    try:
        await services.rename_area(area, form.name.data or "", signed_in(request), _locales(request))
    except Invalid as invalid:
        add_problems(form, invalid.problems)
        return _rename_page(request, area, form, status_code=400)
    return RedirectResponse(f"/staff/areas?done=area-renamed#area-{area.id}", status_code=303)


@requires_role(*MANAGERS)
async def area_move(request: Request) -> Response:
    area = await _area(request)
    direction = form_direction((await _form_data(request)).get("direction"))
    moved = await services.move_area(area, direction, signed_in(request), _locales(request))
    done = "area-moved" if moved else f"area-{direction}"
    return redirect_page(request, f"/staff/areas?done={done}#area-{area.id}")


@requires_role(*MANAGERS)
async def area_active(request: Request) -> Response:
    area = await _area(request)
    value = (await _form_data(request)).get("active")
    if value not in ("0", "1"):
        raise HTTPException(status_code=400)
    await services.set_area_active(area, value == "1", signed_in(request), _locales(request))
    done = "area-reactivated" if value == "1" else "area-deactivated"
    return redirect_page(request, f"/staff/areas?done={done}#area-{area.id}")


# --- preview ---------------------------------------------------------------
#
# The preview renders the public journey's own templates with the same context the journey
# builds, in the language chosen (?lang=, or the language switcher), under a "nothing is
# sent" banner. Its forms post to preview URLs that check answers and move on: nothing is
# stored and no draft is made. It works whatever the consultation's dates.


class _Preview:
    def __init__(self, request: Request, consultation: Consultation, questions: list[Question]) -> None:
        catalogues: Catalogues = request.app.state.catalogues
        chosen = request.query_params.get("lang") or getattr(request.state, "locale", catalogues.default)
        self.request = request
        self.catalogues = catalogues
        self.consultation = consultation
        self.questions = questions
        self.lang = chosen if chosen in catalogues.codes else catalogues.default
        self.base = f"/staff/consultations/{consultation.id}/preview"
        self.public = f"/c/{consultation.slug}"

    def url(self, path: str = "", **params: str) -> str:
        return f"{self.base}{path}?" + urlencode({**params, "lang": self.lang})

    def change_url(self, question: Question) -> str:
        """The preview's "Change" link for ``question`` on the check page."""
        return self.url(f"/{question.position}", change="1")

    def from_public(self, public_url: str) -> str:
        """The preview page standing in for a public journey URL."""
        path, _sep, query = public_url.partition("?")
        rest = path[len(self.public) :]
        if rest.startswith("/q/"):
            rest = "/" + rest[len("/q/") :]
        return self.url(rest, **dict(parse_qsl(query)))

    def is_public(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        path = value.partition("?")[0]
        return path == self.public or path.startswith(self.public + "/")

    def banner(self, sent: bool = False) -> dict[str, Any]:
        names = {language.code: language.name for language in forms.languages(self.catalogues.codes)}
        # A consultation made before languages were chosen offers them all.
        offered = [code for code in self.catalogues.codes if code in self.consultation.languages] or list(
            self.catalogues.codes
        )
        not_offered = self.lang not in offered
        if not_offered:
            offered.append(self.lang)
        path = self.request.url.path
        if path.endswith("/send"):  # POST only: its languages show the start page
            path = self.base
        query = [(key, value) for key, value in self.request.query_params.multi_items() if key != "lang"]
        return {
            "title": localised(self.consultation.title, "en"),
            "back_url": f"/staff/consultations/{self.consultation.id}",
            "sent": sent,
            "language": names.get(self.lang, self.lang),
            "not_offered": not_offered,
            "languages": [
                {
                    "code": code,
                    "name": names.get(code, code),
                    "url": f"{path}?" + urlencode([*query, ("lang", code)]),
                    "current": code == self.lang,
                }
                for code in offered
            ],
        }

    def render(
        self,
        page: str,
        context: Mapping[str, Any],
        *,
        status_code: int = 200,
        fragment: str | None = None,
        sent: bool = False,
    ) -> Response:
        """Render the journey's ``feedback/<page>.html`` inside ``consultations/preview_<page>.html``,
        which only adds the banner. An htmx request gets the journey template's fragment as is."""
        values = {
            key: self.from_public(value) if self.is_public(value) else value for key, value in context.items()
        }
        query = [(key, value) for key, value in self.request.query_params.multi_items() if key != "lang"]
        values.update(
            {
                # The page as a young person sees it: no staff navigation, the language switcher on.
                "staff": None,
                "current_query": urlencode(query),
                "preview": self.banner(sent),
            }
        )
        if fragment is not None and is_htmx(self.request):
            return render(
                self.request, f"feedback/{page}.html", values, status_code=status_code, fragment=fragment
            )
        return render(self.request, f"consultations/preview_{page}.html", values, status_code=status_code)


async def _preview(request: Request) -> _Preview:
    consultation = await _consultation(request)
    return _Preview(request, consultation, await journey.questions_of(consultation))


def _find_question(preview: _Preview, position: int) -> Question:
    _before, question, _after = pages.neighbours(preview.questions, position)
    if question is None:
        raise HTTPException(status_code=404)
    return question


@requires_role(*MANAGERS)
async def preview_start(request: Request) -> Response:
    preview = await _preview(request)
    with use_locale(preview.catalogues, preview.lang):
        first = preview.questions[0].position if preview.questions else None
        context = {
            # as on the real page: words not yet translated are marked as English
            "title": localised_with_lang(preview.consultation.title, preview.lang),
            "intro": optional_text(
                preview.consultation.intro,
                preview.lang,
                localised_with_lang(preview.consultation.title, preview.lang).lang,
            ),
            "questions_in": questions_shown_in(preview.consultation, preview.lang),
            "question_count": len(preview.questions),
            "start_url": preview.url(f"/{first}") if first is not None else None,
        }
        return preview.render("start", context)


@requires_role(*MANAGERS)
async def preview_question(request: Request) -> Response:
    preview = await _preview(request)
    question = _find_question(preview, request.path_params["position"])
    change = request.query_params.get("change") == "1"
    with use_locale(preview.catalogues, preview.lang):
        context = pages.question_context(preview.consultation, preview.questions, question, {}, change, None)
        return preview.render("question", context)


@requires_role(*MANAGERS)
async def preview_answer(request: Request) -> Response:
    """Check the answer as the journey would, then go to the next preview page. Nothing is kept."""
    preview = await _preview(request)
    question = _find_question(preview, request.path_params["position"])
    checked = pages.posted_answer(question, await _form_data(request))
    change = request.query_params.get("change") == "1"
    with use_locale(preview.catalogues, preview.lang):
        error = pages.answer_error(question, checked)
        if error:
            context = pages.question_context(
                preview.consultation, preview.questions, question, checked.value, change, error
            )
            return preview.render("question", context, status_code=400, fragment="question")
    target = pages.next_url(preview.consultation, preview.questions, question, change)
    return redirect_page(request, preview.from_public(target))


@requires_role(*MANAGERS)
async def preview_hear_back(request: Request) -> Response:
    preview = await _preview(request)
    change = request.query_params.get("change") == "1"
    with use_locale(preview.catalogues, preview.lang):
        context = pages.hear_back_context(preview.consultation, preview.questions, {}, change, None)
        return preview.render("hear_back", context)


@requires_role(*MANAGERS)
async def preview_hear_back_answer(request: Request) -> Response:
    preview = await _preview(request)
    form = await _form_data(request)
    wants, value = form.get("hear_back"), form.get("contact")
    contact, error = journey.check_contact(
        wants if isinstance(wants, str) else None, value if isinstance(value, str) else None
    )
    contact = journey.with_share(contact, form.get("share"))
    if error:
        change = request.query_params.get("change") == "1"
        with use_locale(preview.catalogues, preview.lang):
            context = pages.hear_back_context(preview.consultation, preview.questions, contact, change, error)
            return preview.render("hear_back", context, status_code=400, fragment="hear_back")
    return redirect_page(request, preview.url("/check"))


@requires_role(*MANAGERS)
async def preview_check(request: Request) -> Response:
    preview = await _preview(request)
    with use_locale(preview.catalogues, preview.lang):
        rows = pages.check_rows(preview.questions, {}, preview.lang, preview.change_url)
        context = {
            "rows": rows,
            "contact": "",
            "share": False,
            "hear_back_url": preview.url("/hear-back", change="1"),
            "back_url": preview.url("/hear-back"),
            "action": preview.url("/send"),
            "submission_token": "preview",
        }
        return preview.render("check", context)


@requires_role(*MANAGERS)
async def preview_send(request: Request) -> Response:
    """The confirmation page a young person sees, with an example code. Nothing was sent."""
    preview = await _preview(request)
    with use_locale(preview.catalogues, preview.lang):
        context = {"receipt_code": EXAMPLE_RECEIPT, "needs_help": False}
        return preview.render("sent", context, sent=True)


C = "/staff/consultations/{consultation_id:int}"
Q = C + "/questions/{question_id:int}"
A = "/staff/areas/{area_id:int}"

routes = [
    Route("/staff/consultations", consultation_list, methods=["GET"], name="consultations"),
    Route("/staff/consultations", consultation_create, methods=["POST"], name="consultation_create"),
    Route("/staff/consultations/new", consultation_new, methods=["GET"], name="consultation_new"),
    Route(C, consultation_detail, methods=["GET"], name="consultation"),
    Route(C + "/edit", consultation_edit, methods=["GET"], name="consultation_edit"),
    Route(C + "/edit", consultation_update, methods=["POST"], name="consultation_update"),
    Route(C + "/delete", consultation_delete_page, methods=["GET"], name="consultation_delete_page"),
    Route(C + "/delete", consultation_delete, methods=["POST"], name="consultation_delete"),
    Route(C + "/questions/new", question_new, methods=["GET"], name="question_new"),
    Route(C + "/questions/new", question_create, methods=["POST"], name="question_create"),
    Route(Q, question_edit, methods=["GET"], name="question_edit"),
    Route(Q, question_update, methods=["POST"], name="question_update"),
    Route(Q + "/delete", question_delete_page, methods=["GET"], name="question_delete_page"),
    Route(Q + "/delete", question_delete, methods=["POST"], name="question_delete"),
    Route(Q + "/move", question_move, methods=["POST"], name="question_move"),
    Route(C + "/preview", preview_start, methods=["GET"], name="preview_start"),
    Route(C + "/preview/hear-back", preview_hear_back, methods=["GET"], name="preview_hear_back"),
    Route(
        C + "/preview/hear-back", preview_hear_back_answer, methods=["POST"], name="preview_hear_back_post"
    ),
    Route(C + "/preview/check", preview_check, methods=["GET"], name="preview_check"),
    Route(C + "/preview/send", preview_send, methods=["POST"], name="preview_send"),
    Route(C + "/preview/{position:int}", preview_question, methods=["GET"], name="preview_question"),
    Route(C + "/preview/{position:int}", preview_answer, methods=["POST"], name="preview_answer"),
    Route("/staff/areas", area_list, methods=["GET"], name="areas"),
    Route("/staff/areas", area_create, methods=["POST"], name="area_create"),
    Route(A, area_edit, methods=["GET"], name="area_edit"),
    Route(A, area_update, methods=["POST"], name="area_update"),
    Route(A + "/move", area_move, methods=["POST"], name="area_move"),
    Route(A + "/active", area_active, methods=["POST"], name="area_active"),
]
