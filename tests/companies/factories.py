"""Factories for accounts and ratings."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.db.models import DateTimeField, QuerySet
from django.utils import timezone

from companies.models import Rating
from tests.factories import CompanyFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"rater{n}@example.com")
    email = factory.LazyAttribute(lambda user: user.username)
    password = factory.django.Password("correct horse battery staple")


class PendingRatingFactory(factory.django.DjangoModelFactory):
    """A rating waiting for moderation; scores default to ``overall`` in every category."""

    class Meta:
        model = Rating

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(UserFactory)
    overall = 7
    pay = factory.SelfAttribute("overall")
    benefits = factory.SelfAttribute("overall")
    hours = factory.SelfAttribute("overall")
    workplace = factory.SelfAttribute("overall")
    employment_status = Rating.EmploymentStatus.CURRENT
    role_type = Rating.RoleType.FRONTLINE
    status = Rating.Status.PENDING


class ApprovedRatingFactory(PendingRatingFactory):
    status = Rating.Status.APPROVED


class RejectedRatingFactory(PendingRatingFactory):
    status = Rating.Status.REJECTED


def backdate(ratings: QuerySet[Rating], *, days: int) -> None:
    """Make ratings look as if they were written (and last touched) ``days`` ago."""
    when = timezone.now() - timedelta(days=days)
    stamps = [field.name for field in Rating._meta.fields if isinstance(field, DateTimeField)]
    ratings.update(**dict.fromkeys(stamps, when))
