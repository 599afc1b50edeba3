"""The subscribe form beside search results, and the form that changes one alert."""

from django import forms

from listings.alerts.models import Alert
from listings.alerts.selectors import alert_name, alert_params


class AlertSubscribeForm(forms.Form):
    """ "Email me jobs like these"; the search itself comes along as its own parameters."""

    email = forms.EmailField(
        max_length=254,
        label="Your email",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "you@example.com"}),
    )
    frequency = forms.ChoiceField(
        choices=Alert.Frequency.choices,
        initial=Alert.Frequency.DAILY,
        label="How often",
        widget=forms.RadioSelect,
    )
    # A honeypot: hidden from people by CSS, filled in by form-filling bots.
    website = forms.CharField(
        required=False,
        max_length=200,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "alert_%s")  # unique beside the search form's fields
        super().__init__(*args, **kwargs)

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError("This field must stay empty.")
        return ""


class AlertChangeForm(forms.Form):
    """How often one alert mails, and whether it is paused."""

    frequency = forms.ChoiceField(choices=Alert.Frequency.choices, label="How often")
    paused = forms.BooleanField(required=False, label="Paused")


def subscribe_form_context(search, form: AlertSubscribeForm) -> dict:
    """The form, the alert's name and the search as hidden fields, for ``_alert_form.html``."""
    params = alert_params(search)
    company = search.filterset.form.cleaned_data.get("company")
    hidden = [
        (name, item)
        for name, value in params.items()
        for item in (value if isinstance(value, list) else [value])
    ]
    return {
        "form": form,
        "name": alert_name(params=params, company_name=company.name if company else ""),
        "hidden": hidden,
        "params": params,
    }
