from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from companies import selectors
from companies.forms import RatingForm
from companies.jsonld import employer_rating_jsonld
from companies.models import Company, Industry
from companies.services import RatingRefused, rating_submit
from listings.jsonld import json_for_script
from listings.links import site_url
from listings.paging import page_number


def _company_or_redirect(slug: str) -> Company | HttpResponse:
    try:
        return selectors.company_for_page(slug=slug)
    except selectors.CompanyMoved as moved:
        return redirect(moved.company, permanent=True)
    except Company.DoesNotExist:
        raise Http404("No company with this address.") from None


def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    company = _company_or_redirect(slug)
    if isinstance(company, HttpResponse):
        return company
    try:
        number = page_number(request.GET.get("page"))
    except PageNotAnInteger as error:
        return render(
            request,
            "companies/company_detail.html",
            {"company": company, "error": str(error)},
            status=400,
        )
    open_jobs = selectors.company_open_jobs_summary(company=company)
    try:
        page = selectors.company_jobs_page(
            company=company, page_number=number, total=open_jobs.total
        )
    except EmptyPage:
        last = max(1, -(-open_jobs.total // selectors.JOBS_PER_PAGE))
        return render(
            request,
            "companies/company_detail.html",
            {"company": company, "error": f"There are only {last} pages of jobs."},
            status=404,
        )
    summary = company.rating
    jsonld = employer_rating_jsonld(company, summary) if summary else None
    return render(
        request,
        "companies/company_detail.html",
        {
            "company": company,
            "summary": summary,
            "jobs_page": page,
            "pay_by_occupation": open_jobs.pay_by_occupation,
            "pay_min_postings": selectors.PAY_MIN_POSTINGS,
            "comments": selectors.company_recent_comments(company=company),
            "jsonld": json_for_script(jsonld) if jsonld else None,
            "min_for_rank": settings.RATING_MIN_FOR_RANK,
            "canonical_url": _canonical_url(company, number),
        },
    )


def _canonical_url(company: Company, number: int) -> str:
    """The company's address, absolute from SITE_URL; each page of its jobs is its own page."""
    url = site_url(company.get_absolute_url())
    return url if number == 1 else f"{url}?page={number}"


@login_required
@require_http_methods(["GET", "POST"])
def company_rate(request: HttpRequest, slug: str) -> HttpResponse:
    company = _company_or_redirect(slug)
    if isinstance(company, HttpResponse):
        return company
    mine = selectors.rating_of_user(company=company, user=request.user)
    form = RatingForm(request.POST or None, instance=mine)
    context = {"company": company, "form": form, "mine": mine}
    if request.method == "GET":
        return render(request, "companies/rate.html", context)
    if not form.is_valid():
        return render(request, "companies/rate.html", context, status=400)
    try:
        submitted = rating_submit(
            company=company,
            user=request.user,
            data=form.cleaned_data,
            ip_address=request.META.get("REMOTE_ADDR"),
            honeypot=form.cleaned_data.get("nickname", ""),
        )
    except RatingRefused as refused:
        context["refusal"] = str(refused)
        return render(request, "companies/rate.html", context, status=refused.status)
    verb = "updated" if submitted.edited else "saved"
    if submitted.rating.status == submitted.rating.Status.APPROVED:
        messages.success(request, f"Thank you: your rating of {company.name} was {verb}.")
    else:
        messages.success(
            request,
            f"Thank you: your rating of {company.name} was {verb}. "
            "It counts once a moderator has approved it.",
        )
    return redirect(company)


def top_rated(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "companies/top_rated.html",
        {"industries": selectors.industries_with_top_companies()},
    )


def top_rated_industry(request: HttpRequest, industry_slug: str) -> HttpResponse:
    industry = get_object_or_404(Industry, slug=industry_slug)
    return render(
        request,
        "companies/top_rated_industry.html",
        {
            "industry": industry,
            "companies": selectors.companies_top_rated(industries=[industry]),
            "min_for_rank": settings.RATING_MIN_FOR_RANK,
        },
    )
