"""Moderation in Django admin: the review queue, approve/reject with a reason, merges.

Mixed into ``listings.admin.JobAdmin`` and used by the review queue (``JobInReview``). Every
moderating action needs the ``listings.moderate_job`` permission, not just the right to edit.
"""

from django import forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join

from listings.dedupe import jobs_collapse_duplicates
from listings.models import Job, JobInReview, JobRevision, JobStatusChange
from listings.posting import services
from listings.services import jobs_set_status


class RejectReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason the recruiter will read",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        max_length=2000,
    )


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


class JobRevisionInline(admin.StackedInline):
    model = JobRevision
    fields = ["status", "created_by", "created_at", "changes", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "edits by the recruiter"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("listings.view_job")

    @admin.display(description="Edited fields")
    def changes(self, revision: JobRevision) -> str:
        rows = format_html_join(
            "",
            "<li><strong>{}</strong>: {}</li>",
            (
                (name, str(value)[:300])
                for name, value in revision.fields.items()
                if name != "description_html"
            ),
        )
        return format_html("<ul>{}</ul>", rows)


class JobModerationMixin:
    """Approve, reject (with a reason), merge duplicates; history and edits inline."""

    inlines = [JobRevisionInline, JobStatusChangeInline]
    # Apply URLs typed without a scheme are https, as on the posting form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm("listings.moderate_job")

    def save_model(self, request, obj, form, change) -> None:
        """A status set on the change form goes through ``jobs_set_status``, as the bulk
        actions do, so a published job gets its dates and every change its history row."""
        status = obj.status
        obj.status = form.initial["status"] if change else Job.Status.DRAFT
        super().save_model(request, obj, form, change)
        if not change:
            services.job_record_status(
                job=obj, from_status="", by=request.user, reason="Created in admin"
            )
        if status != obj.status:
            jobs_set_status(
                jobs=Job.objects.filter(pk=obj.pk),
                status=status,
                by=request.user,
                reason="Changed in admin",
            )
            obj.refresh_from_db()

    @admin.action(description="Approve selected jobs (and pending edits)", permissions=["moderate"])
    def approve(self, request, queryset: QuerySet[Job]) -> None:
        done, refused = 0, []
        for job in queryset:
            try:
                services.job_approve(job=job, by=request.user)
                done += 1
            except services.TransitionNotAllowed as error:
                refused.append(f"{job.title}: {error}")
        self.message_user(request, f"Approved {done} jobs.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description="Reject selected jobs (with a reason)…", permissions=["moderate"])
    def reject(self, request, queryset: QuerySet[Job]):
        form = RejectReasonForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = 0
            for job in queryset:
                try:
                    services.job_reject(
                        job=job, by=request.user, reason=form.cleaned_data["reason"]
                    )
                    done += 1
                except services.TransitionNotAllowed as error:
                    self.message_user(request, f"{job.title}: {error}", messages.WARNING)
            self.message_user(request, f"Rejected {done} jobs.", messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/listings/job_reject.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reject jobs",
                "jobs": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

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


@admin.register(JobInReview)
class JobInReviewAdmin(JobModerationMixin, admin.ModelAdmin):
    """Pending postings and pending edits of published ones, oldest first."""

    list_display = ["title", "company", "what", "created_by", "waiting_since"]
    # Only the companies with something in the queue, not every company on the board.
    list_filter = [("company", admin.RelatedOnlyFieldListFilter), "workplace_type"]
    search_fields = ["title", "company__name"]
    list_select_related = ["company", "created_by"]
    actions = ["approve", "reject"]
    readonly_fields = ["description_preview"]
    fields = ["title", "company", "status", "description_preview", "apply_url", "apply_email"]

    def get_queryset(self, request):
        pending_edits = JobRevision.objects.filter(status=JobRevision.Status.PENDING)
        pending_edit = pending_edits.filter(job=OuterRef("pk"))
        submitted = JobStatusChange.objects.filter(
            job=OuterRef("pk"), to_status=Job.Status.PENDING
        ).order_by("-at")
        # Waiting since the edit was sent, or the job was submitted (ingested or admin-made
        # pending jobs have no history row: their last change stands in).
        # One id list from two index lookups: "pending OR has a pending edit" written as an OR
        # makes PostgreSQL scan every job (780 ms at 100,000 jobs instead of a few ms).
        in_review = (
            Job.objects.filter(status=Job.Status.PENDING)
            .order_by()
            .values("pk")
            .union(pending_edits.order_by().values("job_id"))
        )
        # Not super(): it orders by get_ordering() before the annotation below exists.
        return (
            self.model._default_manager.filter(pk__in=in_review)
            .annotate(
                has_pending_edit=Exists(pending_edit),
                waiting=Coalesce(
                    Subquery(pending_edit.values("created_at")[:1]),
                    Subquery(submitted.values("at")[:1]),
                    "updated_at",
                ),
            )
            .order_by("waiting", "pk")
        )

    def get_ordering(self, request):
        return ["waiting", "pk"]  # an annotation, so not the checked ``ordering`` attribute

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # decisions go through the actions, which record who and why

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_moderate_permission(request)

    @admin.display(description="In review")
    def what(self, job: Job) -> str:
        return "Edit of a published job" if job.status == Job.Status.PUBLISHED else "New posting"

    @admin.display(description="Waiting since", ordering="waiting")
    def waiting_since(self, job: Job):
        return job.waiting

    @admin.display(description="Description")
    def description_preview(self, job: Job) -> str:
        return format_html('<div style="max-width:60em">{}</div>', job.description_html)
