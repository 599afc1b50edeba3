"""Factories for accounts and ratings."""

import factory
from django.contrib.auth import get_user_model

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
