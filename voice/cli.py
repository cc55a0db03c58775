"""The ``voice`` command. Every sub-command has ``--help``; README.md lists them all."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import click
from tortoise import Tortoise

from voice.accounts.models import Role
from voice.settings import Settings, load_settings

T = TypeVar("T")


def _run(make: Callable[[Settings], Coroutine[Any, Any, T]]) -> T:
    return asyncio.run(make(load_settings()))


async def _with_db(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    from voice.db import tortoise_config

    await Tortoise.init(config=tortoise_config(settings))
    try:
        return await work()
    finally:
        await Tortoise.close_connections()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Voice: hear children, young people and families, act, and show it."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes.")
def serve(host: str, port: int, workers: int) -> None:
    """Serve Voice over HTTP with uvicorn (no access log: it would keep visitors' addresses)."""
    import uvicorn

    uvicorn.run(
        "voice.asgi:app",
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        server_header=False,
        log_level="info",
        # uvicorn's access log writes each visitor's address (from X-Forwarded-For behind a
        # proxy) beside the path, receipt codes included, and the moment of a Send: it would
        # tie a young person's address to what they sent. Errors are still logged.
        access_log=False,
    )


@cli.command()
def migrate() -> None:
    """Apply database migrations (run before serving, and after every upgrade)."""
    from voice.db import apply_migrations

    _run(apply_migrations)
    click.echo("Database is up to date.")


@cli.command()
@click.argument("name", required=False)
def makemigrations(name: str | None) -> None:
    """Write a new migration file from model changes (for developers)."""
    from tortoise.cli.cli import run_cli_async

    argv = ["-c", "voice.tortoise_config.TORTOISE_ORM", "makemigrations"]
    if name:
        argv += ["--name", name]
    sys.exit(asyncio.run(run_cli_async(argv)))


@cli.command()
@click.option("--reset", is_flag=True, help="Delete the existing SQLite database first.")
def demo(reset: bool) -> None:
    """Load realistic demo data: priorities, consultations, contributions, staff."""
    from voice.db import apply_migrations
    from voice.demo import DEMO_PASSWORD, load_demo

    settings = load_settings()
    if reset and not settings.is_postgres:
        database = settings.database_url.removeprefix("sqlite://")  # the file Voice really uses
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    asyncio.run(apply_migrations(settings))
    summary = asyncio.run(_with_db(settings, load_demo))
    click.echo(summary)
    click.echo(f"Demo staff password (all accounts): {DEMO_PASSWORD}")


@cli.command("create-staff")
@click.option("--email", required=True, help="Their work email address; they sign in with it.")
@click.option("--name", "display_name", required=True, help="Name shown to colleagues.")
@click.option(
    "--role",
    required=True,
    type=click.Choice([role.value for role in Role]),
    help="What they may do.",
)
def create_staff(email: str, display_name: str, role: str) -> None:
    """Create a staff account. The password comes from VOICE_STAFF_PASSWORD or a prompt."""
    from voice.accounts.services import PasswordProblem
    from voice.accounts.services import create_staff as create
    from voice.audit.services import record

    password = os.environ.get("VOICE_STAFF_PASSWORD")
    if not password:
        password = click.prompt("Password (12 to 64 characters)", hide_input=True, confirmation_prompt=True)

    async def work() -> str:
        user = await create(email, display_name, Role(role), password)
        await record(
            "staff.created",
            actor_label="cli",
            object_type="staff_user",
            object_id=user.id,
            after={"email": user.email, "role": user.role.value},
        )
        return user.email

    try:
        created = _run(lambda settings: _with_db(settings, work))
    except PasswordProblem as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {role} account for {created}.")


@cli.command()
def routes() -> None:
    """List every URL, its methods and, for staff pages, the roles allowed."""
    from starlette.routing import Mount, Route

    from voice.app import all_routes

    for route in all_routes():
        if isinstance(route, Route):
            methods = ",".join(sorted((route.methods or set()) - {"HEAD"}))
            roles = getattr(route.endpoint, "voice_roles", None)
            allowed = ",".join(sorted(str(role) for role in roles)) if roles else "public"
            click.echo(f"{methods:<8} {route.path:<40} {allowed}")
        elif isinstance(route, Mount):
            click.echo(f"{'GET':<8} {route.path + '/...':<40} static files")


@cli.command()
def screen() -> None:
    """Screen JSON Lines from stdin for personal details and safeguarding concerns."""
    from voice.screening.cli import run as run_screen_cli

    sys.exit(run_screen_cli(sys.stdin, sys.stdout))


def _register_domain_commands() -> None:
    from voice.cases.commands import send_alerts
    from voice.retention.commands import purge

    cli.add_command(send_alerts)
    cli.add_command(purge)


_register_domain_commands()


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
