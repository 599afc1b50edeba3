"""Memberships and verified emails now belong to ``recruiters``; their tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('companies', '0006_company_slugs_never_empty'),
    ]

    operations = [
        # The tables stay as they are: only Django's picture of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='verifiedemail',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='Membership',
                ),
                migrations.DeleteModel(
                    name='VerifiedEmail',
                ),
            ],
        ),
    ]
