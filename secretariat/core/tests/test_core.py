from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from secretariat.core.timezones import utc_offset_label, validate_time_zone
from secretariat.formats.models import DelegationMember, DialogueFormat, MemberState


def test_healthz(client):
    response = client.get("/healthz")
    assert response.content == b"ok"


@pytest.mark.django_db
def test_demo_loader_is_idempotent():
    from secretariat.core.models import AuditEntry

    call_command("load_demo", quiet=True)
    counts = (
        DialogueFormat.objects.count(),
        MemberState.objects.count(),
        DelegationMember.objects.count(),
        AuditEntry.objects.count(),
    )
    call_command("load_demo", quiet=True)
    assert counts == (
        DialogueFormat.objects.count(),
        MemberState.objects.count(),
        DelegationMember.objects.count(),
        AuditEntry.objects.count(),
    )
    caj = DialogueFormat.objects.get(slug="central-asia-japan")
    assert caj.memberships.count() == 6
    assert caj.delegations.count() == 6
    assert caj.chairmanships.get().state.iso2 == "TM"


@pytest.mark.django_db
def test_demo_has_one_account_per_role():
    from secretariat import policy
    from secretariat.accounts.models import User

    call_command("load_demo", quiet=True)
    caj = DialogueFormat.objects.get(slug="central-asia-japan")

    def standing(email):
        return policy.standing(User.objects.get(email=email), caj)

    assert standing("secretariat@demo.example").secretariat
    assert standing("chair@demo.example").chair
    assert standing("head@demo.example").seats[0].role == "head"
    assert standing("delegate@demo.example").seats[0].role == "delegate"
    assert standing("expert@demo.example").seats[0].role == "expert"
    assert standing("observer@demo.example").observer


def test_time_zone_validation():
    validate_time_zone("Asia/Ashgabat")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_time_zone("Asia/Nowhere")


def test_offset_labels():
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    at = datetime(2026, 1, 1, tzinfo=UTC)
    assert utc_offset_label(at) == "UTC"
    assert utc_offset_label(at.astimezone(ZoneInfo("Asia/Kolkata"))) == "UTC+5:30"
    assert utc_offset_label(at.astimezone(ZoneInfo("America/New_York"))) == "UTC-5"


def test_secret_key_is_generated_into_var_once(tmp_path: Path):
    code = "from config.settings import base; print(base.SECRET_KEY)"
    env = {"SECRETARIAT_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    first = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    second = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert first == second
    assert len(first.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_production_settings_pass_deploy_checks(tmp_path: Path):
    env = {
        "SECRETARIAT_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a" * 10 + "-Zq8vW3nR7pL2xK9mB4cT6yH1jF5dS0gA-very-long-secret",
        "ALLOWED_HOSTS": "secretariat.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_demo_circulates_a_text_under_silence_with_the_hash_of_its_text(client):
    from secretariat.accounts.models import User
    from secretariat.negotiation.models import Document, FrozenText

    call_command("load_demo", quiet=True)
    roadmap = Document.objects.get(slug="platform-economic-cooperation")
    assert roadmap.silence_deadline is not None
    assert roadmap.silence_deadline.hour == 9
    client.force_login(User.objects.get(email="head@demo.example"))
    page = client.get(f"/formats/{roadmap.format.slug}/documents/{roadmap.slug}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Astana" in body
    for frozen in FrozenText.objects.filter(document=roadmap):
        assert frozen.sha256 in body
