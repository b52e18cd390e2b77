"""Issue 8: the admin writes through the services: every save leaves an audit entry, and a
refused save (overlapping chair terms, a second head) shows the rule and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages

from secretariat.accounts.models import User
from secretariat.core.models import AuditEntry
from secretariat.formats.models import Chairmanship, DelegationMember, Membership
from secretariat.formats.tests.factories import MemberStateFactory, UserFactory
from tests.support.unchanged import database_unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, world):
    client.force_login(User.objects.create_superuser("root@example.org", "pw", full_name="Root"))
    return client


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_admin_add_of_a_seat_is_audited(admin_client, world):
    person: Any = UserFactory()
    response = admin_client.post(
        "/admin/formats/delegationmember/add/",
        {"delegation": world.tm.pk, "user": person.pk, "role": "expert", "function": "Adviser"},
    )
    assert response.status_code == 302
    assert DelegationMember.objects.filter(delegation=world.tm, user=person).exists()
    entry = AuditEntry.objects.latest("id")
    assert entry.actor is not None
    assert (entry.action, entry.actor.email) == ("delegation.member_add", "root@example.org")


def test_admin_change_records_old_and_new(admin_client, world):
    membership = Membership.objects.get(format=world.fmt, state=world.tm.state)
    response = admin_client.post(
        f"/admin/formats/membership/{membership.pk}/change/",
        {
            "format": world.fmt.pk,
            "state": membership.state_id,
            "kind": "observer",
            "since": "2004-08-28",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "membership.update"
    assert entry.data["changes"] == {"kind": ["member", "observer"]}


def test_admin_delete_is_audited(admin_client, world):
    seat = DelegationMember.objects.get(user=world.expert_kz)
    response = admin_client.post(
        f"/admin/formats/delegationmember/{seat.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not DelegationMember.objects.filter(pk=seat.pk).exists()
    assert actions()[-1] == "delegation.member_remove"


def test_overlapping_chair_term_is_refused_with_the_rule(admin_client, world):
    with database_unchanged():
        response = admin_client.post(
            "/admin/formats/chairmanship/add/",
            {"format": world.fmt.pk, "state": world.kz.state_id, "starts_on": "2030-01-01"},
        )
    assert response.status_code == 200  # the form again, with the error
    assert "This term overlaps the chairmanship of Japan from 2000-01-01." in (
        response.content.decode()
    )


def test_overlap_between_two_new_inline_terms_is_refused_after_the_fact(admin_client, world):
    """Two new rows of one submission overlap each other: the form cannot see it, the
    service does; the whole save is rolled back and the admin says why."""
    Chairmanship.objects.all().delete()
    fmt = world.fmt
    data = {
        "name_en": fmt.name,
        "short_name_en": fmt.short_name,
        "slug": fmt.slug,
        "founded_year": fmt.founded_year,
        "working_languages": '["en"]',
        "description_en": "",
        **management("memberships", Membership.objects.filter(format=fmt)),
        **management("chairmanships", [], total=2),
        "chairmanships-0-state": world.kz.state_id,
        "chairmanships-0-starts_on": "2030-01-01",
        "chairmanships-1-state": world.tm.state_id,
        "chairmanships-1-starts_on": "2030-06-01",
        **management("secretariat_members", fmt.secretariat_members.all()),
    }
    with database_unchanged():
        response = admin_client.post(f"/admin/formats/dialogueformat/{fmt.pk}/change/", data)
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("overlaps the chairmanship" in m for m in shown), shown


def management(prefix, existing, total=None):
    existing = list(existing)
    data = {
        f"{prefix}-TOTAL_FORMS": str(total if total is not None else len(existing)),
        f"{prefix}-INITIAL_FORMS": str(len(existing)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, obj in enumerate(existing):
        data[f"{prefix}-{i}-id"] = str(obj.pk)
        data[f"{prefix}-{i}-format"] = str(obj.format_id)
        for field in ("state", "kind", "since", "user", "function"):
            if hasattr(obj, f"{field}_id"):
                data[f"{prefix}-{i}-{field}"] = str(getattr(obj, f"{field}_id"))
            elif hasattr(obj, field):
                data[f"{prefix}-{i}-{field}"] = str(getattr(obj, field))
    return data


def test_second_head_is_refused_with_a_clear_message(admin_client, world):
    person: Any = UserFactory()
    with database_unchanged():
        response = admin_client.post(
            "/admin/formats/delegationmember/add/",
            {"delegation": world.kz.pk, "user": person.pk, "role": "head"},
        )
    assert response.status_code == 200
    assert "This delegation already has a head of delegation." in response.content.decode()


def test_making_a_delegate_head_beside_the_head_is_refused(admin_client, world):
    seat = DelegationMember.objects.get(user=world.delegate_kz)
    with database_unchanged():
        response = admin_client.post(
            f"/admin/formats/delegationmember/{seat.pk}/change/",
            {"delegation": world.kz.pk, "user": world.delegate_kz.pk, "role": "head"},
        )
    assert response.status_code == 200
    assert "already has a head of delegation" in response.content.decode()


def test_a_state_that_belongs_to_a_format_cannot_be_deleted(admin_client, world):
    with database_unchanged():
        response = admin_client.post(
            f"/admin/formats/memberstate/{world.kz.state_id}/delete/", {"post": "yes"}
        )
    assert response.status_code in (200, 403)  # Django lists what protects it


def test_a_new_state_through_the_admin_keeps_its_translations(admin_client):
    response = admin_client.post(
        "/admin/formats/memberstate/add/",
        {
            "iso2": "KG",
            "iso3": "KGZ",
            "name_en": "Kyrgyzstan",
            "name_ru": "Киргизия",
            "name_ja": "",
            "capital_en": "Bishkek",
            "capital_ru": "Бишкек",
            "capital_ja": "",
            "time_zone": "Asia/Bishkek",
        },
    )
    assert response.status_code == 302
    state = MemberStateFactory._meta.model.objects.get(iso2="KG")
    assert (state.name_ru, state.capital_ru) == ("Киргизия", "Бишкек")
    assert actions()[-1] == "state.create"


def test_admin_user_changes_and_passwords_are_audited(admin_client, world):
    person = world.observer
    response = admin_client.post(
        f"/admin/accounts/user/{person.pk}/password/",
        {
            "password1": "a-new-long-passw0rd",
            "password2": "a-new-long-passw0rd",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a-new-long-passw0rd")
    entry = AuditEntry.objects.latest("id")
    assert entry.actor is not None
    assert (entry.action, entry.actor.email) == ("user.password_set", "root@example.org")
    assert "a-new-long-passw0rd" not in str(entry.data)


def test_bulk_delete_goes_through_the_service_for_each_row(admin_client, world):
    seats = DelegationMember.objects.filter(delegation=world.kz).exclude(role="head")
    response = admin_client.post(
        "/admin/formats/delegationmember/",
        {"action": "delete_selected", "_selected_action": [s.pk for s in seats], "post": "yes"},
    )
    assert response.status_code == 302
    assert list(DelegationMember.objects.filter(delegation=world.kz)) == [
        DelegationMember.objects.get(user=world.head_kz)
    ]
    assert actions()[-2:] == ["delegation.member_remove", "delegation.member_remove"]
