from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

# A one-time key on the forms that add a takeover event or record a change ("You said, we
# did"): the same form sent twice adds one. Existing rows have none (NULL, never equal).


class Migration(migrations.Migration):
    dependencies = [('voice', '0007_received_at')]

    initial = False

    operations = [
        ops.AddField(
            model_name='InfluenceAction',
            name='form_key',
            field=fields.CharField(null=True, unique=True, max_length=64),
        ),
        ops.AddField(
            model_name='TakeoverEvent',
            name='form_key',
            field=fields.CharField(null=True, unique=True, max_length=64),
        ),
    ]
