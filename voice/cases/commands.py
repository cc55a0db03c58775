"""``voice send-alerts``: email the safeguarding leads about overdue cases, once each (for cron).

Overdue means not acknowledged in time, or no decision by the end of the first working day
after the case arrived: each is a separate email, sent once per case."""

from __future__ import annotations

import asyncio

import click
from tortoise import Tortoise

from voice.clock import SystemClock
from voice.settings import Settings, load_settings


async def _send(settings: Settings) -> tuple[list[int], list[int]]:
    """(cases emailed now, overdue cases still not emailed)."""
    from voice.cases.alerts import send_all_alerts, unsent_alerts
    from voice.db import tortoise_config

    await Tortoise.init(config=tortoise_config(settings))
    try:
        now = SystemClock().now()
        sent = sorted(set(await send_all_alerts(now, settings)))
        return sent, await unsent_alerts(now, settings)
    finally:
        await Tortoise.close_connections()


@click.command("send-alerts")
def send_alerts() -> None:
    """Email safeguarding leads about cases not acknowledged, or not decided, in time.

    Run it every few minutes. Each overdue case is emailed once for each, however often this
    runs. Needs VOICE_SMTP_HOST.
    Exits with status 1 if an overdue case could not be emailed (it is tried again next run).
    """
    settings = load_settings()
    if not settings.smtp_host:
        click.echo("VOICE_SMTP_HOST is not set, so no email was sent.", err=True)
        return
    sent, waiting = asyncio.run(_send(settings))
    if sent:
        numbers = ", ".join(f"#{case_id}" for case_id in sent)
        click.echo(f"Emailed the safeguarding leads about {len(sent)} overdue case(s): {numbers}.")
    if waiting:
        numbers = ", ".join(f"#{case_id}" for case_id in waiting)
        raise click.ClickException(
            f"Could not email about {len(waiting)} overdue case(s): {numbers}. The next run tries again."
        )
    if not sent:
        click.echo("No overdue case needed an email.")
