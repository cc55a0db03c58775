from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state_apps import StateApps

# Triggers keep queue_tally exact: each contribution counts once in its all-time row
# (month '') and once in its month's row (UTC), added on insert, taken away on delete,
# moved on an update of any counted column. The existing rows are counted once here.

COLUMNS = "month, status, screening_rank, kind, language, consultation_key, event_key"

MONTH = {
    "sqlite": "strftime('%Y-%m', {row}.submitted_at)",
    "postgres": "to_char({row}.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM')",
}


def _upsert(dialect: str, row: str, delta: int) -> str:
    values = (
        f"{row}.status, {row}.screening_rank, {row}.kind, {row}.language, "
        f"COALESCE({row}.consultation_id, 0), COALESCE({row}.event_id, 0), {delta}"
    )
    month = MONTH[dialect].format(row=row)
    return (
        f"INSERT INTO queue_tally ({COLUMNS}, n) VALUES ('', {values}), ({month}, {values}) "
        f"ON CONFLICT ({COLUMNS}) DO UPDATE SET n = queue_tally.n + excluded.n;"
    )


COUNTED = ("status", "screening_rank", "kind", "language", "consultation_id", "event_id", "submitted_at")


def _sqlite_triggers() -> str:
    changed = " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in COUNTED)
    return f"""
CREATE TRIGGER contribution_tally_insert AFTER INSERT ON contribution
BEGIN {_upsert("sqlite", "NEW", 1)} END;
CREATE TRIGGER contribution_tally_delete AFTER DELETE ON contribution
BEGIN {_upsert("sqlite", "OLD", -1)} END;
CREATE TRIGGER contribution_tally_update AFTER UPDATE OF {", ".join(COUNTED)} ON contribution
WHEN {changed}
BEGIN {_upsert("sqlite", "OLD", -1)} {_upsert("sqlite", "NEW", 1)} END;
"""


def _postgres_triggers() -> str:
    old = ", ".join(f"OLD.{column}" for column in COUNTED)
    new = ", ".join(f"NEW.{column}" for column in COUNTED)
    return f"""
CREATE FUNCTION contribution_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN {_upsert("postgres", "OLD", -1)} END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN {_upsert("postgres", "NEW", 1)} END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER contribution_tally_insert_delete AFTER INSERT OR DELETE ON contribution
FOR EACH ROW EXECUTE FUNCTION contribution_tally();
CREATE TRIGGER contribution_tally_update AFTER UPDATE OF {", ".join(COUNTED)} ON contribution
FOR EACH ROW WHEN (({old}) IS DISTINCT FROM ({new})) EXECUTE FUNCTION contribution_tally();
"""


def _backfill(dialect: str) -> str:
    keys = "status, screening_rank, kind, language, COALESCE(consultation_id, 0), COALESCE(event_id, 0)"
    month = MONTH[dialect].format(row="contribution")
    return (
        f"INSERT INTO queue_tally ({COLUMNS}, n) SELECT '', {keys}, COUNT(*) FROM contribution "
        f"GROUP BY {keys};\n"
        f"INSERT INTO queue_tally ({COLUMNS}, n) SELECT {month}, {keys}, COUNT(*) FROM contribution "
        f"GROUP BY {month}, {keys};\n"
    )


async def install(apps: StateApps, schema_editor: BaseSchemaEditor) -> None:
    dialect = schema_editor.DIALECT
    triggers = _sqlite_triggers() if dialect == "sqlite" else _postgres_triggers()
    await schema_editor.client.execute_script(_backfill(dialect) + triggers)


async def uninstall(apps: StateApps, schema_editor: BaseSchemaEditor) -> None:
    if schema_editor.DIALECT == "sqlite":
        script = "".join(
            f"DROP TRIGGER IF EXISTS contribution_tally_{name};" for name in ("insert", "delete", "update")
        )
    else:
        script = (
            "DROP TRIGGER IF EXISTS contribution_tally_insert_delete ON contribution;"
            "DROP TRIGGER IF EXISTS contribution_tally_update ON contribution;"
            "DROP FUNCTION IF EXISTS contribution_tally();"
        )
    await schema_editor.client.execute_script(script + "DELETE FROM queue_tally;")



class Migration(migrations.Migration):
    dependencies = [('voice', '0003_moderation_and_areas')]

    initial = False

    operations = [
        ops.CreateModel(
            name='QueueTally',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('month', fields.CharField(max_length=7)),
                ('status', fields.CharField(max_length=12)),
                ('screening_rank', fields.SmallIntField()),
                ('kind', fields.CharField(max_length=20)),
                ('language', fields.CharField(max_length=8)),
                ('consultation_key', fields.IntField()),
                ('event_key', fields.IntField()),
                ('n', fields.IntField(default=0)),
            ],
            options={'table': 'queue_tally', 'app': 'voice', 'unique_together': (('month', 'status', 'screening_rank', 'kind', 'language', 'consultation_key', 'event_key'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.RemoveIndex(
            model_name='Contribution',
            name=None,
            fields=['status', 'screening_rank', 'kind', 'language', 'consultation_id', 'event_id', 'submitted_at'],
        ),
        ops.AddIndex(
            model_name='Contribution',
            index=Index(fields=['submitted_at', 'status', 'screening_rank', 'kind', 'language', 'consultation_id', 'event_id']),
        ),
        ops.RunPython(install, uninstall),
    ]
