"""Forms for the rating quiz and plain account sign-up."""

from django import forms

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
