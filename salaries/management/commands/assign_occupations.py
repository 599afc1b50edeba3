"""Re-run title normalisation over every job (after editing occupations or aliases)."""

from django.core.management.base import BaseCommand

from salaries.models import UnmappedTitle
from salaries.services import jobs_assign_occupations


class Command(BaseCommand):
    help = "Map every job's title to an occupation in one SQL pass; list unmapped titles."

    def handle(self, *args, **options):
        changed = jobs_assign_occupations()
        unmapped = UnmappedTitle.objects.count()
        self.stdout.write(f"{changed:,} jobs changed occupation; {unmapped:,} titles unmapped.")
