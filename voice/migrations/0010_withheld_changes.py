from tortoise import fields, migrations
from tortoise.migrations import operations as ops

# A change whose "You said" or "We did" repeats a personal detail hidden from the words it rests
# on is left off the report. Retention deletes those words in time, and with them the means to
# compare; these marks, set at that moment, keep the change's words off the report for good.


class Migration(migrations.Migration):
    dependencies = [("voice", "0009_decision_alerts")]

    initial = False

    operations = [
        ops.AddField(
            model_name="InfluenceAction",
            name="you_said_withheld",
            field=fields.BooleanField(default=False),
        ),
        ops.AddField(
            model_name="InfluenceAction",
            name="we_did_withheld",
            field=fields.BooleanField(default=False),
        ),
    ]
