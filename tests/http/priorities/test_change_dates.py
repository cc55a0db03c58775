"""A change ("You said, we did") cannot have happened before the words that led to it, nor in
the future; a refused date keeps everything typed and ticked."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from tests.http.consultations.conftest import summary_links, title, value_of
from tests.http.priorities.test_priorities import NOW, make_priority, moderator, post
from voice.accounts.models import StaffUser
from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Contribution
from voice.moderation import services as moderation
from voice.moderation.models import Theme
from voice.priorities.models import InfluenceAction, PriorityLink

__all__ = ["moderator"]  # the fixture, shared with test_priorities.py

NEWEST = "The date it changed must be on or after {}, the date of the newest contribution you chose"


async def said(text: str, when: datetime, by: StaffUser) -> Contribution:
    made = (
        await submit(ContributionIn(answers=(AnswerIn(question_id=None, text=text),), submitted_at=when))
    ).contribution
    await moderation.approve(made, by=by, now=NOW, counted=True, quotable=False)
    return made


def _typed(
    happened_on: str, contributions: list[Contribution], themes: list[Theme] | None = None
) -> dict[str, str | list[str]]:
    return {
        "you_said": "Buses at night",
        "we_did": "A <strong>night bus</strong> now runs on Fridays.",
        "agency": "West Yorkshire Combined Authority",
        "happened_on": happened_on,
        "contributions": [str(c.id) for c in contributions],
        "themes": [str(t.id) for t in themes or []],
    }


async def test_not_before_the_newest_contribution_it_rests_on(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await make_priority()
    older = await said("Night buses please", datetime(2026, 11, 10, 18, 0, tzinfo=UTC), moderator)
    # 23:30 UTC on 30 June is 00:30 on 1 July in the UK (BST): a change on 30 June is before it.
    summer = await said("Buses after the club", datetime(2026, 6, 30, 23, 30, tzinfo=UTC), moderator)
    newer = await said("The last bus is too early", datetime(2026, 11, 20, 9, 0, tzinfo=UTC), moderator)
    for contribution in (older, summer, newer):
        await PriorityLink.create(priority=priority, contribution=contribution)
    path = f"/staff/priorities/{priority.id}/changes/new"

    refused = await post(client, path, _typed("2026-11-15", [older, newer]))
    assert refused.status_code == 400 and title(refused) == "Error: Record what changed – Voice"
    assert summary_links(refused) == [("#happened_on", NEWEST.format("20 November 2026"))]
    # Everything typed and ticked is kept.
    assert value_of(refused, "you_said") == "Buses at night"
    assert value_of(refused, "we_did") == "A <strong>night bus</strong> now runs on Fridays."
    assert value_of(refused, "agency") == "West Yorkshire Combined Authority"
    assert value_of(refused, "happened_on") == "2026-11-15"
    assert f'value="{older.id}" checked' in refused.text and f'value="{newer.id}" checked' in refused.text
    assert f'value="{summer.id}" checked' not in refused.text
    assert not await InfluenceAction.exists()

    at_midnight = await post(client, path, _typed("2026-06-30", [summer]))
    assert summary_links(at_midnight) == [("#happened_on", NEWEST.format("1 July 2026"))]
    # Every problem at once: the future and an empty field are still reported as before.
    future = await post(client, path, {**_typed("2026-12-01", [newer]), "you_said": ""})
    assert summary_links(future) == [
        ("#you_said", "Enter what young people said"),
        ("#happened_on", "The date it changed must be today or in the past"),
    ]

    assert (await post(client, path, _typed("2026-11-15", [older]))).status_code == 303
    assert (await post(client, path, _typed("2026-11-20", [older, newer]))).status_code == 303
    assert (await post(client, path, _typed("2026-07-01", [summer]))).status_code == 303
    assert await InfluenceAction.filter(priority_id=priority.id).count() == 3


async def test_a_theme_needs_words_from_before_the_change(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await make_priority()
    theme = await Theme.create(name="Buses")
    first = await said("Night buses please", datetime(2026, 11, 12, 9, 0, tzinfo=UTC), moderator)
    later = await said("More buses", datetime(2026, 11, 20, 9, 0, tzinfo=UTC), moderator)
    for contribution in (first, later):
        await moderation.set_themes(contribution, [theme.id], by=moderator, now=NOW)
    waiting = (
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=None, text="Buses"),),
                submitted_at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC),
            )
        )
    ).contribution
    await moderation.set_themes(waiting, [theme.id], by=moderator, now=NOW)  # not approved: not evidence
    await PriorityLink.create(priority=priority, theme=theme)
    path = f"/staff/priorities/{priority.id}/changes/new"

    refused = await post(client, path, _typed("2026-11-11", [], [theme]))
    assert refused.status_code == 400
    assert summary_links(refused) == [
        (
            "#happened_on",
            "The date it changed must be on or after 12 November 2026, "
            "the date of the first approved contribution with the theme Buses",
        )
    ]
    assert f'value="{theme.id}" checked' in refused.text
    assert (await post(client, path, _typed("2026-11-12", [], [theme]))).status_code == 303


async def test_a_theme_with_no_approved_words_cannot_be_what_led_to_a_change(
    client: httpx.AsyncClient, moderator: StaffUser
) -> None:
    priority = await make_priority()
    quiet = await Theme.create(name="Parks")
    heard = await Theme.create(name="Buses")
    waiting = (
        await submit(
            ContributionIn(
                answers=(AnswerIn(question_id=None, text="Parks"),),
                submitted_at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC),
            )
        )
    ).contribution
    await moderation.set_themes(waiting, [quiet.id], by=moderator, now=NOW)  # received, not approved
    backing = await said("Night buses please", datetime(2026, 11, 12, 9, 0, tzinfo=UTC), moderator)
    await moderation.set_themes(backing, [heard.id], by=moderator, now=NOW)
    await PriorityLink.create(priority=priority, theme=quiet)
    await PriorityLink.create(priority=priority, theme=heard)
    path = f"/staff/priorities/{priority.id}/changes/new"

    refused = await post(client, path, _typed("2026-11-20", [], [quiet, heard]))
    assert refused.status_code == 400
    assert title(refused).startswith("Error: ")
    [(anchor, message)] = summary_links(refused)
    assert (
        message
        == "The theme Parks has no approved contributions yet, so nothing in it can have led to a change"
    )
    assert f'id="{anchor[1:]}"' in refused.text  # the link goes to the evidence boxes
    assert f'value="{quiet.id}" checked' in refused.text  # what was ticked and typed is kept
    assert f'value="{heard.id}" checked' in refused.text
    assert value_of(refused, "agency") == "West Yorkshire Combined Authority"
    assert not await InfluenceAction.exists()

    assert (await post(client, path, _typed("2026-11-20", [], [heard]))).status_code == 303
    assert await InfluenceAction.filter(priority=priority).count() == 1
