from django.contrib import admin

from listings.saved.models import SavedJob


@admin.register(SavedJob)
class SavedJobAdmin(admin.ModelAdmin):
    """Read-mostly: saves are the job seekers' own; admins look them up and may delete one."""

    list_display = ["user", "job", "job__status", "saved_at"]
    list_select_related = ["user", "job__company"]
    search_fields = ["user__email", "job__title"]
    list_filter = ["job__status"]
    date_hierarchy = "saved_at"
    readonly_fields = ["user", "job", "saved_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
