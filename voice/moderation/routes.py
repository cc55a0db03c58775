"""The moderation workbench: queue, item view, decisions, redactions, themes, notes, bulk actions.

Every action is a plain form that works without JavaScript (POST, then 303);
htmx and the keyboard shortcuts in static/js/moderation.js only make it quicker.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from babel import UnknownLocaleError
from itsdangerous import BadSignature, URLSafeSerializer
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.accounts.auth import requires_role, signed_in
from voice.accounts.models import Role, StaffUser
from voice.cases.services import had_closed_case, open_case_ids_for
from voice.clock import app_now, uk_date
from voice.consultations.forms import languages
from voice.events.models import TakeoverEvent
from voice.feedback import journey
from voice.feedback.models import Answer, Consultation, ContactDetail, Contribution, RejectionReason, Status
from voice.moderation import queue, services
from voice.moderation.models import ModeratorNote, Redaction, RedactionState, Theme
from voice.moderation.states import TO_DO, TransitionError, can_move, describe
from voice.priorities import services as priority_services
from voice.priorities.models import PriorityLink, year_label
from voice.problems import Invalid
from voice.public.services import localised
from voice.settings import Settings
from voice.web.forms import record_id
from voice.web.i18n import Catalogues
from voice.web.templating import is_htmx, render

MODERATORS = (Role.ADMIN, Role.MODERATOR)

DONE_MESSAGES = {
    "approved": "Contribution {id} approved.",
    "rejected": "Contribution {id} rejected.",
    "withdrawn": "Contribution {id} withdrawn.",
    "reopened": "Contribution {id} is back in review.",
    "review": "You are reviewing contribution {id}.",
    "note": "Note added.",
    "language": "Language changed.",
    "themes": "Themes saved.",
    "redaction": "Redaction saved.",
    "priority": "Linked to the priority.",
    "unlinked": "Link to the priority removed.",
    "entered": (
        "Story added as contribution {id}. It has been screened and is waiting here like any other. "
        "Give the person who told it their receipt code (below), so they can follow what happens."
    ),
}


def _back_query(form: FormData | None, request: Request) -> str:
    """The queue filters to carry through an item (kept in a hidden field or the URL)."""
    raw = form.get("back") if form is not None else request.query_params.get("back")
    return raw if isinstance(raw, str) and len(raw) < 600 else ""


def _item_url(contribution_id: int, back: str, **extra: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in extra.items())
    if back:
        query = f"{query}&back={quote(back)}" if query else f"back={quote(back)}"
    return f"/staff/moderation/{contribution_id}" + (f"?{query}" if query else "")


# ------------------------------------------------------------------ queue


async def _filter_choices() -> dict[str, Any]:
    consultations = await Consultation.all().order_by("id").values("id", "title")
    events = await TakeoverEvent.all().order_by("-held_on", "-id").values("id", "title", "held_on")
    return {
        "consultations": [(row["id"], localised(row["title"], "en")) for row in consultations],
        # events of the same name told apart by their day
        "events": [(row["id"], f"{row['title']} ({row['held_on']:%d %b %Y})") for row in events],
        "themes": await Theme.all(),
    }


async def _case_ids(ids: list[int]) -> set[int]:
    """Contributions among ``ids`` with a safeguarding case that is not closed."""
    return await open_case_ids_for(ids) if ids else set()


def _notices(request: Request) -> URLSafeSerializer:
    settings: Settings = request.app.state.settings
    return URLSafeSerializer(settings.secret_key, salt="voice.moderation.notice")


def _notice_query(request: Request, message: str) -> str:
    """``message=`` for the queue, signed: the queue shows only notices Voice wrote, so a link
    cannot put words of its own in a staff page's notice."""
    return urlencode({"message": _notices(request).dumps(message)})


def _queue_with_notice(request: Request, back: str, message: str) -> str:
    """The queue (with the filters in ``back``) showing ``message``."""
    return "/staff/moderation?" + (back + "&" if back else "") + _notice_query(request, message)


def _notice(request: Request) -> str:
    try:
        message = _notices(request).loads(request.query_params.get("message", ""))
    except BadSignature:
        return ""
    return message if isinstance(message, str) else ""


async def _queue_context(filters: queue.Filters) -> dict[str, Any]:
    """What the queue's filters (with their counts) and results show for ``filters``."""
    page = await queue.load_page(filters)
    ids = [item.id for item in page.items]
    return {
        "filters": filters,
        "back_q": quote(filters.query_string()),
        "page": page,
        "errors": list(filters.errors),
        "case_ids": await _case_ids(ids),
        "snippets": await services.redacted_snippets(ids),
        "status_choices": queue.STATUS_CHOICES,
        "max_theme_length": services.MAX_THEME_LENGTH,
        "level_choices": queue.LEVEL_CHOICES,
        "kind_choices": queue.KIND_CHOICES,
        **await _filter_choices(),
    }


@requires_role(*MODERATORS)
async def queue_page(request: Request) -> Response:
    context = await _queue_context(queue.parse_filters(request.query_params))
    # Notices are signed (only Voice writes them), so they are shown whole.
    context["message"] = _notice(request)
    return render(request, "moderation/queue.html", context, fragment="queue_fragment")


@requires_role(*MODERATORS)
async def bulk_action(request: Request) -> Response:
    form = await request.form()
    back = _back_query(form, request)
    ids = [ident for ident in map(record_id, form.getlist("ids")) if ident is not None]
    action = str(form.get("action", ""))
    user, now = signed_in(request), app_now(request.app.state)
    problem: tuple[str, str] | None = None  # (field, message)
    theme = None
    if not ids:
        problem = ("select", "Select at least one contribution")
    elif action not in (
        services.BulkAction.APPROVE_COUNTED,
        services.BulkAction.TAG,
        services.BulkAction.REJECT_SPAM,
    ):
        problem = ("bulk-action", "Choose an action")
    elif action == services.BulkAction.TAG:
        try:
            theme = await _bulk_theme(form, user, request)
        except services.ModerationError as error:  # the new theme's name: too long, or nothing
            problem = ("bulk-new-theme", str(error))
        else:
            if theme is None:
                problem = ("bulk-theme", "Choose a theme or type a new one")
    if problem:
        return await _bulk_refused(request, form, back, ids, problem)
    seen = {ident: str(form.get(f"seen-{ident}") or "")[:100] for ident in ids}
    result = await services.bulk(action, ids, by=user, now=now, theme=theme, seen=seen)
    message = result.summary(len(set(ids)))
    return RedirectResponse(_queue_with_notice(request, back, message), status_code=303)


async def _bulk_refused(
    request: Request, form: FormData, back: str, ids: list[int], problem: tuple[str, str]
) -> Response:
    """400: the queue as it was, with the problem, and the selection, action and theme as chosen."""
    context = await _queue_context(queue.parse_filters(_parse_qs(back)))
    field, message = problem
    if field == "select":  # the first box to tick, or the action when the page has none
        items = context["page"].items
        field = f"select-{items[0].id}" if items else "bulk-action"
    context["errors"] += [(field, message)]
    context["message"] = ""
    context["bulk"] = {
        "ids": set(ids),
        "action": str(form.get("action", "")),
        "theme": str(form.get("theme", "")),
        "new_theme": str(form.get("new_theme", "")),
    }
    return render(request, "moderation/queue.html", context, status_code=400)


async def _bulk_theme(form: FormData, user: StaffUser, request: Request) -> Theme | None:
    """The theme chosen or typed; a typed name that cannot be a theme raises ModerationError."""
    new_name = str(form.get("new_theme", "")).strip()
    if new_name:
        return await services.theme_named(new_name, by=user, now=app_now(request.app.state))
    raw = str(form.get("theme", ""))
    ident = record_id(raw)
    return await Theme.get_or_none(id=ident) if ident is not None else None


# ------------------------------------------------------------------ item


def language_name(code: str) -> str:
    """A contribution's language named in English for staff ("ar" is "Arabic")."""
    try:
        return languages([code])[0].name
    except (ValueError, UnknownLocaleError):  # not a language Babel knows: show the code
        return code


async def _contribution(request: Request) -> Contribution:
    found = await Contribution.get_or_none(id=request.path_params["contribution_id"]).prefetch_related(
        "consultation", "event", "themes", "decided_by"
    )
    if found is None:
        raise HTTPException(status_code=404)
    return found


def _segments(text: str, redactions: list[Redaction]) -> list[tuple[str, Redaction | None]]:
    """The original split into plain parts and hidden parts, for highlighting.

    Every character any redaction hides (not dismissed) is highlighted, also where redactions
    overlap; a part hidden by an accepted redaction shows as accepted, even where a suggestion
    covers it too.
    """
    hiding = [r for r in redactions if r.state is not RedactionState.DISMISSED and r.start < r.end]
    cuts = sorted({0, len(text), *(r.start for r in hiding), *(r.end for r in hiding)})
    parts: list[tuple[str, Redaction | None]] = []
    for begin, finish in zip(cuts, cuts[1:], strict=False):
        covering = [r for r in hiding if r.start <= begin and finish <= r.end]
        shown = min(covering, key=_shown_first, default=None)
        if parts and parts[-1][1] is shown:
            parts[-1] = (parts[-1][0] + text[begin:finish], shown)
        else:
            parts.append((text[begin:finish], shown))
    return [part for part in parts if part[0]]


def _shown_first(redaction: Redaction) -> tuple[int, int, int]:
    """Accepted before suggested, then the earliest and longest."""
    return (redaction.state is not RedactionState.ACCEPTED, redaction.start, -redaction.end)


async def _answers(contribution: Contribution) -> list[dict[str, Any]]:
    answers = await Answer.filter(contribution_id=contribution.id).order_by("id").prefetch_related("question")
    shown = []
    for answer in answers:
        redactions = await Redaction.filter(answer_id=answer.id).order_by("start", "id")
        question = answer.question
        shown.append(
            {
                "answer": answer,
                "prompt": localised(question.prompt, "en") if question is not None else "Their words",
                "chosen": journey.choice_words(question, answer.choices) if answer.choices else "",
                "segments": _segments(answer.text, redactions) if answer.text is not None else [],
                "redactions": redactions,
                "suggested": [r for r in redactions if r.state is RedactionState.SUGGESTED],
            }
        )
    return shown


async def _item_context(request: Request, contribution: Contribution) -> dict[str, Any]:
    back = _back_query(None, request)
    done = request.query_params.get("done", "")
    done_id = request.query_params.get("id", str(contribution.id))
    return {
        "item": contribution,
        "answers": await _answers(contribution),
        "about": await journey.about_in_words(contribution),
        "max_theme_length": services.MAX_THEME_LENGTH,
        "max_link_note_length": priority_services.NOTE_MAX,
        "notes": await ModeratorNote.filter(contribution_id=contribution.id)
        .order_by("created_at")
        .prefetch_related("author"),
        "themes": await Theme.all(),
        "item_theme_ids": {theme.id for theme in contribution.themes},
        "language_name": language_name(contribution.language),
        "language_choices": [(code, language_name(code)) for code in request.app.state.catalogues.codes],
        "priority_links": await priority_services.links_of(contribution),
        "priority_choices": await priority_services.linkable_priorities(uk_date(app_now(request.app.state))),
        "year_label": year_label,
        "has_case": contribution.id in await open_case_ids_for([contribution.id]),
        "had_closed_case": await had_closed_case(contribution.id),
        "case_raised": request.query_params.get("case") == "raised",
        "quotable_allowed": services.quotable_allowed(contribution),
        "not_quotable_because": services.not_quotable_because(contribution),
        "rejection_reasons": services.REJECTION_LABELS,
        "moderator_kinds": services.MODERATOR_KINDS,
        "can": {status.value: can_move(contribution.status, status) for status in Status},
        "back": back,
        "is_to_do": contribution.status in TO_DO,
        "done_message": DONE_MESSAGES[done].format(id=done_id) if done in DONE_MESSAGES else "",
        "errors": [],
        "values": {},
        # The decision (services.decision_mark) a moderator whose page was out of date may replace
        # with the rejection they typed; empty unless that happened.
        "replacing": "",
        "contact": await ContactDetail.get_or_none(contribution_id=contribution.id),
        "show_contact": False,
        # The status and decision this page shows, sent back by the buttons that change it.
        "decision_seen": services.decision_mark(contribution),
    }


@requires_role(*MODERATORS)
async def item_page(request: Request) -> Response:
    """The contribution. Its contact details for hearing back (if left) show only when asked
    for (``?contact=show``), and each showing is audited."""
    contribution = await _contribution(request)
    context = await _item_context(request, contribution)
    user, now = signed_in(request), app_now(request.app.state)
    if contribution.original_purged_at is None:
        await services.view_original(contribution, by=user, now=now)
    if request.query_params.get("contact") == "show" and context["contact"] is not None:
        await services.view_contact(contribution, by=user, now=now)
        context["show_contact"] = True
    return render(request, "moderation/item.html", context)


async def _item_error(
    request: Request,
    contribution: Contribution,
    error: services.ModerationError | TransitionError,
    values: dict[str, str],
) -> Response:
    context = await _item_context(request, contribution)
    if isinstance(error, services.ModerationError):
        context["errors"] = error.problems()
    else:
        context["errors"] = [(None, str(error))]
    context["values"] = values
    context["back"] = values.get("back", "")
    if values.get("replacing") and contribution.status in (Status.APPROVED, Status.REJECTED):
        context["replacing"] = values["replacing"]  # the kept rejection, with what was wrong in it
    # The page shows the original words again, so it is a view like any other.
    if contribution.original_purged_at is None:
        await services.view_original(contribution, by=signed_in(request), now=app_now(request.app.state))
    return render(request, "moderation/item.html", context, status_code=400)


def _values(form: FormData) -> dict[str, str]:
    return {
        key: str(value) for key, value in form.multi_items() if isinstance(value, str) and key != "csrf_token"
    }


async def _after_decision(request: Request, contribution: Contribution, back: str, done: str) -> Response:
    """Go on to the next contribution still to do (same filters), or back to the queue."""
    filters = queue.parse_filters(_parse_qs(back))
    following = await queue.next_to_do(filters, contribution)
    if following is None:
        message = DONE_MESSAGES[done].format(id=contribution.id) + " Nothing else is waiting."
        target = _queue_with_notice(request, back, message)
    else:
        target = _item_url(following.id, back, done=done, id=str(contribution.id))
    return RedirectResponse(target, status_code=303)


def _parse_qs(raw: str) -> dict[str, str]:
    return dict(parse_qsl(raw))


async def _row_fragment(request: Request, contribution: Contribution, refused: str = "") -> Response:
    """The queue row after an approve in place, with the filters' counts and the results
    heading out of band (they changed too). ``refused`` says why it was not approved."""
    filters = queue.parse_filters(_parse_qs(_back_query(await request.form(), request)))
    context = await _queue_context(filters.without_cursor())
    context["case_ids"] = context["case_ids"] | await _case_ids([contribution.id])
    context["snippets"] = {**context["snippets"], **await services.redacted_snippets([contribution.id])}
    context.update(item=await queue.item_for(contribution.id), oob=True, refused=refused)
    return render(request, "moderation/queue.html", context, fragment="row_fragment")


def decided_meanwhile(contribution: Contribution, user: StaffUser) -> str:
    """Who decided ``contribution`` (as it is now) and when, for a moderator whose page was out of date."""
    status = contribution.status
    decided_at = contribution.decided_at
    if status is Status.WITHDRAWN:
        return "It was withdrawn while you had it open."
    if status not in (Status.APPROVED, Status.REJECTED) or decided_at is None:
        return f"It changed while you had it open: it is {describe(status)} now."
    verb, when = describe(status), f"{decided_at:%d %b %Y %H:%M} UTC"
    if contribution.decided_by_id == user.id:  # type: ignore[attr-defined]
        return f"You already {verb} it on {when}."
    who = contribution.decided_by.display_name if contribution.decided_by is not None else "Someone"
    return f"Someone else decided this while you had it open: {who} {verb} it on {when}."


def _is_conflict(error: Exception) -> bool:
    """A decision refused because someone else decided first (the page was out of date)."""
    if isinstance(error, services.DecidedMeanwhile):
        return True
    return isinstance(error, TransitionError) and error.current not in TO_DO


async def _conflict_page(request: Request, attempted: str, values: dict[str, str]) -> Response:
    """409: the contribution as it is now, who decided it and when, and (for a rejection) the
    reason and note as typed, in a form that can still reject it with them on purpose."""
    contribution = await _contribution(request)  # read again: it changed
    user = signed_in(request)
    context = await _item_context(request, contribution)
    message = f"{decided_meanwhile(contribution, user)} Your {attempted} was not saved."
    field: str | None = None
    if attempted == "rejection" and contribution.status in (Status.APPROVED, Status.REJECTED):
        context["replacing"] = services.decision_mark(contribution)
        message += " Your reason and note are kept below, to reject it with them instead."
        field = "reject-reason"
    elif attempted == "rejection" and values.get("note", "").strip():
        values = {**values, "body": values["note"]}  # withdrawn: keep the note in "Add a note"
        message += " Your note is kept in “Add a note”."
        field = "note-body"
    context["errors"] = [(field, message)]
    context["values"] = values
    context["back"] = values.get("back", "")
    if contribution.original_purged_at is None:
        await services.view_original(contribution, by=user, now=app_now(request.app.state))
    return render(request, "moderation/item.html", context, status_code=409)


@requires_role(*MODERATORS)
async def approve(request: Request) -> Response:
    """Approve from the item page, or in place from the queue (``from_queue``). In place, a
    contribution with an open safeguarding case is refused, as in bulk: a person opens it to
    decide. On its own page it is approved as usual."""
    contribution = await _contribution(request)
    form = await request.form()
    in_place = bool(form.get("from_queue"))
    try:
        if in_place:
            await services.approve_in_place(
                contribution,
                by=signed_in(request),
                now=app_now(request.app.state),
                counted=form.get("counted") == "1",
                quotable=form.get("quotable") == "1",
                seen=str(form.get("seen", ""))[:100],
            )
        else:
            await services.approve(
                contribution,
                by=signed_in(request),
                now=app_now(request.app.state),
                counted=form.get("counted") == "1",
                quotable=form.get("quotable") == "1",
                seen=str(form.get("seen", ""))[:100],
            )
    except (services.ModerationError, TransitionError) as error:
        conflict = _is_conflict(error)
        if is_htmx(request) and in_place:
            fresh = await _contribution(request) if conflict else contribution
            why = decided_meanwhile(fresh, signed_in(request)) if conflict else str(error)
            return await _row_fragment(request, fresh, refused=why)
        if conflict:
            return await _conflict_page(request, "approval", _values(form))
        return await _item_error(request, contribution, error, _values(form))
    if is_htmx(request) and in_place:
        return await _row_fragment(request, contribution)
    return await _after_decision(request, contribution, _back_query(form, request), "approved")


@requires_role(*MODERATORS)
async def reject(request: Request) -> Response:
    contribution = await _contribution(request)
    form = await request.form()
    raw_reason = str(form.get("reason", ""))
    try:
        if raw_reason not in {reason.value for reason in RejectionReason}:
            raise services.ModerationError("Choose why you are rejecting it", field="reject-reason")
        await services.reject(
            contribution,
            by=signed_in(request),
            now=app_now(request.app.state),
            reason=RejectionReason(raw_reason),
            note=str(form.get("note", "")),
            replacing=str(form.get("replacing", ""))[:100],
            seen=str(form.get("seen", ""))[:100],
        )
    except (services.ModerationError, TransitionError) as error:
        if _is_conflict(error):
            return await _conflict_page(request, "rejection", _values(form))
        if isinstance(error, services.ModerationError) and error.field == "note":
            error.field = "reject-note"
        return await _item_error(request, contribution, error, _values(form))
    return await _after_decision(request, contribution, _back_query(form, request), "rejected")


#: What a moderator pressed, for the 409 page when the page was out of date.
SIMPLE_MOVE_NAMES = {"review": "“Mark as being read”", "reopened": "“Put it back in review”"}


async def _simple_move(request: Request, done: str) -> Response:
    contribution = await _contribution(request)
    form = await request.form()
    user, now = signed_in(request), app_now(request.app.state)
    seen = str(form.get("seen", ""))[:100]
    try:
        if done == "review":
            await services.start_review(contribution, by=user, now=now, seen=seen)
        elif done == "reopened":
            await services.reopen(contribution, by=user, now=now, seen=seen)
        else:
            await services.withdraw(contribution, by=user, now=now, note=str(form.get("note", "")))
    except (services.ModerationError, TransitionError) as error:
        if done in SIMPLE_MOVE_NAMES and isinstance(error, services.DecidedMeanwhile):
            return await _conflict_page(request, SIMPLE_MOVE_NAMES[done], _values(form))
        if isinstance(error, services.ModerationError) and error.field == "note":
            error.field = "withdraw-note"
        return await _item_error(request, contribution, error, _values(form))
    return RedirectResponse(
        _item_url(contribution.id, _back_query(form, request), done=done), status_code=303
    )


@requires_role(*MODERATORS)
async def start_review(request: Request) -> Response:
    return await _simple_move(request, "review")


@requires_role(*MODERATORS)
async def reopen(request: Request) -> Response:
    return await _simple_move(request, "reopened")


@requires_role(*MODERATORS)
async def withdraw(request: Request) -> Response:
    return await _simple_move(request, "withdrawn")


def _offset(raw: object) -> int | None:
    """A selection offset from the form (0 or more), or None."""
    if not isinstance(raw, str) or not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        return None
    return int(raw)


@requires_role(*MODERATORS)
async def add_redaction(request: Request) -> Response:
    contribution = await _contribution(request)
    form = await request.form()
    answer = None
    answer_id = record_id(form.get("answer_id"))
    if answer_id is not None:
        answer = await Answer.get_or_none(id=answer_id, contribution_id=contribution.id)
    try:
        if answer is None:
            raise services.ModerationError("Choose which answer to redact", field="phrase")
        phrase = str(form.get("phrase", ""))
        # A selection that does not hold the typed words is dropped: the words are trusted.
        selected = services.selected_range(
            answer.text or "", phrase, _offset(form.get("start")), _offset(form.get("end"))
        )
        start, end = selected if selected is not None else (None, None)
        await services.add_redaction(
            answer,
            by=signed_in(request),
            now=app_now(request.app.state),
            kind=str(form.get("kind", "")),
            reason=str(form.get("reason", "")),
            phrase=phrase,
            start=start,
            end=end,
        )
    except services.ModerationError as error:
        # Every problem links to its own field on this answer's form (ids are per answer).
        problems = [
            (f"redact-{field}-{answer_id}" if answer is not None else None, message)
            if field in ("phrase", "kind", "reason")
            else (field, message)
            for field, message in error.problems()
        ]
        return await _item_error(request, contribution, services.ModerationError.of(problems), _values(form))
    return RedirectResponse(
        _item_url(contribution.id, _back_query(form, request), done="redaction") + f"#answer-{answer_id}",
        status_code=303,
    )


@requires_role(*MODERATORS)
async def decide_redaction(request: Request) -> Response:
    contribution = await _contribution(request)
    form = await request.form()
    redaction = await Redaction.get_or_none(
        id=request.path_params["redaction_id"], answer__contribution_id=contribution.id
    )
    if redaction is None:
        raise HTTPException(status_code=404)
    decision = str(form.get("decision", ""))
    if decision not in ("accept", "dismiss"):
        return await _item_error(
            request, contribution, services.ModerationError("Choose accept or dismiss"), _values(form)
        )
    try:
        await services.decide_redaction(
            redaction,
            accept=decision == "accept",
            by=signed_in(request),
            now=app_now(request.app.state),
            seen=str(form.get("seen", "")),
            contribution_status=contribution.status,
        )
    except services.ModerationError as error:
        return await _item_error(request, contribution, error, _values(form))
    return RedirectResponse(
        _item_url(contribution.id, _back_query(form, request), done="redaction")
        + f"#answer-{redaction.answer_id}",
        status_code=303,
    )


@requires_role(*MODERATORS)
async def add_note(request: Request) -> Response:
    contribution = await _contribution(request)
    form = await request.form()
    try:
        await services.add_note(
            contribution,
            by=signed_in(request),
            now=app_now(request.app.state),
            body=str(form.get("body", "")),
        )
    except services.ModerationError as error:
        return await _item_error(request, contribution, error, _values(form))
    return RedirectResponse(
        _item_url(contribution.id, _back_query(form, request), done="note") + "#notes", status_code=303
    )


@requires_role(*MODERATORS)
async def set_language(request: Request) -> Response:
    contribution = await _contribution(request)
    form = await request.form()
    catalogues: Catalogues = request.app.state.catalogues
    try:
        await services.set_language(
            contribution,
            str(form.get("language", "")),
            catalogues.codes,
            by=signed_in(request),
            now=app_now(request.app.state),
        )
    except services.ModerationError as error:
        return await _item_error(request, contribution, error, _values(form))
    return RedirectResponse(
        _item_url(contribution.id, _back_query(form, request), done="language"), status_code=303
    )


@requires_role(*MODERATORS)
async def set_themes(request: Request) -> Response:
    contribution = await _contribution(request)
    form = await request.form()
    user, now = signed_in(request), app_now(request.app.state)
    ticked = [ident for ident in map(record_id, form.getlist("themes")) if ident is not None]
    # The themes the page showed ticked: only what the moderator changed is applied, so themes
    # someone else added since the page was opened stay.
    shown = [ident for ident in map(record_id, form.getlist("shown")) if ident is not None]
    try:
        new_name = str(form.get("new_theme", "")).strip()
        if new_name:
            ticked.append((await services.theme_named(new_name, by=user, now=now)).id)
        await services.change_themes(contribution, shown=shown, ticked=ticked, by=user, now=now)
    except services.ModerationError as error:
        return await _item_error(request, contribution, error, _values(form))
    return RedirectResponse(
        _item_url(contribution.id, _back_query(form, request), done="themes") + "#themes", status_code=303
    )


@requires_role(*MODERATORS)
async def link_priority(request: Request) -> Response:
    contribution = await _contribution(request)
    form = await request.form()
    try:
        await priority_services.link_contribution(
            contribution,
            record_id(form.get("priority")),
            str(form.get("note", "")),
            by=signed_in(request),
            today=uk_date(app_now(request.app.state)),
        )
    except Invalid as invalid:
        problems: list[tuple[str | None, str]] = list(invalid.problems)
        return await _item_error(request, contribution, services.ModerationError.of(problems), _values(form))
    return RedirectResponse(
        _item_url(contribution.id, _back_query(form, request), done="priority") + "#priorities",
        status_code=303,
    )


@requires_role(*MODERATORS)
async def unlink_priority(request: Request) -> Response:
    contribution = await _contribution(request)
    form = await request.form()
    link = await PriorityLink.get_or_none(id=request.path_params["link_id"], contribution_id=contribution.id)
    if link is None:
        raise HTTPException(status_code=404)
    await priority_services.unlink(link, signed_in(request))
    return RedirectResponse(
        _item_url(contribution.id, _back_query(form, request), done="unlinked") + "#priorities",
        status_code=303,
    )


routes = [
    Route("/staff/moderation", queue_page, methods=["GET"], name="moderation_queue"),
    Route("/staff/moderation/bulk", bulk_action, methods=["POST"], name="moderation_bulk"),
    Route("/staff/moderation/{contribution_id:int}", item_page, methods=["GET"], name="moderation_item"),
    Route("/staff/moderation/{contribution_id:int}/review", start_review, methods=["POST"]),
    Route("/staff/moderation/{contribution_id:int}/approve", approve, methods=["POST"]),
    Route("/staff/moderation/{contribution_id:int}/reject", reject, methods=["POST"]),
    Route("/staff/moderation/{contribution_id:int}/reopen", reopen, methods=["POST"]),
    Route("/staff/moderation/{contribution_id:int}/withdraw", withdraw, methods=["POST"]),
    Route("/staff/moderation/{contribution_id:int}/redactions", add_redaction, methods=["POST"]),
    Route(
        "/staff/moderation/{contribution_id:int}/redactions/{redaction_id:int}",
        decide_redaction,
        methods=["POST"],
    ),
    Route("/staff/moderation/{contribution_id:int}/notes", add_note, methods=["POST"]),
    Route("/staff/moderation/{contribution_id:int}/themes", set_themes, methods=["POST"]),
    Route("/staff/moderation/{contribution_id:int}/language", set_language, methods=["POST"]),
    Route("/staff/moderation/{contribution_id:int}/priorities", link_priority, methods=["POST"]),
    Route(
        "/staff/moderation/{contribution_id:int}/priorities/{link_id:int}/remove",
        unlink_priority,
        methods=["POST"],
    ),
]
