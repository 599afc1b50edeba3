"""Forms for the rating quiz and plain account sign-up."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from companies.models import Rating

SCORE_CHOICES = [(str(score), str(score)) for score in range(11)]


class RatingForm(forms.ModelForm):
    """The rating quiz; ``nickname`` is a honeypot that people never see."""

    nickname = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Rating
        fields = [
            "overall",
            "pay",
            "benefits",
            "hours",
            "workplace",
            "employment_status",
            "role_type",
            "comment",
        ]
        labels = {
            "overall": "Overall, how would you rate working here?",
            "pay": "Pay",
            "benefits": "Benefits",
            "hours": "Hours and flexibility",
            "workplace": "Workplace",
            "employment_status": "Do you work there now?",
            "role_type": "What kind of role?",
            "comment": "Anything else job seekers should know? (optional)",
        }
        help_texts = {"comment": "Plain text, up to 1,000 characters. Shown after moderation."}
        widgets = {
            **{
                name: forms.RadioSelect(choices=SCORE_CHOICES, attrs={"class": "scale"})
                for name in ["overall", "pay", "benefits", "hours", "workplace"]
            },
            "employment_status": forms.RadioSelect,
            "role_type": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons for required choices need no "---------" entry.
        self.fields["employment_status"].choices = Rating.EmploymentStatus.choices
        self.fields["role_type"].choices = Rating.RoleType.choices


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
