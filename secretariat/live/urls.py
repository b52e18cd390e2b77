from django.urls import path

from secretariat.live import views

app_name = "live"
urlpatterns = [
    path("live/<slug:slug>/announcements/", views.announcements, name="announcements"),
]
