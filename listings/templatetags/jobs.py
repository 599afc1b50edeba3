from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def posted_ago(posted_at) -> str:
    """ "Posted today", "Posted 1 day ago", "Posted 12 days ago", "Posted 30+ days ago"."""
    age = days_ago(posted_at)
    return f"Posted {age}" if age else ""


@register.filter
def days_ago(posted_at) -> str:
    """ "today", "1 day ago", "12 days ago", "30+ days ago": for a place already labelled Posted."""
    if posted_at is None:
        return ""
    days = (timezone.now() - posted_at).days
    if days <= 0:
        return "today"
    if days == 1:
        return "1 day ago"
    if days > 30:
        return "30+ days ago"
    return f"{days} days ago"


@register.filter
def place_summary(job) -> str:
    """Where the job is: "Sunnyvale, CA", "Remote", or "Austin, TX +2 more"."""
    places = [place for place in job.place_list if place.kind != "remote"]
    if not places:
        return "Remote" if job.workplace_type == "remote" else "Location not stated"
    first = places[0].display_name
    return f"{first} +{len(places) - 1} more" if len(places) > 1 else first


@register.filter
def miles_away(miles) -> str:
    """ "8 mi away", "Under 1 mi away"; nothing when no point was searched (None, or missing)."""
    if miles is None or miles == "":
        return ""
    return "Under 1 mi away" if miles < 0.5 else f"{round(miles):,} mi away"
