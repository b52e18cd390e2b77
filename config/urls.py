from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from secretariat.api import api
from secretariat.core.views import api_not_found

urlpatterns = [
    path("", include("secretariat.core.urls")),
    path("accounts/", include("secretariat.accounts.urls")),
    path("formats/", include("secretariat.formats.urls")),
    path("", include("secretariat.negotiation.urls")),
    path("", include("secretariat.meetings.urls")),
    path("", include("secretariat.announcements.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    re_path(r"^api/(?P<path>.*)$", api_not_found),
]

if settings.DEBUG:  # pragma: no cover - static files are served by WhiteNoise otherwise
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
