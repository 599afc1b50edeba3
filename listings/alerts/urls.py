from django.urls import path

from listings.alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/", views.mine_change, name="mine_change"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/<int:pk>/", views.manage_change, name="manage_change"),
]
