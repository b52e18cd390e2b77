from __future__ import annotations

import pytest
from django.contrib import admin
from django.core.management import call_command

from secretariat.accounts.models import User


@pytest.fixture
def staff_client(client, db):
    call_command("load_demo", quiet=True)
    client.force_login(User.objects.get(email="secretariat@demo.example"))
    return client


def _changelist_urls(app_labels: set[str]) -> list[str]:
    return [
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
        if model._meta.app_label in app_labels
    ]


def test_secretariat_staff_can_use_the_admin_for_formats(staff_client):
    urls = _changelist_urls({"formats", "core"})
    assert len(urls) >= 8
    for url in urls:
        response = staff_client.get(url, {"q": "Japan"})
        assert response.status_code == 200, url


def test_secretariat_staff_cannot_edit_the_audit_trail(staff_client):
    from secretariat.core.models import AuditEntry

    entry = AuditEntry.objects.first()
    assert entry is not None
    assert staff_client.get(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403
    assert staff_client.get("/admin/core/auditentry/add/").status_code == 403


def test_delegates_have_no_admin(client, db):
    call_command("load_demo", quiet=True)
    client.force_login(User.objects.get(email="delegate@demo.example"))
    response = client.get("/admin/formats/delegation/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_format_admin_filters_by_kind(staff_client):
    response = staff_client.get("/admin/formats/membership/", {"kind__exact": "member"})
    assert response.status_code == 200
    assert "Kazakhstan" in response.content.decode()
