from django.urls import path

from companies import views

app_name = "companies"

urlpatterns = [
    path("companies/", views.top_rated, name="top_rated"),
    path(
        "companies/top/<slug:industry_slug>/", views.top_rated_industry, name="top_rated_industry"
    ),
    path("companies/<slug:slug>/", views.company_detail, name="detail"),
    path("companies/<slug:slug>/rate/", views.company_rate, name="rate"),
]
