from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state_apps import StateApps

# When Voice received a contribution's words (received_at), kept apart from when they were
# said (submitted_at): takeover comments are dated the event day but typed up later, and when
# an event's date is corrected its comments move to the new day, never to after they were
# received. Existing rows: a takeover comment was received when intake logged it
# (contribution.received in the audit log); anything else when it was sent.
# received_at is not a column the queue tally counts, so its triggers do not fire here.

BACKFILL = """
UPDATE contribution SET received_at = (
    SELECT MIN(audit_event.at) FROM audit_event
    WHERE audit_event.object_type = 'contribution'
      AND audit_event.object_id = CAST(contribution.id AS TEXT)
      AND audit_event.action = 'contribution.received'
      AND audit_event.at > contribution.submitted_at
) WHERE kind = 'takeover';
UPDATE contribution SET received_at = submitted_at WHERE received_at IS NULL;
"""


async def backfill(apps: StateApps, schema_editor: BaseSchemaEditor) -> None:
    await schema_editor.client.execute_script(BACKFILL)


async def nothing(apps: StateApps, schema_editor: BaseSchemaEditor) -> None:
    return None


class Migration(migrations.Migration):
    dependencies = [('voice', '0006_password_change')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Contribution',
            name='received_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.RunPython(backfill, nothing),
    ]
