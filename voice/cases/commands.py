"""``voice send-alerts`` (being built)."""

from __future__ import annotations

import click


@click.command("send-alerts")
def send_alerts() -> None:
    """Email safeguarding leads about cases not acknowledged in time (run every few minutes)."""
    raise click.ClickException("not built yet")
