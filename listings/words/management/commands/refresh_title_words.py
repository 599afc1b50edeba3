"""``manage.py refresh_title_words``: what the hourly beat task does, in this process, by hand."""

from django.core.management.base import BaseCommand

from listings.words.services import title_words_refresh


class Command(BaseCommand):
    help = "Recount the words of searchable job titles, which 'Did you mean' suggests from."

    def handle(self, *args, **options):
        self.stdout.write(f"{title_words_refresh():,} words in searchable job titles.")
