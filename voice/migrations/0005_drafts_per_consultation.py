from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state_apps import StateApps

# One journey draft per consultation for a visitor's cookie token (it was one per token,
# so starting a second consultation deleted the first one's answers). On SQLite,
# AlterField rebuilds the table and drops its other indexes; the expiry sweep's index on
# updated_at is made again here (a no-op on PostgreSQL, which keeps it).

UPDATED_AT_INDEX = 'CREATE INDEX IF NOT EXISTS "idx_journey_dra_updated_8205bc" ON "journey_draft" ("updated_at");'


async def keep_updated_at_index(apps: StateApps, schema_editor: BaseSchemaEditor) -> None:
    await schema_editor.client.execute_script(UPDATED_AT_INDEX)


async def nothing(apps: StateApps, schema_editor: BaseSchemaEditor) -> None:
    return None


class Migration(migrations.Migration):
    dependencies = [('voice', '0004_queue_tally')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='JourneyDraft',
            name='token_hash',
            field=fields.CharField(db_index=True, max_length=64),
        ),
        ops.AddConstraint(
            model_name='JourneyDraft',
            constraint=UniqueConstraint(fields=('token_hash', 'consultation'), name=None),
        ),
        ops.RunPython(keep_updated_at_index, nothing),
    ]
