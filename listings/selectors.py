"""Reads for the job pages that are not search itself."""

from collections import Counter, defaultdict

from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.cache import cache
from django.db.models import Case, F, Func, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.text import slugify

from listings.models import Job, Place
from listings.search import heading_query

SIMILAR_JOBS = 6
RECENT_JOBS = 8
POPULAR_CACHE_SECONDS = 60 * 60
# Statuses whose jobs are their recruiter's business: the public never sees them.
NEVER_PUBLIC = (Job.Status.DRAFT, Job.Status.PENDING, Job.Status.REJECTED)
# Every other status: open jobs, and closed or expired ones, whose pages stay readable.
EVER_PUBLIC = tuple(status for status in Job.Status if status not in NEVER_PUBLIC)
# A typed prefix this short matches too much to be worth suggesting.
SUGGEST_MIN_LENGTH = 2


def job_for_detail(*, pk: int) -> Job:
    """Any job by id, whatever its status: closed and expired jobs stay readable."""
    return (
        Job.objects.select_related("company__industry", "company__rating_summary", "duplicate_of")
        .prefetch_related("places__parent__parent")
        .get(pk=pk)
    )


def job_public(*, pk: int) -> Job:
    """A job the public may read: published, closed or expired (closed and expired jobs stay
    readable); raises ``Job.DoesNotExist`` for drafts, pending and rejected jobs too."""
    job = job_for_detail(pk=pk)
    if job.status in NEVER_PUBLIC:
        raise Job.DoesNotExist(f"Job {pk} is not public.")
    return job


class SuggestKey(Func):
    """Text as suggestions compare it: lower case, no accents (``jobboard_suggest_key``,
    listings migration 0017, whose trigram indexes these lookups read)."""

    function = "jobboard_suggest_key"
    output_field = TextField()


def suggest_typed(q: str) -> str:
    """What was typed, as suggestions read it: spaces collapsed, at most 60 characters; empty
    when it is too short to be worth suggesting for."""
    q = " ".join(q.split())[:60]
    return q if len(q) >= SUGGEST_MIN_LENGTH else ""


def suggest_word_start(key: str, typed: Func) -> Q:
    """``key`` has a word starting with ``typed`` (not its first: ``key__startswith`` is that)."""
    return Q(**{f"{key}__contains": Concat(Value(" "), typed)})


def places_matching(*, q: str, limit: int = 10) -> list[Place]:
    """Places whose name starts with ``q`` (case and accents aside), then places with a later
    word starting with it ("jose" finds San Jose), biggest first; "San Jose, CA" narrows to the
    state. When none matches, the closest names by trigram word similarity, so a typo
    ("Califrnia") still finds its place. Both read the trigram index of the names (migration
    0017), never the jobs."""
    name, _, state = suggest_typed(q).partition(",")
    name, state = name.strip(), state.strip()
    if len(name) < SUGGEST_MIN_LENGTH:
        return []
    typed = SuggestKey(Value(name))
    places = Place.objects.select_related("parent").alias(key=SuggestKey("name"))
    if state:
        places = places.filter(
            Q(parent__code__istartswith=state) | Q(parent__name__unaccent__istartswith=state)
        )
    starts = Q(key__startswith=typed)
    found = list(
        places.filter(starts | suggest_word_start("key", typed))
        .annotate(later_word=Case(When(starts, then=False), default=True))
        .order_by("later_word", "-population", "name")[:limit]
    )
    if found:
        return found
    return list(
        places.filter(key__trigram_word_similar=typed)
        .annotate(similarity=TrigramWordSimilarity(typed, F("key")))
        .order_by("-similarity", "-population", "name")[:limit]
    )


def job_similar(*, job: Job, limit: int = SIMILAR_JOBS) -> list[Job]:
    """Open jobs of the same occupation in the same state, newest first.

    A job whose title maps to no occupation looks for titles holding all its title words
    instead. Remote jobs look among remote jobs. No ranking: ordering by date uses the
    posted-date index at any table size.
    """
    region = _job_region(job)
    similar = Job.objects.searchable().exclude(pk=job.pk).exclude(fingerprint=job.fingerprint)
    if job.occupation_id is not None:
        similar = similar.filter(occupation_id=job.occupation_id)
    else:
        similar = similar.filter(heading_vector=heading_query(job.title))
    if region is not None:
        similar = similar.in_place(region)
    return list(similar.for_cards().order_by("-posted_at", "-id")[:limit])


def _job_region(job: Job) -> Place | None:
    if job.workplace_type == Job.WorkplaceType.REMOTE:
        return Place.objects.filter(kind=Place.Kind.REMOTE).first()
    for place in job.places.all():
        if place.kind == Place.Kind.CITY and place.parent is not None:
            return place.parent
        return place
    return None


def jobs_recent(*, limit: int = RECENT_JOBS) -> QuerySet[Job]:
    """The newest searchable jobs, for the home page."""
    return Job.objects.searchable().for_cards().order_by("-posted_at", "-id")[:limit]


def popular_searches(*, limit: int = 12) -> list[dict]:
    """The most posted titles with their busiest state, as landing-page links; cached hourly.

    Counted over the newest 5,000 postings, not the whole table, so the home page stays fast
    at any size and follows what is being posted now.
    """
    return cache.get_or_set(
        "listings:popular_searches", lambda: _popular_searches(limit), POPULAR_CACHE_SECONDS
    )


def _popular_searches(limit: int) -> list[dict]:
    recent = Job.objects.searchable().order_by("-posted_at").values_list("title", "place_ids")
    states = {place.pk: place for place in Place.objects.filter(kind=Place.Kind.STATE)}
    titles: Counter[str] = Counter()
    title_states: dict[str, Counter[int]] = defaultdict(Counter)
    for title, place_ids in recent[:5000]:
        titles[title] += 1
        title_states[title].update(pk for pk in place_ids if pk in states)
    searches = []
    for title, _ in sorted(titles.items(), key=lambda item: (-item[1], item[0]))[:limit]:
        busiest = title_states[title].most_common(1)
        searches.append(
            {
                "title": title,
                "title_slug": slugify(title),
                "place": states[busiest[0][0]] if busiest else None,
            }
        )
    return searches


def job_seen_by_its_company(*, job: Job, user) -> bool:
    """Whether ``user`` recruits for the job's company (an approved membership), so that
    their own looks at its page are not counted as views."""
    if not user.is_authenticated:
        return False
    # Memberships belong to the recruiters app, above this one: read through the relation.
    return job.company.memberships.filter(user=user, status="approved").exists()
