"""Retention and "You said, we did" (review, nineteenth session): a change that repeats a
personal detail hidden from the words behind it is left off the report, but only while those
words' originals are there to compare with. The purge marks such changes for good first."""

from __future__ import annotations

from datetime import date, timedelta

from starlette.applications import Starlette

from tests.unit.retention.helpers import ORIGINAL, contribution
from tests.unit.retention.test_purge import NOW, OLD, _settings
from voice.feedback.models import Answer, Contribution, Status
from voice.moderation.models import Redaction, RedactionSource, RedactionState, Theme
from voice.priorities.models import InfluenceAction
from voice.priorities.services import action_evidence
from voice.retention.services import purge
from voice.settings import Settings

NAME = (ORIGINAL.index("Sam Example"), ORIGINAL.index("Sam Example") + len("Sam Example"))


async def _hidden_name(item: Contribution) -> None:
    for answer in await Answer.filter(contribution_id=item.id):
        await Redaction.create(
            answer=answer,
            start=NAME[0],
            end=NAME[1],
            kind="name",
            source=RedactionSource.SCREENING,
            state=RedactionState.ACCEPTED,
        )


async def _change(you_said: str, we_did: str) -> InfluenceAction:
    return await InfluenceAction.create(
        reporting_year=2025, you_said=you_said, we_did=we_did, happened_on=date(2025, 6, 1)
    )


async def test_the_purge_keeps_such_changes_off_the_report_for_good(
    app: Starlette, settings: Settings
) -> None:
    item = await contribution(Status.APPROVED, OLD - timedelta(days=5), OLD)
    await _hidden_name(item)
    said = await _change("Sam Example asked for lights", "<p>New lights.</p>")
    did = await _change("Lights please", "<p>We rang Sam Example.</p>")
    plain = await _change("Lights please", "<p>New lights.</p>")
    themed = await _change("Sam Example asked for lights", "<p>New lights.</p>")
    for action in (said, did, plain):
        await action.contributions.add(item)
    theme = await Theme.create(name="Lights")
    await item.themes.add(theme)
    await themed.themes.add(theme)
    before = await action_evidence([said, did, plain, themed])
    assert before[said.id].repeats_hidden and not before[said.id].you_said_public
    assert before[did.id].we_did_repeats_hidden and not before[did.id].public
    assert before[themed.id].repeats_hidden

    report = await purge(NOW, _settings(settings), dry_run=False)
    assert report.originals == [item.id]
    assert await Answer.filter(contribution_id=item.id, text__not_isnull=True).count() == 0

    after = await action_evidence(await InfluenceAction.filter(id__in=[said.id, did.id, plain.id, themed.id]))
    assert not after[said.id].you_said_public and not after[did.id].public
    assert not after[themed.id].you_said_public
    assert after[plain.id].you_said_public and after[plain.id].public
    marks = {
        row["id"]: (row["you_said_withheld"], row["we_did_withheld"])
        for row in await InfluenceAction.all().values("id", "you_said_withheld", "we_did_withheld")
    }
    assert marks == {
        said.id: (True, False),
        did.id: (False, True),
        plain.id: (False, False),
        themed.id: (True, False),
    }
