"""Silence procedure notices and `manage.py silence_followup`."""

from __future__ import annotations

from datetime import UTC, timedelta
from io import StringIO

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from secretariat.negotiation import notifications, services
from secretariat.negotiation.models import Document, DocumentState, SilenceProcedure
from secretariat.negotiation.tests.factories import make_document

pytestmark = pytest.mark.django_db

CLEAN_TEXT = "Noting,\n1. Agreed text.\n2. More agreed text.\n"
TOLD = ["secretariat", "chair", "head_kz", "delegate_kz", "expert_kz", "delegate_tm"]
NOT_TOLD = ["observer", "observer_state_delegate", "outsider"]


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise OSError("mail server down")


def start(world, *, hours=24, capture=None, **kwargs):
    doc = make_document(world, text=CLEAN_TEXT, **kwargs)
    deadline = timezone.now() + timedelta(hours=hours)
    if capture is None:
        return doc, services.silence_procedure_start(
            actor=world.chair, document=doc, deadline=deadline
        )
    with capture(execute=True):
        procedure = services.silence_procedure_start(
            actor=world.chair, document=doc, deadline=deadline
        )
    return doc, procedure


def pass_deadline(procedure):
    """Move a running silence into the past, as if its deadline went by an hour ago."""
    now = timezone.now()
    SilenceProcedure.objects.filter(pk=procedure.pk).update(
        started_at=now - timedelta(hours=3), deadline=now - timedelta(hours=1)
    )
    Document.objects.filter(pk=procedure.document_id).update(
        silence_deadline=now - timedelta(hours=1)
    )


def followup():
    out = StringIO()
    call_command("silence_followup", stdout=out)
    return out.getvalue()


def addressees(outbox):
    return sorted(address for message in outbox for address in message.to)


def test_circulation_is_announced_to_members_and_secretariat_only(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    doc, procedure = start(world, capture=django_capture_on_commit_callbacks)
    assert addressees(mailoutbox) == sorted(getattr(world, who).email for who in TOLD)
    for who in NOT_TOLD:
        assert getattr(world, who).email not in addressees(mailoutbox)
    message = mailoutbox[0]
    assert len(message.to) == 1  # nobody sees the others' addresses
    assert message.subject == f"[CA+J] Silence procedure: {doc.title}"
    # One date and time format per language, each time labelled with its zone.
    deadline = procedure.deadline.astimezone(UTC)
    assert f"Deadline: {deadline.day} {deadline:%B %Y, %H:%M} UTC" in message.body
    tokyo = procedure.deadline.astimezone(UTC) + timedelta(hours=9)
    assert f"({world.jp.state.name}): {tokyo.day} {tokyo:%B %Y, %H:%M} JST (UTC+9)" in message.body
    assert f"/formats/caj/documents/{doc.slug}/" in message.body
    # the follow-up does not announce it again
    assert "Sent 0 e-mail(s)" in followup()
    assert len(mailoutbox) == len(TOLD)


def test_followup_announces_what_the_request_could_not_and_only_once(world, mailoutbox):
    _doc, procedure = start(world)  # on_commit never ran: as if the mail server was down
    assert mailoutbox == []
    assert "Sent 6 e-mail(s): 6 on circulation, 0 on a break, 0 on adoption." in followup()
    assert "Sent 0 e-mail(s)" in followup()
    assert len(mailoutbox) == len(TOLD)
    procedure.refresh_from_db()
    assert procedure.started_notified_at is not None


def test_deadline_passed_records_adoption_and_tells_everyone_once(world, mailoutbox):
    doc, procedure = start(world)
    notifications.silence_followup()
    mailoutbox.clear()
    pass_deadline(procedure)
    doc.refresh_from_db()
    assert doc.state == DocumentState.FINAL  # stored state not yet written down…
    assert doc.effective_state() == DocumentState.ADOPTED  # …but adopted when read
    output = followup()
    assert f"Adopted under silence procedure: caj/{doc.slug}" in output
    doc.refresh_from_db()
    assert doc.state == DocumentState.ADOPTED
    assert doc.adoption_method == "silence"
    assert len(mailoutbox) == len(TOLD)
    message = mailoutbox[0]
    assert message.subject == f"[CA+J] Adopted under silence procedure: {doc.title}"
    assert "without objection" in message.body
    assert "SHA-256 (en): " in message.body
    # idempotent
    assert "Adopted under silence" not in followup()
    assert len(mailoutbox) == len(TOLD)


def test_late_followup_skips_the_stale_circulation_notice(world, mailoutbox):
    _doc, procedure = start(world)
    pass_deadline(procedure)
    report = notifications.silence_followup()
    assert report.sent == {"started": 0, "broken": 0, "adopted": len(TOLD)}
    assert all("Adopted" in m.subject for m in mailoutbox)


def test_a_break_is_announced_with_who_and_why(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    doc, _procedure = start(world, capture=django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.silence_break(
            actor=world.head_kz,
            document=doc,
            delegation=world.kz,
            kind="objection",
            reason="OP2 needs a word on diagnostics.",
        )
    assert addressees(mailoutbox) == sorted(getattr(world, who).email for who in TOLD)
    message = mailoutbox[0]
    assert message.subject == f"[CA+J] Silence broken: {doc.title}"
    assert "by Kazakhstan (objection)" in message.body
    assert "OP2 needs a word on diagnostics." in message.body
    assert "returns to negotiation" in message.body
    assert "Sent 0 e-mail(s)" in followup()


def test_break_before_any_notice_sends_only_the_break(world, mailoutbox):
    doc, _procedure = start(world)
    services.silence_break(
        actor=world.delegate_tm, document=doc, delegation=world.tm, kind="amendment", reason="r"
    )
    report = notifications.silence_followup()
    assert report.sent == {"started": 0, "broken": len(TOLD), "adopted": 0}
    assert notifications.silence_followup().messages == 0


def test_withdrawal_during_silence_is_announced(world, mailoutbox):
    doc, _procedure = start(world)
    notifications.silence_followup()
    mailoutbox.clear()
    services.document_withdraw(actor=world.secretariat, document=doc, reason="Superseded.")
    report = notifications.silence_followup()
    assert report.sent["broken"] == len(TOLD)
    assert "document withdrawn" in mailoutbox[0].subject
    assert "Superseded." in mailoutbox[0].body
    assert report.adopted == []


def test_a_failing_mail_server_loses_no_notice(
    world, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    _doc, procedure = start(world, capture=django_capture_on_commit_callbacks)  # only logged
    with pytest.raises(OSError, match="down"):
        notifications.silence_followup()
    procedure.refresh_from_db()
    assert procedure.started_notified_at is None  # the claim rolled back
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications.silence_followup().sent["started"] == len(TOLD)


def test_notices_are_in_the_documents_language(world, mailoutbox):
    doc = services.document_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="programme",
        title="Программа совместных усилий",
        language="ru",
        text="Отмечая,\n1. Согласованный текст.\n",
    )
    doc = services.document_open_negotiation(actor=world.secretariat, document=doc)
    services.silence_procedure_start(
        actor=world.chair, document=doc, deadline=timezone.now() + timedelta(days=2)
    )
    notifications.silence_followup()
    assert mailoutbox[0].subject == "[CA+J] Процедура умолчания: Программа совместных усилий"
    assert "Срок: " in mailoutbox[0].body


def test_each_reader_also_reads_the_deadline_in_their_own_zone(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    from zoneinfo import ZoneInfo

    world.secretariat.time_zone = "America/New_York"
    world.secretariat.save(update_fields=["time_zone"])
    _doc, procedure = start(world, capture=django_capture_on_commit_callbacks)
    bodies = {message.to[0]: message.body for message in mailoutbox}
    local = procedure.deadline.astimezone(ZoneInfo("America/New_York"))
    hours = int(local.utcoffset().total_seconds() // 3600)
    own = f"Your time: {local.day} {local:%B %Y, %H:%M} {local.tzname()} (UTC{hours})"
    assert own in bodies[world.secretariat.email]
    assert "Your time" not in bodies[world.chair.email]  # in UTC: the deadline line says it
