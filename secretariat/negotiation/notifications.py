"""E-mail notices of a silence procedure: circulated, broken (or withdrawn), adopted.

A document's state never depends on these notices: an unbroken silence past its deadline
*is* adoption when read (`Document.effective_state`). The notices only tell people.

Who is told: everyone on the format's member delegations (heads, delegates, experts) and
its secretariat. Observers are not: a draft under silence is not theirs to see.

Each notice goes out once. It is claimed by a conditional UPDATE of its `*_notified_at`
column in the same transaction as the sending, so running the follow-up twice, or twice
at once, sends nothing twice; if sending fails the claim rolls back and the next run
tries again. Mail goes through Django's mail API (`EMAIL_BACKEND`), one message per
person so that nobody sees the others' addresses, in the document's negotiating language.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from secretariat.accounts.models import User
from secretariat.core.timezones import format_instant
from secretariat.formats.selectors import member_delegations
from secretariat.negotiation import services
from secretariat.negotiation.models import (
    Document,
    DocumentState,
    FrozenText,
    SilenceProcedure,
)

logger = logging.getLogger(__name__)

STARTED, BROKEN, ADOPTED = "started", "broken", "adopted"
CLAIM_FIELD = {
    STARTED: "started_notified_at",
    BROKEN: "broken_notified_at",
    ADOPTED: "notified_at",
}


def recipient_zones(document: Document) -> dict[str, str]:
    """E-mail address -> time zone of the member delegations' people and the format's
    secretariat (each reads the times in their own zone too)."""
    members = [d.pk for d in member_delegations(document.format_id)]
    return dict(
        User.objects.filter(is_active=True)
        .filter(
            Q(delegation_memberships__delegation_id__in=members)
            | Q(secretariat_memberships__format_id=document.format_id)
        )
        .exclude(email="")
        .values_list("email", "time_zone")
        .distinct()
    )


def _link(document: Document) -> str:
    path = reverse("negotiation:document", args=[document.format.slug, document.slug])
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def _utc(moment: datetime) -> str:
    return format_instant(moment, "UTC")


def _capital_times(document: Document, moment: datetime, zone: str | None) -> list[str]:
    """The instant in the reader's zone and in each member capital, as the page shows it."""
    lines = []
    if zone and zone != "UTC":
        lines.append("  " + _("Your time: %(time)s") % {"time": format_instant(moment, zone)})
    for delegation in member_delegations(document.format_id):
        state = delegation.state
        lines.append(f"  {state.capital} ({state.name}): {format_instant(moment, state)}")
    return lines


def compose(procedure: SilenceProcedure, kind: str, zone: str | None = None) -> tuple[str, str]:
    """Subject and body of a notice, in the active language; times in UTC, in the reader's
    `zone` and in every member capital, each labelled with its zone."""
    doc = procedure.document
    names = {"title": doc.title, "rev": procedure.revision_number}
    prefix = f"[{doc.format.short_name}] "
    if kind == STARTED:
        subject = _("Silence procedure: %(title)s") % names
        lines = [
            _("The final text of “%(title)s” (Rev.%(rev)s) is circulated under silence procedure.")
            % names,
            "",
            _("Deadline: %(deadline)s") % {"deadline": _utc(procedure.deadline)},
            *_capital_times(doc, procedure.deadline, zone),
            "",
            _(
                "Without objection before the deadline the text is adopted. A member "
                "delegation that objects or proposes an amendment breaks the silence on the "
                "document page."
            ),
        ]
    elif kind == BROKEN and not procedure.break_kind:
        subject = _("Silence procedure ended, document withdrawn: %(title)s") % names
        lines = [
            _(
                "The silence procedure on “%(title)s” (Rev.%(rev)s) ended: the document was "
                "withdrawn."
            )
            % names,
            _("Reason: %(reason)s") % {"reason": procedure.break_reason},
        ]
    elif kind == BROKEN:
        delegation = procedure.broken_by_delegation
        subject = _("Silence broken: %(title)s") % names
        lines = [
            _(
                "The silence procedure on “%(title)s” (Rev.%(rev)s) was broken on %(when)s "
                "by %(state)s (%(kind)s)."
            )
            % {
                **names,
                "when": format_instant(procedure.broken_at or procedure.deadline, zone or "UTC"),
                "state": delegation.state.name if delegation else "—",
                "kind": procedure.get_break_kind_display(),
            },
            _("Reason: %(reason)s") % {"reason": procedure.break_reason},
            "",
            _("The text returns to negotiation."),
        ]
    else:
        subject = _("Adopted under silence procedure: %(title)s") % names
        lines = [
            _(
                "The silence procedure on “%(title)s” ended on %(deadline)s without "
                "objection: the text (Rev.%(rev)s) is adopted."
            )
            % {**names, "deadline": format_instant(procedure.deadline, zone or "UTC")},
            "",
            *(
                f"SHA-256 ({frozen.language}): {frozen.sha256}"
                for frozen in FrozenText.objects.filter(
                    document=doc, revision_number=procedure.revision_number
                ).order_by("language")
            ),
        ]
    lines += ["", _link(doc), ""]
    return prefix + subject, "\n".join(lines)


def _claim(procedure: SilenceProcedure, kind: str, now: datetime) -> bool:
    column = CLAIM_FIELD[kind]
    claimed = SilenceProcedure.objects.filter(
        pk=procedure.pk, **{f"{column}__isnull": True}
    ).update(**{column: now})
    return claimed == 1


def send_notice(
    procedure: SilenceProcedure,
    kind: str,
    *,
    now: datetime | None = None,
    connection: Any = None,
    quietly: bool = False,
) -> int:
    """Send the `kind` notice of `procedure` unless it went out already; returns the number
    of messages sent. `quietly` marks it as done without sending (a notice overtaken by
    events, e.g. the start of a silence that already ended)."""
    now = now or timezone.now()
    with transaction.atomic():
        if not _claim(procedure, kind, now):
            return 0
        if quietly:
            return 0
        zones = recipient_zones(procedure.document)
        if not zones:
            return 0
        with translation.override(procedure.document.language):
            texts = {zone: compose(procedure, kind, zone) for zone in set(zones.values())}
        connection = connection or mail.get_connection()
        messages = [
            mail.EmailMessage(*texts[zones[address]], to=[address], connection=connection)
            for address in sorted(zones)
        ]
        # an exception here rolls the claim back: the next run tries again
        return connection.send_messages(messages) or 0


@dataclass
class FollowupReport:
    adopted: list[str] = field(default_factory=list)  # documents whose adoption was recorded
    sent: dict[str, int] = field(default_factory=lambda: {STARTED: 0, BROKEN: 0, ADOPTED: 0})

    @property
    def messages(self) -> int:
        return sum(self.sent.values())


def _pending(**filters: Any) -> list[SilenceProcedure]:
    return list(
        SilenceProcedure.objects.filter(**filters)
        .select_related("document__format", "broken_by_delegation__state")
        .order_by("started_at", "pk")
    )


def silence_followup(*, now: datetime | None = None, connection: Any = None) -> FollowupReport:
    """Record adoptions whose silence deadline passed (`services.silence_settle`) and send
    every notice not sent yet: circulated, broken, adopted."""
    now = now or timezone.now()
    report = FollowupReport()
    connection = connection or mail.get_connection()
    for procedure in _pending(started_notified_at__isnull=True):
        over = procedure.broken_at is not None or procedure.deadline <= now
        report.sent[STARTED] += send_notice(
            procedure, STARTED, now=now, connection=connection, quietly=over
        )
    for procedure in _pending(broken_at__isnull=False, broken_notified_at__isnull=True):
        report.sent[BROKEN] += send_notice(procedure, BROKEN, now=now, connection=connection)
    for procedure in _pending(broken_at__isnull=True, deadline__lte=now, notified_at__isnull=True):
        doc = procedure.document
        if services.silence_settle(document=doc, now=now):
            report.adopted.append(f"{doc.format.slug}/{doc.slug}")
        doc.refresh_from_db()
        adopted_by_silence = (
            doc.state == DocumentState.ADOPTED
            and doc.adoption_method == "silence"
            and doc.adopted_revision == procedure.revision_number
        )
        report.sent[ADOPTED] += send_notice(
            procedure, ADOPTED, now=now, connection=connection, quietly=not adopted_by_silence
        )
    return report


def notify_soon(procedure_id: int) -> None:
    """Called by the services once a start or a break is committed: tell people now
    rather than at the next run of `silence_followup`. A failure is only logged; the
    follow-up command sends what is left."""

    def deliver() -> None:
        try:
            procedure = _pending(pk=procedure_id)
            if not procedure:
                return
            item = procedure[0]
            if item.started_notified_at is None:
                over = item.broken_at is not None or item.deadline <= timezone.now()
                send_notice(item, STARTED, quietly=over)
            if item.broken_at is not None and item.broken_notified_at is None:
                send_notice(item, BROKEN)
        except Exception:  # mail servers fail; the follow-up retries
            logger.warning("Silence notice %s not sent yet", procedure_id, exc_info=True)

    transaction.on_commit(deliver)
