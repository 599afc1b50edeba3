"""The Save / Saved button's form target and the Saved jobs page."""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from listings.links import same_site
from listings.models import Job
from listings.paging import page_number
from listings.saved import selectors, services


@require_POST
def saved_job_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Save or unsave one job (``action`` says which), then go back, or answer JSON to fetch."""
    wants_json = _wants_json(request)
    action = request.POST.get("action")
    if action not in ("save", "unsave"):
        return _refused(request, wants_json, "Say whether to save or unsave the job.", 400)
    try:
        job = selectors.saved_job_target(pk=pk)
    except Job.DoesNotExist:
        if wants_json:
            return JsonResponse({"error": "No such job."}, status=404)
        raise Http404("No such job.") from None
    change = services.saved_job_save if action == "save" else services.saved_job_unsave
    try:
        change(job=job, user=request.user, session=request.session)
    except services.SavedJobsFull as full:
        return _refused(request, wants_json, str(full), 409)
    if wants_json:
        ids = selectors.saved_job_ids(user=request.user, session=request.session)
        return JsonResponse({"job": job.pk, "saved": job.pk in ids, "count": len(ids)})
    return redirect(_safe_next(request) or job.get_absolute_url())


@require_safe
def saved_jobs(request: HttpRequest) -> HttpResponse:
    """The visitor's saved jobs, newest saved first; closed ones stay, marked."""
    try:
        number = page_number(request.GET.get("page"))
    except PageNotAnInteger as error:
        return render(request, "saved/saved_jobs.html", {"error": str(error)}, status=400)
    try:
        page = selectors.saved_jobs_page(
            user=request.user, session=request.session, page_number=number
        )
    except EmptyPage:
        error = f"There is no page {number} of your saved jobs."
        return render(request, "saved/saved_jobs.html", {"error": error}, status=404)
    return render(request, "saved/saved_jobs.html", {"page": page, "pagination": _pagination(page)})


def _wants_json(request: HttpRequest) -> bool:
    # A browser's own form post accepts */* after HTML; only fetch asks for JSON first.
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _refused(request: HttpRequest, wants_json: bool, message: str, status: int) -> HttpResponse:
    if wants_json:
        return JsonResponse({"error": message}, status=status)
    context = {"message": message, "back_url": _safe_next(request)}
    return render(request, "saved/refused.html", context, status=status)


def _safe_next(request: HttpRequest) -> str:
    return same_site(request, request.POST.get("next", ""))


def _pagination(page) -> dict:
    """Previous and next links plus every page number (a shortlist has a few dozen at most)."""
    return {
        "links": [
            {"number": number, "url": f"?page={number}", "current": number == page.number}
            for number in page.paginator.page_range
        ],
        "previous_url": f"?page={page.number - 1}" if page.has_previous() else "",
        "next_url": f"?page={page.next_page_number()}" if page.has_next() else "",
    }
