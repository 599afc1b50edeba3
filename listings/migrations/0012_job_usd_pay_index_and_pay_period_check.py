"""The pay sort reads the US-dollar figures' index; pay always has a period."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('listings', '0011_job_usd_annual_pay'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='job',
            index=models.Index(models.OrderBy(models.F('usd_annual_pay_max'), descending=True, nulls_last=True), models.OrderBy(models.F('posted_at'), descending=True), condition=models.Q(('duplicate_of__isnull', True), ('status', 'published')), name='job_usd_pay_posted_live'),
        ),
        migrations.AddConstraint(
            model_name='job',
            constraint=models.CheckConstraint(condition=models.Q(('pay_period__in', ['hour', 'day', 'week', 'month', 'year']), models.Q(('pay_max__isnull', True), ('pay_min__isnull', True), ('pay_period', '')), _connector='OR'), name='job_pay_has_a_period', violation_error_message='Pay needs a period: per hour, day, week, month or year.'),
        ),
    ]
