"""Recompute today's salary aggregates now, for every occupation or one (by slug)."""

import time

from django.core.management.base import BaseCommand, CommandError

from salaries.models import Occupation
from salaries.services import salary_aggregates_refresh


class Command(BaseCommand):
    help = "Recompute today's salary aggregates in SQL (all occupations, or --occupation SLUG)."

    def add_arguments(self, parser):
        parser.add_argument("--occupation", help="slug of one occupation")

    def handle(self, *args, occupation: str | None, **options):
        target = None
        if occupation:
            target = Occupation.objects.filter(slug=occupation).first()
            if target is None:
                raise CommandError(f"No occupation with the slug “{occupation}”.")
        start = time.perf_counter()
        written = salary_aggregates_refresh(occupation=target)
        elapsed = time.perf_counter() - start
        self.stdout.write(f"Wrote {written:,} salary aggregates in {elapsed:.1f} s.")
