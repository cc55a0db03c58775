from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state_apps import StateApps

# When the safeguarding leads were emailed that a case had no decision by the end of the
# first working day after it arrived (once per case).
#
# Existing cases whose decision was already overdue when this runs are marked as if emailed
# (at the moment they arrived, so the mark is plainly not a real send): their leads already
# see "Decision overdue" in the app, and emailing about every old case at once, the minute
# after an upgrade, would bury the ones that matter. Cases not yet due are emailed as usual.

OVERDUE = "SELECT id, opened_at FROM safeguarding_case WHERE decision IS NULL AND status <> 'closed'"


def _moment(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _decide_by(opened_at: datetime) -> datetime:
    """voice.cases.services.decide_by as it was when this migration was written (kept here, so
    a later change there cannot change what this migration did): the end of the first working
    day, UK time, after the day the case arrived."""
    uk = ZoneInfo("Europe/London")
    day = opened_at.astimezone(uk).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day + timedelta(days=1), time.min, uk).astimezone(UTC)


async def mark_old_overdue(apps: StateApps, schema_editor: BaseSchemaEditor) -> None:
    client = schema_editor.client
    now = datetime.now(UTC)
    rows = await client.execute_query_dict(OVERDUE)
    late = [int(row["id"]) for row in rows if _decide_by(_moment(row["opened_at"])) <= now]
    if late:
        ids = ", ".join(str(ident) for ident in late)
        await client.execute_script(
            f"UPDATE safeguarding_case SET decision_alert_sent_at = opened_at WHERE id IN ({ids})"
        )


async def nothing(apps: StateApps, schema_editor: BaseSchemaEditor) -> None:
    return None


class Migration(migrations.Migration):
    dependencies = [('voice', '0008_form_keys')]

    initial = False

    operations = [
        ops.AddField(
            model_name='SafeguardingCase',
            name='decision_alert_sent_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.RunPython(mark_old_overdue, nothing),
    ]
