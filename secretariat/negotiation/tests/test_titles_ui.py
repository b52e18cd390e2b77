"""The titles of the other authentic languages are set from the document page."""

from __future__ import annotations

from django.urls import reverse

from secretariat.negotiation.models import Document
from secretariat.negotiation.tests.factories import make_document


def _post(client, world, doc, **titles):
    url = reverse("negotiation:action", args=[world.fmt.slug, doc.slug, "titles"])
    data = {"version": Document.objects.get(pk=doc.pk).version}
    data.update({f"title_{code}": text for code, text in titles.items()})
    return client.post(url, data, HTTP_HX_REQUEST="true")


def test_pen_holder_sets_the_russian_title(client, world):
    doc = make_document(world, languages=["en", "ru"])
    client.force_login(world.secretariat)
    page = client.get(reverse("negotiation:document", args=[world.fmt.slug, doc.slug]))
    assert 'name="title_ru"' in page.content.decode()
    response = _post(client, world, doc, ru="Программа совместных усилий")
    assert response.status_code == 200
    assert Document.objects.get(pk=doc.pk).title_in("ru") == "Программа совместных усилий"


def test_delegates_cannot_set_titles(client, world):
    doc = make_document(world, languages=["en", "ru"])
    client.force_login(world.delegate_kz)
    page = client.get(reverse("negotiation:document", args=[world.fmt.slug, doc.slug]))
    assert 'name="title_ru"' not in page.content.decode()
    _post(client, world, doc, ru="Чужое название")
    assert Document.objects.get(pk=doc.pk).title_in("ru") == ""


def test_a_stale_form_changes_nothing(client, world):
    doc = make_document(world, languages=["en", "ru"])
    client.force_login(world.secretariat)
    url = reverse("negotiation:action", args=[world.fmt.slug, doc.slug, "titles"])
    stale = Document.objects.get(pk=doc.pk).version - 1
    client.post(url, {"version": stale, "title_ru": "Название"}, HTTP_HX_REQUEST="true")
    assert Document.objects.get(pk=doc.pk).title_in("ru") == ""
