from django.urls import path

from listings.saved import views

app_name = "saved"

urlpatterns = [
    path("", views.saved_jobs, name="list"),
    path("job/<int:pk>/", views.saved_job_toggle, name="toggle"),
]
