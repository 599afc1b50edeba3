"""Sources and their runs in Django admin: add a feed, run it now, read what each run did."""

from functools import partial
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from listings.ingest.models import IngestRun, Source
from listings.ingest.run import ingest_run_confirm_expiry
from listings.ingest.tasks import ingest_source

RUN_COLOURS = {
    IngestRun.Status.RUNNING: "#1d4ed8",
    IngestRun.Status.SUCCEEDED: "#15803d",
    IngestRun.Status.FAILED: "#b91c1c",
    IngestRun.Status.SKIPPED: "#4b5563",
}


def _records_table(records: list[dict]) -> str:
    """A run's notes on single records (external id, title, reason) as a table."""
    if not records:
        return "-"
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
        ((r["external_id"], r["title"], r["reason"]) for r in records),
    )
    return format_html(
        "<table><tr><th>External id</th><th>Title</th><th>Reason</th></tr>{}</table>", rows
    )


class SourceForm(forms.ModelForm):
    """Checks that a source can be read before it is saved: right address for its kind."""

    class Meta:
        model = Source
        fields = [
            "name",
            "kind",
            "address",
            "upload",
            "company",
            "enabled",
            "schedule",
            "feed_is_complete",
            "next_run_at",
        ]
        widgets = {"address": forms.TextInput(attrs={"style": "width: min(44em, 100%)"})}

    def clean(self):
        cleaned = super().clean()
        kind, address = cleaned.get("kind"), (cleaned.get("address") or "").strip()
        scheme = urlsplit(address).scheme.lower()
        if kind == Source.Kind.FILE:
            upload = cleaned.get("upload")
            if not upload:
                self.add_error("upload", "A file source needs a CSV or JSON file.")
            elif upload.size > settings.INGEST_MAX_BYTES:
                self.add_error(
                    "upload",
                    f"The file is {upload.size:,} bytes, over the "
                    f"{settings.INGEST_MAX_BYTES:,} byte cap (INGEST_MAX_BYTES).",
                )
        elif "://" in address and scheme not in ("http", "https"):
            self.add_error("address", "Only http and https addresses are fetched.")
        elif kind in (Source.Kind.JSONLD, Source.Kind.RSS) and scheme not in ("http", "https"):
            self.add_error("address", "Give the http(s) address of the page or feed.")
        elif kind in (Source.Kind.GREENHOUSE, Source.Kind.LEVER, Source.Kind.ASHBY) and (
            not address or (" " in address and "://" not in address)
        ):
            self.add_error("address", "Give the board token, slug or name, or the API address.")
        return cleaned


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceForm
    list_display = [
        "name",
        "kind",
        "company",
        "enabled",
        "when",
        "feed_is_complete",
        "last_run",
    ]
    list_filter = ["kind", "enabled", "schedule"]
    search_fields = ["name", "address"]
    list_select_related = ["company"]
    autocomplete_fields = ["company"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["run_now"]

    def get_queryset(self, request):
        # The last run's outcome for every row in two subqueries, not a query per source.
        last = IngestRun.objects.filter(source=OuterRef("pk")).order_by("-started_at", "-id")
        return (
            super()
            .get_queryset(request)
            .annotate(
                last_run_status=Subquery(last.values("status")[:1]),
                last_run_at=Subquery(last.values("started_at")[:1]),
            )
        )

    @admin.display(description="Schedule", ordering="next_run_at")
    def when(self, source: Source) -> str:
        if source.kind == Source.Kind.DEMO:
            return "-"  # loaded by seed_demo, never run
        if source.schedule == Source.Schedule.MANUAL or not source.enabled:
            return source.get_schedule_display()
        upcoming = "due now" if source.next_run_at is None else naturaltime(source.next_run_at)
        return format_html("{}<br><small>next: {}</small>", source.get_schedule_display(), upcoming)

    @admin.display(description="Last run", ordering="last_run_at")
    def last_run(self, source: Source) -> str:
        """The last run's outcome, linking to the source's whole history."""
        if not source.last_run_status:
            return "-"
        url = reverse("admin:ingest_ingestrun_changelist") + f"?source__id__exact={source.pk}"
        return format_html(
            '<a href="{}"><span style="color:{}">{}</span> {}</a>',
            url,
            RUN_COLOURS[source.last_run_status],
            IngestRun.Status(source.last_run_status).label.split(" (")[0],
            naturaltime(source.last_run_at),
        )

    def get_urls(self):
        run = self.admin_site.admin_view(self.run_now_view)
        return [path("<int:source_id>/run/", run, name="ingest_source_run"), *super().get_urls()]

    def run_now_view(self, request, source_id: int) -> HttpResponse:
        """The "Run now" button on a source's page: queue one run, then show the history."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"], "Run a source with the button on its page.")
        source = get_object_or_404(Source, pk=source_id)
        if not self.has_change_permission(request, source):
            raise PermissionDenied
        if source.kind == Source.Kind.DEMO:
            self.message_user(request, "Demo data is loaded by seed_demo, not run.", messages.ERROR)
            return redirect("admin:ingest_source_change", source.pk)
        transaction.on_commit(partial(ingest_source.delay, source.pk, "admin"))
        self.message_user(
            request,
            f"Started a run of {source}; its counts appear below when it finishes.",
            messages.SUCCESS,
        )
        runs = reverse("admin:ingest_ingestrun_changelist")
        return redirect(f"{runs}?source__id__exact={source.pk}")

    @admin.action(description="Run selected sources now", permissions=["change"])
    def run_now(self, request, queryset: QuerySet[Source]) -> None:
        sources = list(queryset.exclude(kind=Source.Kind.DEMO))
        for source in sources:
            transaction.on_commit(partial(ingest_source.delay, source.pk, "admin"))
        self.message_user(
            request,
            f"Started {len(sources)} source run(s); their counts appear in the run history.",
            messages.SUCCESS,
        )


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    """The history of runs: read-only, with the one decision an admin makes here."""

    list_display = [
        "started_at",
        "source",
        "outcome",
        "counts",
        "seconds",
    ]
    list_filter = ["status", "expiry_held", "trigger", "source"]
    search_fields = ["source__name", "error"]
    list_select_related = ["source"]
    date_hierarchy = "started_at"
    actions = ["confirm_expiry"]
    exclude = ["rejections", "pay_dropped", "payload"]
    readonly_fields = ["rejected_records", "records_without_pay"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        names = [f.name for f in IngestRun._meta.fields if f.name not in self.exclude]
        return [*names, "rejected_records", "records_without_pay"]

    def get_queryset(self, request):
        # The compressed payload can be megabytes a row; lists never need it.
        return super().get_queryset(request).defer("payload")

    @admin.display(description="Outcome", ordering="status")
    def outcome(self, run: IngestRun) -> str:
        colour = RUN_COLOURS[run.status]
        label = "Expiry held" if run.expiry_held and not run.expiry_confirmed_at else ""
        return format_html(
            '<span style="color:{};font-weight:600">{}</span>{}<br><small>{}</small>',
            colour,
            run.get_status_display().split(" (")[0],
            format_html(' <span style="color:#b45309">· {}</span>', label) if label else "",
            run.trigger,
        )

    @admin.display(description="Counts")
    def counts(self, run: IngestRun) -> str:
        return format_html(
            "{} fetched: {} new, {} updated, {} unchanged<br>"
            '<span style="color:{}">{} expired</span>, <span style="color:{}">{} rejected</span>',
            run.fetched,
            run.created,
            run.updated,
            run.unchanged,
            "#b45309" if run.expired else "inherit",
            run.expired,
            "#b91c1c" if run.rejected else "inherit",
            run.rejected,
        )

    @admin.display(description="Seconds")
    def seconds(self, run: IngestRun) -> str:
        return f"{run.duration.total_seconds():.1f}" if run.duration else "-"

    @admin.display(description="Rejected records")
    def rejected_records(self, run: IngestRun) -> str:
        return _records_table(run.rejections)

    @admin.display(description="Went in without their implausible pay")
    def records_without_pay(self, run: IngestRun) -> str:
        return _records_table(run.pay_dropped)

    def has_expire_permission(self, request) -> bool:
        """Confirming an expiry takes jobs down, so it needs the right to change jobs."""
        return request.user.has_perm("listings.change_job")

    @admin.action(
        description="Confirm expiry of postings the feed stopped listing", permissions=["expire"]
    )
    def confirm_expiry(self, request, queryset: QuerySet[IngestRun]) -> None:
        for run in queryset.select_related("source"):
            try:
                count = ingest_run_confirm_expiry(run=run)
            except ValueError as exc:
                self.message_user(request, f"{run}: {exc}", messages.ERROR)
            else:
                self.message_user(request, f"{run}: expired {count} postings.", messages.SUCCESS)
