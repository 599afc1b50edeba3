"""Sources, runs and ingested postings now belong to ``ingest``, revisions to ``recruiters``."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ingest', '0001_initial'),
        ('listings', '0013_jobrevision_withdrawn'),
    ]

    operations = [
        # The tables stay as they are: only Django's picture of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='ingestedposting',
                    name='job',
                ),
                migrations.RemoveField(
                    model_name='ingestedposting',
                    name='source',
                ),
                migrations.RemoveField(
                    model_name='ingestrun',
                    name='source',
                ),
                migrations.RemoveField(
                    model_name='jobrevision',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='jobrevision',
                    name='job',
                ),
                migrations.RemoveField(
                    model_name='source',
                    name='company',
                ),
                migrations.AlterField(
                    model_name='job',
                    name='source',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='jobs', to='ingest.source'),
                ),
                migrations.DeleteModel(
                    name='JobInReview',
                ),
                migrations.DeleteModel(
                    name='IngestedPosting',
                ),
                migrations.DeleteModel(
                    name='IngestRun',
                ),
                migrations.DeleteModel(
                    name='JobRevision',
                ),
                migrations.DeleteModel(
                    name='Source',
                ),
            ],
        ),
    ]
