"""``manage.py send_alert_digests``: what the beat task does, in this process, by hand."""

from django.core.management.base import BaseCommand

from listings.alerts.digests import alert_digests_run


class Command(BaseCommand):
    help = "Send the digest of every due job alert (--now: of every active alert, due or not)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="ignore the daily and weekly schedules: every active alert gets its digest now",
        )

    def handle(self, *args, now: bool, **options):
        run = alert_digests_run(every_active=now)
        self.stdout.write(
            f"{run.alerts} alerts in {run.batches} batches: {run.sent} digests sent, "
            f"{run.empty} with nothing new, {run.failed} failed."
        )
