from django.contrib import admin

from listings.alerts.models import Alert, AlertDigest, ConfirmationEmail


class ConfirmedFilter(admin.SimpleListFilter):
    title = "confirmed"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", "Confirmed"), ("no", "Not confirmed")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


class AlertDigestInline(admin.TabularInline):
    """What the alert mailed: read-only history."""

    model = AlertDigest
    fields = ["sent_at", "listed", "matched"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-sent_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "frequency", "status", "confirmed_at", "last_sent_at"]
    list_filter = [ConfirmedFilter, "frequency", "status"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    fields = [
        "email",
        "user",
        "name",
        "params",
        "frequency",
        "status",
        "created_at",
        "created_ip",
        "confirmed_at",
        "watermark",
        "last_sent_at",
        "unsubscribed_at",
    ]
    # What the subscriber chose is theirs to change (from their emails); admins read it and may
    # delete an alert, not edit its history.
    readonly_fields = fields
    inlines = [AlertDigestInline]

    def has_add_permission(self, request):
        return False


@admin.register(ConfirmationEmail)
class ConfirmationEmailAdmin(admin.ModelAdmin):
    """The confirmation emails the daily limits count."""

    list_display = ["email", "ip", "sent_at"]
    search_fields = ["email", "ip"]
    readonly_fields = ["email", "ip", "sent_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
