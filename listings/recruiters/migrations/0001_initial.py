"""The recruiter models move here from ``listings`` and ``companies``, keeping their tables."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED = {"listings": ["jobrevision", "jobinreview"], "companies": ["membership", "verifiedemail"]}


def content_types_to_recruiters(apps, schema_editor):
    """Permissions and admin history hang on content types: move them with the models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, models in MOVED.items():
        ContentType.objects.filter(app_label=app_label, model__in=models).update(
            app_label="recruiters"
        )


def content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, models in MOVED.items():
        ContentType.objects.filter(app_label="recruiters", model__in=models).update(
            app_label=app_label
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('companies', '0007_memberships_move_to_recruiters'),
        ('listings', '0014_ingest_and_recruiter_models_move_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables stay as they are: only Django's picture of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='JobInReview',
                    fields=[
                    ],
                    options={
                        'verbose_name': 'job in review',
                        'verbose_name_plural': 'review queue',
                        'proxy': True,
                        'indexes': [],
                        'constraints': [],
                    },
                    bases=('listings.job',),
                ),
                migrations.CreateModel(
                    name='VerifiedEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(help_text='The address the link went to', max_length=254)),
                        ('verified_at', models.DateTimeField()),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='verified_email', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'companies_verifiedemail',
                    },
                ),
                migrations.CreateModel(
                    name='JobRevision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('fields', models.JSONField(help_text='The edited fields, as the form cleaned them')),
                        ('status', models.CharField(choices=[('pending', 'Pending review'), ('applied', 'Approved and applied'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn: the job left the board first')], default='pending', max_length=10)),
                        ('reason', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('job', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='listings.job')),
                    ],
                    options={
                        'db_table': 'listings_jobrevision',
                        'ordering': ['-created_at'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('job',), name='jobrevision_one_pending_per_job')],
                    },
                ),
                migrations.CreateModel(
                    name='Membership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('pending', 'Waiting for approval'), ('approved', 'Approved'), ('refused', 'Refused')], default='pending', max_length=8)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('company', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='companies.company')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='membership', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'companies_membership',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['company', 'status'], name='membership_company_status')],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_to_recruiters, content_types_back),
    ]
