"""The title vocabulary: searchable titles' words, counted, kept current."""

import pytest
from django.conf import settings
from django.core.management import call_command

from listings.models import Job
from listings.services import jobs_set_status
from listings.words.models import TitleWord
from listings.words.services import title_words_refresh
from listings.words.tasks import refresh_title_words
from tests.factories import (
    ClosedJobFactory,
    DraftJobFactory,
    PastExpiryJobFactory,
    PublishedJobFactory,
    duplicate_posting,
)

pytestmark = pytest.mark.django_db


def vocabulary() -> dict[str, int]:
    return dict(TitleWord.objects.values_list("word", "frequency"))


def test_the_vocabulary_counts_the_words_of_searchable_titles_only():
    original = PublishedJobFactory(title="Registered Nurse - ICU")
    PublishedJobFactory(title="Registered Nurse II")
    PublishedJobFactory(title="Café Barista, 2026")
    duplicate_posting(original)
    DraftJobFactory(title="Draft Welder")
    ClosedJobFactory(title="Closed Welder")
    PastExpiryJobFactory(title="Expired Welder")
    assert title_words_refresh() == 6
    # Unaccented and lower case, as search reads them; no "2026": numbers are not misspelled.
    assert vocabulary() == {
        "registered": 2,
        "nurse": 2,
        "icu": 1,
        "ii": 1,
        "cafe": 1,
        "barista": 1,
    }


def test_a_refresh_follows_the_titles_as_they_change():
    icu = PublishedJobFactory(title="Registered Nurse - ICU")
    PublishedJobFactory(title="Registered Nurse")
    title_words_refresh()
    jobs_set_status(jobs=Job.objects.filter(pk=icu.pk), status=Job.Status.CLOSED)
    PublishedJobFactory(title="Travel Nurse")
    title_words_refresh()
    assert vocabulary() == {"registered": 1, "nurse": 2, "travel": 1}


def test_the_hourly_task_and_the_command_refresh_it(capsys):
    PublishedJobFactory(title="Registered Nurse")
    assert refresh_title_words.delay().get() == 2
    TitleWord.objects.all().delete()
    call_command("refresh_title_words")
    assert "2 words in searchable job titles" in capsys.readouterr().out
    assert vocabulary() == {"registered": 1, "nurse": 1}
    schedule = settings.CELERY_BEAT_SCHEDULE["every-hour-refresh-title-words"]
    assert schedule["task"] == refresh_title_words.name
