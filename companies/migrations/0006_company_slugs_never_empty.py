"""A company saved before slugs were never empty (a non-Latin name) gets one by today's rule."""

from django.db import migrations


def fill_empty_slugs(apps, schema_editor):
    from companies.models import company_slug_base, company_slug_free

    Company = apps.get_model("companies", "Company")
    CompanySlugRedirect = apps.get_model("companies", "CompanySlugRedirect")
    taken = set(Company.objects.values_list("slug", flat=True))
    taken.update(CompanySlugRedirect.objects.values_list("old_slug", flat=True))
    for company in Company.objects.filter(slug=""):
        company.slug = company_slug_free(company_slug_base(company.name), taken=taken)
        taken.add(company.slug)
        company.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("companies", "0005_rating_submitted_at")]

    operations = [migrations.RunPython(fill_empty_slugs, migrations.RunPython.noop)]
