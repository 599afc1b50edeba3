"""The synonym admin: edits reach searches without a restart; bad terms are refused."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from listings.models import Job
from listings.search import keyword_matches
from listings.words import synonyms
from listings.words.models import Synonym
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db
ADD = reverse("admin:words_synonym_add")
CHANGELIST = reverse("admin:words_synonym_changelist")


def found(keywords: str) -> set[str]:
    return set(keyword_matches(Job.objects.searchable(), keywords).values_list("title", flat=True))


def add(admin_client, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return admin_client.post(ADD, fields)


def test_adding_a_synonym_in_admin_takes_effect_without_a_restart(
    admin_client, django_capture_on_commit_callbacks
):
    PublishedJobFactory(title="Phlebotomist")
    assert found("phleb") == set()  # the rules are loaded now, without this one
    response = add(
        admin_client, django_capture_on_commit_callbacks, term="Phleb", expansion="Phlebotomist"
    )
    assert response.status_code == 302
    assert Synonym.objects.get(term="phleb").expansion == "phlebotomist"
    assert found("phleb") == {"Phlebotomist"}


def test_deleting_synonyms_in_admin_takes_effect_without_a_restart(
    admin_client, django_capture_on_commit_callbacks
):
    PublishedJobFactory(title="Phlebotomist")
    rule = Synonym.objects.create(term="phleb", expansion="phlebotomist")
    assert found("phleb") == {"Phlebotomist"}
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            CHANGELIST, {"action": "delete_selected", "_selected_action": [rule.pk], "post": "yes"}
        )
    assert not Synonym.objects.filter(pk=rule.pk).exists()
    assert found("phleb") == set()


def test_another_processs_edit_is_read_within_a_second(monkeypatch):
    """Its service put a new version in the shared cache; this process's copy is older."""
    PublishedJobFactory(title="Phlebotomist")
    assert found("phleb") == set()
    Synonym.objects.create(term="phleb", expansion="phlebotomist")
    synonyms.cache.set(synonyms.VERSION_KEY, "another process's edit")
    assert found("phleb") == set()  # checked less than a second ago
    later = synonyms.time.monotonic() + synonyms.CHECK_EVERY_SECONDS
    monkeypatch.setattr(synonyms.time, "monotonic", lambda: later)
    assert found("phleb") == {"Phlebotomist"}


@pytest.mark.parametrize(
    ("term", "expansion", "error"),
    [
        ("software engineer", "software engineer", "one word"),
        ("c++", "c plus plus", "one word"),
        ("", "software engineer", "This field is required"),
        ("swe", "!!!", "at least one word"),
        ("swe", "SWE", "must differ"),
        ("swe", "Software  Engineer", "already exists"),
    ],
)
def test_admin_refuses_a_synonym_that_could_not_work(
    admin_client, django_capture_on_commit_callbacks, term, expansion, error
):
    Synonym.objects.get_or_create(term="swe", expansion="software engineer")
    before = Synonym.objects.count()
    response = add(admin_client, django_capture_on_commit_callbacks, term=term, expansion=expansion)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Synonym.objects.count() == before


def test_only_staff_may_edit_synonyms(client):
    user = get_user_model().objects.create_user("seeker", "seeker@example.com", "pw-12345678")
    client.force_login(user)
    response = client.post(ADD, {"term": "phleb", "expansion": "phlebotomist"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Synonym.objects.filter(term="phleb").exists()


def test_the_title_vocabulary_is_read_only_in_admin(admin_client):
    assert admin_client.get(reverse("admin:words_titleword_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:words_titleword_add")).status_code == 403
