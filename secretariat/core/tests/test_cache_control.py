"""Issue 7: drafts, draft API answers, draft exports and anything for a signed-in person are
`private, no-store`; only views marked public, answered to nobody signed in, may be cached."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from secretariat.core.middleware import PRIVATE, CacheControlMiddleware, cache_public
from secretariat.negotiation.tests.factories import make_document

pytestmark = pytest.mark.django_db


def test_public_api_answers_may_be_cached_for_anonymous_visitors(client, world):
    for url in ("/api/formats", "/api/formats/caj", "/api/states", "/api/formats/caj/delegations"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=60", url
        assert "Cookie" in response["Vary"], url
        assert "Accept-Language" in response["Vary"], url


def test_the_same_public_answer_is_private_for_a_signed_in_person(client, world):
    client.force_login(world.head_kz)
    for url in ("/api/formats", "/api/formats/caj", reverse("core:home")):
        assert client.get(url)["Cache-Control"] == PRIVATE, url


def test_a_public_page_that_sets_a_cookie_is_private(client, world):
    # Every page carries a CSRF token (language switch, log out), and Django sends its cookie
    # with it: a shared cache must not hand one visitor's token to another.
    for url in (reverse("core:home"), reverse("formats:detail", args=["caj"])):
        response = client.get(url)
        assert response.cookies, url
        assert response["Cache-Control"] == PRIVATE, url


def test_drafts_their_api_and_their_exports_are_private(client, world):
    doc = make_document(world)
    client.force_login(world.secretariat)
    urls = [
        reverse("negotiation:document", args=["caj", doc.slug]),
        f"/api/documents/{doc.pk}",
        f"/api/documents/{doc.pk}/revisions",
        reverse("negotiation:export", args=["caj", doc.slug, "docx"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE, url


def test_refusals_and_errors_are_private(client, world):
    doc = make_document(world)
    for url in (f"/api/documents/{doc.pk}", "/api/no/such/thing", "/api/me"):
        response = client.get(url)
        assert response.status_code in (401, 404), url
        assert response["Cache-Control"] == PRIVATE, url


def test_a_view_setting_public_itself_is_overruled():
    def view(request):
        response = HttpResponse("draft")
        response["Cache-Control"] = "public, max-age=3600"
        return response

    request = RequestFactory().get("/somewhere")
    assert CacheControlMiddleware(view)(request)["Cache-Control"] == PRIVATE


def test_the_decorator_marks_only_reads():
    marked = cache_public(max_age=300)(lambda request: HttpResponse("ok"))
    middleware = CacheControlMiddleware(marked)
    assert middleware(RequestFactory().get("/"))["Cache-Control"] == "public, max-age=300"
    assert middleware(RequestFactory().post("/"))["Cache-Control"] == PRIVATE


def test_static_files_keep_their_own_headers(client, settings):
    response = client.get(f"/{settings.STATIC_URL.strip('/')}/secretariat/css/app.css")
    response.close()  # a file response: release the file
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
