from django.apps import AppConfig


class SavedConfig(AppConfig):
    """Saved jobs: the shortlist a job seeker comes back to, with or without an account."""

    name = "listings.saved"
    label = "saved"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from listings.saved import receivers  # noqa: F401  (connects the log-in hook)
