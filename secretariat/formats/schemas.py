from __future__ import annotations

from datetime import date, datetime

from ninja import Schema


class StateOut(Schema):
    iso2: str
    iso3: str
    name: str
    capital: str
    time_zone: str
    flag: str


class StateInFormatOut(StateOut):
    kind: str
    since: date
    local_time: datetime
    utc_offset: str
    delegation_id: int | None
    head_of_delegation: str


class ChairOut(Schema):
    state: StateOut
    starts_on: date
    ends_on: date | None


class FormatOut(Schema):
    slug: str
    name: str
    short_name: str
    founded_year: int
    description: str
    working_languages: list[str]


class FormatDetailOut(FormatOut):
    states: list[StateInFormatOut]
    chair: ChairOut | None


class DelegationMemberOut(Schema):
    full_name: str
    email: str
    role: str
    function: str


class DelegationOut(Schema):
    id: int
    format: str
    state: StateOut
    kind: str
    head_of_delegation: str
    members: list[DelegationMemberOut] | None = None


class SeatOut(Schema):
    delegation_id: int
    format: str
    state: str
    role: str
    function: str


class MeOut(Schema):
    email: str
    full_name: str
    time_zone: str
    seats: list[SeatOut]
    secretariat_of: list[str]
    observer_of: list[str]
