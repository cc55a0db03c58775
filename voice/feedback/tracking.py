"""Following a receipt code (``/track``): how far the words have got, and what changed.

Never the words themselves: a phone may be shared, and the code is all anyone needs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer

from voice.clock import uk_date
from voice.feedback.models import Contribution, Status
from voice.priorities.models import InfluenceAction, PriorityLink
from voice.priorities.services import possible_disclosures
from voice.reports.services import Change, changes_shown
from voice.web.i18n import lazy_gettext as _l

#: The cookie that holds a code looked up a moment ago, so its progress page is a GET (Post,
#: Redirect, Get): the browser's history then holds no form with the code in it, and once Exit
#: this page has removed the cookie, Back shows the empty form rather than the progress.
COOKIE = "voice_track"
#: How long that cookie, and the code in it, are good for.
REMEMBERED_FOR = timedelta(minutes=15)
_SALT = "voice.track"


def remembered(secret: str, code: str, now: datetime) -> str:
    """The cookie's value for ``code``: signed, so nobody can write codes into it to guess
    them (only a look-up by the form counts towards the guessing limit), and ending at
    ``now + REMEMBERED_FOR``."""
    ends = int((now + REMEMBERED_FOR).timestamp())
    return URLSafeSerializer(secret, salt=_SALT).dumps([code, ends])


def code_remembered(secret: str, value: str, now: datetime) -> str | None:
    """The code in a cookie ``remembered`` made, or None if it is not one, or has ended."""
    try:
        loaded = URLSafeSerializer(secret, salt=_SALT).loads(value)
    except BadSignature:
        return None
    match loaded:
        case [str(code), int(ends)] if now.timestamp() < ends:
            return code
    return None


#: The steps, in order, with the words a child sees.
STEPS: tuple[tuple[str, str], ...] = (
    ("received", _l("We got your message")),
    ("read", _l("Our team is reading it")),
    ("shared", _l("We shared it with the partnership")),
    ("priority", _l("It helps with one of our big goals")),
    ("changed", _l("Something changed because of it")),
)


@dataclass(frozen=True)
class Progress:
    code: str
    done: tuple[str, ...]
    withdrawn: bool = False
    #: Read and not shared (rejected): nothing more will happen, so no step is "not yet".
    not_shared: bool = False
    #: What changed because of the words ("We did" as the report shows it; see ``_to_show``).
    changes: tuple[Change, ...] = ()


async def _changes_resting_on(contribution: Contribution, theme_ids: list[int]) -> list[InfluenceAction]:
    """The changes recorded from these words, directly or through a theme, oldest first.

    A change made through a theme counts only if it happened on or after the day these words
    arrived: it cannot be "because of" words not yet said.
    """
    found = await InfluenceAction.filter(contributions__id=contribution.id)
    if theme_ids:
        found += await InfluenceAction.filter(
            themes__id__in=theme_ids, happened_on__gte=uk_date(contribution.submitted_at)
        )
    unique = {action.id: action for action in found}
    return sorted(unique.values(), key=lambda action: (action.happened_on, action.id))


async def progress(code: str) -> Progress | None:
    """How far a contribution has got, and what changed because of it. Never its words."""
    contribution = await Contribution.get_or_none(receipt_code=code)
    if contribution is None:
        return None
    status = Status(contribution.status)
    done = ["received"]
    if status in (Status.IN_REVIEW, Status.APPROVED, Status.REJECTED):
        done.append("read")
    approved = status == Status.APPROVED
    if approved:
        done.append("shared")
    if not approved:
        # Links and changes count only while the words are shared: a contribution put back
        # in review, or rejected after all, shows no more than "being read".
        return Progress(
            code=code,
            done=tuple(done),
            withdrawn=status == Status.WITHDRAWN,
            not_shared=status == Status.REJECTED,
        )
    # Staff link a contribution itself, or one of its themes, to a priority; or record a change
    # (under a priority) that rests on it or on one of its themes.
    theme_ids = [int(row["id"]) for row in await contribution.themes.all().values("id")]
    actions = await _changes_resting_on(contribution, theme_ids)
    if (
        await PriorityLink.exists(contribution_id=contribution.id)
        or (theme_ids and await PriorityLink.filter(theme_id__in=theme_ids).exists())
        or any(action.priority_id is not None for action in actions)
    ):
        done.append("priority")
    # Only a change the report shows counts: one it holds back (what changed repeats a hidden
    # personal detail) would be "something changed" with nothing to say what.
    changes = await _to_show(contribution, await changes_shown(actions))
    if changes:
        done.append("changed")
    return Progress(code=code, done=tuple(done), changes=changes)


async def _to_show(contribution: Contribution, changes: list[Change]) -> tuple[Change, ...]:
    """What changed, to show beside the steps: only "We did", since "You said" may sum up these
    very words. For words that may be a disclosure, nothing, and the step is not done either:
    whoever holds the code (a phone is often shared) must learn nothing of what a child told us,
    from what changed nor from a page unlike everyone else's (a step done with nothing shown)."""
    row = {"id": contribution.id, "screening_level": contribution.screening_level}
    if not changes or await possible_disclosures([row]):
        return ()
    return tuple(replace(change, you_said="") for change in changes)
