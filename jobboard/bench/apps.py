from django.apps import AppConfig


class BenchConfig(AppConfig):
    """`make bench`: timings on a large database, a tool never imported by the product."""

    name = "jobboard.bench"
    label = "bench"
