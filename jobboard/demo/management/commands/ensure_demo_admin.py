"""Create the local admin account once and print its login (used by ``make run``)."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

# Accounts log in by email, which is their username too (see ``companies.accounts``).
EMAIL = "admin@localhost"
# What earlier runs named the account, before it could log in on the site.
OLD_USERNAME = "admin"


class Command(BaseCommand):
    help = f"Create a superuser {EMAIL} with a random password once; print the login."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Refusing to create a demo admin under DJANGO_ENV=production.")
        password_file = settings.VAR_DIR / "demo-admin-password.txt"
        User = get_user_model()
        if not User.objects.filter(username=EMAIL).exists():
            User.objects.filter(username=OLD_USERNAME).update(username=EMAIL, email=EMAIL)
        if not User.objects.filter(username=EMAIL).exists() or not password_file.exists():
            password = secrets.token_urlsafe(12)
            user, _ = User.objects.get_or_create(username=EMAIL, defaults={"email": EMAIL})
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            password_file.write_text(password)
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        self.stdout.write(
            f"Demo admin: email '{EMAIL}', password '{password}'. Log in with them on the site "
            f"({reverse('login')}) or at {reverse('admin:index')}."
        )
