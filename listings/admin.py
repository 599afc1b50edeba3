from django.contrib import admin, messages
from django.db.models import QuerySet
from django.utils.html import format_html

from listings.models import Job, Place, Source
from listings.services import job_refresh_places, jobs_set_status
from salaries.display import format_pay_range

STATUS_COLOURS = {
    Job.Status.DRAFT: "#6b7280",
    Job.Status.PENDING: "#b45309",
    Job.Status.PUBLISHED: "#15803d",
    Job.Status.REJECTED: "#b91c1c",
    Job.Status.EXPIRED: "#4b5563",
    Job.Status.CLOSED: "#1f2937",
}


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "code", "slug", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "slug"]
    list_select_related = ["parent__parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["lineage"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
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
    list_filter = ["status", "workplace_type", "employment_type", "featured", "source", "posted_at"]
    search_fields = ["title", "company__name", "external_id"]
    list_select_related = ["company"]
    autocomplete_fields = ["company", "places"]
    raw_id_fields = ["duplicate_of"]
    readonly_fields = [
        "annual_pay_min",
        "annual_pay_max",
        "fingerprint",
        "place_ids",
        "description_text",
        "created_at",
        "updated_at",
    ]
    date_hierarchy = "posted_at"
    # Counting a million rows for the "N total" line costs more than the page itself.
    show_full_result_count = False
    actions = ["publish", "expire", "feature", "unfeature"]
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

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        job_refresh_places(job=form.instance)

    @admin.action(description="Publish selected jobs")
    def publish(self, request, queryset: QuerySet[Job]) -> None:
        self._set_status(request, queryset, Job.Status.PUBLISHED)

    @admin.action(description="Expire selected jobs")
    def expire(self, request, queryset: QuerySet[Job]) -> None:
        self._set_status(request, queryset, Job.Status.EXPIRED)

    @admin.action(description="Feature selected jobs")
    def feature(self, request, queryset: QuerySet[Job]) -> None:
        count = queryset.update(featured=True)
        self.message_user(request, f"Featured {count} jobs.", messages.SUCCESS)

    @admin.action(description="Stop featuring selected jobs")
    def unfeature(self, request, queryset: QuerySet[Job]) -> None:
        count = queryset.update(featured=False)
        self.message_user(request, f"{count} jobs are no longer featured.", messages.SUCCESS)

    def _set_status(self, request, queryset: QuerySet[Job], status: str) -> None:
        count = jobs_set_status(jobs=queryset, status=status)
        self.message_user(request, f"{count} jobs are now {status}.", messages.SUCCESS)
