"""The posting form: real validation with messages a recruiter can act on."""

from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils import timezone

from companies.models import Company, Industry
from companies.selectors import company_named
from listings.forms import pay_errors
from listings.html import html_to_text, markdown_to_html
from listings.models import Job
from listings.places import place_resolve
from salaries.display import CURRENCY_SYMBOLS

MAX_PLACES = 10
MAX_PLACE_LENGTH = 100  # the search box's own limit for a place
MAX_LIFETIME_DAYS = 90


def too_long(what: str, limit: int) -> dict:
    """The ``max_length`` message of a text field: every field's input is capped, and says so."""
    return {"max_length": f"Keep the {what} under {limit:,} characters (it has %(show_value)d)."}


class JobPostForm(forms.Form):
    """Title, places, types, pay, description (Markdown), how to apply, and expiry."""

    title = forms.CharField(max_length=200, error_messages=too_long("title", 200))
    places = forms.CharField(
        label="Locations",
        required=False,
        max_length=1_000,
        error_messages=too_long("locations", 1_000),
        help_text='One per line, e.g. "San Jose, CA" or "California". Leave empty for remote.',
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    workplace_type = forms.ChoiceField(choices=Job.WorkplaceType.choices)
    employment_type = forms.ChoiceField(choices=Job.EmploymentType.choices)
    pay_min = forms.DecimalField(
        label="Pay from", required=False, min_value=0, max_digits=12, decimal_places=2
    )
    pay_max = forms.DecimalField(
        label="Pay up to", required=False, min_value=0, max_digits=12, decimal_places=2
    )
    pay_currency = forms.ChoiceField(
        label="Currency", choices=[(code, code) for code in CURRENCY_SYMBOLS], initial="USD"
    )
    pay_period = forms.ChoiceField(
        label="Per", choices=Job.PayPeriod.choices, initial=Job.PayPeriod.YEAR
    )
    description_markdown = forms.CharField(
        label="Description",
        max_length=20_000,
        error_messages=too_long("description", 20_000),
        help_text="Markdown: ## for headings, - for lists, **bold**. No scripts or images.",
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    apply_url = forms.URLField(
        label="Apply URL",
        required=False,
        max_length=1000,
        assume_scheme="https",
        error_messages={"invalid": "Enter a full web address starting with http:// or https://."},
    )
    apply_email = forms.EmailField(label="or apply by email", required=False)
    expires_on = forms.DateField(
        label="Expires on",
        required=False,
        help_text="Leave empty for 30 days after it is published.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # A honeypot: hidden from people by CSS, filled in by form-filling bots.
    website = forms.CharField(
        required=False,
        max_length=200,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError("This field must stay empty.")
        return ""

    def clean_places(self) -> list:
        lines = [
            line.strip()
            for line in self.cleaned_data["places"].replace(";", "\n").splitlines()
            if line.strip()
        ]
        if len(lines) > MAX_PLACES:
            raise forms.ValidationError(f"List at most {MAX_PLACES} locations.")
        if any(len(line) > MAX_PLACE_LENGTH for line in lines):
            raise forms.ValidationError(
                f"A location is at most {MAX_PLACE_LENGTH} characters: one per line."
            )
        places, unknown = [], []
        for line in lines:
            place = place_resolve(line)
            if place is None:
                unknown.append(line)
            elif place not in places:
                places.append(place)
        if unknown:
            raise forms.ValidationError(
                f"We do not know {', '.join(repr(u) for u in unknown)}. "
                "Pick a city, state or country from the suggestions."
            )
        return places

    def clean_apply_url(self) -> str:
        url = self.cleaned_data["apply_url"]
        # URLField already refuses most schemes; say so plainly for javascript: and data:.
        if url and urlsplit(url).scheme.lower() not in ("http", "https"):
            raise forms.ValidationError("The apply URL must start with http:// or https://.")
        return url

    def clean_description_markdown(self) -> str:
        text = self.cleaned_data["description_markdown"]
        self.cleaned_data["description_html"] = markdown_to_html(text)
        if not html_to_text(self.cleaned_data["description_html"]).strip():
            raise forms.ValidationError("The description is empty once unsafe markup is removed.")
        return text

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if day is not None and day <= today:
            raise forms.ValidationError("Pick a date after today.")
        if day is not None and day > today + timedelta(days=MAX_LIFETIME_DAYS):
            raise forms.ValidationError(f"A posting runs at most {MAX_LIFETIME_DAYS} days.")
        return day

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("places") and cleaned.get("workplace_type") != Job.WorkplaceType.REMOTE:
            if "places" not in self.errors:
                self.add_error("places", "Give at least one location, or choose Remote.")
        low, high = cleaned.get("pay_min"), cleaned.get("pay_max")
        problems = pay_errors(
            pay_min=low,
            pay_max=high,
            currency=cleaned.get("pay_currency", ""),
            period=cleaned.get("pay_period", ""),
        )
        for name, message in problems.items():
            self.add_error(name, message)
        if not cleaned.get("apply_url") and not cleaned.get("apply_email"):
            if "apply_url" not in self.errors:
                self.add_error("apply_url", "Give an apply URL or an email address.")
        day = cleaned.get("expires_on")
        cleaned["expires_at"] = (
            timezone.make_aware(datetime.combine(day, time(23, 59))) if day else None
        )
        cleaned["pay_max"] = high if high is not None else low
        return cleaned

    @classmethod
    def initial_for(cls, job: Job) -> dict:
        """The form's fields filled from a saved job (or its pending edit)."""
        return {
            "title": job.title,
            "places": "\n".join(place.display_name for place in job.places.all()),
            "workplace_type": job.workplace_type,
            "employment_type": job.employment_type,
            "pay_min": job.pay_min,
            "pay_max": job.pay_max,
            "pay_currency": job.pay_currency or "USD",
            "pay_period": job.pay_period or Job.PayPeriod.YEAR,
            "description_markdown": job.description_markdown or html_to_text(job.description_html),
            "apply_url": job.apply_url,
            "apply_email": job.apply_email,
            "expires_on": timezone.localdate(job.expires_at) if job.expires_at else None,
        }


class CompanyCreateForm(forms.ModelForm):
    """The facts a new company starts with; the rest can wait."""

    website = forms.URLField(required=False, max_length=200, assume_scheme="https")
    description = forms.CharField(
        required=False,
        max_length=2_000,
        error_messages=too_long("description", 2_000),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Company
        fields = ["name", "industry", "website", "headquarters", "size", "description"]
        help_texts = {"headquarters": "City, region, country"}
        error_messages = {
            "name": too_long("name", 200),
            "headquarters": too_long("headquarters", 200),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].queryset = Industry.objects.order_by("name")
        self.existing: Company | None = None  # the company the name turned out to be

    def clean_name(self) -> str:
        """A name that reads like a company's we have is that company: offer to join it."""
        name = " ".join(self.cleaned_data["name"].split())
        self.existing = company_named(name=name)
        if self.existing is not None:
            raise forms.ValidationError(
                "%(name)s is on Payline already: ask to join it instead, with the form beside.",
                params={"name": self.existing.name},
            )
        return name


class CompanyJoinForm(forms.Form):
    """Ask to join a company that exists, by its name (case, punctuation and width aside)."""

    company = forms.CharField(
        label="Company name", max_length=200, error_messages=too_long("company name", 200)
    )

    def clean_company(self) -> Company:
        company = company_named(name=self.cleaned_data["company"])
        if company is None:
            raise forms.ValidationError("No company has this name. Create it instead?")
        return company


class RejectForm(forms.Form):
    """The reason a recruiter will read."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages=too_long("reason", 2000),
    )


class SignUpForm(UserCreationForm):
    """An email address (the account's username too) and a password; ``account_sign_up`` saves."""

    email = forms.EmailField(label="Email", max_length=150)

    class Meta:
        model = get_user_model()
        fields = ["email"]

    def clean_email(self) -> str:
        # Whether the address has an account is never said here: see account_sign_up.
        return self.cleaned_data["email"].strip().lower()


class EmailAuthenticationForm(AuthenticationForm):
    """Django's log-in form, asking for the email address the account signed up with."""

    username = forms.CharField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean(self):
        if self.cleaned_data.get("username"):
            self.cleaned_data["username"] = self.cleaned_data["username"].strip().lower()
        return super().clean()
