"""/track: each step shows when it has happened, in words a child understands, never the answers."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from voice.feedback.intake import AnswerIn, ContributionIn, submit
from voice.feedback.models import Contribution, ScreeningLevel, Status
from voice.moderation.models import SafeguardingCase, Theme
from voice.priorities.models import InfluenceAction, Priority, PriorityLink

STEP_RE = re.compile(r'<li class="step( step-done)?">(.+?) <span class="step-state">')
WORDS = "The bus stop by the park is dark and scary"
ALL_STEPS = [
    "We got your message",
    "Our team is reading it",
    "We shared it with the partnership",
    "It helps with one of our big goals",
    "Something changed because of it",
]


async def contribution(status: Status = Status.RECEIVED) -> Contribution:
    sent = await submit(
        ContributionIn(answers=(AnswerIn(question_id=None, text=WORDS),), submitted_at=datetime.now(UTC))
    )
    if status != Status.RECEIVED:
        await Contribution.filter(id=sent.contribution.id).update(status=status)
    return sent.contribution


async def steps(client: httpx.AsyncClient, code: str, lang: str = "en") -> list[tuple[str, bool]]:
    response = await client.get("/track", params={"code": code}, headers={"Accept-Language": lang})
    assert response.status_code == 200
    assert "bus stop" not in response.text and "scary" not in response.text
    return [(label, bool(done)) for done, label in STEP_RE.findall(response.text)]


def done(found: list[tuple[str, bool]]) -> list[str]:
    return [label for label, is_done in found if is_done]


async def priority() -> Priority:
    return await Priority.create(
        reporting_year=2025,
        title="Safer journeys",
        child_friendly_title="Getting about safely",
        owning_agency="Leeds City Council",
    )


async def action(
    for_priority: Priority | None = None, happened_on: date = date(2026, 1, 12)
) -> InfluenceAction:
    return await InfluenceAction.create(
        priority=for_priority,
        reporting_year=2025,
        you_said="Bus stops are dark",
        we_did="Brighter street lights on six routes",
        happened_on=happened_on,
    )


async def test_every_step_is_listed_in_order(client: httpx.AsyncClient) -> None:
    made = await contribution()
    found = await steps(client, made.receipt_code)
    assert [label for label, _ in found] == ALL_STEPS
    assert done(found) == ["We got your message"]


async def test_linked_to_a_priority(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.APPROVED)
    assert "It helps with one of our big goals" not in done(await steps(client, made.receipt_code))
    await PriorityLink.create(priority=await priority(), contribution=made)
    found = done(await steps(client, made.receipt_code))
    assert found == ALL_STEPS[:4]
    # The priority's own words stay out of the page: the code finder sees steps only.
    page = (await client.get("/track", params={"code": made.receipt_code})).text
    assert "Safer journeys" not in page and "Getting about safely" not in page


async def test_what_changed(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.APPROVED)
    did = await action(await priority())
    assert "Something changed because of it" not in done(await steps(client, made.receipt_code))
    await did.contributions.add(made)
    # No PriorityLink was made, but the change was made under a priority: both steps are done.
    assert done(await steps(client, made.receipt_code)) == ALL_STEPS
    page = (await client.get("/track", params={"code": made.receipt_code})).text
    # What changed is said, as on the report, with a way to the report; never "You said" (it may
    # sum up these very words) nor the priority's title.
    assert "<h2>You said, we did</h2>" in page
    assert '<div class="rich-text">Brighter street lights on six routes</div>' in page
    assert "Bus stops are dark" not in page and "You said:" not in page
    assert "Safer journeys" not in page and "Getting about safely" not in page
    # To the report the change is on (its reporting year), not only this year's.
    assert '<a href="/report/2025">See what you told us, and what we did about it</a>' in page


async def test_a_change_under_no_priority(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.APPROVED)
    did = await action()
    await did.contributions.add(made)
    assert done(await steps(client, made.receipt_code)) == [*ALL_STEPS[:3], "Something changed because of it"]


async def test_an_action_for_someone_else_does_not_count(client: httpx.AsyncClient) -> None:
    mine, other = await contribution(Status.APPROVED), await contribution(Status.APPROVED)
    did = await action()
    await did.contributions.add(other)
    await PriorityLink.create(priority=await priority(), contribution=other)
    assert done(await steps(client, mine.receipt_code)) == ALL_STEPS[:3]
    assert done(await steps(client, other.receipt_code)) == ALL_STEPS


async def test_through_a_theme_once_shared(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.IN_REVIEW)
    theme = await Theme.create(name="Transport")
    await made.themes.add(theme)
    await PriorityLink.create(priority=await priority(), theme=theme)
    did = await action(happened_on=datetime.now(UTC).date() + timedelta(days=1))
    await did.themes.add(theme)
    # Not shared yet: a theme alone does not count.
    assert done(await steps(client, made.receipt_code)) == ALL_STEPS[:2]
    await Contribution.filter(id=made.id).update(status=Status.APPROVED)
    assert done(await steps(client, made.receipt_code)) == ALL_STEPS


async def test_a_theme_change_from_before_the_words_does_not_count(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.APPROVED)
    theme = await Theme.create(name="Transport")
    await made.themes.add(theme)
    earlier = await action(happened_on=date(2026, 1, 12))  # long before these words arrived
    await earlier.themes.add(theme)
    assert done(await steps(client, made.receipt_code)) == ALL_STEPS[:3]


async def test_steps_in_urdu(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.APPROVED)
    await PriorityLink.create(priority=await priority(), contribution=made)
    did = await action()
    await did.contributions.add(made)
    found = await steps(client, made.receipt_code, lang="ur")
    assert len(found) == 5 and all(is_done for _, is_done in found)
    assert not any(label in ALL_STEPS for label, _ in found)  # translated, not English


async def test_withdrawn_shows_no_steps(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.WITHDRAWN)
    await PriorityLink.create(priority=await priority(), contribution=made)
    response = await client.get("/track", params={"code": made.receipt_code})
    assert "taken back" in response.text and not STEP_RE.search(response.text)


async def test_changing_language_on_a_result_keeps_the_code(client: httpx.AsyncClient) -> None:
    """The languages are buttons that send the code again: it never goes into an address."""
    made = await contribution(Status.RECEIVED)
    page = (await client.get("/track", params={"code": made.receipt_code})).text
    assert "/language?" not in page and "code%3D" not in page
    assert re.findall(r'<button type="submit" form="track-language" formaction="/track"[^>]*value="ur"', page)
    assert f'<input type="hidden" name="code" value="{made.receipt_code}">' in page


async def test_rejected_says_it_was_read_and_not_shared(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.REJECTED)
    await PriorityLink.create(priority=await priority(), contribution=made)
    response = await client.get("/track", params={"code": made.receipt_code})
    assert done(await steps(client, made.receipt_code)) == ALL_STEPS[:2]
    assert "(not yet)" not in response.text  # no step waits
    assert "we did not share them with the partnership this time." in response.text
    # Never a promise that nothing more will happen: a safeguarding lead may be acting on the
    # words (a case is never named here). Help is offered to everyone.
    assert "Nothing more will happen" not in response.text
    assert 'Need help now? <a href="/help">Get help</a>' in response.text


async def test_rejected_with_a_safeguarding_case_says_the_same_and_offers_help(
    client: httpx.AsyncClient,
) -> None:
    """A lead may be acting on words a moderator rejected (off topic, say): the page must not
    say nothing more will happen, nor that there is a case."""
    made = await contribution(Status.REJECTED)
    await SafeguardingCase.create(
        contribution=made, level="urgent", original_text="words", opened_at=datetime.now(UTC)
    )
    text = (await client.get("/track", params={"code": made.receipt_code})).text
    assert "we did not share them with the partnership this time." in text
    assert "Nothing more will happen" not in text and "safeguarding" not in text.lower()
    assert 'Need help now? <a href="/help">Get help</a>' in text


async def test_in_review_still_shows_the_steps_to_come(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.IN_REVIEW)
    response = await client.get("/track", params={"code": made.receipt_code})
    assert response.text.count("(not yet)") == 3
    assert "did not share" not in response.text


async def test_no_change_no_what_changed(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.APPROVED)
    await PriorityLink.create(priority=await priority(), contribution=made)
    page = (await client.get("/track", params={"code": made.receipt_code})).text
    assert "You said, we did" not in page and 'href="/report' not in page.split("<footer")[0]


async def test_every_change_shown_oldest_first(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.APPROVED)
    theme = await Theme.create(name="Transport")
    await made.themes.add(theme)
    later = await action(happened_on=datetime.now(UTC).date() + timedelta(days=3))
    await InfluenceAction.filter(id=later.id).update(we_did="A night bus on Fridays")
    await later.themes.add(theme)
    sooner = await action()
    await sooner.contributions.add(made)
    await sooner.themes.add(theme)  # through both: still shown once
    page = (await client.get("/track", params={"code": made.receipt_code})).text
    assert page.count("Brighter street lights on six routes") == 1
    assert page.index("Brighter street lights on six routes") < page.index("A night bus on Fridays")


async def test_what_changed_in_urdu_is_marked_as_staff_english(client: httpx.AsyncClient) -> None:
    made = await contribution(Status.APPROVED)
    did = await action()
    await did.contributions.add(made)
    response = await client.get(
        "/track", params={"code": made.receipt_code}, headers={"Accept-Language": "ur"}
    )
    marked = '<div class="rich-text" lang="en" dir="ltr">Brighter street lights on six routes</div>'
    assert marked in response.text
    assert "You said, we did" not in response.text  # the heading is translated


@pytest.mark.parametrize("how", ["screening", "case"])
async def test_words_that_may_be_a_disclosure_show_no_change(client: httpx.AsyncClient, how: str) -> None:
    """Whoever holds the code must not learn from what changed what a child may have disclosed,
    nor from the page's shape: it is the page of words no change rests on yet (found by review:
    a step done with nothing shown happened only for possible disclosures)."""
    made = await contribution(Status.APPROVED)
    if how == "screening":
        await Contribution.filter(id=made.id).update(screening_level=ScreeningLevel.CONCERN)
    else:
        await SafeguardingCase.create(
            contribution=made, level="concern", original_text="words", opened_at=datetime.now(UTC)
        )
    goal = await priority()
    did = await action(goal)
    await did.contributions.add(made)
    page = (await client.get("/track", params={"code": made.receipt_code})).text
    assert done(await steps(client, made.receipt_code)) == ALL_STEPS[:4]
    assert "Brighter street lights" not in page and "You said, we did" not in page
    assert 'href="/report' not in page.split("<footer")[0]
    # The same page as words linked to a priority with no change yet.
    other = await contribution(Status.APPROVED)
    await PriorityLink.create(priority=goal, contribution=other)
    unchanged = (await client.get("/track", params={"code": other.receipt_code})).text
    assert _without_code(page, made.receipt_code) == _without_code(unchanged, other.receipt_code)


async def test_a_change_the_report_holds_back_is_not_counted(client: httpx.AsyncClient) -> None:
    """What changed repeats a personal detail hidden from the words: the report leaves it out,
    so /track does not say "something changed" with nothing to show."""
    made = await contribution(Status.APPROVED)
    did = await action()
    await did.contributions.add(made)
    await InfluenceAction.filter(id=did.id).update(we_did_withheld=True)
    page = (await client.get("/track", params={"code": made.receipt_code})).text
    assert done(await steps(client, made.receipt_code)) == ALL_STEPS[:3]
    assert "Brighter street lights" not in page and "You said, we did" not in page


def _without_code(page: str, code: str) -> str:
    """The page's main content with its receipt code taken out, to compare two pages' shape."""
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    return main.replace(code, "CODE")
