from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from listings import selectors
from listings.facets import page_facets
from listings.filters import JobSearchFilter
from listings.jsonld import job_posting_jsonld, json_for_script
from listings.links import site_url
from listings.models import Job, Place
from listings.places import nearest_miles, origin_find
from listings.search import (
    PageOutOfRange,
    SearchInvalid,
    SearchResults,
    search_request,
    search_results,
)
from listings.services import job_count_apply_click, job_count_view
from salaries.selectors import search_salary_box


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "listings/home.html",
        {
            "filter": JobSearchFilter(queryset=Job.objects.none()),
            "popular_searches": selectors.popular_searches(),
            "recent_jobs": selectors.jobs_recent(),
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    return _search_page(request, request.GET)


def landing(request: HttpRequest, title_slug: str, place_slug: str) -> HttpResponse:
    """The canonical URL of one title in one place: /jobs/registered-nurse/california/."""
    place = get_object_or_404(Place, slug=place_slug)
    params = landing_params(request.GET, title_slug=title_slug, place=place)
    return _search_page(request, params, landing_title=title_from_slug(title_slug), place=place)


def landing_params(query, *, title_slug: str, place: Place):
    """A landing URL's search: its query string with the title's words and the place."""
    params = query.copy()
    params["q"] = title_slug.replace("-", " ")
    params["l"] = place.display_name
    return params


def _search_page(request, params, *, landing_title: str = "", place: Place | None = None):
    try:
        search = search_request(params)
    except SearchInvalid as invalid:
        context = {"filter": invalid.filterset, "errors": invalid.errors}
        return render(request, "listings/search.html", context, status=400)

    context = {"filter": search.filterset, "landing_title": landing_title, "search": search}
    try:
        results = search_results(search)
    except PageOutOfRange as out_of_range:
        context["errors"] = [str(out_of_range)]
        context["last_page_url"] = _page_url(params, out_of_range.last_page)
        return render(request, "listings/search.html", context, status=404)

    place = place or search.place
    keywords = "" if results.ignored_keywords else search.keywords
    facets, counted = page_facets(search)
    context.update(
        results=results,
        facets=facets,
        # Counted lately: the counts are in the page; otherwise the page loads them (facets.js).
        facets_url="" if counted else _facets_url(search),
        place=place,
        heading=search_heading(landing_title or keywords.strip().title(), place),
        pagination=_pagination(params, results),
        canonical_url=_canonical_url(search),
        did_you_mean_url=_corrected_search_url(search, results.did_you_mean),
        feeds=_feed_urls(request),
        # Result links carry the searched point, so the job page can say how far it is.
        near=search.where.token if search.where and search.where.point else "",
        salary_box=search_salary_box(
            keywords=keywords, place=place, title_slug=slugify(landing_title)
        ),
    )
    return render(request, "listings/search.html", context)


def title_from_slug(slug: str) -> str:
    return " ".join(word.capitalize() for word in slug.split("-"))


def search_heading(title: str, place: Place | None) -> str:
    """The page heading: "Registered Nurse Jobs in California", "Remote Jobs", "Jobs"."""
    what = f"{title} Jobs" if title else "Jobs"
    if place is None:
        return what
    if place.kind == Place.Kind.REMOTE:
        return f"Remote {what}"
    return f"{what} in {place.name}"


def _page_url(params, number: int) -> str:
    query = params.copy()
    query["page"] = str(number)
    return f"?{query.urlencode()}"


def _pagination(params, results: SearchResults) -> dict:
    """Numbered links around the current page (first, last, two either side), prev and next."""
    page, last = results, results.num_pages
    wanted = sorted({1, last, *range(page.number - 2, page.number + 3)} & set(range(1, last + 1)))
    links, previous = [], 0
    for number in wanted:
        if number - previous > 1:
            links.append({"gap": True})
        links.append(
            {"number": number, "url": _page_url(params, number), "current": number == page.number}
        )
        previous = number
    return {
        "links": links,
        "previous_url": _page_url(params, page.number - 1) if page.has_previous else "",
        "next_url": _page_url(params, page.number + 1) if page.has_next else "",
    }


def _feed_urls(request: HttpRequest) -> dict[str, str]:
    """The RSS and Atom feeds of this page: the same path and parameters, without the page."""
    match = request.resolver_match
    name = "landing_feed" if match.url_name == "landing" else "search_feed"
    query = request.GET.copy()
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    return {
        kind: reverse(f"listings:{name}{ending}", kwargs=match.kwargs) + suffix
        for kind, ending in (("rss", ""), ("atom", "_atom"))
    }


def _facets_url(search) -> str:
    return f"{reverse('api:jobs_facets')}?{urlencode(search.canonical_params(), doseq=True)}"


def _canonical_url(search) -> str:
    """A search by title and place alone has a landing URL; everything else is its own page.

    Absolute, from SITE_URL: search engines read a relative canonical against whatever host
    they fetched the page from."""
    params = search.canonical_params()
    title_slug = slugify(params.get("q", ""))
    if set(params) == {"q", "l"} and title_slug and not search.where.zip_code:
        return site_url(reverse("listings:landing", args=[title_slug, search.place.slug]))
    return site_url(f"{reverse('listings:search')}?{urlencode(params, doseq=True)}")


def _corrected_search_url(search, corrected: str) -> str:
    """The search for the corrected keywords, every other parameter kept, or ""."""
    if not corrected:
        return ""
    params = {**search.canonical_params(), "q": corrected}
    return f"{reverse('listings:search')}?{urlencode(params, doseq=True)}"


@require_safe
def job_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    try:
        job = selectors.job_public(pk=pk)
    except Job.DoesNotExist:
        raise Http404("No such job.") from None
    if request.path != job.get_absolute_url():
        return redirect(job, permanent=True)
    if _is_a_visit(request, job):
        job_count_view(job=job)
    jsonld = job_posting_jsonld(job, site_url=settings.SITE_URL)
    original = job.duplicate_of or job
    origin = origin_find(request.GET["near"]) if request.GET.get("near") else None
    return render(
        request,
        "listings/job_detail.html",
        {
            "job": job,
            "company": job.company,
            "similar_jobs": selectors.job_similar(job=job),
            # From the search that led here: ("95112", 8.2), or None.
            "distance": (origin[0], nearest_miles(job.places.all(), origin[1])) if origin else None,
            "jsonld": json_for_script(jsonld) if jsonld else None,
            "canonical_url": site_url(original.get_absolute_url()),
            # A duplicate says "see the original" with its canonical link instead.
            "noindex": not job.is_open and not job.duplicate_of_id,
        },
    )


@require_safe
def job_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Count an apply click, then send the job seeker to the employer's apply page."""
    job = Job.objects.published().filter(pk=pk).exclude(apply_url="").first()
    # Only the job's own stored URL, and only http(s), whatever an outside feed sent.
    if job is None or urlsplit(job.apply_url).scheme.lower() not in ("http", "https"):
        raise Http404("This job takes no applications here.")
    if _is_a_visit(request, job):
        job_count_apply_click(job=job)
    return redirect(job.apply_url)


# Headers that browsers send on a prefetch or preview nobody asked to see.
_PREFETCH_HEADERS = {
    "Sec-Purpose": "prefetch",
    "Purpose": "prefetch",
    "X-Moz": "prefetch",
    "X-Purpose": "preview",
}


def _is_a_visit(request: HttpRequest, job: Job) -> bool:
    """A person's GET of a job: not HEAD, not a prefetch, not the job's own company looking."""
    if request.method != "GET":
        return False
    if any(
        word in request.headers.get(name, "").lower() for name, word in _PREFETCH_HEADERS.items()
    ):
        return False
    return not selectors.job_seen_by_its_company(job=job, user=request.user)
