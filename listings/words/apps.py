from django.apps import AppConfig


class WordsConfig(AppConfig):
    """The words people search with: synonyms expanded at query time, and the vocabulary of
    job titles that "Did you mean" corrections are drawn from."""

    name = "listings.words"
    label = "words"
    default_auto_field = "django.db.models.BigAutoField"
