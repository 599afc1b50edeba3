"""The recruiter side in Django admin: the review queue, approve or reject with a reason,
and the memberships recruiters ask for.

The job admin of ``listings.admin`` gains the review actions and the recruiter's edits here,
so jobs have one admin page. Every review action needs the ``listings.moderate_job``
permission, not just the right to edit.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join

from listings import admin as listings_admin
from listings.models import Job, JobStatusChange
from listings.paging import EstimatedCountPaginator
from listings.recruiters import services
from listings.recruiters.accounts import MembershipError, membership_decide
from listings.recruiters.models import JobInReview, JobRevision, Membership, VerifiedEmail


class RejectReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason the recruiter will read",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        max_length=2000,
    )


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


class ReviewActions:
    """Approve (with any pending edit) or reject (with a reason the recruiter reads)."""

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm("listings.moderate_job")

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
            "admin/recruiters/job_reject.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reject jobs",
                "jobs": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


admin.site.unregister(Job)


@admin.register(Job)
class JobAdmin(ReviewActions, listings_admin.JobAdmin):
    """The job admin of ``listings``, with the review actions and the recruiter's edits."""

    inlines = [JobRevisionInline, *listings_admin.JobAdmin.inlines]
    actions = ["approve", "reject", *listings_admin.JobAdmin.actions]


@admin.register(JobInReview)
class JobInReviewAdmin(ReviewActions, listings_admin.PlainActionCheckbox, admin.ModelAdmin):
    """Pending postings and pending edits of published ones, oldest first."""

    inlines = [JobRevisionInline, listings_admin.JobStatusChangeInline]

    list_display = ["title", "company", "what", "created_by", "waiting_since"]
    # No company filter: finding the companies in the queue read every queued row again
    # (58 ms for 5,000 in review at a million jobs); the search box finds a company's.
    list_filter = ["workplace_type"]
    search_fields = ["title", "company__name"]
    list_select_related = ["company", "created_by"]
    # Counted up to 1,000 and only once (no "N total"); a page's ids are sorted by waiting
    # time before its rows are read, so only those rows are read whole. Reviewers work from
    # the top: 50 a page (each row costs about 0.4 ms of Python to render).
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_per_page = 50
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
        # Pending, or one of the (few) jobs with a pending edit, their ids read first: two
        # index reads. An OR with a subquery made PostgreSQL scan every job (780 ms at 100,000
        # jobs); a UNION of ids joined back to the jobs read each queued row twice.
        edited = list(pending_edits.values_list("job_id", flat=True))
        in_review = Q(status=Job.Status.PENDING) | Q(pk__in=edited)
        # Not super(): it orders by get_ordering() before the annotation below exists.
        return (
            self.model._default_manager.filter(in_review)
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


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Recruiters asking to post for a company: pending first, approved or refused in bulk."""

    list_display = ["user", "company", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "company__name"]
    list_select_related = ["user", "company", "decided_by"]
    autocomplete_fields = ["company"]
    raw_id_fields = ["user"]
    readonly_fields = ["decided_by", "decided_at", "created_at"]
    ordering = ["-status", "created_at"]  # "pending" sorts after "approved" and "refused"
    actions = ["approve", "refuse"]

    @admin.action(description="Approve selected requests", permissions=["change"])
    def approve(self, request, queryset) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(description="Refuse selected requests", permissions=["change"])
    def refuse(self, request, queryset) -> None:
        self._decide(request, queryset, approve=False)

    def _decide(self, request, queryset, *, approve: bool) -> None:
        done = 0
        for membership in queryset:
            try:
                membership_decide(membership=membership, by=request.user, approve=approve)
                done += 1
            except MembershipError as error:
                self.message_user(request, f"{membership}: {error}", messages.WARNING)
        self.message_user(request, f"Decided {done} requests.", messages.SUCCESS)


@admin.register(VerifiedEmail)
class VerifiedEmailAdmin(admin.ModelAdmin):
    list_display = ["user", "email", "verified_at"]
    search_fields = ["user__email", "email"]
    raw_id_fields = ["user"]
