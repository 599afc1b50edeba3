"""``{% job_cards jobs near=near as cards %}``: each result card's text, worked out once in
Python so that the card template only prints it.

Django's template language spends microseconds on every variable, filter and number it renders
(a number is localised: about 10 µs), and a card had forty of them: half a millisecond a card,
a third of a search page's Python. The card template (``listings/_job_card.html``) reads a
``Card``, every field of which is text already.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString

from listings.models import Job
from listings.templatetags.jobs import miles_away, place_summary, posted_ago
from salaries.display import format_pay_range

register = template.Library()


@dataclass(frozen=True)
class Card:
    job: Job  # for what one page adds around its cards (the saved page's "closed")
    pk: int  # for the save button's saved_job_ids test
    job_id: str
    url: str
    save_url: str
    title: str
    company: str
    rating: str  # "7.9"; "" while the company has no approved rating
    rating_title: str  # "Rated 7.9 out of 10 by 12 employees"
    where: str  # "Sunnyvale, CA", "Remote", "Austin, TX +2 more"
    workplace: str  # "Hybrid"; "" when ``where`` already says Remote
    distance: str  # "8 mi away"; "" when no point was searched
    pay: str  # "$133.60K - $160.50K/yr"; "" when the posting states none
    employment: str
    posted: str
    snippet: SafeString
    featured: bool


@register.simple_tag
def job_cards(jobs, near: str = "") -> list[Card]:
    """The cards of ``jobs`` (loaded by ``JobQuerySet.for_cards``); ``near`` is the point a
    search was made around ("95112"), which the job links carry to the job page."""
    link_suffix = f"?near={quote(near, safe='/')}" if near else ""
    return [_card(job, link_suffix) for job in jobs]


@register.simple_tag
def job_card(job: Job) -> Card:
    """One job's card, for the save button of its own page."""
    return _card(job, "")


def _card(job: Job, link_suffix: str) -> Card:
    rating = job.company.rating
    where = place_summary(job)
    return Card(
        job=job,
        pk=job.pk,
        job_id=str(job.pk),
        url=job.get_absolute_url() + link_suffix,
        save_url=reverse("saved:toggle", args=[job.pk]),
        title=job.title,
        company=job.company.name,
        rating=str(rating.score) if rating else "",
        rating_title=_rating_title(rating) if rating else "",
        where=where,
        workplace="" if where == "Remote" else job.get_workplace_type_display(),
        distance=miles_away(getattr(job, "distance_miles", None)),
        pay=format_pay_range(job.pay_min, job.pay_max, job.pay_currency, job.pay_period),
        employment=job.get_employment_type_display(),
        posted=posted_ago(job.posted_at),
        snippet=getattr(job, "snippet", ""),
        featured=job.featured,
    )


def _rating_title(rating) -> str:
    employees = "employee" if rating.count == 1 else "employees"
    return f"Rated {rating.score} out of 10 by {rating.count} {employees}"
