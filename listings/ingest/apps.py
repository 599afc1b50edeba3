from django.apps import AppConfig


class IngestConfig(AppConfig):
    """Postings from outside sources: feeds, career pages and files, on a schedule."""

    name = "listings.ingest"
    label = "ingest"
    default_auto_field = "django.db.models.BigAutoField"
