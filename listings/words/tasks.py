"""Celery tasks: thin wrappers around a service."""

from celery import shared_task

from listings.words.services import title_words_refresh


@shared_task
def refresh_title_words() -> int:
    """Recount the words of searchable titles (hourly); how many words there are."""
    return title_words_refresh()
