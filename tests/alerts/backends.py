"""An email backend for tests that counts the connections it opens, as SMTP would open them."""

from django.core.mail.backends.locmem import EmailBackend


class CountingBackend(EmailBackend):
    opened = 0

    def open(self):
        CountingBackend.opened += 1
        return True
