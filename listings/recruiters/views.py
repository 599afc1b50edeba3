"""Recruiter pages: onboarding, dashboard, the posting form, preview and actions.

Access: every page needs a logged-in account with a verified email and an approved company
membership (else 403 with the next step); a job of another company is a 404.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from listings.links import same_site
from listings.models import Job
from listings.paging import page_number
from listings.recruiters import selectors, services
from listings.recruiters.accounts import (
    MembershipError,
    account_sign_up,
    company_create_for_recruiter,
    email_is_verified,
    email_verification_send,
    email_verify,
    membership_decide,
    membership_of,
    membership_request,
)
from listings.recruiters.forms import CompanyCreateForm, CompanyJoinForm, JobPostForm, SignUpForm
from listings.recruiters.models import JobRevision, Membership

ACTIONS = {
    "submit": (services.job_submit, "Submitted for review. We email you when it is decided."),
    "close": (services.job_close, "Closed. The page stays up and says it is closed."),
    "renew": (services.job_renew, "Renewed: it runs for another full period from today."),
}


def recruiter_required(view):
    """Logged in, email verified, approved member of a company: passes ``company`` on."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        membership = membership_of(user=request.user)
        if (
            not email_is_verified(user=request.user)
            or membership is None
            or not membership.is_approved
        ):
            return render(
                request, "recruiters/not_allowed.html", {"membership": membership}, status=403
            )
        return view(request, *args, company=membership.company, **kwargs)

    return wrapper


@login_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The recruiter home: the next onboarding step, or the dashboard."""
    membership = membership_of(user=request.user)
    verified = email_is_verified(user=request.user)
    if verified and membership is not None and membership.is_approved:
        return dashboard(request)
    return render(
        request,
        "recruiters/start.html",
        {
            "verified": verified,
            "membership": membership,
            "create_form": CompanyCreateForm(),
            "join_form": CompanyJoinForm(),
        },
    )


@login_required
@require_POST
def verification_resend(request: HttpRequest) -> HttpResponse:
    email_verification_send(user=request.user)
    messages.success(request, f"We sent a new link to {request.user.email}.")
    return redirect("recruiters:start")


@login_required
@require_GET
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email_verify(user=request.user, token=token)
    except MembershipError as error:
        return render(request, "recruiters/verify_failed.html", {"error": error}, status=400)
    messages.success(request, "Your email address is confirmed.")
    return redirect("recruiters:start")


@login_required
@require_POST
def company_choose(request: HttpRequest) -> HttpResponse:
    """Create a company, or ask to join one (the form's ``intent`` says which)."""
    if not email_is_verified(user=request.user):
        raise PermissionDenied("Confirm your email address first.")
    create = request.POST.get("intent") == "create"
    create_form = CompanyCreateForm(request.POST if create else None)
    join_form = CompanyJoinForm(None if create else request.POST)
    form = create_form if create else join_form
    if form.is_valid():
        try:
            if create:
                company_create_for_recruiter(user=request.user, **form.cleaned_data)
                messages.success(request, "Your company is set up. Post your first job.")
            else:
                membership_request(user=request.user, company=form.cleaned_data["company"])
                messages.success(request, "Request sent. A colleague or an admin approves it.")
            return redirect("recruiters:start")
        except MembershipError as error:
            form.add_error(None, str(error))
    if create_form.existing is not None:  # the company exists: the join form is filled in
        join_form = CompanyJoinForm(initial={"company": create_form.existing.name})
    context = {
        "verified": True,
        "membership": membership_of(user=request.user),
        "create_form": create_form,
        "join_form": join_form,
    }
    return render(request, "recruiters/start.html", context, status=400)


@recruiter_required
@require_GET
def members(request: HttpRequest, company) -> HttpResponse:
    memberships = company.memberships.select_related("user", "decided_by").order_by(
        "status", "-created_at"
    )
    return render(request, "recruiters/members.html", {"company": company, "members": memberships})


@recruiter_required
@require_POST
def member_decide(request: HttpRequest, pk: int, company) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=pk, company=company)
    try:
        membership_decide(
            membership=membership, by=request.user, approve=request.POST.get("approve") == "1"
        )
    except MembershipError as error:
        messages.error(request, str(error))
    return redirect("recruiters:members")


@recruiter_required
@require_GET
def dashboard(request: HttpRequest, company) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    if status not in Job.Status.values:
        status = ""
    paginator = Paginator(
        selectors.recruiter_jobs(company=company, q=q, status=status), selectors.DASHBOARD_PAGE
    )
    try:
        page = paginator.page(page_number(request.GET.get("page")))
    except PageNotAnInteger as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    except EmptyPage:
        raise Http404("There are not that many pages of postings.") from None
    now = timezone.now()
    return render(
        request,
        "recruiters/dashboard.html",
        {
            "company": company,
            "page": page,
            "jobs": [(job, services.job_actions(job=job, now=now)) for job in page.object_list],
            "q": q,
            "status": status,
            "statuses": Job.Status.choices,
            "query": urlencode({k: v for k, v in (("q", q), ("status", status)) if v}),
        },
    )


def _form_page(request, form, *, job=None, status=200, refusal: str = "") -> HttpResponse:
    return render(
        request,
        "recruiters/job_form.html",
        {
            "form": form,
            "job": job,
            "known_places": selectors.places_common(),
            "refusal": refusal,
        },
        status=status,
    )


def _limit_page(request, error: services.PostingLimitReached) -> HttpResponse:
    # The form comes back as typed but not cleaned: cleaning is the expensive part.
    form = JobPostForm(initial=request.POST.dict())
    return _form_page(request, form, status=429, refusal=str(error))


@recruiter_required
@require_http_methods(["GET", "POST"])
def job_new(request: HttpRequest, company) -> HttpResponse:
    form = JobPostForm(request.POST or None)
    if request.method == "POST":
        try:
            # Before the form is cleaned (Markdown, place look-ups): an account over its
            # limit gets no work done for it at all.
            services.job_posting_limit_check(by=request.user)
        except services.PostingLimitReached as error:
            return _limit_page(request, error)
        if not form.is_valid():
            return _form_page(request, form, status=400)
        try:
            job = services.job_draft_create(
                company=company, by=request.user, data=form.cleaned_data
            )
        except services.PostingLimitReached as error:  # another request took the last one
            return _limit_page(request, error)
        messages.success(request, "Draft saved. This is how job seekers will see it.")
        return redirect("recruiters:job", job.pk)
    return _form_page(request, form)


@recruiter_required
@require_http_methods(["GET", "POST"])
def job_edit(request: HttpRequest, pk: int, company) -> HttpResponse:
    job = selectors.job_for_recruiter(company=company, pk=pk)
    if not services.job_actions(job=job).edit:
        messages.error(request, "This job can no longer be edited; duplicate it instead.")
        return redirect("recruiters:job", job.pk)
    revision = selectors.job_pending_revision(job=job)
    if request.method == "POST":
        form = JobPostForm(request.POST)
        if not form.is_valid():
            return _form_page(request, form, job=job, status=400)
        result = services.job_edit(job=job, by=request.user, data=form.cleaned_data)
        if isinstance(result, JobRevision):
            messages.success(
                request, "Edit sent for review. The published version stays live until then."
            )
        else:
            messages.success(request, "Saved.")
        return redirect("recruiters:job", job.pk)
    initial = JobPostForm.initial_for(job)
    if revision is not None:
        initial.update(_revision_initial(revision))
    return _form_page(request, JobPostForm(initial=initial), job=job)


def _revision_initial(revision: JobRevision) -> dict:
    data = services.revision_data(revision.fields)
    data["places"] = "\n".join(place.display_name for place in data["places"])
    return {key: value for key, value in data.items() if key in JobPostForm.base_fields}


@recruiter_required
@require_GET
def job_page(request: HttpRequest, pk: int, company) -> HttpResponse:
    """The preview, exactly as job seekers will see it, with status, history and actions."""
    job = selectors.job_for_recruiter(company=company, pk=pk)
    # Unsaved: a draft reads "Posted today", as it will on the day it is published.
    job.posted_at = job.posted_at or timezone.now()
    return render(
        request,
        "recruiters/job_preview.html",
        {
            "job": job,
            "company": job.company,
            "similar_jobs": [],
            "jsonld": None,
            "preview": True,
            "history": selectors.job_history(job=job),
            "revision": selectors.job_pending_revision(job=job),
            "rejection": selectors.job_last_rejection(job=job),
            "actions": services.job_actions(job=job),
        },
    )


@recruiter_required
@require_POST
def job_action(request: HttpRequest, pk: int, action: str, company) -> HttpResponse:
    if action not in ACTIONS and action != "duplicate":
        raise Http404("No such action.")
    job = selectors.job_for_recruiter(company=company, pk=pk)
    try:
        if action == "duplicate":
            copy = services.job_duplicate(job=job, by=request.user)
            messages.success(request, "A copy is saved as a draft.")
            return redirect("recruiters:job", copy.pk)
        service, done = ACTIONS[action]
        service(job=job, by=request.user)
    except (services.TransitionNotAllowed, services.PostingLimitReached) as error:
        messages.error(request, str(error))
        return redirect("recruiters:job", job.pk)
    messages.success(request, done)
    return redirect("recruiters:job", job.pk)


@recruiter_required
@require_GET
def places_json(request: HttpRequest, company) -> JsonResponse:
    """Place suggestions for the posting form's location box."""
    return JsonResponse({"places": selectors.places_suggest(q=request.GET.get("q", ""))})


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("listings:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            account_sign_up(
                email=form.cleaned_data["email"], password=form.cleaned_data["password1"]
            )
            # No log-in and the same page whether or not the address had an account.
            done = reverse("signup_done")
            next_url = _safe_next(request)
            return redirect(f"{done}?{urlencode({'next': next_url})}" if next_url else done)
        return render(request, "registration/signup.html", {"form": form}, status=400)
    return render(request, "registration/signup.html", {"form": form})


@require_GET
def signup_done(request: HttpRequest) -> HttpResponse:
    """The "Check your inbox" page, the same for a new address and one that had an account."""
    return render(request, "registration/signup_done.html", {"next": _safe_next(request)})


def _safe_next(request: HttpRequest) -> str:
    return same_site(request, request.POST.get("next") or request.GET.get("next") or "")
