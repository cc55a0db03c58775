"""The public feedback journey: start, one question per page, hear back, check, send, track."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.accounts.services import utcnow
from voice.clock import uk_date
from voice.feedback import journey, pages, receipts, tracking
from voice.feedback.models import Consultation, JourneyDraft, Question, QuestionKind, ScreeningLevel
from voice.public.services import localised_with_lang, optional_text, questions_shown_in
from voice.settings import Settings
from voice.web.clients import Limiter, client_address, hashed_key
from voice.web.errors import FormPage
from voice.web.i18n import Catalogues, _, current_locale, language_cookie, use_locale
from voice.web.templating import is_htmx, redirect_page, render

#: Wrong codes per network address per 10 minutes. A school or youth club shares one address, so
#: this allows a class's typing mistakes. Guessing stays slow: a code is one of 29^8 (about
#: 5 x 10^11), so with 100,000 codes given out, one address guessing all year long would find one
#: about once in three years, and a code shows only progress, never anyone's words.
TRACK_LIMIT = (30, 600)


def _whole_page(request: Request, response: Response) -> Response:
    """An htmx form's redirect moves the whole page (htmx would put the page it leads to in
    the form's place)."""
    location = response.headers.get("location")
    if location and is_htmx(request) and 300 <= response.status_code < 400:
        return redirect_page(request, location)
    return response


def _set_cookie(request: Request, response: Response, token: str) -> None:
    settings: Settings = request.app.state.settings
    # No max_age: a session cookie. The draft itself expires after 2 hours.
    response.set_cookie(journey.COOKIE, token, path="/", secure=settings.https, httponly=True, samesite="lax")


async def _consultation(request: Request) -> Consultation:
    found = await journey.find_consultation(request.path_params["slug"])
    if found is None:
        raise HTTPException(status_code=404)
    return found


def _closed(request: Request, consultation: Consultation, typed: Sequence[str] = ()) -> Response:
    """ "This is not open right now", with whatever the visitor typed, so it can be copied and
    sent with "Tell us anything" (a consultation may close while someone is answering)."""
    context: dict[str, object] = {
        "title": localised_with_lang(consultation.title, current_locale()),
        "typed": list(dict.fromkeys(text for text in typed if text.strip())),  # each once
    }
    opens_at = consultation.opens_at
    if opens_at is not None and opens_at > utcnow():
        # Not open yet (someone scanned a poster early): say when. Its title stays unsaid until
        # then, as staff have not launched it (they see it in Preview).
        context.update(title=None, opens_on=uk_date(opens_at))
    if is_htmx(request):
        # The form would put only its own part of the page back, and the header's language
        # buttons and the Back link would stay, for a form that is gone: the whole page moves
        # to the start page instead, which says it is closed and shows the words the draft
        # keeps (``answer`` keeps the ones just sent there first).
        return redirect_page(request, _start_url(consultation, lost=False))
    return render(request, "feedback/closed.html", context)


def _typed_in(draft: JourneyDraft | None) -> list[str]:
    """The free-text answers a draft keeps (unsent words included), in the order given."""
    if draft is None:
        return []
    values = [value for value in draft.answers.values() if isinstance(value, dict)]
    kept = [value.get("value") if "page" in value else value for value in values]
    return [str(value["text"]) for value in kept if isinstance(value, dict) and value.get("text")]


async def _draft(request: Request, consultation: Consultation) -> JourneyDraft | None:
    return await journey.load_draft(request.cookies.get(journey.COOKIE), consultation.id, utcnow())


async def _open_draft(request: Request) -> tuple[Consultation, JourneyDraft] | Response:
    """The open consultation and the visitor's draft, or the page to show instead."""
    consultation = await _consultation(request)
    if not journey.is_open(consultation, utcnow()):
        return _closed(request, consultation, _typed_in(await _draft(request, consultation)))
    draft = await _draft(request, consultation)
    if draft is None:
        if await _just_sent(request, consultation):
            # This browser has just sent these answers (Back after Send): show the receipt again.
            return RedirectResponse(f"/c/{consultation.slug}/sent", status_code=303)
        # A cookie without a draft, or a form sent without either: answers were lost.
        lost = journey.COOKIE in request.cookies or request.method == "POST"
        return RedirectResponse(_start_url(consultation, lost=lost), status_code=303)
    return consultation, draft


async def _just_sent(request: Request, consultation: Consultation) -> bool:
    """This browser sent answers to ``consultation`` a moment ago (see ``journey.SENT_COOKIE``)."""
    sent_token = request.cookies.get(journey.SENT_COOKIE, "")
    return await journey.recently_sent(sent_token, consultation, utcnow()) is not None


def _start_url(consultation: Consultation, *, lost: bool, later: bool = False) -> str:
    """The start page; ``lost``: it says the answers were lost; ``later``: it says the answer
    just given (to a question after the first, with no answers before it) was saved."""
    return f"/c/{consultation.slug}" + ("?lost=1" if lost else "?later=1" if later else "")


async def tell_us(request: Request) -> Response:
    consultation = await journey.standing_consultation()
    return RedirectResponse(f"/c/{consultation.slug}", status_code=303)


async def start(request: Request) -> Response:
    consultation = await _consultation(request)
    if not journey.is_open(consultation, utcnow()):
        return _closed(request, consultation, _typed_in(await _draft(request, consultation)))
    locale = current_locale()
    questions = await journey.questions_of(consultation)
    first = questions[0].position if questions else None
    lost = request.query_params.get("lost") == "1"
    later = not lost and request.query_params.get("later") == "1"
    return render(
        request,
        "feedback/start.html",
        {
            # After the answers expired, the one sent just then was kept in a new draft: show it.
            "kept": _typed_in(await _draft(request, consultation)) if lost else [],
            "title": localised_with_lang(consultation.title, locale),
            "intro": optional_text(
                consultation.intro, locale, localised_with_lang(consultation.title, locale).lang
            ),
            "questions_in": questions_shown_in(consultation, locale),
            "question_count": len(questions),
            "start_url": f"/c/{consultation.slug}/q/{first}" if first is not None else None,
            "lost": lost,
            "later": later,
        },
    )


async def question_page(request: Request) -> Response:
    consultation = await _consultation(request)
    if not journey.is_open(consultation, utcnow()):
        return _closed(request, consultation, _typed_in(await _draft(request, consultation)))
    questions = await journey.questions_of(consultation)
    _before, question, _after = pages.neighbours(questions, request.path_params["position"])
    if question is None:
        raise HTTPException(status_code=404)
    draft = await _draft(request, consultation)
    if draft is None and question is not questions[0] and await _just_sent(request, consultation):
        # Back after Send: these answers were sent, so show the receipt again rather than an
        # empty question (the first question stays open, to answer again).
        return RedirectResponse(f"/c/{consultation.slug}/sent", status_code=303)
    value = journey.answer_in(draft, question) or {}
    error = None
    unsent = journey.unsent_on(draft, f"q/{question.position}")
    if unsent is not None:  # typed, then the language changed: the words come back
        value, had_error = unsent
        error = pages.recheck(question, value) if had_error else None
    change = request.query_params.get("change") == "1"
    context = pages.question_context(consultation, questions, question, value, change, error)
    # Check your answers sent the visitor here: this answer is needed before Send. Continue
    # goes back there (as after a Change), Back to the question before (Check would only
    # send the visitor here again).
    context["missing"] = request.query_params.get("missing") == "1"
    if context["missing"]:
        context["back_url"] = pages.back_url(consultation, questions, question)
        # A change of language comes back to this page as it is, notice and Back link included.
        context["action"] = f"{context['action']}{'&' if '?' in str(context['action']) else '?'}missing=1"
    return render(request, "feedback/question.html", context)


async def answer(request: Request) -> Response:
    consultation = await _consultation(request)
    now = utcnow()
    questions = await journey.questions_of(consultation)
    form = await request.form()
    position = request.path_params["position"]
    question = pages.posted_question(questions, position, form.get(pages.QUESTION_FIELD))
    if isinstance(question, pages.Gone):
        return _question_gone(request, consultation, questions, position, form)
    if question is None:
        raise HTTPException(status_code=404)
    checked = pages.posted_answer(question, form)
    if not journey.is_open(consultation, now):
        if is_htmx(request):
            response = _closed(request, consultation)
            await _keep_unsent(
                request, response, consultation, f"q/{question.position}", checked.value, False
            )
            return response
        typed = _typed_in(await _draft(request, consultation)) + [str(checked.value.get("text") or "")]
        return _closed(request, consultation, typed)
    change = request.query_params.get("change") == "1"
    error = pages.answer_error(question, checked)
    if error:
        # Kept unsent, with its error, so a reload (or a phone that drops the tab) brings it back.
        await _keep_refused(request, consultation, f"q/{question.position}", checked.value)
        context = pages.question_context(consultation, questions, question, checked.value, change, error)
        return render(request, "feedback/question.html", context, status_code=400, fragment="question")
    token = request.cookies.get(journey.COOKIE)
    draft, others = await journey.load_draft_for_send(token, consultation.id, now)
    new_cookie: str | None = None
    next_url = pages.next_url(consultation, questions, question, change)
    if draft is None:
        if position != questions[0].position:
            # An answer on a page after the first (by the address it was shown at) with no
            # draft. With the journey's cookie and nothing else behind it, the earlier answers
            # expired: keep this one, and say so on the start page. With no cookie at all, or
            # one kept for answers to another consultation, this is most likely a first visit
            # that began at a later question (a link to it was shared): the start page says
            # the answer is saved (and, in case answers before it were lost, that they could
            # not be kept).
            expired = bool(token) and not others
            next_url = _start_url(consultation, lost=expired, later=not expired)
        if not token:
            token = new_cookie = journey.new_token()
        draft = await journey.start_draft(token, consultation.id)
    await journey.save_answer(draft, question, checked.value)
    response = redirect_page(request, next_url)
    if new_cookie:
        _set_cookie(request, response, new_cookie)
    return response


def _question_gone(
    request: Request, consultation: Consultation, questions: list[Question], position: int, form: FormData
) -> Response:
    """Staff deleted the question while it was being answered: nothing is saved, the page now
    at that place (or Check your answers) says so, and shows the words typed, to copy."""
    typed = form.get("answer")
    text = typed.strip() if isinstance(typed, str) and len(typed) <= MAX_KEPT_REFUSED else ""
    if not journey.is_open(consultation, utcnow()):
        return _closed(request, consultation, [text])
    _before, question, _after = pages.neighbours(questions, position)
    if question is None:
        question = questions[-1] if questions else None
    if question is None:
        return redirect_page(request, _start_url(consultation, lost=False))
    change = request.query_params.get("change") == "1"
    context = pages.question_context(consultation, questions, question, {}, change, None)
    message = _("The questions changed while you were answering, so we could not save your answer.")
    context = {**_not_saved(context, message), "changed_text": text}
    return render(request, "feedback/question.html", context, status_code=409, fragment="question")


#: The longest refused answer kept in a draft (characters): far more than any limit allows.
MAX_KEPT_REFUSED = 20_000
#: The longest refused contact kept: a few times the longest address there can be.
MAX_KEPT_REFUSED_CONTACT = 4 * journey.MAX_CONTACT_LENGTH


async def _keep_refused(
    request: Request, consultation: Consultation, page: str, value: dict[str, Any]
) -> None:
    """Keep an answer that was refused (too long, say) in the visitor's draft, if they have one.
    A paste far beyond any limit is not kept: the page shows it back once, with the error, and
    anything kept from an earlier try on the page goes (a reload would show that older text)."""
    draft = await _draft(request, consultation)
    if draft is None:
        return
    if len(str(value.get("text") or "")) > MAX_KEPT_REFUSED:
        await journey.drop_unsent(draft, page)
        return
    await journey.keep_unsent(draft, page, value, True)


async def hear_back_page(request: Request) -> Response:
    found = await _open_draft(request)
    if isinstance(found, Response):
        return found
    consultation, draft = found
    questions = await journey.questions_of(consultation)
    change = request.query_params.get("change") == "1"
    contact, error = draft.contact or {}, None
    unsent = journey.unsent_on(draft, "hear-back")
    if unsent is not None:  # typed, then the language changed: the words come back
        contact, had_error = unsent
        error = _contact_from(contact)[1] if had_error else None
    context = pages.hear_back_context(consultation, questions, contact, change, error)
    return render(request, "feedback/hear_back.html", context)


def _contact_from(form: Mapping[str, object]) -> tuple[dict[str, str], str | None]:
    """The hear-back page's answer as typed (``hear_back``, ``contact``, ``share``), and its error."""
    wants, value = form.get("hear_back", form.get("wants")), form.get("contact", form.get("value"))
    contact, error = journey.check_contact(
        wants if isinstance(wants, str) else None, value if isinstance(value, str) else None
    )
    return journey.with_share(contact, form.get("share")), error


async def hear_back(request: Request) -> Response:
    found = await _open_draft(request)
    if isinstance(found, Response):
        return _whole_page(request, found)
    consultation, draft = found
    contact, error = _contact_from(await request.form())
    if error:
        if len(contact.get("value", "")) <= MAX_KEPT_REFUSED_CONTACT:
            await journey.keep_unsent(draft, "hear-back", dict(contact), True)
        questions = await journey.questions_of(consultation)
        change = request.query_params.get("change") == "1"
        context = pages.hear_back_context(consultation, questions, contact, change, error)
        return render(request, "feedback/hear_back.html", context, status_code=400, fragment="hear_back")
    await journey.save_contact(draft, contact)
    return redirect_page(request, f"/c/{consultation.slug}/check")


async def check_page(request: Request) -> Response:
    found = await _open_draft(request)
    if isinstance(found, Response):
        return found
    consultation, draft = found
    questions = await journey.questions_of(consultation)
    return await _check_response(request, consultation, questions, draft)


async def _check_response(
    request: Request,
    consultation: Consultation,
    questions: list[Question],
    draft: JourneyDraft,
    notice: str = "",
) -> Response:
    base = f"/c/{consultation.slug}"
    missing = journey.first_missing(questions, draft)
    if missing is not None:
        # The question page says why the visitor is there (the answers may have expired).
        return RedirectResponse(f"{base}/q/{missing.position}?missing=1&change=1", status_code=303)
    if not draft.contact.get("wants"):
        return RedirectResponse(f"{base}/hear-back", status_code=303)
    if journey.nothing_to_send(questions, draft):
        notice = (
            _("You only told us about you. Answer at least one other question, then press Send.")
            if journey.answered_about_you(questions, draft)
            else _("You have not answered any questions. Answer at least one, then press Send.")
        )
    locale = current_locale()
    rows = pages.check_rows(
        questions, draft.answers, locale, lambda question: f"{base}/q/{question.position}?change=1"
    )
    return render(
        request,
        "feedback/check.html",
        {
            "rows": rows,
            "contact": draft.contact.get("value", "") if draft.contact.get("wants") == "yes" else "",
            "share": draft.contact.get("share") == "yes",
            "hear_back_url": f"{base}/hear-back?change=1",
            "back_url": f"{base}/hear-back",
            "action": f"{base}/send",
            "submission_token": await journey.submission_token_for(draft),
            "notice": notice,
            # Send re-shows this page from a form post: the language links go to a page that
            # can be fetched.
            "language_next": f"{base}/check",
        },
    )


def _confirmation(
    request: Request,
    consultation: Consultation,
    sent: journey.Sent,
    submission_token: str = "",
    *,
    again: bool = False,
) -> Response:
    """The receipt. ``again``: opened after the Send (another language, Back, history), maybe by
    the next person on a shared phone. Then the help panel is the same whatever screening said,
    so it never shows that the words may have been a disclosure."""
    possible_disclosure = sent.level in (ScreeningLevel.CONCERN, ScreeningLevel.URGENT)
    response = render(
        request,
        "feedback/confirmation.html",
        {
            "receipt_code": sent.receipt_code,
            "needs_help": possible_disclosure and not again,
            "same_help_for_all": again,
            # Send only takes a form post: the language links go to a page that can be fetched.
            "language_next": f"/c/{consultation.slug}/sent",
        },
    )
    if is_htmx(request):
        # htmx swapped the page in at the check page's address: put the confirmation's own
        # address there, so that a reload shows the receipt code again.
        response.headers["HX-Replace-Url"] = f"/c/{consultation.slug}/sent"
    if submission_token:
        settings: Settings = request.app.state.settings
        response.set_cookie(
            journey.SENT_COOKIE,
            submission_token,
            path="/",
            secure=settings.https,
            httponly=True,
            samesite="lax",
        )
    return response


async def _sent_before(
    request: Request, consultation: Consultation, submission_token: str, *, has_draft: bool
) -> Response:
    """No draft goes with this token: a retry of a send that worked, back to the check page
    (the page was out of date), or, with no draft at all, to the start with a message."""
    now = utcnow()
    earlier = await journey.already_sent(submission_token, now)
    if earlier is not None:
        # Sent again minutes later (a resent form on a shared phone), not a double tap: the
        # receipt with the help every receipt shown again has.
        again = earlier.at is None or now - earlier.at > journey.RETRY_WINDOW
        return _confirmation(request, consultation, earlier, submission_token, again=again)
    # With htmx, the whole page moves (htmx would put the page inside the check page's form).
    if not has_draft:
        return redirect_page(request, _start_url(consultation, lost=True))
    return redirect_page(request, f"/c/{consultation.slug}/check")


async def sent_page(request: Request) -> Response:
    """The confirmation again (after choosing another language), for 15 minutes after Send."""
    consultation = await _consultation(request)
    token = request.cookies.get(journey.SENT_COOKIE, "")
    earlier = await journey.recently_sent(token, consultation, utcnow())
    if earlier is None:
        return RedirectResponse(f"/c/{consultation.slug}", status_code=303)
    return _confirmation(request, consultation, earlier, again=True)


async def send_address_opened(request: Request) -> Response:
    """With JavaScript off the confirmation's address is Send's; opened again (a reload, a
    restored tab), it goes to the confirmation, which shows for 15 minutes after Send."""
    slug = request.path_params["slug"]
    return RedirectResponse(request.url_for("journey_sent", slug=slug).path, status_code=303)


async def send(request: Request) -> Response:
    consultation = await _consultation(request)
    now = utcnow()
    form = await request.form()
    raw_token = form.get("submission_token")
    submission_token = raw_token if isinstance(raw_token, str) else ""
    draft, other_drafts = await journey.load_draft_for_send(
        request.cookies.get(journey.COOKIE), consultation.id, now
    )
    if draft is None or not submission_token or submission_token != draft.submission_token:
        return await _sent_before(request, consultation, submission_token, has_draft=draft is not None)
    if not journey.is_open(consultation, now):
        return _closed(request, consultation, _typed_in(draft))
    if form.get("website"):
        return _confirmation(request, consultation, await journey.pretend_to_send(draft))
    questions = await journey.questions_of(consultation)
    settings: Settings = request.app.state.settings
    if journey.too_fast(draft, now, settings.min_seconds_to_send):
        notice = _("Please check your answers, then press Send again.")
        return await _check_response(request, consultation, questions, draft, notice)
    if journey.first_missing(questions, draft) is not None:
        return redirect_page(request, f"/c/{consultation.slug}/check")
    if journey.nothing_to_send(questions, draft):
        return await _check_response(request, consultation, questions, draft)
    sent = await journey.send(consultation, questions, draft, current_locale(), now)
    response = _confirmation(request, consultation, sent, submission_token)
    if not other_drafts:
        response.delete_cookie(journey.COOKIE, path="/")
    return response


async def track(request: Request) -> Response:
    """The form that asks for a receipt code. A code in the address (``?code=``, from before
    the form posted it) is still looked up."""
    raw = request.query_params.get("code")
    if raw is None:
        return render(request, "feedback/track.html", {"code": "", "errors": [], "error": None})
    return await _look_up(request, raw)


async def track_code(request: Request) -> Response:
    """The code sent by the form, so it never goes into the address (and the browser's history
    on a phone someone else may pick up).

    A browser that keeps cookies is sent on to ``/track/progress`` (Post, Redirect, Get), with
    the code in a short-lived cookie: its history holds no form with the code, so Back after
    Exit this page (which removes the cookie) shows the empty form. A form that comes back
    without the cookie its page was shown with (see ``_cookies_cleared``) is one sent again
    after Exit, by Back or Reload: nothing is looked up. A browser that blocks
    cookies gets the progress at once, and its languages are buttons that send the code again
    with ``lang``.
    """
    form = await request.form()
    if _cookies_cleared(request, form):
        return RedirectResponse("/track", status_code=303)
    raw = form.get("code")
    raw = raw if isinstance(raw, str) else ""
    catalogues: Catalogues = request.app.state.catalogues
    chosen = form.get("lang")
    if not isinstance(chosen, str) or chosen not in catalogues.codes:
        return await _look_up(request, raw)
    with use_locale(catalogues, chosen):
        response = await _look_up(request, raw)
    settings: Settings = request.app.state.settings
    response.headers.append("set-cookie", language_cookie(chosen, secure=settings.https))
    return response


async def track_progress(request: Request) -> Response:
    """The progress of the code a form looked up a moment ago; the form again without it."""
    settings: Settings = request.app.state.settings
    value = request.cookies.get(tracking.COOKIE, "")
    code = tracking.code_remembered(settings.secret_key, value, utcnow()) if value else None
    found = await tracking.progress(code) if code else None
    if found is None:
        return RedirectResponse("/track", status_code=303)
    return _progress_page(request, found, direct=False)


def _progress_page(request: Request, found: tracking.Progress, *, direct: bool) -> Response:
    steps = [{"label": label, "done": key in found.done} for key, label in tracking.STEPS]
    context = {
        "progress": found,
        "steps": steps,
        # Shown in answer to the form (cookies blocked): the languages send the code again.
        "language_form": {"id": "track-language", "action": "/track"} if direct else None,
        "language_next": "/track" if direct else "/track/progress",
    }
    return render(request, "feedback/progress.html", context)


async def _look_up(request: Request, raw: str) -> Response:
    code = receipts.normalise(raw)
    if code is None:
        if not raw.strip():
            message = _("Enter your receipt code, like K7QM-4XTP")
        else:
            message = _(
                "Your receipt code has 8 letters and numbers, like K7QM-4XTP. "
                "It never has the letters O, I, L, U or V, or the numbers 0 or 1."
            )
        return _track_error(request, raw, message, 400)
    settings: Settings = request.app.state.settings
    limiter: Limiter = request.app.state.limiter
    limit = limiter.item(*TRACK_LIMIT)
    key = "track:" + hashed_key(settings.secret_key, client_address(request))
    # Only wrong codes count towards the limit: it stops guessing, and a class sharing one
    # network address can still look up their own codes. A code that cannot be one is not
    # a guess, so it is turned away above without counting.
    if not await limiter.test(limit, key):
        retry_after = await limiter.retry_after(limit, key)
        return render(
            request,
            "feedback/track_busy.html",
            {"retry_minutes": max(1, (retry_after + 59) // 60), "language_next": "/track"},
            status_code=429,
            headers={"Retry-After": str(retry_after)},
        )
    found = await tracking.progress(code)
    if found is None:
        await limiter.hit(limit, key)
        return _track_error(request, raw, _("We cannot find that code. Check it and try again."), 404)
    if request.method != "POST" or _cookies_blocked(request):
        return _progress_page(request, found, direct=True)
    response = RedirectResponse("/track/progress", status_code=303)
    response.set_cookie(
        tracking.COOKIE,
        tracking.remembered(settings.secret_key, found.code, utcnow()),
        max_age=int(tracking.REMEMBERED_FOR.total_seconds()),
        path="/",  # as every cookie here: Exit this page removes those of path /
        secure=settings.https,
        httponly=True,
        samesite="lax",
    )
    return response


def _track_error(request: Request, raw: str, message: str, status_code: int) -> Response:
    # The language links go to an empty /track: following one must not look the code up
    # again, which would use up a guess.
    context = {"code": raw, "errors": [("code", message)], "error": message, "language_next": "/track"}
    return render(request, "feedback/track.html", context, status_code=status_code)


# --- changing language with words typed but not sent ---------------------------
#
# On a question or hear-back page the languages are buttons of the page's form: what was
# typed is kept in the draft, unchecked (it is not an answer yet), and the same page comes
# back in the new language with it, and with its error if it was showing one.


async def _keep_and_change_language(request: Request, page: str, value: dict[str, object]) -> Response:
    consultation = await _consultation(request)
    form = await request.form()
    kept = [f"{name}=1" for name in ("change", "missing") if request.query_params.get(name) == "1"]
    target = f"/c/{consultation.slug}/{page}" + ("?" + "&".join(kept) if kept else "")
    # Kept even if it has just closed: the page then says so, in the new language, with the words.
    response = redirect_page(request, target)
    await _keep_unsent(request, response, consultation, page, value, form.get("had_error") == "1")
    catalogues: Catalogues = request.app.state.catalogues
    code = form.get("lang")
    if isinstance(code, str) and code in catalogues.codes:
        settings: Settings = request.app.state.settings
        response.headers.append("set-cookie", language_cookie(code, secure=settings.https))
    return response


async def _keep_unsent(
    request: Request,
    response: Response,
    consultation: Consultation,
    page: str,
    value: dict[str, object],
    had_error: bool,
) -> None:
    """Keep words typed on ``page`` (not an answer yet) in the visitor's draft, starting one
    (its cookie on ``response``) if there is none."""
    token = request.cookies.get(journey.COOKIE)
    draft = await journey.load_draft(token, consultation.id, utcnow())
    if draft is None:
        if not token:
            token = journey.new_token()
            _set_cookie(request, response, token)
        draft = await journey.start_draft(token, consultation.id)
    await journey.keep_unsent(draft, page, value, had_error)


async def question_language(request: Request) -> Response:
    consultation = await _consultation(request)
    questions = await journey.questions_of(consultation)
    form = await request.form()
    question = pages.posted_question(
        questions, request.path_params["position"], form.get(pages.QUESTION_FIELD)
    )
    if not isinstance(question, Question):
        raise HTTPException(status_code=404)
    value = pages.posted_answer(question, form).value
    return await _keep_and_change_language(request, f"q/{question.position}", value)


async def hear_back_language(request: Request) -> Response:
    contact, _error = _contact_from(await request.form())
    return await _keep_and_change_language(request, "hear-back", dict(contact))


# --- a form that could not be saved -----------------------------------------
#
# A missing or wrong CSRF token (an old page, cleared cookies), or a form too big to read:
# nothing is saved, and rather than a dead end the journey shows the same page again, with
# what was sent and a token that works. ``voice.web.errors.with_route_pages`` calls these
# from the CSRF middleware (outside the routes' own error handling: they return None rather
# than raise, and the friendly error page is shown instead).


async def _open_question(request: Request) -> tuple[Consultation, list[Question], Question] | None:
    consultation = await journey.find_consultation(request.path_params["slug"])
    if consultation is None or not journey.is_open(consultation, utcnow()):
        return None
    questions = await journey.questions_of(consultation)
    _before, question, _after = pages.neighbours(questions, request.path_params["position"])
    return (consultation, questions, question) if question is not None else None


def _not_saved(context: dict[str, object], message: str) -> dict[str, object]:
    """The page's problem is not in a field: an error summary without a link."""
    return {**context, "errors": [("", message)], "error": None, "has_errors": True}


#: Sent with a refused form that came back with no cookie at all (see ``_cookies_blocked``).
COOKIES_BLOCKED_HEADER = "X-Voice-Cookies"


def _cookies_blocked(request: Request) -> bool:
    """The form came back with no cookie at all, not even the one the page it came from set:
    most likely the browser blocks cookies (a school's locked-down device, a privacy setting),
    and pressing the button again would fail the same way for ever."""
    return not request.cookies


#: A hidden field of the journey's forms and /track's: the mark of the cookie the page was shown
#: with (``cookie_mark`` in every template, see ``voice.web.csrf.cookie_mark``), if one came.
KEPT_FIELD = "kept"


def _cookies_cleared(request: Request, form: FormData) -> bool:
    """The form's page was shown with a cookie that did not come back with it: the cookies
    were removed since (a new one may have been set after). Most likely Exit this page, then
    Back or Reload sent the form again, on a phone someone else may now hold: what the form
    holds must not be shown again. A page shown without cookies (the first of a visit, or any
    on a browser that blocks them) says nothing, so its refused words still come back."""
    kept = form.get(KEPT_FIELD)
    return isinstance(kept, str) and bool(kept) and kept != getattr(request.state, "cookie_mark", "")


def _page_again(request: Request) -> str:
    """The page (a GET) a question or hear-back form came from, by the address it posts to."""
    path = request.url.path.removesuffix("/language")
    return f"{path}?{request.url.query}" if request.url.query else path


def _blocked_hint() -> str:
    return _(
        "Your phone or browser may be blocking cookies. We need them to keep your answers "
        "until you send them. Let this site use cookies, then try again."
    )


def _continue_again(request: Request) -> str:
    if _cookies_blocked(request):
        return _("We could not save that.") + " " + _blocked_hint()
    return _("We could not save that. Press Continue again.")


def _language_again(request: Request) -> str:
    if _cookies_blocked(request):
        return _("We could not change the language.") + " " + _blocked_hint()
    return _("We could not change the language. Choose your language again.")


async def answer_not_saved(request: Request) -> Response | None:
    return await _answer_not_saved(request, _continue_again(request))


async def answer_language_not_saved(request: Request) -> Response | None:
    return await _answer_not_saved(request, _language_again(request))


async def _answer_not_saved(request: Request, message: str) -> Response | None:
    found = await _open_question(request)
    if found is None:
        return None
    consultation, questions, question = found
    form = await request.form()
    if _cookies_cleared(request, form):
        # Never the words again: the page as it is shown to anyone, and its address (a GET)
        # takes the place of the form in the browser's history.
        return redirect_page(request, _page_again(request))
    posted = pages.posted_question(questions, question.position, form.get(pages.QUESTION_FIELD))
    question = posted if isinstance(posted, Question) else question
    value = pages.posted_answer(question, form).value
    change = request.query_params.get("change") == "1"
    context = pages.question_context(consultation, questions, question, value, change, None)
    response = render(
        request, "feedback/question.html", _not_saved(context, message), status_code=403, fragment="question"
    )
    if _cookies_blocked(request):
        # For the page's script: browsers that block cookies may still report them on
        # (navigator.cookieEnabled), so only the server can tell.
        response.headers[COOKIES_BLOCKED_HEADER] = "blocked"
    return response


async def hear_back_not_saved(request: Request) -> Response | None:
    return await _hear_back_not_saved(request, _continue_again(request))


async def hear_back_language_not_saved(request: Request) -> Response | None:
    return await _hear_back_not_saved(request, _language_again(request))


async def _hear_back_not_saved(request: Request, message: str) -> Response | None:
    found = await _open_draft(request)
    if isinstance(found, Response):
        return _whole_page(request, found)
    consultation, _draft = found
    contact, _error = _contact_from(await request.form())
    change = request.query_params.get("change") == "1"
    questions = await journey.questions_of(consultation)
    context = pages.hear_back_context(consultation, questions, contact, change, None)
    return render(
        request,
        "feedback/hear_back.html",
        _not_saved(context, message),
        status_code=403,
        fragment="hear_back",
    )


async def send_not_saved(request: Request) -> Response | None:
    found = await _open_draft(request)
    if isinstance(found, Response):
        return _whole_page(request, found)
    consultation, draft = found
    questions = await journey.questions_of(consultation)
    notice = _("We could not send that. Press Send again.")
    response = await _check_response(request, consultation, questions, draft, notice)
    if response.status_code == 200:
        response.status_code = 403
    return response


async def answer_too_big(request: Request) -> Response | None:
    """The form was far too big to read, so what was typed is gone: say so, and say the limit."""
    found = await _open_question(request)
    if found is None or found[2].kind != QuestionKind.FREE_TEXT:
        return None
    consultation, questions, question = found
    change = request.query_params.get("change") == "1"
    message = _(
        "Your answer was far too long, so we could not keep it. You can write up to %(num)d characters."
    ) % {"num": question.max_length}
    context = pages.question_context(consultation, questions, question, {}, change, message)
    return render(request, "feedback/question.html", context, status_code=413, fragment="question")


#: For ``voice.web.errors.with_route_pages``, by route name.
NOT_SAVED_PAGES: dict[str, FormPage] = {
    "journey_answer": answer_not_saved,
    "journey_question_language": answer_language_not_saved,
    "journey_hear_back_post": hear_back_not_saved,
    "journey_hear_back_language": hear_back_language_not_saved,
    "journey_send": send_not_saved,
}
TOO_BIG_PAGES: dict[str, FormPage] = {"journey_answer": answer_too_big}


routes = [
    Route("/tell-us", tell_us, methods=["GET"], name="tell_us"),
    Route("/track", track, methods=["GET"], name="track"),
    Route("/track", track_code, methods=["POST"]),
    Route("/track/progress", track_progress, methods=["GET"], name="track_progress"),
    Route("/c/{slug}", start, methods=["GET"], name="journey_start"),
    Route("/c/{slug}/q/{position:int}", question_page, methods=["GET"], name="journey_question"),
    Route("/c/{slug}/q/{position:int}", answer, methods=["POST"], name="journey_answer"),
    Route("/c/{slug}/hear-back", hear_back_page, methods=["GET"], name="journey_hear_back"),
    Route("/c/{slug}/hear-back", hear_back, methods=["POST"], name="journey_hear_back_post"),
    Route(
        "/c/{slug}/q/{position:int}/language",
        question_language,
        methods=["POST"],
        name="journey_question_language",
    ),
    Route(
        "/c/{slug}/hear-back/language",
        hear_back_language,
        methods=["POST"],
        name="journey_hear_back_language",
    ),
    Route("/c/{slug}/check", check_page, methods=["GET"], name="journey_check"),
    Route("/c/{slug}/send", send, methods=["POST"], name="journey_send"),
    Route("/c/{slug}/send", send_address_opened, methods=["GET"], name="journey_send_opened"),
    Route("/c/{slug}/sent", sent_page, methods=["GET"], name="journey_sent"),
]
