from django.urls import path

from secretariat.formats import views

app_name = "formats"
urlpatterns = [
    path("<slug:slug>/", views.format_detail, name="detail"),
    path("<slug:slug>/delegations/<str:iso2>/", views.delegation_detail, name="delegation"),
    path(
        "<slug:slug>/delegations/<str:iso2>/internal/",
        views.delegation_internal,
        name="delegation_internal",
    ),
]
