from django.apps import AppConfig


class RecruitersConfig(AppConfig):
    """The recruiter side: accounts, company memberships, posting and the review of postings."""

    name = "listings.recruiters"
    label = "recruiters"
    default_auto_field = "django.db.models.BigAutoField"
