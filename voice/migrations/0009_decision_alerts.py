from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

# When the safeguarding leads were emailed that a case had no decision by the end of the
# first working day after it arrived (once per case). Existing cases have none.


class Migration(migrations.Migration):
    dependencies = [('voice', '0008_form_keys')]

    initial = False

    operations = [
        ops.AddField(
            model_name='SafeguardingCase',
            name='decision_alert_sent_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
