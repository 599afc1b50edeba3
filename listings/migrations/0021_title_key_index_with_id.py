"""The exact tier's index gains the page's tie-break (``-id``), so a page of that tier is read
in order from the index alone, with no incremental sort on top of it.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("listings", "0020_title_key")]

    operations = [
        migrations.RemoveIndex(model_name="job", name="job_title_key_posted_live"),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                condition=models.Q(("duplicate_of__isnull", True), ("status", "published")),
                fields=["title_key", "-posted_at", "-id"],
                name="job_title_key_posted_live",
            ),
        ),
    ]
