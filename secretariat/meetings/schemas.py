"""The meetings API's schemas. Inputs inherit `InputSchema` (an unknown field is a 422);
the page forms of the same actions are parsed with the same inputs (`commands`)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime

from secretariat.core.schemas import InputSchema
from secretariat.meetings.models import (
    AgendaItemKind,
    ConferenceProviderChoice,
    DecisionKind,
    MeetingKind,
    MeetingMode,
    MinutesResponseKind,
)
from secretariat.meetings.rules import FIRST_YEAR, LAST_YEAR, within_calendar


def _in_calendar(moment: datetime) -> datetime:
    if not within_calendar(moment):
        from django.utils.translation import gettext as _

        raise ValueError(
            _("Give a date between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return moment


def _day_in_calendar(day: date) -> date:
    _in_calendar(datetime(day.year, day.month, day.day))  # noqa: DTZ001 - a day, not an instant
    return day


#: An instant with its UTC offset, within the years meetings fall in.
MeetingTime = Annotated[
    AwareDatetime,
    AfterValidator(_in_calendar),
    Field(description=f"ISO 8601 with offset (2030-03-04T05:00:00Z), {FIRST_YEAR}-{LAST_YEAR}"),
]
CalendarDay = Annotated[date, AfterValidator(_day_in_calendar)]
SpeakingTime = Annotated[int, Field(ge=15, le=3600, description="Seconds per speaker")]
Ordinal = Annotated[int, Field(ge=1, le=32767)]


class MeetingTransition(StrEnum):
    """What the secretariat does with a meeting's lifecycle through the API."""

    ANNOUNCE = "announce"
    POSTPONE = "postpone"
    CANCEL = "cancel"


class SessionAction(StrEnum):
    """What the chair does with the session through the API."""

    OPEN = "open"
    CLOSE = "close"
    NEXT = "next"
    SPEAKERS_OPEN = "speakers-open"
    SPEAKERS_CLOSE = "speakers-close"
    FLOOR_END = "floor-end"


# --- out --------------------------------------------------------------------------------------


class CapitalTimeOut(Schema):
    state: str
    capital: str
    time_zone: str
    starts: datetime
    ends: datetime
    utc_offset: str


class MeetingOut(Schema):
    id: int
    format: str
    name: str
    kind: str
    number: int | None
    title: str
    mode: str
    host_state: str | None
    venue: str
    chair_state: str | None
    starts_at: datetime
    ends_at: datetime
    is_public: bool
    status: str
    version: int
    conference_provider: str
    agenda_approved_at: datetime | None
    opened_at: datetime | None = Field(None, description="When the session actually opened")
    closed_at: datetime | None = Field(None, description="When the session actually closed")


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    kind: str
    description: str
    document: str | None = Field(
        None, description="Slug of the linked document, when you may see that document"
    )
    version: int


class MeetingDetailOut(MeetingOut):
    capitals: list[CapitalTimeOut]
    agenda: list[AgendaItemOut]
    may_see_conference_link: bool
    conference_url: str | None


class ConferenceOut(Schema):
    provider: str
    url: str


class ParticipantOut(Schema):
    id: int
    delegation: str
    name: str
    function: str
    present: bool | None
    user_email: str | None


class DecisionOut(Schema):
    id: int
    item: int
    kind: str
    text: str


class SpeakerOut(Schema):
    id: int
    delegation: str
    status: str


class SlotOut(Schema):
    starts_at: datetime
    ends_at: datetime
    local: dict[str, datetime]


class MinutesOut(Schema):
    status: str
    version: int
    deadline: datetime | None
    revision: int | None
    texts: dict[str, str]
    final_hash: str
    approved_by: list[str]
    commented_by: list[str]
    may_finalise: bool


class StatementOut(Schema):
    status: str
    version: int
    texts: dict[str, str]
    published_at: datetime | None


# --- in ---------------------------------------------------------------------------------------


class EmptyIn(InputSchema):
    """An action that takes nothing but the meeting."""


class MeetingIn(InputSchema):
    kind: MeetingKind
    mode: MeetingMode
    starts_at: MeetingTime
    ends_at: MeetingTime
    number: Ordinal | None = None
    title: str = Field("", max_length=200)
    host_state: str | None = Field(None, description="ISO 3166 alpha-2 code")
    venue: str = Field("", max_length=200)
    chair_state: str | None = Field(None, description="ISO 3166 alpha-2 code")
    is_public: bool = False
    speaking_time: SpeakingTime = 180


class MeetingPatch(InputSchema):
    version: int = Field(..., description="The version you saw; a stale one gets 409")
    kind: MeetingKind | None = None
    mode: MeetingMode | None = None
    starts_at: MeetingTime | None = None
    ends_at: MeetingTime | None = None
    number: Ordinal | None = None
    title: str | None = Field(None, max_length=200)
    host_state: str | None = None
    venue: str | None = Field(None, max_length=200)
    chair_state: str | None = None
    is_public: bool | None = None
    speaking_time: SpeakingTime | None = None


class MeetingRescheduleIn(InputSchema):
    starts_at: MeetingTime
    ends_at: MeetingTime


class ConferenceIn(InputSchema):
    provider: ConferenceProviderChoice = Field(
        ..., description='"jitsi", "external" or "" to remove'
    )
    link: str = Field("", max_length=500)


class AgendaItemIn(InputSchema):
    title: str = Field(..., max_length=300)
    kind: AgendaItemKind
    description: str = ""
    document: str | None = Field(None, description="slug of a document of the format")


class AgendaItemPatch(InputSchema):
    version: int
    title: str | None = Field(None, max_length=300)
    kind: AgendaItemKind | None = None
    description: str | None = None


class AgendaItemUpdateIn(AgendaItemPatch):
    item_id: int


class AgendaMoveIn(InputSchema):
    position: int = Field(..., ge=1, description="1 is the first item")


class AgendaItemMoveIn(AgendaMoveIn):
    item_id: int


class AgendaItemRef(InputSchema):
    item_id: int


class ParticipantIn(InputSchema):
    delegation_id: int
    name: str = Field("", max_length=200)
    function: str = Field("", max_length=200)
    user_email: str | None = Field(None, max_length=254)


class ParticipantRef(InputSchema):
    participant_id: int


class RollCallIn(InputSchema):
    present: dict[int, bool] = Field(..., description="participant id -> present")


class SessionOpenIn(InputSchema):
    confirm_early: bool = Field(
        False, description="Open although the session is scheduled more than an hour later"
    )


class CurrentItemIn(InputSchema):
    item_id: int


class MeetingsDelegationIn(InputSchema):
    delegation_id: int | None = Field(
        None, description="Default: the member delegation you speak for (when only one)"
    )


class SpeakerRef(InputSchema):
    speaker_id: int


class GiveFloorIn(InputSchema):
    speaker_id: int | None = Field(None, description="Default: the first one waiting")


class DecisionIn(InputSchema):
    item_id: int | None = Field(None, description="Default: the current item")
    kind: DecisionKind
    text: str = ""
    adopt_document: bool = False


class MinutesEditIn(InputSchema):
    version: int
    texts: dict[str, str]
    note: str = Field("", max_length=300)


class MinutesCirculateIn(InputSchema):
    deadline: MeetingTime


class MinutesResponseIn(InputSchema):
    delegation_id: int
    kind: MinutesResponseKind
    text: str = ""


class StatementEditIn(InputSchema):
    version: int
    texts: dict[str, str]


class SlotsQuery(Schema):
    duration_minutes: int = Field(120, ge=15, le=540, description="15 minutes to 9 hours")
    start: CalendarDay | None = None
    days: int = Field(21, ge=1, le=90, description="How many days to look ahead")
