"""Accounts: Django's own auth views under /accounts/, logging in by email, plus sign-up."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from listings.recruiters import views
from listings.recruiters.forms import EmailAuthenticationForm

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("verify/<str:token>/", views.verify_email, name="verify_email"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("", include("django.contrib.auth.urls")),
]
