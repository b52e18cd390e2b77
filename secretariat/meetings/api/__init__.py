"""Meetings API: the same command table, services and policy as the pages. Reads of public
meetings need no sign-in; writes use the session cookie (CSRF token in X-CSRFToken).

One module per entity (meetings, agenda, participation, session, minutes, statements),
all on one router; refusals become 403/409/422 in the API's handlers."""

from secretariat.meetings.api import (  # noqa: F401 - each module adds its endpoints
    agenda,
    meetings,
    minutes,
    participation,
    session,
    statements,
)
from secretariat.meetings.api._common import router

__all__ = ["router"]
