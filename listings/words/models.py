"""Synonyms editable in admin, and the vocabulary of the words in job titles."""

import re

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models

# What a search tokenises as one word: letters and digits, in any alphabet.
WORD = re.compile(r"[^\W_]+")


class Synonym(models.Model):
    """A word people search with ("swe") and a phrase it stands for ("software engineer").

    A search holding the term also finds what the expansion finds, ranked the same way. A term
    may have several expansions ("pm": product manager, project manager).
    """

    term = models.CharField(
        max_length=40, help_text="One word, as people type it: “swe”, “rn”, “sr”."
    )
    expansion = models.CharField(
        max_length=100, help_text="The words it stands for: “software engineer”."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term", "expansion"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "expansion"], name="synonym_unique_term_expansion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.expansion}"

    def clean(self) -> None:
        """Terms are one lower-case word; expansions are words, other than the term alone."""
        self.term = self.term.strip().lower()
        self.expansion = " ".join(self.expansion.lower().split())
        if WORD.fullmatch(self.term) is None:
            raise ValidationError(
                {"term": "A term is one word of letters or digits, without spaces or symbols."}
            )
        words = WORD.findall(self.expansion)
        if not words:
            raise ValidationError({"expansion": "The expansion needs at least one word."})
        if words == [self.term]:
            raise ValidationError({"expansion": "The expansion must differ from the term."})


class TitleWord(models.Model):
    """A word that occurs in the titles of searchable jobs, with how many titles hold it.

    Kept current by ``title_words_refresh``; "Did you mean" replaces a misspelled word with
    the most similar of these (pg_trgm), so suggestions always name words that find jobs.
    """

    word = models.CharField(max_length=100, unique=True)
    frequency = models.PositiveIntegerField()

    class Meta:
        indexes = [
            GinIndex(OpClass("word", name="gin_trgm_ops"), name="title_word_trgm"),
        ]

    def __str__(self) -> str:
        return self.word
