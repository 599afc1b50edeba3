"""``make bench``: seed the bench database once, time the search page, write the figures."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from jobboard.bench.admin import admin_bench
from jobboard.bench.alerts import alert_bench
from jobboard.bench.api import api_bench
from jobboard.bench.autocomplete import autocomplete_bench
from jobboard.bench.breakdown import search_breakdown
from jobboard.bench.companies import company_page_bench
from jobboard.bench.facets import facets_bench
from jobboard.bench.ingest import ingest_bench
from jobboard.bench.recruiters import posting_bench
from jobboard.bench.salaries import salary_bench
from jobboard.bench.search import radius_bench, search_bench, synonym_bench, write_results
from jobboard.bench.sitemaps import sitemap_bench
from listings.ingest.models import Source
from listings.models import Job


class Command(BaseCommand):
    help = "Benchmark search at --jobs postings; writes var/bench/results.json."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=20, help="timed runs per scenario")
        parser.add_argument(
            "--ingest-postings", type=int, default=50_000, help="size of the ingest bench feed"
        )

    def handle(self, *args, jobs: int, repeat: int, ingest_postings: int, **options):
        if connection.settings_dict["NAME"] == "jobboard":
            raise CommandError("Run the bench on its own database: make bench does that.")
        # Query logging under DEBUG would make every request slower and grow memory.
        settings.DEBUG = False
        if Job.objects.filter(source__kind=Source.Kind.DEMO).count() != jobs:
            self.stdout.write(f"Seeding {jobs:,} jobs into {connection.settings_dict['NAME']}")
            call_command("seed_demo", jobs=jobs, reset=True)
        with connection.cursor() as cursor:
            # As autovacuum would leave a table after a bulk load: visibility map set, stats fresh.
            cursor.execute("VACUUM ANALYZE")
        results = search_bench(repeat=repeat, log=self.stdout.write)
        results.update(radius_bench(repeat=repeat, log=self.stdout.write))
        results.update(synonym_bench(repeat=repeat, log=self.stdout.write))
        results.update(search_breakdown(repeat=repeat, log=self.stdout.write))
        results.update(facets_bench(repeat=repeat, log=self.stdout.write))
        results.update(api_bench(repeat=repeat, log=self.stdout.write))
        results.update(autocomplete_bench(repeat=repeat, log=self.stdout.write))
        results.update(company_page_bench(repeat=repeat, log=self.stdout.write))
        results.update(salary_bench(repeat=repeat, log=self.stdout.write))
        results.update(posting_bench(repeat=repeat, log=self.stdout.write))
        results.update(admin_bench(repeat=repeat, log=self.stdout.write))
        results.update(sitemap_bench(repeat=repeat, log=self.stdout.write))
        results.update(alert_bench(log=self.stdout.write))
        # Last: it writes and deletes 50,000 rows, which the read benches should not see.
        results.update(ingest_bench(postings=ingest_postings, log=self.stdout.write))
        results.update(jobs=jobs, measured_at=timezone.now().isoformat(timespec="seconds"))
        path = settings.VAR_DIR / "bench" / "results.json"
        write_results(path, results)
        self.stdout.write(f"Wrote {path}")
