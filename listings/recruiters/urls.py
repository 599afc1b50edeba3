from django.urls import path

from listings.recruiters import views

app_name = "recruiters"

urlpatterns = [
    path("", views.start, name="start"),
    path("verify/resend/", views.verification_resend, name="verification_resend"),
    path("company/", views.company_choose, name="company"),
    path("members/", views.members, name="members"),
    path("members/<int:pk>/decide/", views.member_decide, name="member_decide"),
    path("jobs/new/", views.job_new, name="job_new"),
    path("jobs/<int:pk>/", views.job_page, name="job"),
    path("jobs/<int:pk>/edit/", views.job_edit, name="job_edit"),
    path(
        "jobs/<int:pk>/<str:action>/",
        views.job_action,
        name="job_action",
    ),
    path("places.json", views.places_json, name="places"),
]
