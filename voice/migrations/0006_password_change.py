from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

# Staff can change their own password, and an admin can set a temporary one that must be
# changed at the next sign-in (must_change_password). password_changed_at is shown to admins.

class Migration(migrations.Migration):
    dependencies = [('voice', '0005_drafts_per_consultation')]

    initial = False

    operations = [
        ops.AddField(
            model_name='StaffUser',
            name='must_change_password',
            field=fields.BooleanField(default=False),
        ),
        ops.AddField(
            model_name='StaffUser',
            name='password_changed_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
