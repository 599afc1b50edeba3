"""Pay in US dollars for the pay filter and sort; existing rows made ready for 0011.

Rows that already hold pay without a (valid) period get one from the size of their figures,
by the rule the pay parser uses (0011 then forbids pay without a period), and every job's
US-dollar figures are filled from the seeded rates. The index and the CHECK constraint are
in 0011: PostgreSQL refuses them in the transaction that rewrote the rows.
"""

from django.db import migrations, models

from salaries.pay import PERIODS_PER_YEAR, annualise, infer_period

# Rounded as salaries.pay.to_usd rounds; US dollars are the unit and have no rate row.
BACKFILL_USD = """
UPDATE listings_job AS job
SET usd_annual_pay_min = round(job.annual_pay_min * rate.usd_per_unit, 2),
    usd_annual_pay_max = round(job.annual_pay_max * rate.usd_per_unit, 2)
FROM (
    SELECT currency, usd_per_unit FROM salaries_exchangerate
    UNION ALL SELECT 'USD', 1
) AS rate
WHERE job.pay_currency = rate.currency AND job.annual_pay_max IS NOT NULL
"""


def give_pay_a_period(apps, schema_editor):
    Job = apps.get_model("listings", "Job")
    periodless = (
        Job.objects.exclude(pay_min__isnull=True, pay_max__isnull=True)
        .exclude(pay_period__in=list(PERIODS_PER_YEAR))
        .only("pay_min", "pay_max")
    )
    for job in periodless.iterator():
        period = infer_period(max(v for v in (job.pay_min, job.pay_max) if v is not None))
        Job.objects.filter(pk=job.pk).update(
            pay_period=period,
            annual_pay_min=annualise(job.pay_min, period),
            annual_pay_max=annualise(job.pay_max, period),
        )
    # A job without pay keeps no stray period text beyond the choices.
    Job.objects.filter(pay_min__isnull=True, pay_max__isnull=True).exclude(
        pay_period__in=list(PERIODS_PER_YEAR)
    ).exclude(pay_period="").update(pay_period="")


class Migration(migrations.Migration):

    dependencies = [
        ('listings', '0010_heading_keeps_stop_words'),
        ('salaries', '0005_exchange_rates'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='job',
            name='job_pay_posted_live',
        ),
        migrations.AddField(
            model_name='ingestrun',
            name='pay_dropped',
            field=models.JSONField(blank=True, default=list, help_text='Postings that went in without their implausible pay: external id, title, reason'),
        ),
        migrations.AddField(
            model_name='job',
            name='usd_annual_pay_max',
            field=models.DecimalField(decimal_places=2, editable=False, max_digits=12, null=True, verbose_name='yearly pay up to (USD)'),
        ),
        migrations.AddField(
            model_name='job',
            name='usd_annual_pay_min',
            field=models.DecimalField(decimal_places=2, editable=False, max_digits=12, null=True, verbose_name='yearly pay from (USD)'),
        ),
        migrations.RunPython(give_pay_a_period, migrations.RunPython.noop),
        migrations.RunSQL(BACKFILL_USD, migrations.RunSQL.noop),
    ]
