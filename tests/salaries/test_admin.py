"""Admin for occupations, unmapped titles, FAQ, comparisons and aggregate freshness."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from salaries.models import Occupation, SalaryAggregate, UnmappedTitle
from salaries.services import jobs_assign_occupations
from salaries.tasks import refresh_salary_aggregates
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "salaries_occupation",
        "salaries_unmappedtitle",
        "salaries_faqentry",
        "salaries_comparison",
        "salaries_salaryaggregate",
    ],
)
def test_every_salaries_admin_list_opens(admin_client, name):
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_admin_maps_an_unmapped_title_from_the_list(admin_client):
    cook = Occupation.objects.create(name="Line Cook")
    job = PublishedJobFactory(title="Kitchen Porter")
    jobs_assign_occupations()
    unmapped = UnmappedTitle.objects.get()
    url = reverse("admin:salaries_unmappedtitle_changelist")
    assert "Kitchen Porter" in admin_client.get(url).content.decode()

    response = admin_client.post(
        url,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(unmapped.pk),
            "form-0-occupation": str(cook.pk),
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.occupation == cook
    assert "Kitchen Porter" in Occupation.objects.get(pk=cook.pk).aliases
    assert not UnmappedTitle.objects.exists()


def test_admin_action_recomputes_one_occupation(admin_client, places):
    barista = Occupation.objects.create(name="Barista")
    PublishedJobFactory(occupation=barista, places=[places.austin])
    admin_client.post(
        reverse("admin:salaries_occupation_changelist"),
        {"action": "refresh_figures", "_selected_action": [barista.pk]},
    )
    assert SalaryAggregate.objects.filter(occupation=barista).count() == 4
    html = admin_client.get(reverse("admin:salaries_occupation_changelist")).content.decode()
    assert "never" not in html  # the freshness column shows when figures were computed


def test_aggregates_are_read_only_in_admin(admin_client, places):
    Occupation.objects.create(name="Barista")
    PublishedJobFactory(title="Barista", places=[places.austin])
    refresh_salary_aggregates()
    row = SalaryAggregate.objects.first()
    response = admin_client.post(
        reverse("admin:salaries_salaryaggregate_change", args=[row.pk]), {"sample_size": 999}
    )
    assert response.status_code == 403
    assert SalaryAggregate.objects.get(pk=row.pk).sample_size == 1


def test_management_commands(places, capsys):
    Occupation.objects.create(name="Barista")
    PublishedJobFactory(title="Senior Barista", places=[places.austin])
    PublishedJobFactory(title="Dog Walker", places=[places.austin])
    call_command("assign_occupations")
    assert "1 jobs changed occupation; 1 titles unmapped." in capsys.readouterr().out
    call_command("refresh_salary_aggregates", occupation="barista")
    assert "Wrote 4 salary aggregates" in capsys.readouterr().out
    with pytest.raises(Exception, match="No occupation with the slug"):
        call_command("refresh_salary_aggregates", occupation="nope")
