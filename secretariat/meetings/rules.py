"""Rules of meetings that need no database: the calendar a meeting may fall in, and when an
opening counts as early."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

#: Meetings (and the deadlines of their minutes) fall within these years; a date outside is
#: a typing slip (0001-01-01, 20240-...) and is refused before any time-zone arithmetic.
FIRST_YEAR = 1990
LAST_YEAR = 2099
EARLIEST = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC)

#: Opening a session more than this before its scheduled start asks for confirmation.
EARLY_OPENING = timedelta(hours=1)


def within_calendar(moment: datetime | date) -> bool:
    """The moment lies between the first day of FIRST_YEAR and the last of LAST_YEAR (UTC).
    Compared, never converted: converting year 1 or 9999 to another zone overflows."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            return FIRST_YEAR <= moment.year <= LAST_YEAR
        return EARLIEST <= moment < LATEST
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def opens_early(now: datetime, starts_at: datetime) -> bool:
    return now < starts_at - EARLY_OPENING
