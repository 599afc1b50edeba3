"""Sending one email from its templates: ``email/<event>_subject.txt`` and ``email/<event>.txt``
(plus ``email/<event>.html`` when the event has an HTML body). Every app that mails people uses
this, so subjects, senders and bodies are built one way."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


def email_message(
    *, event: str, to: str, context: dict, headers: dict[str, str] | None = None
) -> EmailMultiAlternatives:
    """The email of ``event`` to one address, rendered and ready to send."""
    subject = " ".join(render_to_string(f"email/{event}_subject.txt", context).split())
    body = render_to_string(f"email/{event}.txt", context)
    message = EmailMultiAlternatives(
        subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers or {}
    )
    try:
        message.attach_alternative(render_to_string(f"email/{event}.html", context), "text/html")
    except TemplateDoesNotExist:
        pass  # a plain-text email
    return message


def email_send(
    *, event: str, to: str, context: dict, headers: dict[str, str] | None = None
) -> None:
    """Render and send the email of ``event`` to one address."""
    email_message(event=event, to=to, context=context, headers=headers).send()
