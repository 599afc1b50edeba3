from django.contrib import admin

from companies.models import Company, Industry


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "industry", "size", "headquarters", "year_founded"]
    list_filter = ["industry", "size"]
    search_fields = ["name", "headquarters"]
    list_select_related = ["industry"]
    prepopulated_fields = {"slug": ["name"]}
