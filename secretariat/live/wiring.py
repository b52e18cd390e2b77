"""This capability's URLs on top of the site's, for test servers and benchmarks.

config/urls.py and secretariat/api.py (owned elsewhere) do not include the live app's
page and API yet. Until they do, `config.settings` + ROOT_URLCONF="secretariat.live.wiring"
(see secretariat/live/server_settings.py) serves the whole site plus:
  /live/<slug>/announcements/                 the announcements page
  /api/live/formats/<slug>/announcements      GET / POST
Once the site includes them itself, this module only adds a harmless duplicate.
"""

from __future__ import annotations

from django.urls import include, path
from ninja import NinjaAPI

from config.urls import urlpatterns as site_urlpatterns
from secretariat.api import api as site_api
from secretariat.live.api import router

live_api = NinjaAPI(
    title="Secretariat API (live)",
    version="1",
    urls_namespace="live-api",
    docs_url=None,
    openapi_url=None,
)
live_api.add_router("/", router)
# Same JSON errors as the site's API (403 PermissionDenied, 409 conflicts, 422 validation).
for exc_class, handler in site_api._exception_handlers.items():
    live_api.add_exception_handler(exc_class, handler)

urlpatterns = [
    path("api/", live_api.urls),
    path("", include("secretariat.live.urls")),
    *site_urlpatterns,
]
