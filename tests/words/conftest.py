import importlib

import pytest
from django.apps import apps

from listings.words.models import Synonym
from listings.words.synonyms import synonym_rules_forget


@pytest.fixture(autouse=True)
def _fresh_synonym_rules():
    """Each test reads the rules its own database holds, not a copy an earlier test loaded."""
    synonym_rules_forget()
    yield
    synonym_rules_forget()


@pytest.fixture
def seeded_synonyms(db) -> dict[str, list[str]]:
    """The synonyms migration 0002 seeds, term to expansions. A transactional test's flush
    empties every table, the rows migrations loaded too, so a later test loads them again."""
    if not Synonym.objects.exists():
        migration = importlib.import_module(
            "listings.words.migrations.0002_seed_synonyms_and_title_words"
        )
        migration.synonyms_copy(apps)
    seeded: dict[str, list[str]] = {}
    for term, expansion in Synonym.objects.values_list("term", "expansion"):
        seeded.setdefault(term, []).append(expansion)
    return seeded
