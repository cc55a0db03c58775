from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from voice.feedback.models import ScreeningLevel
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('voice', '0002_journey')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Area',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=40)),
                ('name', fields.CharField(max_length=80)),
                ('position', fields.IntField(default=0)),
                ('active', fields.BooleanField(default=True)),
            ],
            options={'table': 'area', 'app': 'voice', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddIndex(
            model_name='Answer',
            index=Index(fields=['contribution_id']),
        ),
        ops.AddIndex(
            model_name='AuditEvent',
            index=Index(fields=['object_type', 'object_id']),
        ),
        ops.AlterField(
            model_name='Contribution',
            name='screening_level',
            field=fields.CharEnumField(default=ScreeningLevel.NONE, description='NONE: none\nCONCERN: concern\nURGENT: urgent', enum_type=ScreeningLevel, max_length=8),
        ),
        ops.AddField(
            model_name='Contribution',
            name='decided_at',
            field=fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Contribution',
            name='decided_by',
            field=fields.ForeignKeyField('voice.StaffUser', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        ops.AddField(
            model_name='Contribution',
            name='rejection_note',
            field=fields.TextField(default='', unique=False),
        ),
        ops.AddField(
            model_name='Contribution',
            name='rejection_reason',
            field=fields.CharField(default='', max_length=16),
        ),
        ops.AddField(
            model_name='Contribution',
            name='screening_rank',
            field=fields.SmallIntField(default=2),
        ),
        ops.AddIndex(
            model_name='Contribution',
            index=Index(fields=['status', 'screening_rank', 'submitted_at']),
        ),
        ops.AddIndex(
            model_name='Contribution',
            index=Index(fields=['screening_rank', 'submitted_at']),
        ),
        ops.AddIndex(
            model_name='Contribution',
            index=Index(fields=['status', 'screening_rank', 'kind', 'language', 'consultation_id', 'event_id', 'submitted_at']),
        ),
        ops.AddIndex(
            model_name='Contribution',
            index=Index(fields=['consultation_id', 'status', 'screening_rank', 'submitted_at']),
        ),
        ops.AddIndex(
            model_name='Contribution',
            index=Index(fields=['event_id', 'status', 'screening_rank', 'submitted_at']),
        ),
        ops.AddIndex(
            model_name='ModeratorNote',
            index=Index(fields=['contribution_id']),
        ),
        ops.AddIndex(
            model_name='PriorityLink',
            index=Index(fields=['contribution_id']),
        ),
        ops.AddIndex(
            model_name='PriorityLink',
            index=Index(fields=['theme_id']),
        ),
        ops.AddIndex(
            model_name='Redaction',
            index=Index(fields=['answer_id']),
        ),
        ops.AddIndex(
            model_name='SafeguardingCase',
            index=Index(fields=['contribution_id']),
        ),
        ops.AddIndex(
            model_name='SafeguardingCase',
            index=Index(fields=['status', 'opened_at']),
        ),
        ops.RunSQL(
            "UPDATE contribution SET screening_rank = CASE screening_level "
            "WHEN 'urgent' THEN 0 WHEN 'concern' THEN 1 ELSE 2 END",
            reverse_sql="SELECT 1",
        ),
    ]
