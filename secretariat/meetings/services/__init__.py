"""Every change to meetings goes through here: one module per entity or process.

- `meetings`: planning, facts, lifecycle, the video conference;
- `agenda`: the draft agenda, frozen at the opening;
- `participation`: registrations and the roll call;
- `session`: the live session, the floor and the decisions;
- `minutes`: drafting, revisions, approval, the final text;
- `statements`: the joint press statement;
- `calendars`: the secret of a person's calendar feed.

What they share (locking, versions, transitions, who acts) is in `_common`. Reads live in
`secretariat.meetings.selectors`.
"""

from secretariat.meetings.services._common import SYSTEM
from secretariat.meetings.services.agenda import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
)
from secretariat.meetings.services.calendars import calendar_token_get, calendar_token_reset
from secretariat.meetings.services.meetings import (
    MEETING_FIELDS,
    meeting_announce,
    meeting_cancel,
    meeting_create,
    meeting_postpone,
    meeting_reschedule,
    meeting_set_conference,
    meeting_update,
)
from secretariat.meetings.services.minutes import (
    default_minutes_deadline,
    minutes_circulate,
    minutes_edit,
    minutes_finalise,
    minutes_generate,
    minutes_reopen,
    minutes_respond,
)
from secretariat.meetings.services.participation import (
    participant_register,
    participant_remove,
    roll_call_record,
)
from secretariat.meetings.services.session import (
    decision_record,
    floor_end,
    floor_give,
    floor_request,
    floor_withdraw,
    session_close,
    session_item_next,
    session_item_set,
    session_open,
    speakers_set_open,
)
from secretariat.meetings.services.statements import (
    statement_edit,
    statement_generate,
    statement_publish,
)

__all__ = [
    "MEETING_FIELDS",
    "SYSTEM",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "agenda_item_update",
    "calendar_token_get",
    "calendar_token_reset",
    "decision_record",
    "default_minutes_deadline",
    "floor_end",
    "floor_give",
    "floor_request",
    "floor_withdraw",
    "meeting_announce",
    "meeting_cancel",
    "meeting_create",
    "meeting_postpone",
    "meeting_reschedule",
    "meeting_set_conference",
    "meeting_update",
    "minutes_circulate",
    "minutes_edit",
    "minutes_finalise",
    "minutes_generate",
    "minutes_reopen",
    "minutes_respond",
    "participant_register",
    "participant_remove",
    "roll_call_record",
    "session_close",
    "session_item_next",
    "session_item_set",
    "session_open",
    "speakers_set_open",
    "statement_edit",
    "statement_generate",
    "statement_publish",
]
