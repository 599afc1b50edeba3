from django.urls import path

from salaries import views

app_name = "salaries"

urlpatterns = [
    path("salaries/", views.index, name="index"),
    path("salaries/compare/<slug:left>/<slug:right>/", views.compare, name="compare"),
    path(
        "salaries/compare/<slug:left>/<slug:right>/<slug:place_slug>/",
        views.compare,
        name="compare_place",
    ),
    path("salaries/<slug:occupation_slug>/", views.occupation, name="occupation"),
    path(
        "salaries/<slug:occupation_slug>/<slug:place_slug>/",
        views.occupation,
        name="occupation_place",
    ),
]
