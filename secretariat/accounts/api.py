from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from ninja import Field, Router
from ninja.security import django_auth

from secretariat.accounts.models import User
from secretariat.accounts.services import user_profile_update
from secretariat.core.schemas import InputSchema
from secretariat.formats.schemas import MeOut, SeatOut
from secretariat.formats.selectors import delegation_seats_for

router = Router(tags=["accounts"])


class ProfileIn(InputSchema):
    """What a person may change about themselves; a field left out stays as it is."""

    full_name: str | None = Field(None, min_length=1, max_length=200)
    time_zone: str | None = Field(None, description="A tz database name, e.g. Asia/Tokyo")


def _me(user: User) -> MeOut:
    return MeOut(
        email=user.email,
        full_name=user.full_name,
        time_zone=user.time_zone,
        seats=[
            SeatOut(
                delegation_id=seat.delegation_id,
                format=seat.delegation.format.slug,
                state=seat.delegation.state.iso2,
                role=seat.role,
                function=seat.function,
            )
            for seat in delegation_seats_for(user)
        ],
        secretariat_of=list(user.secretariat_memberships.values_list("format__slug", flat=True)),
        observer_of=list(user.observer_seats.values_list("format__slug", flat=True)),
    )


@router.get("/me", response=MeOut, auth=django_auth, summary="The signed-in person")
def me(request: HttpRequest) -> MeOut:
    return _me(cast(User, request.user))  # django_auth lets only a signed-in person in


@router.patch("/me", response=MeOut, auth=django_auth, summary="Change your name or time zone")
def me_update(request: HttpRequest, payload: ProfileIn) -> MeOut:
    user = cast(User, request.user)
    user_profile_update(
        actor=user,
        user=user,
        full_name=user.full_name if payload.full_name is None else payload.full_name,
        time_zone=user.time_zone if payload.time_zone is None else payload.time_zone,
    )
    return _me(user)
