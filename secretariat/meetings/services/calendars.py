"""The secret address of a person's private calendar feed."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from secretariat.core.audit import audit_record
from secretariat.meetings.models import CalendarToken

if TYPE_CHECKING:
    from secretariat.accounts.models import User


@transaction.atomic
def calendar_token_get(*, user: User) -> CalendarToken:
    """The person's feed token, made on first use. Several first visits at once (two tabs,
    a calendar app polling) all get the one token: the row is unique per person, and a
    visit that loses the race to create it reads the winner's."""
    token = CalendarToken.objects.filter(user=user).first()
    if token is not None:
        return token
    try:
        with transaction.atomic():
            return CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))
    except IntegrityError:
        return CalendarToken.objects.get(user=user)


@transaction.atomic
def calendar_token_reset(*, user: User) -> CalendarToken:
    """A new secret; the old feed URL stops working at once. Resets of one person queue on
    their user row, so two at once leave one token, not an error."""
    from secretariat.accounts.models import User

    User.objects.select_for_update().filter(pk=user.pk).first()
    CalendarToken.objects.filter(user=user).delete()
    token = CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))
    audit_record(actor=user, action="calendar.reset", target=token)
    return token
