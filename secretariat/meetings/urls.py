from django.urls import path

from secretariat.meetings import views

app_name = "meetings"
urlpatterns = [
    path("formats/<slug:slug>/meetings/", views.meeting_list, name="list"),
    path("formats/<slug:slug>/meetings/new/", views.meeting_create, name="create"),
    path("formats/<slug:slug>/meetings.ics", views.format_ics, name="format_ics"),
    path("meetings/calendar/", views.my_calendar, name="my_calendar"),
    path("meetings/calendar/<str:token>.ics", views.personal_ics, name="personal_ics"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/meeting.ics", views.meeting_ics, name="ics"),
    path("meetings/<int:pk>/do/<slug:action>/", views.meeting_action, name="action"),
    path("meetings/<int:pk>/live/", views.meeting_live, name="live"),
    path("meetings/<int:pk>/outcomes/", views.meeting_outcomes, name="outcomes"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="minutes"),
    path("meetings/<int:pk>/minutes.<str:fmt>", views.minutes_export, name="minutes_export"),
    path("meetings/<int:pk>/statement/", views.meeting_statement, name="statement"),
    path("meetings/<int:pk>/statement.<str:fmt>", views.statement_export, name="statement_export"),
]
