"""Celery tasks for salaries: thin wrappers around services, safe to retry."""

from celery import shared_task

from salaries.models import Occupation
from salaries.services import jobs_assign_occupations, salary_aggregates_refresh


@shared_task(acks_late=True, ignore_result=True, time_limit=30 * 60)
def refresh_salary_aggregates(occupation_id: int | None = None) -> int:
    """Recompute today's salary aggregates, for every occupation or only one; rows written.

    The scheduled (hourly) run first re-maps titles, so new jobs and new aliases count.
    """
    if occupation_id is None:
        jobs_assign_occupations()
        return salary_aggregates_refresh()
    occupation = Occupation.objects.filter(pk=occupation_id).first()
    return salary_aggregates_refresh(occupation=occupation) if occupation else 0
