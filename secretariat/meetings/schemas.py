from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


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


class MeetingDetailOut(MeetingOut):
    capitals: list[CapitalTimeOut]
    agenda: list[AgendaItemOut]
    may_see_conference_link: bool
    conference_url: str | None


class MeetingIn(Schema):
    kind: str
    mode: str
    starts_at: datetime
    ends_at: datetime
    number: int | None = None
    title: str = ""
    host_state: str | None = Field(None, description="ISO 3166 alpha-2 code")
    venue: str = ""
    chair_state: str | None = Field(None, description="ISO 3166 alpha-2 code")
    is_public: bool = False
    speaking_time: int = 180


class MeetingPatch(Schema):
    version: int = Field(..., description="The version you saw; a stale one gets 409")
    kind: str | None = None
    mode: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    number: int | None = None
    title: str | None = None
    host_state: str | None = None
    venue: str | None = None
    chair_state: str | None = None
    is_public: bool | None = None
    speaking_time: int | None = None


class RescheduleIn(Schema):
    starts_at: datetime
    ends_at: datetime


class ConferenceIn(Schema):
    provider: str = Field(..., description='"jitsi", "external" or "" to remove')
    link: str = ""


class ConferenceOut(Schema):
    provider: str
    url: str


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    kind: str
    description: str
    document: str | None
    version: int


class AgendaItemIn(Schema):
    title: str
    kind: str
    description: str = ""
    document: str | None = Field(None, description="slug of a document of the format")


class AgendaItemPatch(Schema):
    version: int
    title: str | None = None
    kind: str | None = None
    description: str | None = None


class MoveIn(Schema):
    position: int


class ParticipantOut(Schema):
    id: int
    delegation: str
    name: str
    function: str
    present: bool | None
    user_email: str | None


class ParticipantIn(Schema):
    delegation_id: int
    name: str = ""
    function: str = ""
    user_email: str | None = None


class RollCallIn(Schema):
    present: dict[int, bool]


class ItemIn(Schema):
    item_id: int


class DelegationIn(Schema):
    delegation_id: int


class GiveFloorIn(Schema):
    speaker_id: int | None = None


class DecisionIn(Schema):
    item_id: int
    kind: str
    text: str = ""
    adopt_document: bool = False


class DecisionOut(Schema):
    id: int
    item: int
    kind: str
    text: str


class SpeakerOut(Schema):
    id: int
    delegation: str
    status: str


class LiveStateOut(Schema):
    state: dict[str, Any]


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


class MinutesEditIn(Schema):
    version: int
    texts: dict[str, str]
    note: str = ""


class CirculateIn(Schema):
    deadline: datetime


class ResponseIn(Schema):
    delegation_id: int
    kind: str
    text: str = ""


class StatementOut(Schema):
    status: str
    version: int
    texts: dict[str, str]
    published_at: datetime | None


class StatementEditIn(Schema):
    version: int
    texts: dict[str, str]


class SlotsQuery(Schema):
    duration_minutes: int = 120
    start: date | None = None
    days: int = 21


MeetingDetailOut.model_rebuild()
