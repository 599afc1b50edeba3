from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import Count
from django.shortcuts import render
from django.utils.html import format_html, format_html_join

from companies.models import Company, CompanySlugRedirect, Industry, Rating
from companies.services import company_merge, ratings_delete, ratings_moderate


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "industry", "size", "headquarters", "score", "rating_count", "rank"]
    list_filter = ["industry", "size"]
    search_fields = ["name", "headquarters"]
    list_select_related = ["industry", "rating_summary"]
    readonly_fields = ["rating_breakdown"]
    actions = ["merge_companies"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The slug may be left empty: ``Company.save`` makes one from the name."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            field.required = False
            field.help_text = "Leave empty to make one from the name."
        return field

    @admin.display(description="score", ordering="rating_summary__score")
    def score(self, company: Company):
        return company.rating.score if company.rating else "—"

    @admin.display(description="ratings", ordering="rating_summary__count")
    def rating_count(self, company: Company):
        return company.rating.count if company.rating else 0

    @admin.display(description="rank in industry", ordering="rating_summary__rank")
    def rank(self, company: Company):
        rating = company.rating
        return f"{rating.rank} of {rating.rank_total}" if rating and rating.rank else "—"

    @admin.display(description="rating breakdown")
    def rating_breakdown(self, company: Company):
        """Counts per status and per overall score, next to the stored summary."""
        if not company.pk:
            return "—"
        statuses = dict(company.ratings.values_list("status").annotate(n=Count("id")).order_by())
        scores = dict(
            company.ratings.filter(status=Rating.Status.APPROVED)
            .values_list("overall")
            .annotate(n=Count("id"))
            .order_by()
        )
        rating = company.rating
        summary = (
            format_html(
                "<p>{} out of 10 from {} approved ratings; pay {}, benefits {}, hours {}, "
                "workplace {}; {}% current employees.</p>",
                rating.score,
                rating.count,
                rating.pay,
                rating.benefits,
                rating.hours,
                rating.workplace,
                rating.current_percent,
            )
            if rating
            else format_html("<p>{}</p>", "No approved ratings yet.")
        )
        return format_html(
            "{}<p>{}</p><table><tr><th>Overall score</th><th>Approved ratings</th></tr>{}</table>",
            summary,
            ", ".join(
                f"{label}: {statuses.get(value, 0)}" for value, label in Rating.Status.choices
            ),
            format_html_join(
                "", "<tr><td>{}</td><td>{}</td></tr>", ((s, scores.get(s, 0)) for s in range(11))
            ),
        )

    @admin.action(description="Merge selected companies into one")
    def merge_companies(self, request, queryset):
        """Ask which company survives, then fold the others into it (jobs, ratings, slugs)."""
        companies = list(queryset.select_related("industry").annotate(job_count=Count("jobs")))
        if len(companies) < 2:
            self.message_user(request, "Select at least two companies to merge.", messages.ERROR)
            return None
        target_id = request.POST.get("target")
        if "apply" in request.POST and target_id:
            target = next((c for c in companies if str(c.pk) == target_id), None)
            if target is None:
                self.message_user(request, "Pick one of the selected companies.", messages.ERROR)
                return None
            with transaction.atomic():
                merges = [
                    company_merge(source=source, target=target)
                    for source in companies
                    if source.pk != target.pk
                ]
            counts = [
                _count(sum(merge.moved.get(name, 0) for merge in merges), noun)
                for name, noun in [
                    ("job", "job"),
                    ("rating", "rating"),
                    ("membership", "recruiter membership"),
                    ("source", "ingest source"),
                ]
            ]
            moved = f"{', '.join(counts[:-1])} and {counts[-1]}"
            self.message_user(
                request,
                f"Merged {_count(len(merges), 'company', 'companies')} into {target.name}: "
                f"{moved} moved; the old addresses redirect to it.",
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "companies/admin_merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge companies",
                "companies": companies,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


def _count(number: int, noun: str, plural: str = "") -> str:
    """A count with its noun: 1 job, 2 jobs."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    """The moderation queue: pending ratings first, approve or reject in bulk."""

    list_display = [
        "company",
        "overall",
        "employment_status",
        "role_type",
        "short_comment",
        "user",
        "ip_address",
        "status",
        "submitted_at",
    ]
    list_filter = ["status", "employment_status", "role_type", "company__industry"]
    search_fields = ["company__name", "user__username", "comment", "ip_address"]
    list_select_related = ["company", "user"]
    raw_id_fields = ["company", "user"]
    readonly_fields = ["ip_address", "created_at", "submitted_at", "updated_at"]
    actions = ["approve", "reject"]
    ordering = ["status", "-submitted_at"]

    @admin.display(description="comment")
    def short_comment(self, rating: Rating) -> str:
        return rating.comment[:80]

    @admin.action(description="Approve selected ratings")
    def approve(self, request, queryset):
        count = ratings_moderate(ratings=queryset, status=Rating.Status.APPROVED)
        self.message_user(request, f"Approved {count} ratings.", messages.SUCCESS)

    @admin.action(description="Reject selected ratings")
    def reject(self, request, queryset):
        count = ratings_moderate(ratings=queryset, status=Rating.Status.REJECTED)
        self.message_user(request, f"Rejected {count} ratings.", messages.SUCCESS)

    def delete_model(self, request, obj):
        ratings_delete(ratings=Rating.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        ratings_delete(ratings=queryset)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # An edit in the form (status or scores) must reach the stored summary too.
        ratings_moderate(ratings=Rating.objects.filter(pk=obj.pk), status=obj.status)


@admin.register(CompanySlugRedirect)
class CompanySlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "company", "created_at"]
    search_fields = ["old_slug", "company__name"]
    raw_id_fields = ["company"]
