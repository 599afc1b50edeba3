from django.urls import path

from listings import feeds, views

app_name = "listings"

urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/", views.search, name="search"),
    # Feeds first: "feed/atom/" would otherwise read as a landing URL's title and place.
    path("jobs/feed/", feeds.SearchFeed(), name="search_feed"),
    path("jobs/feed/atom/", feeds.SearchAtomFeed(), name="search_feed_atom"),
    path("jobs/<slug:title_slug>/<slug:place_slug>/", views.landing, name="landing"),
    path("jobs/<slug:title_slug>/<slug:place_slug>/feed/", feeds.SearchFeed(), name="landing_feed"),
    path(
        "jobs/<slug:title_slug>/<slug:place_slug>/feed/atom/",
        feeds.SearchAtomFeed(),
        name="landing_feed_atom",
    ),
    path("job/<int:pk>/apply/", views.job_apply, name="job_apply"),
    path("job/<int:pk>/<slug:slug>/", views.job_detail, name="job_detail"),
]
