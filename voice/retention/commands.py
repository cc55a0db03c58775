"""``voice purge`` (being built)."""

from __future__ import annotations

import click


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="List what would be deleted; delete nothing.")
def purge(dry_run: bool) -> None:
    """Delete original words and case records whose retention period has passed (run daily)."""
    raise click.ClickException("not built yet")
