from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from secretariat.meetings.scheduling import candidate_slots

CAJ = [
    "Asia/Tokyo",
    "Asia/Almaty",
    "Asia/Bishkek",
    "Asia/Dushanbe",
    "Asia/Ashgabat",
    "Asia/Tashkent",
]


def test_slots_fit_working_hours_everywhere():
    slots = candidate_slots(CAJ, duration=timedelta(hours=2), start_on=date(2026, 3, 2), days=7)
    assert slots
    for slot in slots:
        for local in slot.local.values():
            assert local.weekday() < 5
            assert time(9) <= local.time()
            assert (local + timedelta(hours=2)).time() <= time(18)


def test_tokyo_four_hours_ahead_of_tashkent_leaves_a_five_hour_window():
    # Tokyo (UTC+9) 9:00-18:00 is 00:00-09:00 UTC; Tashkent (UTC+5) 04:00-13:00 UTC.
    slots = candidate_slots(CAJ, duration=timedelta(hours=2), start_on=date(2026, 3, 2), days=1)
    assert [s.starts_at.strftime("%H:%M") for s in slots] == [
        "04:00",
        "04:30",
        "05:00",
        "05:30",
        "06:00",
        "06:30",
        "07:00",
    ]
    first = slots[0]
    assert first.local["Asia/Tokyo"].strftime("%H:%M") == "13:00"
    assert first.local["Asia/Tashkent"].strftime("%H:%M") == "09:00"
    assert first.local["Asia/Almaty"].strftime("%H:%M") == "09:00"  # UTC+5 since 2024


def test_weekend_and_impossible_durations():
    saturday = candidate_slots(CAJ, duration=timedelta(hours=1), start_on=date(2026, 3, 7), days=2)
    assert saturday == []
    assert (
        candidate_slots(CAJ, duration=timedelta(hours=6), start_on=date(2026, 3, 2), days=5) == []
    )
    with pytest.raises(ValueError, match="duration"):
        candidate_slots(CAJ, duration=timedelta(0), start_on=date(2026, 3, 2))


def test_daylight_saving_comes_from_the_tz_database():
    # Brussels moves to summer time on 29 March 2026: the window with Tokyo shifts by an hour.
    zones = ["Asia/Tokyo", "Europe/Brussels"]
    before = candidate_slots(zones, duration=timedelta(hours=1), start_on=date(2026, 3, 27), days=1)
    after = candidate_slots(zones, duration=timedelta(hours=1), start_on=date(2026, 3, 30), days=1)
    assert [s.starts_at.hour for s in before] == [8]  # 09:00 CET = 17:00 JST
    assert [s.starts_at.hour for s in after][:1] == [7]  # 09:00 CEST = 16:00 JST
