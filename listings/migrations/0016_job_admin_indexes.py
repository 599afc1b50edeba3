"""Indexes for the job admin at a million jobs: the search and heading vectors of the rows the
live partial indexes leave out (admin search covers every status), the list's order with ids
(deep pages), and external ids.
"""

import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('listings', '0015_job_published_at'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='job',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('duplicate_of__isnull', False), _connector='OR'), fields=['search_vector'], name='job_search_not_live'),
        ),
        migrations.AddIndex(
            model_name='job',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('duplicate_of__isnull', False), _connector='OR'), fields=['heading_vector'], name='job_heading_not_live'),
        ),
        migrations.AddIndex(
            model_name='job',
            index=models.Index(fields=['posted_at', 'id'], name='job_posted_id'),
        ),
        migrations.AddIndex(
            model_name='job',
            index=models.Index(condition=models.Q(('external_id', ''), _negated=True), fields=['external_id'], name='job_external_id'),
        ),
    ]
