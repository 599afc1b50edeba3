"""``saved_job_ids`` on every page, for the Save buttons of the cards and the header's count."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from listings.saved.selectors import saved_job_ids as select_saved_job_ids


def saved_job_ids(request: HttpRequest) -> dict:
    """The visitor's saved job ids, read on first use: one query a page at most, none unused."""
    user, session = getattr(request, "user", None), getattr(request, "session", None)
    if user is None or session is None:
        return {"saved_job_ids": frozenset()}
    return {
        "saved_job_ids": SimpleLazyObject(lambda: select_saved_job_ids(user=user, session=session))
    }
