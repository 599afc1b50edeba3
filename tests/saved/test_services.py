"""Saving, unsaving and merging, for a session and for an account."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore

from listings.saved import services
from listings.saved.models import SavedJob
from listings.saved.selectors import saved_job_ids
from tests.factories import PublishedJobFactory
from tests.saved.factories import SavedJobFactory

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


def test_a_session_saves_newest_first_and_unsaves():
    session = SessionStore()
    first, second = PublishedJobFactory(), PublishedJobFactory()
    services.saved_job_save(job=first, user=ANONYMOUS, session=session)
    services.saved_job_save(job=second, user=ANONYMOUS, session=session)
    services.saved_job_save(job=first, user=ANONYMOUS, session=session)
    assert session[services.SESSION_KEY] == [second.pk, first.pk]
    services.saved_job_unsave(job=second, user=ANONYMOUS, session=session)
    services.saved_job_unsave(job=second, user=ANONYMOUS, session=session)
    assert saved_job_ids(user=ANONYMOUS, session=session) == {first.pk}
    assert not SavedJob.objects.exists()


def test_a_session_keeps_at_most_its_limit_and_says_so(monkeypatch):
    monkeypatch.setattr(services, "SESSION_LIMIT", 2)
    session = SessionStore()
    jobs = PublishedJobFactory.create_batch(3)
    services.saved_job_save(job=jobs[0], user=ANONYMOUS, session=session)
    services.saved_job_save(job=jobs[1], user=ANONYMOUS, session=session)
    with pytest.raises(services.SavedJobsFull, match="Log in or sign up"):
        services.saved_job_save(job=jobs[2], user=ANONYMOUS, session=session)
    # Nothing already saved is pushed out, and saving one already there still works.
    services.saved_job_save(job=jobs[0], user=ANONYMOUS, session=session)
    assert session[services.SESSION_KEY] == [jobs[1].pk, jobs[0].pk]


def test_a_session_ignores_ids_it_cannot_read():
    session = SessionStore()
    session[services.SESSION_KEY] = ["7", None, 3]
    assert services.session_saved_ids(session) == [3]


def test_an_account_saves_once_and_unsaves(seeker):
    session = SessionStore()
    job = PublishedJobFactory()
    services.saved_job_save(job=job, user=seeker, session=session)
    services.saved_job_save(job=job, user=seeker, session=session)
    assert list(SavedJob.objects.values_list("user", "job")) == [(seeker.pk, job.pk)]
    assert services.SESSION_KEY not in session
    services.saved_job_unsave(job=job, user=seeker, session=session)
    assert not SavedJob.objects.exists()


def test_an_account_keeps_at_most_its_limit(seeker, monkeypatch):
    monkeypatch.setattr(services, "ACCOUNT_LIMIT", 1)
    SavedJobFactory(user=seeker)
    with pytest.raises(services.SavedJobsFull, match="Unsave some"):
        services.saved_job_save(job=PublishedJobFactory(), user=seeker, session=SessionStore())


def test_merge_adds_the_sessions_jobs_once_in_order_and_empties_the_session(seeker):
    already, older, newer, deleted = PublishedJobFactory.create_batch(4)
    kept = SavedJobFactory(user=seeker, job=already)
    session = SessionStore()
    session[services.SESSION_KEY] = [newer.pk, already.pk, older.pk, deleted.pk]
    deleted.delete()

    services.saved_jobs_merge(user=seeker, session=session)
    services.saved_jobs_merge(user=seeker, session=session)

    rows = list(SavedJob.objects.filter(user=seeker))  # newest saved first
    assert [row.job_id for row in rows] == [newer.pk, older.pk, already.pk]
    assert SavedJob.objects.get(job=already).saved_at == kept.saved_at
    assert services.SESSION_KEY not in session


def test_merge_ignores_the_account_limit(seeker, monkeypatch):
    monkeypatch.setattr(services, "ACCOUNT_LIMIT", 1)
    SavedJobFactory(user=seeker)
    session = SessionStore()
    session[services.SESSION_KEY] = [job.pk for job in PublishedJobFactory.create_batch(2)]
    services.saved_jobs_merge(user=seeker, session=session)
    assert SavedJob.objects.filter(user=seeker).count() == 3
