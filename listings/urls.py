from django.urls import path

from listings import views

app_name = "listings"

urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/", views.search, name="search"),
    path("jobs/<slug:title_slug>/<slug:place_slug>/", views.landing, name="landing"),
    path("job/<int:pk>/apply/", views.job_apply, name="job_apply"),
    path("job/<int:pk>/<slug:slug>/", views.job_detail, name="job_detail"),
]
