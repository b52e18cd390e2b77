"""Who may see and do what with meetings; built on `secretariat.policy`.

- A planned meeting is known only to the format's member delegations and secretariat.
  Once announced, it is visible to observers too, and to everyone when it is public.
- The internal record (participants, roll call, list of speakers, draft minutes,
  comments) belongs to member delegations and the secretariat; observers and the public
  see outcomes (decisions, adopted documents, the published statement) only.
- The video-conference link is for registered participants and the secretariat only.
- The secretariat manages meetings, agendas, minutes and statements; the chair (head or
  delegate of the meeting's chairing state, else of the format's chair) or the secretariat
  runs the live session; heads and delegates of member delegations ask for the floor and
  approve or comment on minutes for their delegation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secretariat.core.types import Actor
from secretariat.policy import Visibility, can_speak_for, standing

if TYPE_CHECKING:
    from secretariat.formats.models import Delegation, DialogueFormat
    from secretariat.meetings.models import Meeting, Minutes

INTERNAL_STATUSES = frozenset({"planned"})


def can_create_meeting(user: Actor, fmt: DialogueFormat) -> bool:
    return standing(user, fmt).secretariat


def can_view_meeting(user: Actor, meeting: Meeting) -> bool:
    s = standing(user, meeting.format_id)
    if meeting.status in INTERNAL_STATUSES:
        return s.may_see(Visibility.MEMBERS)
    if meeting.is_public:
        return True
    return s.may_see(Visibility.OBSERVERS)


def can_view_outcomes(user: Actor, meeting: Meeting) -> bool:
    """Decisions and adopted documents: the public for public meetings, else the format."""
    return can_view_meeting(user, meeting)


def can_view_internal_record(user: Actor, meeting: Meeting) -> bool:
    """Participants, roll call, list of speakers, draft minutes: members and secretariat."""
    return standing(user, meeting.format_id).may_see(Visibility.MEMBERS)


def can_manage_meeting(user: Actor, meeting: Meeting) -> bool:
    return standing(user, meeting.format_id).secretariat


def is_registered_participant(user: Actor, meeting: Meeting) -> bool:
    if not user.is_authenticated:
        return False
    return meeting.participants.filter(user_id=user.pk).exists()


def can_see_conference_link(user: Actor, meeting: Meeting) -> bool:
    if standing(user, meeting.format_id).secretariat:
        return True
    return is_registered_participant(user, meeting)


def can_run_session(user: Actor, meeting: Meeting) -> bool:
    s = standing(user, meeting.format_id)
    if s.secretariat:
        return True
    chair_state_id = meeting.chair_state_id or s.chair_state_id
    return chair_state_id is not None and any(
        seat.state_id == chair_state_id and seat.member_state and seat.role in ("head", "delegate")
        for seat in s.seats
    )


def can_register_participants(user: Actor, delegation: Delegation) -> bool:
    """The delegation's head or delegates register its people; so may the secretariat."""
    s = standing(user, delegation.format_id)
    if s.secretariat:
        return True
    seat = s.seat_in(delegation.pk)
    return seat is not None and seat.role in ("head", "delegate")


def can_request_floor(user: Actor, delegation: Delegation) -> bool:
    """Member delegations speak through their heads and delegates."""
    return can_speak_for(user, delegation)


def can_view_minutes(user: Actor, minutes: Minutes) -> bool:
    """Draft and circulated minutes: members and secretariat; final minutes: observers too."""
    s = standing(user, minutes.meeting.format_id)
    if minutes.status == "final":
        return s.may_see(Visibility.OBSERVERS)
    return s.may_see(Visibility.MEMBERS)


def can_respond_to_minutes(user: Actor, delegation: Delegation) -> bool:
    return can_speak_for(user, delegation)


def can_view_statement(user: Actor, meeting: Meeting, published: bool) -> bool:
    if published:
        return can_view_meeting(user, meeting)
    return standing(user, meeting.format_id).may_see(Visibility.MEMBERS)


def own_member_delegations(user: Actor, fmt: DialogueFormat | int) -> list[int]:
    """Delegations the person speaks for (head or delegate of a member state)."""
    return [
        seat.delegation_id
        for seat in standing(user, fmt).seats
        if seat.member_state and seat.role in ("head", "delegate")
    ]


def registrable_delegations(user: Actor, fmt: DialogueFormat | int) -> list[int]:
    return [
        seat.delegation_id
        for seat in standing(user, fmt).seats
        if seat.role in ("head", "delegate")
    ]
