"""``voice purge``: delete what has been kept long enough. Safe to run daily from cron."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from voice.retention.services import PurgeReport


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def describe(report: PurgeReport) -> list[str]:
    """The lines ``voice purge`` prints: one per item in a dry run, then a summary."""
    lines: list[str] = []
    if report.dry_run:
        lines.append("Dry run: nothing has been changed.")
        lines.extend(f"Would delete the original words of contribution {cid}." for cid in report.originals)
        lines.extend(
            f"Would keep contribution {cid}: safeguarding case {', '.join(map(str, cases))} is still open."
            for cid, cases in report.held.items()
        )
        lines.extend(f"Would delete closed safeguarding case {case_id}." for case_id in report.cases)
        lines.extend(f"Would delete journey draft {draft_id}." for draft_id in report.drafts)
    elif report.held:
        lines.extend(
            f"Kept contribution {cid}: safeguarding case {', '.join(map(str, cases))} is still open."
            for cid, cases in report.held.items()
        )
    verb = "Would delete" if report.dry_run else "Deleted"
    lines.append(
        f"{verb} the original words of {_plural(len(report.originals), 'contribution', 'contributions')}, "
        f"{_plural(len(report.cases), 'closed safeguarding case', 'closed safeguarding cases')} and "
        f"{_plural(len(report.drafts), 'journey draft', 'journey drafts')}; "
        f"{_plural(len(report.held), 'contribution', 'contributions')} held by open cases."
    )
    return lines


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="List what would be deleted; delete nothing.")
def purge(dry_run: bool) -> None:
    """Delete original words and case records whose retention period has passed (run daily)."""
    from voice.cli import _run, _with_db  # here, not at the top: voice.cli imports this module
    from voice.retention.services import purge as run_purge
    from voice.settings import Settings

    async def work(settings: Settings) -> PurgeReport:
        return await _with_db(settings, lambda: run_purge(datetime.now(UTC), settings, dry_run=dry_run))

    for line in describe(_run(work)):
        click.echo(line)
