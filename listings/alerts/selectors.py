"""Reads for alerts: whose alerts a page lists, which are due, and an alert's readable name."""

from datetime import datetime, timedelta

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from listings.alerts.models import Alert
from listings.models import Job

# The beat task runs hourly; an alert is due a little before its full period has passed, so
# a digest that went out a few minutes late yesterday is not pushed to the next hour today.
DUE_SLACK = timedelta(minutes=30)


def alerts_due(*, now: datetime) -> QuerySet[Alert]:
    """Active alerts whose period has passed since their last digest run."""
    due = Q()
    for frequency, days in ((Alert.Frequency.DAILY, 1), (Alert.Frequency.WEEKLY, 7)):
        due |= Q(frequency=frequency, watermark__lte=now - timedelta(days=days) + DUE_SLACK)
    return Alert.objects.filter(due, status=Alert.Status.ACTIVE)


def alerts_of_address(*, email: str) -> QuerySet[Alert]:
    """The alerts a manage link for ``email`` may change, newest first."""
    return Alert.objects.filter(email=email.lower()).exclude(status=Alert.Status.UNSUBSCRIBED)


def alerts_of_user(*, user) -> QuerySet[Alert]:
    """The alerts the account made, newest first; nobody else's."""
    return Alert.objects.filter(user=user).exclude(status=Alert.Status.UNSUBSCRIBED)


def alert_params(search) -> dict:
    """What an alert keeps of a SearchRequest: its canonical parameters but the sort, which
    changes the order of a page and not which jobs match (digests list the newest first)."""
    return {name: value for name, value in search.canonical_params().items() if name != "sort"}


def alert_name(*, params: dict, company_name: str = "") -> str:
    """ "Registered Nurse jobs in California (Remote, Full-time, $80,000+)": what the search
    asks for, in the words of the page's heading."""
    title = " ".join(word[:1].upper() + word[1:] for word in params.get("q", "").split())
    what = f"{title} jobs" if title else "Jobs"
    place = params.get("l", "")
    if place.lower() == "remote":
        name = f"Remote {what.lower() if not title else what}"
    elif params.get("radius", "0") != "0":  # kept only when it is not the default
        name = f"{what} within {params['radius']} miles of {place}"
    else:
        name = f"{what} in {place}" if place else what
    labels = {**dict(Job.WorkplaceType.choices), **dict(Job.EmploymentType.choices)}
    details = [labels.get(value, value) for value in params.get("workplace_type", [])]
    details += [labels.get(value, value) for value in params.get("employment_type", [])]
    if params.get("salary_min"):
        details.append(f"${intcomma(params['salary_min'])}+")
    if params.get("company"):
        details.append(f"at {company_name or params['company']}")
    if params.get("posted_within"):
        details.append(f"posted within {params['posted_within']} days")
    return f"{name} ({', '.join(details)})" if details else name


def alert_search_path(*, alert: Alert) -> str:
    """The alert's search on the site, newest first: where "and N more" leads."""
    query = urlencode({**alert.params, "sort": "date"}, doseq=True)
    return f"{reverse('listings:search')}?{query}"
