"""Factories for saved jobs."""

import factory

from listings.saved.models import SavedJob
from tests.companies.factories import UserFactory
from tests.factories import PublishedJobFactory


class SavedJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedJob

    user = factory.SubFactory(UserFactory)
    job = factory.SubFactory(PublishedJobFactory)
