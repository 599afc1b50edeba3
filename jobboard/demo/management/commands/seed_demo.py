"""``manage.py seed_demo``: load the realistic demo data set (``make run`` does this once)."""

import random
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from jobboard.demo.catalogue import companies_seed, demo_reset, places_seed
from jobboard.demo.jobs import jobs_seed
from jobboard.demo.occupations import occupations_seed
from jobboard.demo.ratings import ratings_seed
from jobboard.demo.showcase import showcase_job_seed
from listings.models import Job
from listings.words.services import title_words_refresh
from salaries.services import jobs_assign_occupations, salary_aggregates_refresh


class Command(BaseCommand):
    help = "Load places, ~500 companies and --jobs realistic jobs, deterministically (--seed)."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=20_000, help="how many jobs to add")
        parser.add_argument("--seed", type=int, default=2026, help="same seed, same data")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when any job exists already"
        )
        parser.add_argument(
            "--reset", action="store_true", help="delete all jobs, companies and places first"
        )
        parser.add_argument(
            "--add",
            type=int,
            metavar="N",
            help="only add N new jobs, visible from now on, to the loaded data (to try alerts)",
        )

    def handle(self, *args, jobs: int, seed: int, if_empty: bool, reset: bool, **options):
        if options["add"] is not None:
            self._add(options["add"], seed=seed)
            return
        if if_empty and Job.objects.exists():
            self.stdout.write("Demo data is already loaded; nothing to do.")
            return
        started = time.monotonic()
        if reset:
            demo_reset()
        rng = random.Random(seed)
        places_seed()
        companies_seed(rng=rng)
        occupations_seed()
        showcase_job_seed()
        with tqdm(total=jobs, unit="jobs", disable=None, file=self.stderr) as bar:
            jobs_seed(count=jobs, rng=rng, progress=bar.update)
        jobs_assign_occupations()  # writes only what the load did not map (the showcase job)
        salary_aggregates_refresh()
        title_words_refresh()
        ratings_seed(seed=seed)
        self.stdout.write(
            f"Loaded {jobs:,} demo jobs in {time.monotonic() - started:.0f} s "
            f"({Job.objects.searchable().count():,} searchable after collapsing duplicates)."
        )

    def _add(self, count: int, *, seed: int) -> None:
        """New jobs on top of the demo data, as a busy hour of postings would bring them."""
        if not Job.objects.exists():
            self.stderr.write("Load the demo data first (seed_demo without --add).")
            return
        # Another seed each time, so every --add brings other jobs.
        rng = random.Random(seed + Job.objects.order_by("-pk").values_list("pk", flat=True)[0])
        jobs_seed(count=count, rng=rng, days_of_postings=1 / 24, published_now=True)
        self.stdout.write(f"Added {count:,} new demo jobs, visible from now on.")
