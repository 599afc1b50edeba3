"""Alert pages: subscribe from a search, confirm, unsubscribe in one click, and the lists of
one address's (signed link) or one account's alerts to change or delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from listings.alerts import tokens
from listings.alerts.forms import AlertChangeForm, AlertSubscribeForm, subscribe_form_context
from listings.alerts.models import Alert
from listings.alerts.selectors import alert_search_path, alerts_of_address, alerts_of_user
from listings.alerts.services import (
    AlertRefused,
    alert_change,
    alert_confirm,
    alert_delete,
    alert_subscribe,
    alert_unsubscribe,
)
from listings.search import SearchInvalid, search_request


def _link_invalid(request: HttpRequest, error: tokens.TokenInvalid) -> HttpResponse:
    return render(request, "alerts/link_invalid.html", {"error": str(error)}, status=400)


@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    """The "Email me jobs like these" form: the search comes as its own parameters."""
    try:
        search = search_request(request.POST)
    except SearchInvalid as invalid:
        context = {"errors": invalid.errors, "title": "We couldn't save an alert for this search"}
        return render(request, "alerts/refused.html", context, status=400)
    form = AlertSubscribeForm(request.POST)
    context = subscribe_form_context(search, form)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"alert": context}, status=400)
    try:
        outcome = alert_subscribe(
            params=context["params"],
            name=context["name"],
            email=form.cleaned_data["email"],
            frequency=form.cleaned_data["frequency"],
            user=request.user,
            ip=request.META.get("REMOTE_ADDR"),
        )
    except AlertRefused as refused:
        context = {"errors": [str(refused)], "title": "We couldn't set up this alert"}
        return render(request, "alerts/refused.html", context, status=refused.status)
    return render(
        request,
        "alerts/subscribed.html",
        {
            "outcome": outcome,
            "name": context["name"],
            "email": form.cleaned_data["email"],
            "search_link": reverse("listings:search")
            + "?"
            + urlencode(context["params"], doseq=True),
        },
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button and POST confirms, so a link scanner opening the email confirms
    nothing on its owner's behalf."""
    try:
        if request.method == "POST":
            alert = alert_confirm(token=token)
            context = {"alert": alert, "search_link": alert_search_path(alert=alert)}
            return render(request, "alerts/confirmed.html", context)
        tokens.confirm_token_read(token)
    except tokens.TokenInvalid as error:
        return _link_invalid(request, error)
    return render(request, "alerts/confirm.html")


@csrf_exempt  # RFC 8058: mail clients POST the link with no cookie; the signed token is the check
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click: a mail client's POST (List-Unsubscribe-Post) or the page's one button. A GET
    only shows the button, so link scanners unsubscribe nobody."""
    try:
        alert_id, email = tokens.unsubscribe_token_read(token)
    except tokens.TokenInvalid as error:
        return _link_invalid(request, error)
    alert = Alert.objects.filter(pk=alert_id, email=email).first()
    context = {"alert": alert, "manage_link": tokens.manage_link(email=email) if email else ""}
    if alert is not None and request.method == "POST":
        alert_unsubscribe(alert=alert)
        context["done"] = True
    return render(request, "alerts/unsubscribe.html", context)


def _change(request: HttpRequest, alert: Alert) -> None:
    """Delete, or change the frequency and pause, of one alert the page may touch."""
    if "delete" in request.POST:
        alert_delete(alert=alert)
        messages.success(request, f"Deleted “{alert.name}”.")
        return
    form = AlertChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose daily or weekly.")
        return
    try:
        alert_change(
            alert=alert,
            frequency=form.cleaned_data["frequency"],
            paused=form.cleaned_data["paused"],
        )
    except AlertRefused as refused:
        messages.error(request, str(refused))
        return
    messages.success(request, f"Saved “{alert.name}”.")


def _list_page(request: HttpRequest, alerts, *, action, heading: str) -> HttpResponse:
    rows = [
        {
            "alert": alert,
            "action": action(alert),
            "form": AlertChangeForm(
                initial={
                    "frequency": alert.frequency,
                    "paused": alert.status == Alert.Status.PAUSED,
                },
                auto_id=f"id_alert{alert.pk}_%s",
            ),
        }
        for alert in alerts
    ]
    return render(request, "alerts/list.html", {"rows": rows, "heading": heading})


def manage(request: HttpRequest, token: str) -> HttpResponse:
    """One address's alerts, reached from the signed link in every alert email."""
    try:
        email = tokens.manage_token_read(token)
    except tokens.TokenInvalid as error:
        return _link_invalid(request, error)
    return _list_page(
        request,
        alerts_of_address(email=email),
        action=lambda alert: reverse("alerts:manage_change", args=[token, alert.pk]),
        heading=f"Job alerts for {email}",
    )


@require_POST
def manage_change(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    try:
        email = tokens.manage_token_read(token)
    except tokens.TokenInvalid as error:
        return _link_invalid(request, error)
    alert = alerts_of_address(email=email).filter(pk=pk).first()
    if alert is None:
        raise Http404("No such alert for this address.")
    _change(request, alert)
    return redirect("alerts:manage", token)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The account's own alerts."""
    return _list_page(
        request,
        alerts_of_user(user=request.user),
        action=lambda alert: reverse("alerts:mine_change", args=[alert.pk]),
        heading="Your job alerts",
    )


@login_required
@require_POST
def mine_change(request: HttpRequest, pk: int) -> HttpResponse:
    alert = alerts_of_user(user=request.user).filter(pk=pk).first()
    if alert is None:
        raise Http404("No such alert on your account.")  # another's alert: ids reveal nothing
    _change(request, alert)
    return redirect("alerts:mine")
