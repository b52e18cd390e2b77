"""The secret address of a person's private calendar feed."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.db import transaction

from secretariat.core.audit import audit_record
from secretariat.meetings.models import CalendarToken

if TYPE_CHECKING:
    from secretariat.accounts.models import User


@transaction.atomic
def calendar_token_get(*, user: User) -> CalendarToken:
    """The person's feed token, made on first use."""
    token = CalendarToken.objects.filter(user=user).first()
    if token is None:
        token = CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))
    return token


@transaction.atomic
def calendar_token_reset(*, user: User) -> CalendarToken:
    """A new secret; the old feed URL stops working at once."""
    CalendarToken.objects.filter(user=user).delete()
    token = CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))
    audit_record(actor=user, action="calendar.reset", target=token)
    return token
