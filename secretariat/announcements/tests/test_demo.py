"""The demo's announcements load through the service, once."""

from __future__ import annotations

import pytest

from secretariat.announcements import demo
from secretariat.announcements.models import Announcement
from secretariat.core.models import AuditEntry
from secretariat.formats import demo as formats_demo

pytestmark = pytest.mark.django_db


def test_the_demo_loads_its_announcements_once() -> None:
    formats_demo.load()
    sent = demo.load()
    assert [a.text for a in sent] == demo.TEXTS
    assert {a.author.email for a in sent if a.author} == {demo.SENDER}
    assert AuditEntry.objects.filter(action="announcement.send").count() == len(demo.TEXTS)
    assert demo.load() == []
    assert Announcement.objects.count() == len(demo.TEXTS)
    assert Announcement.objects.values_list("text", flat=True)[0] == demo.TEXTS[-1]  # newest


def test_manage_load_demo_loads_them_with_the_rest() -> None:
    from django.core.management import call_command

    call_command("load_demo", quiet=True)
    texts = list(Announcement.objects.values_list("text", flat=True))
    assert texts == demo.TEXTS[::-1]  # newest first
