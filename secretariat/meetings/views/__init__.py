"""Meeting pages, one module per entity. Views read the form into the command's input
schema, run the command (services decide and write) and render; reads go through the
selectors."""

from secretariat.meetings.views.actions import meeting_action
from secretariat.meetings.views.calendars import format_ics, meeting_ics, my_calendar, personal_ics
from secretariat.meetings.views.meetings import meeting_create, meeting_detail, meeting_list
from secretariat.meetings.views.minutes import meeting_minutes, minutes_export
from secretariat.meetings.views.session import meeting_live, meeting_outcomes
from secretariat.meetings.views.statements import meeting_statement, statement_export

__all__ = [
    "format_ics",
    "meeting_action",
    "meeting_create",
    "meeting_detail",
    "meeting_ics",
    "meeting_list",
    "meeting_live",
    "meeting_minutes",
    "meeting_outcomes",
    "meeting_statement",
    "minutes_export",
    "my_calendar",
    "personal_ics",
    "statement_export",
]
