from django.urls import path

from secretariat.announcements import views

app_name = "announcements"
urlpatterns = [
    # The address the page had when it was part of the live app; kept so links still work.
    path("live/<slug:slug>/announcements/", views.announcement_list, name="list"),
]
