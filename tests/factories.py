"""factory_boy factories, one per status where status matters."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from companies.models import Company, Industry
from listings.alerts.services import alert_search_key
from listings.models import Job
from listings.services import job_refresh_places


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ["name"]

    name = "Technology"


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n}")
    industry = factory.SubFactory(IndustryFactory)
    size = Company.Size.LARGE
    headquarters = "Cupertino, CA, US"
    year_founded = 1976
    website = "https://www.company.example"
    description = "Makes things people use every day."


class PublishedJobFactory(factory.django.DjangoModelFactory):
    """A published, open job; pass ``places=[...]`` to place it (default: none)."""

    class Meta:
        model = Job
        skip_postgeneration_save = True

    title = "Software Engineer"
    company = factory.SubFactory(CompanyFactory)
    workplace_type = Job.WorkplaceType.ON_SITE
    employment_type = Job.EmploymentType.FULL_TIME
    pay_min = Decimal("120000")
    pay_max = Decimal("150000")
    pay_currency = "USD"
    pay_period = Job.PayPeriod.YEAR
    description_html = factory.Sequence(
        lambda n: (
            f"<h2>Job Summary</h2><p>Posting number {n}. Build and ship useful software.</p>"
            "<h3>Responsibilities</h3><ul><li>Write code</li><li>Review code</li></ul>"
        )
    )
    apply_url = "https://careers.company.example/apply"
    status = Job.Status.PUBLISHED
    posted_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=28))

    @factory.post_generation
    def places(job, create, extracted, **kwargs):
        if not create:
            return
        if extracted:
            job.places.set(extracted)
        job_refresh_places(job=job)


class DraftJobFactory(PublishedJobFactory):
    status = Job.Status.DRAFT
    posted_at = None


class PendingJobFactory(DraftJobFactory):
    status = Job.Status.PENDING


class RejectedJobFactory(DraftJobFactory):
    status = Job.Status.REJECTED


class ExpiredJobFactory(PublishedJobFactory):
    status = Job.Status.EXPIRED
    posted_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=40))
    expires_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))


class PastExpiryJobFactory(PublishedJobFactory):
    """Still says published, but its expiry date has passed (the daily task has not run)."""

    posted_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=40))
    expires_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class ClosedJobFactory(PublishedJobFactory):
    status = Job.Status.CLOSED


def duplicate_posting(original: Job) -> Job:
    """A later copy of ``original`` (same company, title, places and text): a duplicate."""
    copy = PublishedJobFactory(
        title=original.title,
        company=original.company,
        description_html=original.description_html,
        places=list(original.places.all()),
    )
    copy.refresh_from_db()
    assert copy.duplicate_of_id == original.pk
    return copy


class ActiveAlertFactory(factory.django.DjangoModelFactory):
    """A confirmed job alert for "registered nurse" (pass ``params=`` for another search);
    jobs that become visible after it was made are new to it."""

    class Meta:
        model = "alerts.Alert"

    email = factory.Sequence(lambda n: f"seeker{n}@example.com")
    name = "Registered Nurse jobs"
    params = factory.LazyFunction(lambda: {"q": "registered nurse"})
    search_key = factory.LazyAttribute(lambda alert: alert_search_key(alert.params))
    status = "active"
    frequency = "daily"
    confirmed_at = factory.LazyFunction(timezone.now)
    watermark = factory.LazyAttribute(lambda alert: alert.confirmed_at)


class PendingAlertFactory(ActiveAlertFactory):
    status = "pending"
    confirmed_at = None
    watermark = None
