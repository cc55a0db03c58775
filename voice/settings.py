"""Configuration from environment variables prefixed ``VOICE_``.

Every setting is declared once in :data:`SETTINGS` with its default and its
documentation; ``tests/unit/test_docs.py`` fails if README.md does not list one.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class SettingSpec:
    """One environment variable: its name, parser, default and description."""

    name: str
    parse: Callable[[str], Any]
    default: str | None
    help: str


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a true/false value: {value!r}")


def _locales(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0 or number == float("inf"):
        raise ValueError(f"not a number above 0: {value!r}")
    return number


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "VOICE_DATABASE_URL",
        str,
        None,
        "Database URL. Default: an SQLite file `var/voice.sqlite3`. "
        "`postgres://user@host:5432/name` uses PostgreSQL through asyncpg.",
    ),
    SettingSpec(
        "VOICE_SECRET_KEY",
        str,
        None,
        "Secret for signing tokens and hashing rate-limit keys. Default: a random key "
        "made once and kept in `var/secret_key`. Set it in production.",
    ),
    SettingSpec("VOICE_VAR_DIR", Path, "var", "Folder for the SQLite file and the generated secret."),
    SettingSpec("VOICE_DEBUG", _bool, "false", "Show tracebacks on errors. Never in production."),
    SettingSpec(
        "VOICE_HTTPS",
        _bool,
        "false",
        "Set when Voice is served over HTTPS: cookies get `Secure`, and the form (CSRF) and staff "
        "session cookies the `__Host-` prefix.",
    ),
    SettingSpec("VOICE_DB_POOL_MIN", int, "2", "PostgreSQL: smallest connection pool size."),
    SettingSpec("VOICE_DB_POOL_MAX", int, "20", "PostgreSQL: largest connection pool size."),
    SettingSpec(
        "VOICE_EXIT_URL",
        str,
        "https://www.bbc.co.uk/weather",
        "Neutral site that Exit this page sends people to.",
    ),
    SettingSpec(
        "VOICE_LOCALES",
        _locales,
        "en,ur,pl,ar,ro",
        "Languages offered, comma separated; the first is the default.",
    ),
    SettingSpec(
        "VOICE_SESSION_IDLE_MINUTES",
        _positive_float,
        "30",
        "Staff are signed out after this many idle minutes (a fraction such as `0.5` is allowed). "
        "With JavaScript, staff pages warn before then and offer to stay signed in.",
    ),
    SettingSpec(
        "VOICE_SESSION_MAX_HOURS",
        _positive_float,
        "12",
        "Staff are signed out this many hours after signing in, however active (a fraction is "
        "allowed). With JavaScript, staff pages warn before then; this limit cannot be extended.",
    ),
    SettingSpec(
        "VOICE_SIGNIN_MAX_FAILURES",
        int,
        "5",
        "Failed sign-ins allowed for one account from one network address in the window before "
        "that account answers 429 at that address for a while (other people there, and this "
        "person elsewhere, can still sign in). Also the limit on wrong current passwords in "
        "Change your password, per account.",
    ),
    SettingSpec(
        "VOICE_SIGNIN_MAX_FAILURES_PER_ADDRESS",
        int,
        "50",
        "Failed sign-ins allowed from one network address across all accounts in the window, "
        "against password spraying; high, so an office or school sharing one address is not "
        "locked out by a few typos. 0 turns this limit off.",
    ),
    SettingSpec(
        "VOICE_SIGNIN_MAX_FAILURES_PER_ACCOUNT",
        int,
        "20",
        "Failed sign-ins allowed for one account from all addresses together in the window, "
        "against guessing from many places. Anyone who knows the email address can use it to "
        "keep that account out for a while (see Security and privacy). 0 turns this limit off.",
    ),
    SettingSpec(
        "VOICE_SIGNIN_WINDOW_SECONDS",
        int,
        "900",
        "Length of the sign-in failure window, in seconds. Nothing is locked for good.",
    ),
    SettingSpec(
        "VOICE_MIN_SECONDS_TO_SEND",
        int,
        "3",
        "Answers sent sooner than this many seconds after starting are treated as a bot's "
        "(the visitor sees the usual confirmation; nothing is stored). 0 turns the check off.",
    ),
    SettingSpec(
        "VOICE_CASE_ACK_HOURS",
        float,
        "4",
        "A safeguarding case at level `concern` not acknowledged within this many hours is overdue.",
    ),
    SettingSpec(
        "VOICE_CASE_ACK_HOURS_URGENT",
        float,
        "1",
        "A safeguarding case at level `urgent` not acknowledged within this many hours is overdue.",
    ),
    SettingSpec(
        "VOICE_SMTP_HOST",
        str,
        "",
        "SMTP server for overdue-case emails to safeguarding leads. Empty: no email is sent "
        "(overdue cases still show on the staff home page).",
    ),
    SettingSpec("VOICE_SMTP_PORT", int, "25", "SMTP server port."),
    SettingSpec("VOICE_SMTP_USERNAME", str, "", "SMTP user name, if the server needs one."),
    SettingSpec("VOICE_SMTP_PASSWORD", str, "", "SMTP password, if the server needs one."),
    SettingSpec("VOICE_SMTP_STARTTLS", _bool, "false", "Use STARTTLS with the SMTP server."),
    SettingSpec("VOICE_MAIL_FROM", str, "voice@localhost", "From address of emails Voice sends."),
    SettingSpec(
        "VOICE_BASE_URL",
        str,
        "http://127.0.0.1:8000",
        "Public address of this Voice, used for links in emails.",
    ),
    SettingSpec(
        "VOICE_RETENTION_DAYS",
        int,
        "365",
        "Days after a decision (approved or rejected) when `voice purge` deletes a contribution's "
        "original words and keeps only the redacted version.",
    ),
    SettingSpec(
        "VOICE_CASE_RETENTION_DAYS",
        int,
        "2555",
        "Days after a safeguarding case is closed when `voice purge` deletes its record "
        "(the verbatim original and contact details with it).",
    ),
)


@dataclass(frozen=True)
class Settings:
    """Resolved configuration. Build it with :func:`load_settings`."""

    database_url: str
    secret_key: str
    var_dir: Path
    debug: bool = False
    https: bool = False
    db_pool_min: int = 2
    db_pool_max: int = 20
    exit_url: str = "https://www.bbc.co.uk/weather"
    locales: tuple[str, ...] = ("en", "ur", "pl", "ar", "ro")
    session_idle_minutes: float = 30.0
    session_max_hours: float = 12.0
    signin_max_failures: int = 5
    signin_max_failures_per_address: int = 50
    signin_max_failures_per_account: int = 20
    signin_window_seconds: int = 900
    min_seconds_to_send: int = 3
    case_ack_hours: float = 4.0
    case_ack_hours_urgent: float = 1.0
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    mail_from: str = "voice@localhost"
    base_url: str = "http://127.0.0.1:8000"
    retention_days: int = 365
    case_retention_days: int = 2555
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def default_locale(self) -> str:
        return self.locales[0]

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://", "asyncpg://"))


def _attr_name(env_name: str) -> str:
    return env_name.removeprefix("VOICE_").lower()


def _secret_from_var(var_dir: Path) -> str:
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read settings from ``environ`` (default ``os.environ``)."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for spec in SETTINGS:
        raw = env.get(spec.name, spec.default)
        if raw is None:
            continue
        try:
            values[_attr_name(spec.name)] = spec.parse(raw)
        except ValueError as exc:
            raise ValueError(f"{spec.name}: {exc}") from exc
    var_dir = Path(values.pop("var_dir"))
    if not var_dir.is_absolute():
        var_dir = Path.cwd() / var_dir
    database_url = values.pop("database_url", None) or sqlite_url(var_dir / "voice.sqlite3")
    secret_key = values.pop("secret_key", None) or _secret_from_var(var_dir)
    return Settings(database_url=database_url, secret_key=secret_key, var_dir=var_dir, **values)


def sqlite_url(path: Path) -> str:
    return f"sqlite://{path}"
