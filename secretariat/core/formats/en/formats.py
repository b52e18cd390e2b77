"""English: 22 December 2026, 14:00 (day month year, 24-hour clock, as in diplomatic text)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = DATE_FORMAT  # one format per language: no 12/22/2026 beside it
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
