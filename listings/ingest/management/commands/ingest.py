"""``manage.py ingest``: run sources now, or a one-off address or file, with a progress bar."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from listings.ingest.models import IngestRun, Source
from listings.ingest.parsers import PARSERS
from listings.ingest.run import ingest_run_replay, source_ingest, source_ingest_oneoff


class Command(BaseCommand):
    help = (
        "Ingest postings: `ingest SOURCE_ID ...`, `ingest --all` (enabled sources), "
        "`ingest --kind KIND --url URL_OR_PATH [--company NAME]` (one-off), or "
        "`ingest --replay RUN_ID` (a stored payload again). Prints each run's counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("source_ids", nargs="*", type=int, metavar="SOURCE_ID")
        parser.add_argument("--all", action="store_true", help="every enabled source")
        parser.add_argument("--kind", choices=sorted(PARSERS), help="one-off: the feed's kind")
        parser.add_argument("--url", help="one-off: an http(s) address or a local file")
        parser.add_argument("--company", default="", help="one-off: the company, if not named")
        parser.add_argument("--replay", type=int, metavar="RUN_ID", help="replay a stored run")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, source_ids, all, kind, url, company, replay, no_progress, **options):
        modes = sum([bool(source_ids), all, bool(kind or url), replay is not None])
        if modes != 1:
            raise CommandError("Give source ids, --all, --kind with --url, or --replay.")
        if bool(kind) != bool(url):
            raise CommandError("A one-off run needs both --kind and --url.")
        self.show_progress = not no_progress
        failed = 0
        if kind:
            run = self._run(
                url,
                lambda p: source_ingest_oneoff(
                    kind=kind, address=url, company_name=company, progress=p
                ),
            )
            failed += run.status == IngestRun.Status.FAILED
        elif replay is not None:
            stored = IngestRun.objects.select_related("source").filter(pk=replay).first()
            if stored is None or not stored.payload:
                raise CommandError(f"No stored run {replay} with a payload.")
            run = self._run(str(stored.source), lambda p: ingest_run_replay(run=stored, progress=p))
            failed += run.status == IngestRun.Status.FAILED
        else:
            sources = Source.objects.exclude(kind=Source.Kind.DEMO)
            sources = sources.filter(enabled=True) if all else sources.filter(pk__in=source_ids)
            found = {source.pk: source for source in sources}
            missing = set(source_ids) - set(found)
            if missing:
                raise CommandError(f"No source with id {', '.join(map(str, sorted(missing)))}.")
            # One source failing never stops the others: each run records its own outcome.
            for source in found.values():
                run = self._run(
                    str(source),
                    lambda p, s=source: source_ingest(source=s, trigger="command", progress=p),
                )
                failed += run.status == IngestRun.Status.FAILED
        if failed:
            raise CommandError(f"{failed} run(s) failed; see the errors above.")

    def _run(self, label: str, start) -> IngestRun:
        # The bar redraws its line with "\r"; Django's OutputWrapper would add a newline to
        # every redraw, so the bar writes to the stream it wraps.
        stream = self.stderr._out
        with tqdm(
            desc=label[:40], unit=" postings", disable=not self.show_progress, file=stream
        ) as bar:
            run = start(bar.update)
        self.stdout.write(self._summary(run))
        return run

    def _summary(self, run: IngestRun) -> str:
        line = (
            f"Run {run.pk} of {run.source} {run.status}: fetched {run.fetched}, "
            f"created {run.created}, updated {run.updated}, unchanged {run.unchanged}, "
            f"expired {run.expired}, rejected {run.rejected}"
        )
        if run.duration is not None:
            line += f" in {run.duration.total_seconds():.1f}s"
        details = [f"  {run.error}"] if run.error else []
        details += [f"  rejected {r['external_id']}: {r['reason']}" for r in run.rejections[:20]]
        style = self.style.ERROR if run.status == IngestRun.Status.FAILED else self.style.SUCCESS
        return "\n".join([style(line), *details])
