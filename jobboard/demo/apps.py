from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run`: a tool, never imported by the product."""

    name = "jobboard.demo"
    label = "demo"
