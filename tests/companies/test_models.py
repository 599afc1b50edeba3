"""Company slugs: one rule for every path that creates a company."""

import pytest
from django.urls import reverse

from companies import models
from companies.models import Company, CompanySlugRedirect, Industry, company_slug_base
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Acme, Inc.", "Acme Inc"),
        ("Zeta, LLC", "Zeta LLC!!"),
        ("Ａｐｐｌｅ", "Apple"),
        ("!!!", "???"),
    ],
)
def test_names_that_read_the_same_get_two_distinct_slugs(first, second):
    one = Company.objects.create(name=first)
    two = Company.objects.create(name=second)
    assert one.slug and two.slug and one.slug != two.slug


def test_full_width_letters_read_as_plain_ones():
    assert Company.objects.create(name="Ａｐｐｌｅ").slug == "apple"
    assert Company.objects.create(name="Apple").slug == "apple-2"


@pytest.mark.parametrize("name", ["株式会社テスト", "Яндекс", "🚀🚀🚀", "!!!"])
def test_a_name_without_latin_letters_gets_a_working_slug(client, name):
    company = Company.objects.create(name=name)
    assert company.slug
    job = PublishedJobFactory(company=company)
    assert client.get(job.get_absolute_url()).status_code == 200
    assert client.get(company.get_absolute_url()).status_code == 200


def test_a_slug_base_is_never_empty_and_stable():
    assert company_slug_base("株式会社テスト") == "zhushihuishetesuto"
    assert company_slug_base("!!!") == "company-9a7b006d20"  # the same in every process
    assert company_slug_base("!!!") != company_slug_base("???")


def test_a_slug_kept_by_a_merge_redirect_is_not_given_out_again():
    CompanySlugRedirect.objects.create(
        old_slug="acme-inc", company=Company.objects.create(name="Acme Holdings")
    )
    assert Company.objects.create(name="Acme Inc").slug == "acme-inc-2"


def test_an_explicit_slug_is_kept():
    assert Company.objects.create(name="Acme", slug="acme-corp").slug == "acme-corp"


def test_admin_creates_companies_with_clashing_or_non_latin_names(admin_client):
    Company.objects.create(name="Acme, Inc.")
    add = reverse("admin:companies_company_add")
    for name in ["Acme Inc", "株式会社テスト"]:
        response = admin_client.post(add, {"name": name, "slug": ""})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert Company.objects.get(name="Acme Inc").slug == "acme-inc-2"
    assert Company.objects.get(name="株式会社テスト").slug == "zhushihuishetesuto"


def test_a_slug_taken_in_the_moment_between_reading_and_writing_takes_the_next(monkeypatch):
    Company.objects.create(name="Acme")
    seen = []
    real = models.company_slugs_taken

    def stale_first(base):  # the first read misses the company another request just created
        seen.append(base)
        return set() if len(seen) == 1 else real(base)

    monkeypatch.setattr(models, "company_slugs_taken", stale_first)
    assert Company.objects.create(name="ACME").slug == "acme-2"
    assert seen == ["acme", "acme"]


def test_an_industry_name_in_another_script_gets_a_working_slug(client):
    assert Industry.objects.create(name="Ｈｅａｌｔｈｃａｒｅ").slug == "healthcare"
    industry = Industry.objects.create(name="Здравоохранение")
    url = reverse("companies:top_rated_industry", args=[industry.slug])
    assert client.get(url).status_code == 200
