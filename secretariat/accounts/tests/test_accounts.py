from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secretariat.accounts.models import User

pytestmark = pytest.mark.django_db


def test_email_is_normalised_and_unique_regardless_of_case():
    User.objects.create_user("Kenji.Sato@Example.ORG", "pw", full_name="Kenji Sato")
    assert User.objects.filter(email="kenji.sato@example.org").exists()
    with pytest.raises(ValidationError):
        User.objects.create_user("KENJI.SATO@example.org", "pw", full_name="Other")


def test_user_requires_email():
    with pytest.raises(ValueError, match="e-mail"):
        User.objects.create_user("", "pw", full_name="Nobody")


def test_user_time_zone_is_validated():
    with pytest.raises(ValidationError):
        User.objects.create_user("a@example.org", "pw", full_name="A", time_zone="Mars/Base")


def test_passwords_use_argon2_in_production_settings(settings):
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_login_by_email_any_case(client):
    User.objects.create_user("dana@example.org", "a-long-password", full_name="Dana")
    response = client.post(
        reverse("accounts:login"), {"username": "DANA@example.org", "password": "a-long-password"}
    )
    assert response.status_code == 302
    assert client.get("/api/me").json()["email"] == "dana@example.org"


def test_login_with_wrong_password_says_so_and_does_not_sign_in(client):
    User.objects.create_user("dana@example.org", "a-long-password", full_name="Dana")
    response = client.post(
        reverse("accounts:login"), {"username": "dana@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "correct" in response.content.decode()
    assert client.get("/api/me").status_code == 401


def test_logout_is_post_only(client):
    user = User.objects.create_user("dana@example.org", "pw", full_name="Dana")
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get("/api/me").status_code == 401


def test_password_change(client):
    user = User.objects.create_user("dana@example.org", "old-password-1", full_name="Dana")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "old-password-1",
            "new_password1": "Steppe-and-Sakura-2026",
            "new_password2": "Steppe-and-Sakura-2026",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Steppe-and-Sakura-2026")


def test_password_change_requires_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_language_switch_sets_cookie(client):
    response = client.post(reverse("set_language"), {"language": "ja", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["secretariat_language"].value == "ja"
    assert 'lang="ja"' in client.get("/").content.decode()


def test_profile_updates_name_and_zone(client):
    user = User.objects.create_user("dana@example.org", "pw", full_name="Dana")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Dana N.", "time_zone": "Asia/Almaty"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.time_zone) == ("Dana N.", "Asia/Almaty")


def test_profile_rejects_unknown_zone_and_changes_nothing(client):
    user = User.objects.create_user("dana@example.org", "pw", full_name="Dana")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Other", "time_zone": "Mars/Base"}
    )
    assert response.status_code == 200
    assert "Mars/Base" in response.content.decode()  # "not one of the available choices"
    user.refresh_from_db()
    assert (user.full_name, user.time_zone) == ("Dana", "UTC")


def test_profile_requires_login(client):
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_nobody_updates_someone_elses_profile():
    from secretariat.accounts.services import user_profile_update
    from secretariat.core.errors import PermissionDenied

    dana = User.objects.create_user("dana@example.org", "pw", full_name="Dana")
    other = User.objects.create_user("other@example.org", "pw", full_name="Other")
    with pytest.raises(PermissionDenied):
        user_profile_update(actor=other, user=dana, full_name="X", time_zone="UTC")
    dana.refresh_from_db()
    assert dana.full_name == "Dana"


def test_pages_render_in_the_viewers_time_zone(client):
    from django.utils import timezone

    user = User.objects.create_user("d@example.org", "pw", full_name="D", time_zone="Asia/Tokyo")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert timezone.get_current_timezone_name() == "UTC"  # not leaked past the request


def test_admin_account_services_audit_and_never_record_a_password():
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, Permission

    from secretariat.accounts import services
    from secretariat.core.models import AuditEntry

    root = User.objects.create_superuser("root@example.org", "pw", full_name="Root")
    user = services.user_create(
        actor=root, email="Aiko@Example.org", full_name=" Aiko ", password_hash=make_password("x")
    )
    assert (user.email, user.full_name, user.check_password("x")) == (
        "aiko@example.org",
        "Aiko",
        True,
    )
    nobody = services.user_create(actor=root, email="n@example.org", full_name="N")
    assert not nobody.has_usable_password()
    services.user_update(actor=root, user=user, data={"password": make_password("y")})
    assert AuditEntry.objects.latest("id").data["changes"] == {"password": ["***", "***"]}
    editors = Group.objects.create(name="editors")
    services.user_access_set(actor=root, user=user, groups=[editors], permissions=[])
    assert AuditEntry.objects.latest("id").data["changes"] == {"groups": [[], ["editors"]]}
    may_view = Permission.objects.get(codename="view_user")
    services.user_access_set(actor=root, user=user, permissions=[may_view])
    assert list(AuditEntry.objects.latest("id").data["changes"]) == ["user_permissions"]
    services.user_password_set(actor=root, user=user, password=None)
    user.refresh_from_db()
    assert not user.has_usable_password()
    services.user_delete(actor=root, user=nobody)
    assert not User.objects.filter(email="n@example.org").exists()
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        "user.create",
        "user.create",
        "user.update",
        "user.access_set",
        "user.access_set",
        "user.password_set",
        "user.delete",
    ]


def test_api_me_patch_changes_only_what_is_sent(client):
    import json

    user = User.objects.create_user("dana@example.org", "pw", full_name="Dana", time_zone="UTC")
    client.force_login(user)
    response = client.patch(
        "/api/me", json.dumps({"time_zone": "Asia/Tokyo"}), content_type="application/json"
    )
    assert response.status_code == 200
    assert (response.json()["full_name"], response.json()["time_zone"]) == ("Dana", "Asia/Tokyo")
    bad = client.patch(
        "/api/me", json.dumps({"time_zone": "Mars/Base"}), content_type="application/json"
    )
    assert bad.status_code == 422
    user.refresh_from_db()
    assert user.time_zone == "Asia/Tokyo"
