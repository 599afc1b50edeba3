"""Places and jobs in Django admin: curation, with every status change recorded."""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils.html import format_html
from django.utils.translation import gettext as _

from companies.selectors import company_named
from listings.dedupe import jobs_collapse_duplicates
from listings.forms import pay_errors
from listings.models import Job, JobStatusChange, Place
from listings.paging import EstimatedCountPaginator
from listings.search import keyword_matches_any_status
from listings.services import job_record_status, job_refresh_places, jobs_set_status, place_save
from salaries.display import format_pay_range

# A job id as admin search reads it: ASCII digits that fit a bigint.
_ID = re.compile(r"[0-9]{1,18}")

STATUS_COLOURS = {
    Job.Status.DRAFT: "#6b7280",
    Job.Status.PENDING: "#b45309",
    Job.Status.PUBLISHED: "#15803d",
    Job.Status.REJECTED: "#b91c1c",
    Job.Status.EXPIRED: "#4b5563",
    Job.Status.CLOSED: "#1f2937",
}


class PlainActionCheckbox:
    """Django's action checkbox, the same markup written by ``format_html`` instead of
    rendered through the form widget templates, which took half of each row's time on a
    100-row job list."""

    def action_checkbox(self, obj) -> str:
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "code", "slug", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "slug"]
    list_select_related = ["parent__parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["lineage"]

    def save_model(self, request, obj, form, change):
        place_save(place=obj)


class JobStatusChangeInline(admin.TabularInline):
    model = JobStatusChange
    fields = ["at", "from_status", "to_status", "by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "status history"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("listings.view_job")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


class JobAdminForm(forms.ModelForm):
    """The job change form, holding pay to the posting form's rules (JobAdmin adds Meta)."""

    def clean(self):
        cleaned = super().clean()
        problems = pay_errors(
            pay_min=cleaned.get("pay_min"),
            pay_max=cleaned.get("pay_max"),
            currency=cleaned.get("pay_currency", ""),
            period=cleaned.get("pay_period", ""),
        )
        for name, message in problems.items():
            self.add_error(name, message)
        return cleaned


@admin.register(Job)
class JobAdmin(PlainActionCheckbox, admin.ModelAdmin):
    """Curating jobs: edit, publish, expire, feature, merge duplicates; the history inline.

    The recruiters app adds its review actions and the recruiter's edits to this admin.
    """

    form = JobAdminForm
    inlines = [JobStatusChangeInline]
    # Apply URLs typed without a scheme are https, as on the posting form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "company",
        "status_badge",
        "workplace_type",
        "pay",
        "posted_at",
        "expires_at",
        "featured",
        "is_duplicate",
    ]
    # Choices that read no job. Not "company": a link per company grows with the board; a
    # company name in the search box, or ?company__id__exact=, lists a company's jobs.
    list_filter = [
        "status",
        "workplace_type",
        "employment_type",
        "featured",
        "source",
        "posted_at",
    ]
    # get_search_results reads the full-text indexes; search_fields only shows the box.
    search_fields = ["title"]
    search_help_text = (
        "Words as the public search reads them (title, company, description; every status), "
        "a job id, an external id or a company name."
    )
    list_select_related = ["company"]
    autocomplete_fields = ["company", "places"]
    raw_id_fields = ["duplicate_of"]
    readonly_fields = [
        "annual_pay_min",
        "annual_pay_max",
        "usd_annual_pay_min",
        "usd_annual_pay_max",
        "fingerprint",
        "place_ids",
        "description_text",
        "created_at",
        "updated_at",
    ]
    # At a million jobs no list may count them: the paginator counts up to 10,000 and
    # estimates beyond; no "N total" line; no filter counts. No date_hierarchy either (its
    # year and month links read the dates of every listed job); "posted_at" filters by date.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = [
        "publish",
        "expire",
        "feature",
        "unfeature",
        "merge_duplicates",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "company",
                    "places",
                    "workplace_type",
                    "employment_type",
                    "status",
                    "featured",
                ]
            },
        ),
        (
            "Pay",
            {
                "fields": [
                    ("pay_min", "pay_max", "pay_currency", "pay_period"),
                    ("annual_pay_min", "annual_pay_max"),
                    ("usd_annual_pay_min", "usd_annual_pay_max"),
                ]
            },
        ),
        ("Description", {"fields": ["description_html", "description_text"]}),
        ("How to apply", {"fields": ["apply_url", "apply_email"]}),
        ("Dates", {"fields": ["posted_at", "expires_at", "created_at", "updated_at"]}),
        (
            "Origin and duplicates",
            {
                "classes": ["collapse"],
                "fields": ["source", "external_id", "fingerprint", "duplicate_of", "place_ids"],
            },
        ),
    ]

    @admin.display(description="Status", ordering="status")
    def status_badge(self, job: Job) -> str:
        return format_html(
            '<span style="background:{};color:#fff;padding:2px 8px;border-radius:9px;'
            'font-size:11px;font-weight:600">{}</span>',
            STATUS_COLOURS[job.status],
            job.get_status_display(),
        )

    @admin.display(description="Pay")
    def pay(self, job: Job) -> str:
        return format_pay_range(job.pay_min, job.pay_max, job.pay_currency, job.pay_period) or "-"

    @admin.display(description="Duplicate", boolean=True)
    def is_duplicate(self, job: Job) -> bool:
        return job.duplicate_of_id is not None

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm("listings.moderate_job")

    def get_search_results(self, request, queryset, search_term):
        """The job with that id or external id; else the jobs of the company of that name;
        else the jobs whose words match as on the public search, in every status. Each is
        an index read, where the default ``icontains`` read every row (3 s at a million jobs).
        An exact match stands alone: an id does not also list every job whose text holds the
        number, nor a company name every job that mentions the company."""
        term = " ".join(search_term.split())
        if not term:
            return queryset, False
        exact = Q(external_id=term)
        if _ID.fullmatch(term):
            exact |= Q(pk=int(term))
        if queryset.filter(exact).exists():
            return queryset.filter(exact), False
        company = company_named(name=term)
        if company is not None:
            return queryset.filter(company=company), False
        return keyword_matches_any_status(queryset, term), False

    def save_model(self, request, obj, form, change) -> None:
        """A status set on the change form goes through ``jobs_set_status``, as the bulk
        actions do, so a published job gets its dates and every change its history row."""
        status = obj.status
        obj.status = form.initial["status"] if change else Job.Status.DRAFT
        super().save_model(request, obj, form, change)
        if not change:
            job_record_status(job=obj, from_status="", by=request.user, reason="Created in admin")
        if status != obj.status:
            jobs_set_status(
                jobs=Job.objects.filter(pk=obj.pk),
                status=status,
                by=request.user,
                reason="Changed in admin",
            )
            obj.refresh_from_db()

    @admin.action(description="Merge selected jobs as duplicates", permissions=["moderate"])
    def merge_duplicates(self, request, queryset: QuerySet[Job]) -> None:
        """The oldest selected posting stays; the others share its fingerprint and collapse.

        Sharing the fingerprint (not just setting duplicate_of) keeps the merge when the
        whole table is collapsed again.
        """
        jobs = list(queryset.order_by("posted_at", "pk"))
        if len(jobs) < 2:
            self.message_user(request, "Select at least two jobs to merge.", messages.ERROR)
            return
        keep, others = jobs[0], jobs[1:]
        with transaction.atomic():
            Job.objects.filter(pk__in=[job.pk for job in others]).update(
                fingerprint=keep.fingerprint, duplicate_of=keep
            )
            jobs_collapse_duplicates(fingerprints=[keep.fingerprint])
            JobStatusChange.objects.bulk_create(
                JobStatusChange(
                    job=job,
                    from_status=job.status,
                    to_status=job.status,
                    by=request.user,
                    reason=f"Merged as a duplicate of job {keep.pk}",
                )
                for job in others
            )
        self.message_user(
            request, f"Merged {len(others)} jobs into “{keep}” (job {keep.pk}).", messages.SUCCESS
        )

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        job_refresh_places(job=form.instance)

    @admin.action(description="Publish selected jobs", permissions=["moderate"])
    def publish(self, request, queryset: QuerySet[Job]) -> None:
        self._set_status(request, queryset, Job.Status.PUBLISHED)

    @admin.action(description="Expire selected jobs", permissions=["moderate"])
    def expire(self, request, queryset: QuerySet[Job]) -> None:
        self._set_status(request, queryset, Job.Status.EXPIRED)

    @admin.action(description="Feature selected jobs", permissions=["moderate"])
    def feature(self, request, queryset: QuerySet[Job]) -> None:
        count = queryset.update(featured=True)
        self.message_user(request, f"Featured {count} jobs.", messages.SUCCESS)

    @admin.action(description="Stop featuring selected jobs", permissions=["moderate"])
    def unfeature(self, request, queryset: QuerySet[Job]) -> None:
        count = queryset.update(featured=False)
        self.message_user(request, f"{count} jobs are no longer featured.", messages.SUCCESS)

    def _set_status(self, request, queryset: QuerySet[Job], status: str) -> None:
        count = jobs_set_status(jobs=queryset, status=status, by=request.user, reason="From admin")
        self.message_user(request, f"{count} jobs are now {status}.", messages.SUCCESS)
