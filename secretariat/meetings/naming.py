"""How a meeting is called in the active language: “8th meeting of the Foreign Ministers”."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from secretariat.meetings.models import Meeting

# English needs the ordinal suffix; Russian and Japanese catalogues use %(number)s instead.
NUMBERED = {
    "summit": gettext_lazy("%(ordinal)s summit"),
    "foreign_ministers": gettext_lazy("%(ordinal)s meeting of the Foreign Ministers"),
    "senior_officials": gettext_lazy("%(ordinal)s meeting of Senior Officials"),
    "expert_group": gettext_lazy("%(ordinal)s expert group meeting"),
}


def english_ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def meeting_name(meeting: Meeting) -> str:
    if meeting.number:
        template = str(NUMBERED[meeting.kind])
        return template % {"ordinal": english_ordinal(meeting.number), "number": meeting.number}
    if meeting.title:
        return meeting.title
    label = str(meeting.get_kind_display())
    return label[:1].upper() + label[1:] if label else _("Meeting")
