from django.contrib import admin, messages
from django.db.models import Max, QuerySet

from salaries.models import (
    Comparison,
    ComparisonRow,
    ExchangeRate,
    FaqEntry,
    Occupation,
    SalaryAggregate,
    UnmappedTitle,
)
from salaries.services import exchange_rate_delete, exchange_rate_save, unmapped_title_map
from salaries.tasks import refresh_salary_aggregates


class FaqEntryInline(admin.StackedInline):
    model = FaqEntry
    extra = 0
    fields = [("question", "position", "published"), "answer", "place"]
    autocomplete_fields = ["place"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "onet_code", "alias_count", "figures_computed_at"]
    search_fields = ["name", "slug", "onet_code"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["related"]
    inlines = [FaqEntryInline]
    actions = ["refresh_figures"]

    def get_queryset(self, request) -> QuerySet[Occupation]:
        return super().get_queryset(request).annotate(computed=Max("aggregates__computed_at"))

    @admin.display(description="Aliases")
    def alias_count(self, occupation: Occupation) -> int:
        return len(occupation.aliases)

    @admin.display(description="Salary figures computed", ordering="computed")
    def figures_computed_at(self, occupation: Occupation):
        return occupation.computed or "never"

    @admin.action(description="Recompute salary figures for the selected occupations")
    def refresh_figures(self, request, queryset: QuerySet[Occupation]) -> None:
        for pk in queryset.values_list("pk", flat=True):
            refresh_salary_aggregates.delay(occupation_id=pk)
        self.message_user(
            request, f"Salary figures are being recomputed for {queryset.count()} occupations."
        )


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    """Rates that put pay in every currency into US dollars for the pay filter and sort.

    Saving or deleting one recomputes its currency's jobs in one UPDATE; bulk delete is left
    out so that no rate disappears without that.
    """

    list_display = ["currency", "usd_per_unit", "as_of"]
    search_fields = ["currency"]

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        # A rate belongs to its currency: another currency is another row.
        return ["currency"] if obj else []

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj: ExchangeRate, form, change) -> None:
        changed = exchange_rate_save(rate=obj)
        self.message_user(request, f"US-dollar pay recomputed for {changed} {obj.currency} jobs.")

    def delete_model(self, request, obj: ExchangeRate) -> None:
        changed = exchange_rate_delete(rate=obj)
        self.message_user(request, f"{changed} {obj.currency} jobs no longer have US-dollar pay.")


@admin.register(UnmappedTitle)
class UnmappedTitleAdmin(admin.ModelAdmin):
    """Titles no occupation matched; choosing one maps every job with that title."""

    list_display = ["title", "job_count", "occupation", "updated_at"]
    list_editable = ["occupation"]
    search_fields = ["title"]
    autocomplete_fields = ["occupation"]
    readonly_fields = ["title", "job_count", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request, obj: UnmappedTitle, form, change) -> None:
        if obj.occupation_id is None:
            return
        changed = unmapped_title_map(unmapped=obj, occupation=obj.occupation)
        self.message_user(
            request,
            f"“{obj.title}” is now an alias of {obj.occupation}; {changed} jobs mapped.",
            messages.SUCCESS,
        )


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ["question", "occupation", "place", "position", "published"]
    list_editable = ["position", "published"]
    list_filter = ["published", "occupation"]
    search_fields = ["question", "answer", "occupation__name"]
    autocomplete_fields = ["occupation", "place"]
    list_select_related = ["occupation", "place"]


class ComparisonRowInline(admin.TabularInline):
    model = ComparisonRow
    extra = 1
    fields = ["position", "aspect", "occupation_text", "other_text"]


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "occupation", "other"]
    search_fields = ["occupation__name", "other__name"]
    autocomplete_fields = ["occupation", "other"]
    list_select_related = ["occupation", "other"]
    inlines = [ComparisonRowInline]


@admin.register(SalaryAggregate)
class SalaryAggregateAdmin(admin.ModelAdmin):
    """Read-only: figures come from the hourly refresh, never from hand edits."""

    list_display = [
        "occupation",
        "place",
        "currency",
        "as_of",
        "sample_size",
        "p10",
        "mean",
        "p90",
        "computed_at",
    ]
    list_filter = ["as_of", "currency", "place__kind"]
    search_fields = ["occupation__name", "place__name"]
    list_select_related = ["occupation", "place__parent"]
    date_hierarchy = "as_of"
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
