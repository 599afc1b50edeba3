"""A database at the old app layout migrates forward with every row, relation and permission.

Models move between apps (``listings`` to ``listings.ingest`` and ``listings.recruiters``,
``companies`` to ``listings.recruiters``) with ``SeparateDatabaseAndState``: the state changes
app, the tables keep their names and rows, so the raw SQL that names them keeps working. This
test seeds every table at the layout before the move, through the historical models of that
state, migrates to the latest migrations and reads each row back through today's models, each
found by its table rather than by name, so the test holds on either side of the move. It also
checks permissions: they hang on content types, which a move that recreates instead of
relabelling them would orphan.
"""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps as current_apps
from django.apps.registry import Apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Model

# The last migrations before any model left listings or companies.
OLD_LAYOUT = [
    ("listings", "0013_jobrevision_withdrawn"),
    ("companies", "0006_company_slugs_never_empty"),
    ("salaries", "0005_exchange_rates"),
]
OLD_APPS = {app for app, _ in OLD_LAYOUT}
MOMENT = datetime.datetime(2021, 3, 4, 5, 6, 7, tzinfo=datetime.UTC)
GROUP_NAME = "Migration canaries"

Snapshot = dict[str, dict[object, dict[str, object]]]


def old_layout_targets(executor: MigrationExecutor) -> list[tuple[str, str | None]]:
    """OLD_LAYOUT, every other app at its latest, except apps nested in OLD_LAYOUT's apps.

    Those are the move's new apps: unapplied, so their migrations (content types relabelled
    included) run again on the way forward, as on a database that never had them.
    """
    targets = list(OLD_LAYOUT)
    for app, name in executor.loader.graph.leaf_nodes():
        if app in OLD_APPS:
            continue
        top_package = current_apps.get_app_config(app).name.split(".")[0]
        targets.append((app, None) if top_package in OLD_APPS else (app, name))
    return targets


def migrate_to_latest() -> None:
    """Every app at its latest migration, as the rest of the suite expects the database."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


@pytest.fixture
def executor(transactional_db):
    """A migration executor on this worker's test database, left fully migrated afterwards."""
    try:
        yield MigrationExecutor(connection)
    finally:
        migrate_to_latest()


def old_layout_models(old_apps: Apps) -> list[type[Model]]:
    """The models, proxies included, of the old layout's apps."""
    return [
        model
        for model in old_apps.get_models(include_auto_created=True)
        if model._meta.app_label in OLD_APPS
    ]


def seed_old_layout(old_apps: Apps) -> None:
    """One row or more in every table of the old layout, with values no default would give."""

    def model(label: str) -> type[Model]:
        return old_apps.get_model(label)

    user_model = model("auth.User")
    recruiter = user_model.objects.create(username="canary-recruiter", email="r@canary.test")
    admin = user_model.objects.create(username="canary-admin", is_staff=True)
    rater = user_model.objects.create(username="canary-rater")

    industry = model("companies.Industry").objects.create(
        name="Canary Mining", slug="canary-mining"
    )
    company = model("companies.Company").objects.create(
        name="Canary Works Ltd",
        slug="canary-works-ltd",
        industry=industry,
        size="51-200",
        headquarters="Truro, Cornwall, UK",
        year_founded=1899,
        website="https://canary.test/",
        description="Deep mines, bright birds.",
    )
    model("companies.CompanySlugRedirect").objects.create(old_slug="canary-old", company=company)
    model("companies.Rating").objects.create(
        company=company,
        user=rater,
        overall=7,
        pay=3,
        benefits=9,
        hours=2,
        workplace=8,
        employment_status="former",
        role_type="frontline",
        comment="Loud birds, fair shifts.",
        status="approved",
        ip_address="203.0.113.9",
        submitted_at=MOMENT,
    )
    model("companies.CompanyRatingSummary").objects.create(
        company=company,
        score=Decimal("7.3"),
        count=41,
        pay=Decimal("3.1"),
        benefits=Decimal("9.2"),
        hours=Decimal("2.4"),
        workplace=Decimal("8.6"),
        current_count=17,
        former_count=24,
        frontline_count=30,
        office_count=8,
        management_count=3,
        rank=2,
        rank_total=11,
        refreshed_at=MOMENT,
    )
    model("companies.VerifiedEmail").objects.create(
        user=recruiter, email="r@canary.test", verified_at=MOMENT
    )
    model("companies.Membership").objects.create(
        user=recruiter,
        company=company,
        status="approved",
        decided_by=admin,
        decided_at=MOMENT,
    )

    place_model = model("listings.Place")
    country = place_model.objects.create(name="Canaria", kind="country", code="XC", slug="xc")
    city = place_model.objects.create(
        name="Birdport", kind="city", parent=country, slug="birdport-xc", population=4321
    )
    place_model.objects.filter(pk=country.pk).update(lineage=[country.pk])
    place_model.objects.filter(pk=city.pk).update(lineage=[country.pk, city.pk])

    model("salaries.ExchangeRate").objects.create(
        currency="XTS", usd_per_unit=Decimal("0.12345678"), as_of=datetime.date(2021, 3, 4)
    )
    occupation_model = model("salaries.Occupation")
    occupation = occupation_model.objects.create(
        name="Canary Keeper",
        slug="canary-keeper",
        aliases=["Bird Minder", "Mine Canary Handler"],
        onet_code="99-9999.01",
        description="Keeps the birds that warn of gas.",
        skills="Patience, whistling",
    )
    other_occupation = occupation_model.objects.create(name="Gas Tester", slug="gas-tester")
    occupation.related.add(other_occupation)
    model("salaries.UnmappedTitle").objects.create(
        title="Chief Canary Officer", job_count=13, occupation=occupation
    )
    model("salaries.SalaryAggregate").objects.create(
        occupation=occupation,
        place=city,
        currency="XTS",
        as_of=datetime.date(2021, 3, 4),
        sample_size=57,
        pay_min=Decimal("1000.01"),
        p10=Decimal("1100.10"),
        p25=Decimal("1250.25"),
        median=Decimal("1500.50"),
        mean=Decimal("1555.55"),
        p75=Decimal("1750.75"),
        p90=Decimal("1900.90"),
        pay_max=Decimal("2000.02"),
        bin_width=Decimal("250.00"),
        histogram=[[4, 12], [5, 30], [7, 15]],
        computed_at=MOMENT,
    )
    model("salaries.OpeningCount").objects.create(
        occupation=occupation,
        place=city,
        as_of=datetime.date(2021, 3, 4),
        openings=77,
        computed_at=MOMENT,
    )
    model("salaries.FaqEntry").objects.create(
        occupation=occupation,
        place=city,
        question="Do the birds sing?",
        answer="Until they stop.",
        position=3,
        published=False,
    )
    comparison = model("salaries.Comparison").objects.create(
        occupation=occupation, other=other_occupation, summary="Birds against meters."
    )
    model("salaries.ComparisonRow").objects.create(
        comparison=comparison,
        aspect="Tools",
        occupation_text="A cage",
        other_text="A meter",
        position=2,
    )

    source = model("listings.Source").objects.create(
        name="Canary Feed",
        kind="greenhouse",
        address="canaryworks",
        company=company,
        enabled=False,
        schedule="weekly",
        feed_is_complete=False,
        next_run_at=MOMENT,
        created_at=MOMENT,
    )
    model("listings.IngestRun").objects.create(
        source=source,
        status="failed",
        trigger="canary",
        url="https://boards.canary.test/v1/canaryworks",
        started_at=MOMENT,
        finished_at=MOMENT + datetime.timedelta(seconds=93),
        fetched=19,
        created=5,
        updated=4,
        unchanged=3,
        expired=2,
        rejected=1,
        rejections=[{"external_id": "c-9", "title": "Bird", "reason": "no title"}],
        pay_dropped=[{"external_id": "c-8", "title": "Keeper", "reason": "too high"}],
        error="the feed went quiet",
        expiry_held=True,
        expiry_confirmed_at=MOMENT,
        payload=b"\x1f\x8bcanary",
        payload_size=6021,
    )
    job_model = model("listings.Job")
    job = job_model.objects.create(
        title="Senior Canary Keeper",
        occupation=occupation,
        company=company,
        place_ids=[country.pk, city.pk],
        workplace_type="hybrid",
        employment_type="per_diem",
        pay_min=Decimal("1234.56"),
        pay_max=Decimal("2345.67"),
        pay_currency="XTS",
        pay_period="month",
        annual_pay_min=Decimal("14814.72"),
        annual_pay_max=Decimal("28148.04"),
        usd_annual_pay_min=Decimal("1828.98"),
        usd_annual_pay_max=Decimal("3475.07"),
        description_html="<p>Keep the <strong>birds</strong> singing.</p>",
        description_text="Keep the birds singing.",
        apply_url="https://canary.test/apply",
        apply_email="jobs@canary.test",
        status="published",
        posted_at=MOMENT,
        expires_at=MOMENT + datetime.timedelta(days=30),
        featured=True,
        source=source,
        external_id="c-1",
        fingerprint="c" * 40,
        created_by=recruiter,
        description_markdown="Keep the **birds** singing.",
        view_count=321,
        apply_click_count=12,
        expiry_warned_at=MOMENT,
    )
    job.places.add(country, city)
    job_model.objects.create(
        title="Canary Keeper (copy)",
        company=company,
        description_html="<p>Same birds.</p>",
        status="closed",
        duplicate_of=job,
    )
    model("listings.IngestedPosting").objects.create(
        source=source, external_id="c-1", job=job, content_hash="d" * 40, location_text="Birdport"
    )
    model("listings.JobStatusChange").objects.create(
        job=job, from_status="pending", to_status="published", by=admin, reason="Sings", at=MOMENT
    )
    model("listings.JobRevision").objects.create(
        job=job,
        fields={"title": "Lead Canary Keeper", "pay_max": "2500.00"},
        status="withdrawn",
        reason="The job closed first",
        created_by=recruiter,
        created_at=MOMENT,
        decided_at=MOMENT + datetime.timedelta(hours=5),
    )


def grant_old_layout_permissions(old_apps: Apps) -> list[tuple[type[Model], str]]:
    """A group with a permission on every model, proxies included, of the old layout's apps.

    Content types of models the old layout does not have (left by the suite's set-up at the
    new layout) are deleted first, as a database that never saw the new layout has none.
    """
    content_type_model = old_apps.get_model("contenttypes.ContentType")
    permission_model = old_apps.get_model("auth.Permission")
    old_models = {(m._meta.app_label, m._meta.model_name) for m in old_apps.get_models()}
    for content_type in content_type_model.objects.all():
        if (content_type.app_label, content_type.model) not in old_models:
            content_type.delete()
    group = old_apps.get_model("auth.Group").objects.create(name=GROUP_NAME)
    granted = []
    for model in old_layout_models(old_apps):
        if model._meta.auto_created:
            continue
        content_type, _ = content_type_model.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
        permission, _ = permission_model.objects.get_or_create(
            content_type=content_type,
            codename=f"change_{model._meta.model_name}",
            defaults={"name": f"Can change {model._meta.verbose_name}"},
        )
        group.permissions.add(permission)
        granted.append((model, permission.codename))
    return granted


def snapshot(models: list[type[Model]]) -> Snapshot:
    """Every row of ``models``' tables, column by column, keyed by table and primary key."""
    return {
        model._meta.db_table: {
            row[model._meta.pk.attname]: row for row in model._base_manager.values()
        }
        for model in models
        if not model._meta.proxy
    }


def current_model_of(old_model: type[Model]) -> type[Model]:
    """Today's model for ``old_model``: the one on its table (a proxy: of its name, too)."""
    table, name = old_model._meta.db_table, old_model._meta.model_name
    found = [
        model
        for model in current_apps.get_models(include_auto_created=True)
        if model._meta.db_table == table
        and model._meta.proxy == old_model._meta.proxy
        and (not model._meta.proxy or model._meta.model_name == name)
    ]
    assert len(found) == 1, f"{old_model._meta.label} ({table}): today's models {found}"
    return found[0]


def assert_rows_intact(old_models: list[type[Model]], before: Snapshot) -> None:
    """Each table holds the same rows, column for column, as before migrating."""
    for old_model in old_models:
        if old_model._meta.proxy:
            continue
        table = old_model._meta.db_table
        model = current_model_of(old_model)
        columns = [field.attname for field in old_model._meta.concrete_fields]
        after = {
            row[model._meta.pk.attname]: row
            for row in model._base_manager.filter(pk__in=before[table]).values(*columns)
        }
        assert after == before[table], table


def assert_relations_intact(old_models: list[type[Model]], before: Snapshot) -> None:
    """Every foreign key and many-to-many of today's models reaches the rows it did."""
    for old_model in old_models:
        if old_model._meta.proxy or old_model._meta.auto_created:
            continue
        table = old_model._meta.db_table
        model = current_model_of(old_model)
        relations = [f for f in old_model._meta.get_fields() if f.concrete and f.is_relation]
        for pk, row in before[table].items():
            instance = model._base_manager.get(pk=pk)
            for old_field in relations:
                field = model._meta.get_field(old_field.name)
                where = f"{table}.{old_field.name} of row {pk}"
                target_table = old_field.related_model._meta.db_table
                assert field.related_model._meta.db_table == target_table, where
                if old_field.many_to_many:
                    links = before[old_field.remote_field.through._meta.db_table].values()
                    expected = {
                        link[old_field.m2m_reverse_name()]
                        for link in links
                        if link[old_field.m2m_column_name()] == pk
                    }
                    related = getattr(instance, field.name).values_list("pk", flat=True)
                    assert set(related) == expected, where
                elif row[old_field.attname] is not None:
                    assert getattr(instance, field.name).pk == row[old_field.attname], where


def test_rows_seeded_at_the_old_layout_survive_migrating_forward(executor):
    targets = old_layout_targets(executor)
    executor.migrate(targets)
    # (app, None) means "unapplied": no node of that app is in the old state.
    old_apps = executor.loader.project_state([node for node in targets if node[1]]).apps
    old_models = old_layout_models(old_apps)
    seed_old_layout(old_apps)
    granted = grant_old_layout_permissions(old_apps)
    before = snapshot(old_models)
    empty = sorted(table for table, rows in before.items() if not rows)
    assert not empty, f"the seed misses {empty}"

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    assert_rows_intact(old_models, before)
    assert_relations_intact(old_models, before)
    group = Group.objects.get(name=GROUP_NAME)
    for old_model, codename in granted:
        model = current_model_of(old_model)
        assert group.permissions.filter(
            codename=codename,
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        ).exists(), f"{old_model._meta.label}'s permission is not on {model._meta.label}"
