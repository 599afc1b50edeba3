from django.contrib import admin

from listings.words.models import Synonym, TitleWord
from listings.words.services import synonym_save, synonyms_delete


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """The words people search with; every edit reaches searches within a second."""

    list_display = ["term", "expansion", "updated_at"]
    search_fields = ["term", "expansion"]
    readonly_fields = ["created_at", "updated_at"]

    def save_model(self, request, obj, form, change) -> None:
        synonym_save(synonym=obj)

    def delete_model(self, request, obj) -> None:
        synonyms_delete(synonyms=Synonym.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset) -> None:
        synonyms_delete(synonyms=queryset)


@admin.register(TitleWord)
class TitleWordAdmin(admin.ModelAdmin):
    """Read only: the vocabulary comes from job titles (``manage.py refresh_title_words``)."""

    list_display = ["word", "frequency"]
    search_fields = ["word"]
    ordering = ["-frequency", "word"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
