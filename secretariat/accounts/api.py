from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.security import django_auth

from secretariat.formats.schemas import MeOut, SeatOut
from secretariat.formats.selectors import delegation_seats_for

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut, auth=django_auth, summary="The signed-in person")
def me(request: HttpRequest) -> MeOut:
    user = request.user
    return MeOut(
        email=user.email,  # type: ignore[union-attr]
        full_name=user.full_name,  # type: ignore[union-attr]
        time_zone=user.time_zone,  # type: ignore[union-attr]
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
        secretariat_of=list(
            user.secretariat_memberships.values_list("format__slug", flat=True)  # type: ignore[union-attr]
        ),
        observer_of=list(user.observer_seats.values_list("format__slug", flat=True)),  # type: ignore[union-attr]
    )
