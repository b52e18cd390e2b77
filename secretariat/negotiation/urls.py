from django.urls import path

from secretariat.negotiation import views

app_name = "negotiation"
urlpatterns = [
    path("formats/<slug:slug>/documents/", views.document_list, name="list"),
    path("formats/<slug:slug>/documents/<slug:doc_slug>/", views.document_detail, name="document"),
    path("formats/<slug:slug>/documents/<slug:doc_slug>/diff/", views.document_diff, name="diff"),
    path(
        "formats/<slug:slug>/documents/<slug:doc_slug>/do/<str:action>/",
        views.document_action,
        name="action",
    ),
    path(
        "formats/<slug:slug>/documents/<slug:doc_slug>/provisions/<int:provision_id>/<str:what>/",
        views.provision_fragment,
        name="provision_fragment",
    ),
    path(
        "formats/<slug:slug>/documents/<slug:doc_slug>/export/<str:fmt>/",
        views.document_export,
        name="export",
    ),
]
