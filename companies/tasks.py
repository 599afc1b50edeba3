"""Celery tasks for companies: thin wrappers around services."""

from celery import shared_task

# The module, not its names: services queue this task, so each imports the other.
from companies import services


@shared_task(acks_late=True, time_limit=10 * 60)
def refresh_company_ratings(company_ids: list[int] | None = None) -> int:
    """Recompute rating summaries and industry ranks (all companies when ids are omitted)."""
    return services.company_ratings_refresh(company_ids=company_ids)
