"""Celery tasks for companies: thin wrappers that the services queue after commit."""

from celery import shared_task

from companies.aggregates import company_ratings_refresh


@shared_task(acks_late=True, time_limit=10 * 60)
def refresh_company_ratings(company_ids: list[int] | None = None) -> int:
    """Recompute rating summaries and industry ranks (all companies when ids are omitted)."""
    return company_ratings_refresh(company_ids=company_ids)
