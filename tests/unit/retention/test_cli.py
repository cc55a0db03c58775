"""``voice purge [--dry-run]`` against a temporary database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest
from click.testing import CliRunner
from tortoise import Tortoise

from tests.conftest import PG_URL, _truncate_all, run_async
from tests.unit.retention.helpers import ORIGINAL, case, contribution, draft
from voice.audit.models import AuditEvent
from voice.cli import cli
from voice.db import tortoise_config
from voice.feedback.models import Answer, JourneyDraft, Status
from voice.moderation.models import CaseStatus, SafeguardingCase
from voice.retention.commands import describe
from voice.retention.services import PurgeReport
from voice.settings import Settings

T = TypeVar("T")


def _with(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    async def run() -> T:
        await Tortoise.init(config=tortoise_config(settings))
        try:
            return await work()
        finally:
            await Tortoise.close_connections()

    return run_async(run())


@pytest.fixture
def db(settings: Settings) -> Iterator[Settings]:
    """The test's database (on PostgreSQL, one database for the run: emptied before and after)."""
    if PG_URL:
        _with(settings, _truncate_all)
    yield settings
    if PG_URL:
        _with(settings, _truncate_all)


def _env(settings: Settings) -> dict[str, str]:
    return {
        "VOICE_DATABASE_URL": settings.database_url,
        "VOICE_SECRET_KEY": settings.secret_key,
        "VOICE_VAR_DIR": str(settings.var_dir),
        "VOICE_RETENTION_DAYS": "365",
        "VOICE_CASE_RETENTION_DAYS": "2555",
    }


def _seed(settings: Settings) -> dict[str, int]:
    async def work() -> dict[str, int]:
        now = datetime.now(UTC)
        old = now - timedelta(days=400)
        purged = await contribution(Status.APPROVED, old, old)
        held = await contribution(Status.REJECTED, old, old)
        open_case = await case(held, CaseStatus.OPEN, old)
        kept = await contribution(Status.APPROVED, now - timedelta(days=3), now - timedelta(days=1))
        old_case = await case(None, CaseStatus.CLOSED, now - timedelta(days=3000), now - timedelta(days=2999))
        stale = await draft(now - timedelta(days=2))
        return {
            "purged": purged.id,
            "held": held.id,
            "open_case": open_case.id,
            "kept": kept.id,
            "old_case": old_case.id,
            "stale": stale.id,
        }

    return _with(settings, work)


def test_dry_run_lists_each_item_and_changes_nothing(db: Settings) -> None:
    settings = db
    ids = _seed(settings)
    result = CliRunner().invoke(cli, ["purge", "--dry-run"], env=_env(settings))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == [
        "Dry run: nothing has been changed.",
        f"Would delete the original words of contribution {ids['purged']}.",
        f"Would keep contribution {ids['held']}: safeguarding case {ids['open_case']} is still open.",
        f"Would delete closed safeguarding case {ids['old_case']}.",
        f"Would delete journey draft {ids['stale']}.",
        "Would delete the original words of 1 contribution, 1 closed safeguarding case and 1 journey draft; "
        "1 contribution held by open cases.",
    ]

    async def unchanged() -> None:
        texts = await Answer.filter(contribution_id=ids["purged"]).values_list("text", flat=True)
        assert texts and all(text == ORIGINAL for text in texts)
        assert await SafeguardingCase.exists(id=ids["old_case"])
        assert await JourneyDraft.exists(id=ids["stale"])
        assert await AuditEvent.all().count() == 0

    _with(settings, unchanged)


def test_purge_then_again_is_idempotent(db: Settings) -> None:
    settings = db
    ids = _seed(settings)
    first = CliRunner().invoke(cli, ["purge"], env=_env(settings))
    assert first.exit_code == 0, first.output
    assert first.output.splitlines() == [
        f"Kept contribution {ids['held']}: safeguarding case {ids['open_case']} is still open.",
        "Deleted the original words of 1 contribution, 1 closed safeguarding case and 1 journey draft; "
        "1 contribution held by open cases.",
    ]

    async def audited() -> int:
        texts = await Answer.filter(contribution_id=ids["purged"]).values_list("text", flat=True)
        assert texts and all(text is None for text in texts)
        kept = await Answer.filter(contribution_id=ids["kept"]).values_list("text", flat=True)
        assert kept and all(text == ORIGINAL for text in kept)
        assert not await SafeguardingCase.exists(id=ids["old_case"])
        actions = sorted(await AuditEvent.all().values_list("action", flat=True))
        assert actions == ["retention.case_deleted", "retention.drafts_deleted", "retention.original_deleted"]
        return len(actions)

    count = _with(settings, audited)
    second = CliRunner().invoke(cli, ["purge"], env=_env(settings))
    assert second.exit_code == 0, second.output
    assert second.output.splitlines()[-1] == (
        "Deleted the original words of 0 contributions, 0 closed safeguarding cases and 0 journey drafts; "
        "1 contribution held by open cases."
    )

    async def nothing_new() -> None:
        assert await AuditEvent.all().count() == count

    _with(settings, nothing_new)


def test_describe_nothing_to_do() -> None:
    report = PurgeReport(now=datetime(2027, 1, 1, tzinfo=UTC), dry_run=True)
    assert describe(report) == [
        "Dry run: nothing has been changed.",
        "Would delete the original words of 0 contributions, 0 closed safeguarding cases "
        "and 0 journey drafts; 0 contributions held by open cases.",
    ]


def test_help_mentions_dry_run() -> None:
    result = CliRunner().invoke(cli, ["purge", "--help"])
    assert result.exit_code == 0 and "--dry-run" in result.output
