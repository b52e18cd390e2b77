from django.urls import path

from secretariat.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("times/preview", views.time_preview, name="time_preview"),
]
