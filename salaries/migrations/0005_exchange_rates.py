"""Exchange rates to US dollars, seeded with rounded rates an admin then keeps current.

The seed is every currency ``salaries.pay`` reads, at approximate rates of November 2025
(rounded to two or three significant figures): close enough to put a yen salary below a
dollar one, not a quote. Admins correct them in Salaries > Exchange rates.
"""

import datetime
from decimal import Decimal

import django.core.validators
from django.db import migrations, models

SEED_AS_OF = datetime.date(2025, 11, 1)
# US dollars per unit.
SEED_RATES = {
    "AUD": "0.65",
    "BRL": "0.186",
    "CAD": "0.713",
    "CHF": "1.24",
    "CNY": "0.140",
    "COP": "0.000258",
    "CZK": "0.0476",
    "DKK": "0.155",
    "EUR": "1.16",
    "GBP": "1.32",
    "HKD": "0.1286",
    "ILS": "0.306",
    "INR": "0.01128",
    "JPY": "0.00652",
    "MXN": "0.0540",
    "NOK": "0.0991",
    "NZD": "0.569",
    "PLN": "0.273",
    "RSD": "0.00990",
    "SEK": "0.105",
    "SGD": "0.768",
    "ZAR": "0.0577",
}


def seed_rates(apps, schema_editor):
    ExchangeRate = apps.get_model("salaries", "ExchangeRate")
    ExchangeRate.objects.bulk_create(
        [
            ExchangeRate(currency=code, usd_per_unit=Decimal(rate), as_of=SEED_AS_OF)
            for code, rate in SEED_RATES.items()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('salaries', '0004_openingcount'),
    ]

    operations = [
        migrations.CreateModel(
            name='ExchangeRate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('currency', models.CharField(help_text='ISO 4217 code, as pay is stored: "GBP"', max_length=3, unique=True, validators=[django.core.validators.RegexValidator('^[A-Z]{3}$', 'Three capital letters, as in GBP.')])),
                ('usd_per_unit', models.DecimalField(decimal_places=8, help_text='What one unit of this currency is worth in US dollars (GBP: about 1.3)', max_digits=16, validators=[django.core.validators.MinValueValidator(Decimal('1E-8'))], verbose_name='US dollars per unit')),
                ('as_of', models.DateField(help_text='The day this rate was read')),
            ],
            options={
                'ordering': ['currency'],
                'constraints': [models.CheckConstraint(condition=models.Q(('usd_per_unit__gt', 0)), name='exchange_rate_positive'), models.CheckConstraint(condition=models.Q(('currency', 'USD'), _negated=True), name='exchange_rate_not_for_usd', violation_error_message='US dollars are the unit every rate is in.')],
            },
        ),
        migrations.RunPython(seed_rates, migrations.RunPython.noop),
    ]
