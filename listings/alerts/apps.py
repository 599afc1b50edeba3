from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Job alerts: saved searches mailed as digests of the jobs that are new to them."""

    name = "listings.alerts"
    label = "alerts"
    default_auto_field = "django.db.models.BigAutoField"
