"""The ingestion models move here from ``listings``, keeping their tables (no row moves)."""

import django.db.models.deletion
import django.utils.timezone
import listings.ingest.models
from django.db import migrations, models


MOVED = ["source", "ingestrun", "ingestedposting"]


def content_types_to_ingest(apps, schema_editor):
    """Permissions and admin history hang on content types: move them with the models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="listings", model__in=MOVED).update(app_label="ingest")


def content_types_to_listings(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="ingest", model__in=MOVED).update(app_label="listings")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('companies', '0007_memberships_move_to_recruiters'),
        ('listings', '0013_jobrevision_withdrawn'),
    ]

    operations = [
        # The tables stay as they are: only Django's picture of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Source',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200)),
                        ('kind', models.CharField(choices=[('demo', 'Demo data'), ('greenhouse', 'Greenhouse job board'), ('lever', 'Lever postings'), ('ashby', 'Ashby job board'), ('jsonld', 'Career page with JobPosting JSON-LD'), ('rss', 'RSS/Atom feed'), ('file', 'CSV/JSON file')], max_length=12)),
                        ('address', models.CharField(blank=True, help_text='Greenhouse board token, Lever company slug, Ashby board name, or the http(s) address of the board, career page or feed', max_length=1000)),
                        ('upload', models.FileField(blank=True, help_text='For CSV/JSON file sources: the file to import', storage=listings.ingest.models.ingest_upload_storage, upload_to='%Y/%m/')),
                        ('enabled', models.BooleanField(default=True)),
                        ('schedule', models.CharField(choices=[('hourly', 'Every hour'), ('6h', 'Every 6 hours'), ('daily', 'Every day'), ('weekly', 'Every week'), ('manual', 'Only when run by hand')], default='daily', max_length=8)),
                        ('feed_is_complete', models.BooleanField(default=True, help_text='The feed lists every open posting, so postings it stops listing are expired')),
                        ('next_run_at', models.DateTimeField(blank=True, help_text='When the schedule runs it next; empty means now', null=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('company', models.ForeignKey(blank=True, help_text='Leave empty when the feed names the company of each posting', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='sources', to='companies.company')),
                    ],
                    options={
                        'db_table': 'listings_source',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='IngestRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('running', 'Running'), ('succeeded', 'Succeeded'), ('failed', 'Failed'), ('skipped', 'Skipped (another run was in progress)')], default='running', max_length=10)),
                        ('trigger', models.CharField(blank=True, help_text='schedule, admin, command', max_length=20)),
                        ('url', models.CharField(blank=True, help_text='What was fetched or read', max_length=1000)),
                        ('started_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('fetched', models.PositiveIntegerField(default=0)),
                        ('created', models.PositiveIntegerField(default=0)),
                        ('updated', models.PositiveIntegerField(default=0)),
                        ('unchanged', models.PositiveIntegerField(default=0)),
                        ('expired', models.PositiveIntegerField(default=0)),
                        ('rejected', models.PositiveIntegerField(default=0)),
                        ('rejections', models.JSONField(blank=True, default=list, help_text='Each rejected record: external id, title, reason')),
                        ('pay_dropped', models.JSONField(blank=True, default=list, help_text='Postings that went in without their implausible pay: external id, title, reason')),
                        ('error', models.TextField(blank=True)),
                        ('expiry_held', models.BooleanField(default=False, help_text='The feed shrank sharply, so postings it stopped listing wait for an admin')),
                        ('expiry_confirmed_at', models.DateTimeField(blank=True, null=True)),
                        ('payload', models.BinaryField(blank=True, help_text='gzip', null=True)),
                        ('payload_size', models.PositiveIntegerField(default=0, help_text='Bytes before compression')),
                        ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='runs', to='ingest.source')),
                    ],
                    options={
                        'db_table': 'listings_ingestrun',
                        'ordering': ['-started_at', '-id'],
                        'indexes': [models.Index(fields=['source', '-started_at'], name='ingestrun_source_started')],
                    },
                ),
                migrations.CreateModel(
                    name='IngestedPosting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('external_id', models.CharField(max_length=255)),
                        ('content_hash', models.CharField(blank=True, help_text='Of the raw record; empty forces the next rewrite', max_length=40)),
                        ('location_text', models.CharField(blank=True, help_text='Locations as the feed wrote them', max_length=500)),
                        ('job', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='ingested', to='listings.job')),
                        ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='postings', to='ingest.source')),
                    ],
                    options={
                        'db_table': 'listings_ingestedposting',
                        'constraints': [models.UniqueConstraint(fields=('source', 'external_id'), name='ingestedposting_unique_per_source')],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_to_ingest, content_types_to_listings),
    ]
