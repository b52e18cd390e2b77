"""Reads of meetings; each a constant number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from secretariat.core.timezones import local_time, utc_offset_label
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation, DialogueFormat, Membership, MemberState
from secretariat.formats.selectors import member_delegations
from secretariat.meetings import policy
from secretariat.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    Minutes,
    MinutesResponse,
    MinutesRevision,
    Participant,
    Speaker,
)
from secretariat.policy import Visibility, standing

if TYPE_CHECKING:
    from secretariat.negotiation.models import Document


def meeting_list(fmt: DialogueFormat, user: Any) -> QuerySet[Meeting]:
    """The meetings of a format this person may see, newest first."""
    s = standing(user, fmt)
    qs = Meeting.objects.filter(format=fmt).select_related("host_state", "chair_state", "format")
    if s.may_see(Visibility.MEMBERS):
        return qs
    qs = qs.exclude(status__in=policy.INTERNAL_STATUSES)
    if s.may_see(Visibility.OBSERVERS):
        return qs
    return qs.filter(is_public=True)


def meeting_get(pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("format", "host_state", "chair_state"), pk=pk
    )


def meetings_for_person(user: Any) -> QuerySet[Meeting]:
    """Every meeting the person may see in the formats where they have a standing, and
    every meeting they are registered for. (A person sits in a handful of formats.)"""
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    format_ids = (
        set(Delegation.objects.filter(members__user=user).values_list("format_id", flat=True))
        | set(user.secretariat_memberships.values_list("format_id", flat=True))
        | set(user.observer_seats.values_list("format_id", flat=True))
    )
    visible = Q(participants__user=user)
    for format_id in sorted(format_ids):
        s = standing(user, format_id)
        if s.may_see(Visibility.MEMBERS):
            visible |= Q(format_id=format_id)
        elif s.may_see(Visibility.OBSERVERS):
            visible |= Q(format_id=format_id) & ~Q(status__in=policy.INTERNAL_STATUSES)
    return (
        Meeting.objects.filter(visible)
        .distinct()
        .select_related("format", "host_state", "chair_state")
        .order_by("starts_at")
    )


def public_meetings(fmt: DialogueFormat) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(format=fmt, is_public=True)
        .exclude(status__in=policy.INTERNAL_STATUSES)
        .select_related("format", "host_state", "chair_state")
        .order_by("starts_at")
    )


@dataclass(frozen=True)
class CapitalTime:
    state: MemberState
    starts: datetime
    ends: datetime
    offset_label: str


def member_states(fmt: DialogueFormat | int) -> list[MemberState]:
    format_id = fmt if isinstance(fmt, int) else fmt.pk
    return [
        m.state
        for m in Membership.objects.filter(
            format_id=format_id, kind=Membership.Kind.MEMBER
        ).select_related("state")
    ]


def capital_times(meeting: Meeting, states: list[MemberState]) -> list[CapitalTime]:
    """The meeting's start and end in every member capital's zone (tz database)."""
    rows = []
    for state in states:
        starts = local_time(state.time_zone, meeting.starts_at)
        rows.append(
            CapitalTime(
                state=state,
                starts=starts,
                ends=local_time(state.time_zone, meeting.ends_at),
                offset_label=utc_offset_label(starts),
            )
        )
    return sorted(rows, key=lambda r: (r.starts.utcoffset(), r.state.name))


def agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("document")
        .order_by("position", "pk")
    )


@dataclass(frozen=True)
class AgendaRow:
    """An agenda item as one viewer sees it: its linked document only when the viewer may
    see that document (a draft stays unknown to whoever may not see it: no title, no slug,
    no link)."""

    item: AgendaItem
    document: Document | None

    @property
    def pk(self) -> int:
        return self.item.pk

    @property
    def position(self) -> int:
        return self.item.position

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def description(self) -> str:
        return self.item.description

    @property
    def version(self) -> int:
        return self.item.version

    def get_kind_display(self) -> str:
        return str(self.item.get_kind_display())


def visible_document(user: Actor, document: Document | None) -> Document | None:
    """The linked document if `user` may see it (Negotiation's policy decides)."""
    from secretariat.negotiation.policy import can_view_document

    if document is None or not can_view_document(user, document):
        return None
    return document


def agenda_rows(meeting: Meeting, user: Actor) -> list[AgendaRow]:
    return [AgendaRow(item, visible_document(user, item.document)) for item in agenda(meeting)]


def participants(meeting: Meeting) -> list[Participant]:
    return list(
        Participant.objects.filter(meeting=meeting).select_related("delegation__state", "user")
    )


@dataclass(frozen=True)
class Attendance:
    member_delegations: list[Delegation]
    present_delegation_ids: set[int]

    @property
    def quorum(self) -> bool:
        """Consensus needs every member delegation present."""
        return bool(self.member_delegations) and all(
            d.pk in self.present_delegation_ids for d in self.member_delegations
        )

    @property
    def absent(self) -> list[Delegation]:
        return [d for d in self.member_delegations if d.pk not in self.present_delegation_ids]


def attendance(meeting: Meeting) -> Attendance:
    present = set(
        Participant.objects.filter(meeting=meeting, present=True).values_list(
            "delegation_id", flat=True
        )
    )
    return Attendance(member_delegations(meeting.format_id), present)


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def live_state(meeting: Meeting, *, keys: set[str] | None = None) -> dict[str, Any]:
    """The live session as every connected client holds it. Language-neutral (codes, ids,
    UTC times): the page maps codes to labels in the viewer's language. `keys` limits the
    work to the parts an event needs."""
    from secretariat.meetings.events import SESSION_KEYS

    wanted = keys if keys is not None else set(SESSION_KEYS)
    meeting = Meeting.objects.get(pk=meeting.pk)  # fresh: the caller's copy may be stale
    state: dict[str, Any] = {}
    if "status" in wanted:
        state["status"] = meeting.status
    if "current_item" in wanted:
        state["current_item"] = meeting.current_item_id
    if "speakers_open" in wanted:
        state["speakers_open"] = meeting.speakers_open
    if "speaking_time" in wanted:
        state["speaking_time"] = meeting.speaking_time
    if "agenda" in wanted:
        state["agenda"] = [
            {"id": i.pk, "position": i.position, "title": i.title, "kind": i.kind}
            for i in agenda(meeting)
        ]
    if "speakers" in wanted or "floor" in wanted:
        rows = list(
            Speaker.objects.filter(meeting=meeting, agenda_item_id=meeting.current_item_id)
            .exclude(status=Speaker.Status.WITHDRAWN)
            .select_related("delegation__state")
        )
        if "speakers" in wanted:
            state["speakers"] = [
                {
                    "id": s.pk,
                    "delegation": s.delegation.state.iso2,
                    "status": s.status,
                }
                for s in rows
            ]
        if "floor" in wanted:
            current = (
                Speaker.objects.filter(meeting=meeting, status=Speaker.Status.SPEAKING)
                .select_related("delegation__state")
                .first()
            )
            state["floor"] = (
                {
                    "speaker": current.pk,
                    "delegation": current.delegation.state.iso2,
                    "started_at": _iso(current.started_at),
                    "seconds": meeting.speaking_time,
                }
                if current
                else None
            )
    if "decisions" in wanted:
        state["decisions"] = [
            {"id": d.pk, "item": d.agenda_item_id, "kind": d.kind, "text": d.text}
            for d in Decision.objects.filter(meeting=meeting)
        ]
    if "attendance" in wanted:
        att = attendance(meeting)
        state["attendance"] = {
            "present": sorted(
                d.state.iso2 for d in att.member_delegations if d.pk in att.present_delegation_ids
            ),
            "quorum": att.quorum,
        }
    return state


def outcomes_state(meeting: Meeting) -> dict[str, Any]:
    from secretariat.meetings.events import OUTCOME_KEYS

    return live_state(meeting, keys=set(OUTCOME_KEYS))


def session_record(meeting: Meeting) -> dict[str, Any]:
    """Everything the minutes are written from, in order."""
    items = agenda(meeting)
    speakers = list(
        Speaker.objects.filter(meeting=meeting, status=Speaker.Status.DONE)
        .select_related("delegation__state")
        .order_by("started_at", "pk")
    )
    decisions = list(Decision.objects.filter(meeting=meeting).order_by("recorded_at", "pk"))
    return {
        "items": items,
        "adopted": adopted_texts(meeting),
        "speakers": {i.pk: [s for s in speakers if s.agenda_item_id == i.pk] for i in items},
        "decisions": {i.pk: [d for d in decisions if d.agenda_item_id == i.pk] for i in items},
        "participants": participants(meeting),
        "attendance": attendance(meeting),
    }


@dataclass(frozen=True)
class MinutesApproval:
    """Where the approval of the minutes stands, derived from stored facts whenever read
    (never from a job having run)."""

    revision: MinutesRevision | None
    approved: set[int]
    commented: set[int]
    delegations: list[Delegation]
    all_approved: bool
    deadline_passed: bool
    may_finalise: bool


def minutes_approval(minutes: Minutes) -> MinutesApproval:
    revision = minutes.revisions.first()
    responses = list(MinutesResponse.objects.filter(revision=revision)) if revision else []
    approved = {r.delegation_id for r in responses if r.kind == MinutesResponse.Kind.APPROVE}
    commented = {r.delegation_id for r in responses if r.kind == MinutesResponse.Kind.COMMENT}
    delegations = member_delegations(minutes.meeting.format_id)
    all_approved = bool(delegations) and all(d.pk in approved for d in delegations)
    deadline_passed = minutes.deadline is not None and timezone.now() > minutes.deadline
    return MinutesApproval(
        revision=revision,
        approved=approved,
        commented=commented,
        delegations=delegations,
        all_approved=all_approved,
        deadline_passed=deadline_passed,
        # Silence means approval: after the deadline, a text nobody commented on is final.
        may_finalise=minutes.status == Minutes.Status.CIRCULATED
        and (all_approved or (deadline_passed and not (commented - approved))),
    )


# --- what the meeting's linked documents came to (read from Negotiation) ----------------------


def document_consensus(document: Document) -> tuple[bool, str]:
    """Whether the member delegations' positions give consensus on the document's current
    revision (Negotiation's rule), and if not who is missing or objecting (ISO codes)."""
    from django.utils.translation import gettext as _

    from secretariat.negotiation.models import Position
    from secretariat.negotiation.rules import consensus

    members = member_delegations(document.format_id)
    rows = Position.objects.filter(document=document).values_list(
        "delegation_id", "stance", "revision_number", "confirmed_at"
    )
    result = consensus(
        [d.pk for d in members],
        [(d, s, r, c is not None) for d, s, r, c in rows],
        document.current_revision,
    )
    codes = {d.pk: d.state.iso2 for d in members}
    parts = []
    objecting = [codes[i] for i in result.objecting]
    missing = [codes[i] for i in result.missing if i not in result.objecting]
    if objecting:
        parts.append(_("objecting: %(codes)s") % {"codes": ", ".join(objecting)})
    if missing:
        parts.append(
            _("no (confirmed) agreement on the current revision from: %(codes)s")
            % {"codes": ", ".join(missing)}
        )
    return result.holds, "; ".join(parts)


@dataclass(frozen=True)
class AdoptedText:
    """A document linked to the agenda that is adopted, as the minutes cite it."""

    document: Document
    by_silence: bool  # else by consensus at a meeting
    at_this_meeting: bool
    adopted_on: datetime  # UTC; for a silence procedure, its deadline
    revision: int
    hashes: dict[str, str]  # language -> SHA-256 of the adopted text


def adopted_texts(meeting: Meeting) -> list[AdoptedText]:
    """The adopted documents linked to the meeting's agenda, in agenda order, with how,
    when and the hash of each language version adopted (three queries)."""
    from secretariat.negotiation.models import FrozenText

    items = agenda(meeting)
    documents = list({i.document_id: i.document for i in items if i.document}.values())
    adopted = [d for d in documents if d.is_adopted()]
    here = set(
        Decision.objects.filter(meeting=meeting, document__in=adopted).values_list(
            "document_id", flat=True
        )
    )
    frozen = list(FrozenText.objects.filter(document__in=adopted).order_by("language"))
    texts = []
    for document in adopted:
        revision = document.adopted_revision_number() or document.current_revision
        adopted_on = document.adopted_on()
        assert adopted_on is not None  # an adopted document has its day
        texts.append(
            AdoptedText(
                document=document,
                by_silence=document.adoption_method == "silence" or not document.adopted_at,
                at_this_meeting=document.pk in here,
                adopted_on=adopted_on,
                revision=revision,
                hashes={
                    f.language: f.sha256
                    for f in frozen
                    if f.document_id == document.pk and f.revision_number == revision
                },
            )
        )
    return texts
