"""core.timezones: one instant, written in a named zone and labelled; typed times read
back in the zone they were typed in."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone, translation

from secretariat.core.timezones import (
    capital_times,
    format_instant,
    iso_utc,
    parse_local,
    zone_abbreviations,
    zone_choices,
    zone_label,
)

DEADLINE = datetime(2026, 12, 22, 5, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "zone", "expected"),
    [
        ("en", "Asia/Tokyo", "22 December 2026, 14:00 JST (UTC+9)"),
        ("ru", "Asia/Tokyo", "22 декабря 2026 г., 14:00 JST (UTC+9)"),
        ("ja", "Asia/Tokyo", "2026年12月22日 14:00 JST (UTC+9)"),
        ("en", "America/New_York", "22 December 2026, 00:00 EST (UTC-5)"),
        ("en", "Asia/Almaty", "22 December 2026, 10:00 UTC+5"),  # Astana: no named abbreviation
        ("en", "Asia/Kolkata", "22 December 2026, 10:30 IST (UTC+5:30)"),
        ("en", "UTC", "22 December 2026, 05:00 UTC"),
    ],
)
def test_an_instant_in_a_named_zone_in_each_language(lang, zone, expected):
    assert format_instant(DEADLINE, zone, language=lang) == expected


def test_the_viewers_zone_is_the_default():
    with timezone.override("America/New_York"):
        assert format_instant(DEADLINE) == "22 December 2026, 00:00 EST (UTC-5)"
    assert format_instant(DEADLINE) == "22 December 2026, 05:00 UTC"  # nobody signed in


def test_spans_carry_both_dates_across_midnight_and_both_labels_across_a_clock_change():
    end = DEADLINE.replace(hour=7)
    assert format_instant(DEADLINE, "Asia/Tokyo", until=end) == (
        "22 December 2026, 14:00–16:00 JST (UTC+9)"
    )
    late = datetime(2026, 12, 22, 14, 0, tzinfo=UTC)  # 23:00 to 01:00 in Tokyo
    assert format_instant(late, "Asia/Tokyo", until=late.replace(hour=16)) == (
        "22 December 2026, 23:00 – 23 December 2026, 01:00 JST (UTC+9)"
    )
    night = datetime(2026, 11, 1, 5, 0, tzinfo=UTC)  # New York leaves summer time at 06:00 UTC
    assert format_instant(night, "America/New_York", until=night.replace(hour=7)) == (
        "1 November 2026, 01:00 EDT (UTC-4) – 02:00 EST (UTC-5)"
    )


def test_styles_without_a_time_of_day_carry_no_label():
    assert format_instant(DEADLINE, "Asia/Tokyo", style="date") == "22 December 2026"
    assert format_instant(DEADLINE, "Asia/Tokyo", style="time") == "14:00 JST (UTC+9)"
    assert format_instant(DEADLINE, "America/New_York", style="weekday", language="ru") == "Вт"
    assert format_instant(DEADLINE, "Asia/Tokyo", style="month", language="ja") == "2026年12月"


def test_a_time_without_its_zone_is_refused():
    with pytest.raises(ValueError, match="zone"):
        format_instant(datetime(2026, 12, 22, 5, 0))  # noqa: DTZ001 - the point of the test


def test_zone_labels_name_the_zone_only_where_the_tz_database_does():
    assert zone_label(DEADLINE.astimezone(timezone.get_fixed_timezone(0))) == "UTC"
    summer = datetime(2026, 7, 1, tzinfo=UTC)
    assert zone_label(summer.astimezone(ZoneInfo("Europe/London"))) == "BST (UTC+1)"
    assert zone_abbreviations("America/New_York", DEADLINE) == {
        "-300": "EST (UTC-5)",
        "-240": "EDT (UTC-4)",
    }


def test_a_typed_time_is_read_in_the_zone_it_was_typed_in():
    assert parse_local("2026-12-22T14:00", "Asia/Tokyo") == DEADLINE
    assert parse_local("2026-12-22 10:00", "Asia/Almaty") == DEADLINE
    assert parse_local("2026-12-22T05:00:00Z", "Asia/Tokyo") == DEADLINE  # its own offset
    with timezone.override("America/New_York"):
        assert parse_local("2026-12-22T00:00", None) == DEADLINE  # the viewer's zone


@pytest.mark.parametrize(
    ("value", "zone", "message"),
    [
        ("2026-03-08T02:30", "America/New_York", "does not exist in America/New_York"),
        ("2026-11-01T01:30", "America/New_York", "happens twice in America/New_York"),
        ("22/12/2026 14:00", "Asia/Tokyo", "YYYY-MM-DD HH:MM"),
        ("", "Asia/Tokyo", "Give a date and time"),
        ("2026-12-22T14:00", "Asia/Tokio", "not a time zone of the tz database"),
        ("0001-01-01T00:00", "Asia/Tokyo", "out of range"),
    ],
)
def test_a_typed_time_that_names_no_single_instant_is_refused(value, zone, message):
    with pytest.raises(ValidationError, match=message):
        parse_local(value, zone)


def test_capitals_west_to_east_each_in_its_own_zone():
    states = [
        SimpleNamespace(capital="Tokyo", name="Japan", time_zone="Asia/Tokyo"),
        SimpleNamespace(capital="Astana", name="Kazakhstan", time_zone="Asia/Almaty"),
    ]
    rows = capital_times(DEADLINE, states)
    assert [(r.capital, f"{r.local:%H:%M}", r.label) for r in rows] == [
        ("Astana", "10:00", "UTC+5"),
        ("Tokyo", "14:00", "JST (UTC+9)"),
    ]


def test_zone_choices_put_the_viewers_own_first():
    states = [SimpleNamespace(capital="Tokyo", time_zone="Asia/Tokyo")]
    with timezone.override("Asia/Ashgabat"):
        choices = zone_choices(states)
    assert [value for value, _label in choices] == ["Asia/Ashgabat", "UTC", "Asia/Tokyo"]
    assert "your time zone" in choices[0][1]


def render(source: str, **context: object) -> str:
    return Template("{% load secretariat %}" + source).render(Context(context))


def test_the_when_tag_writes_the_instant_and_its_words():
    html = render('{% when at "Asia/Tokyo" %}', at=DEADLINE)
    assert html == (
        '<time datetime="2026-12-22T05:00:00Z" data-zone="Asia/Tokyo">'
        "22 December 2026, 14:00 JST (UTC+9)</time>"
    )
    assert iso_utc(DEADLINE) == "2026-12-22T05:00:00Z"
    assert render("{% when at %}", at=None) == ""
    assert render("{% when day %}", day=DEADLINE.date()) == (
        '<time datetime="2026-12-22">22 December 2026</time>'
    )
    with translation.override("ru"):
        assert render("{{ at|instant:'Asia/Almaty' }}", at=DEADLINE) == (
            "22 декабря 2026 г., 10:00 UTC+5"
        )


def test_the_clock_is_the_capitals_time_weekday_and_label():
    with timezone.override("America/New_York"):  # the viewer's zone must not leak in
        html = render('{% clock at "Asia/Tokyo" %}', at=DEADLINE)
    assert 'data-tz="Asia/Tokyo"' in html
    assert ">14:00</time>" in html
    assert "<span data-clock-weekday>Tue</span>" in html  # Monday evening in New York
    assert "<span data-clock-label>JST (UTC+9)</span>" in html


def test_scripts_get_the_patterns_and_names_the_server_uses():
    with translation.override("ru"), timezone.override("Asia/Tokyo"):
        html = render("{% when_config %}")
    config = json.loads(html.split(">", 1)[1].rsplit("<", 1)[0])
    assert config["zone"] == "Asia/Tokyo"
    assert config["patterns"]["datetime"] == "j E Y г., H:i"
    assert config["monthsGenitive"][11] == "декабря"
    assert config["weekdays"][1] == "Вт"
    assert config["labels"] == {"540": "JST (UTC+9)"}


def test_a_span_of_dates_and_a_span_without_label():
    later = datetime(2026, 12, 24, 5, 0, tzinfo=UTC)
    assert format_instant(DEADLINE, "UTC", style="date", until=DEADLINE) == "22 December 2026"
    assert format_instant(DEADLINE, "UTC", style="date", until=later) == (
        "22 December 2026 – 24 December 2026"
    )
    assert format_instant(DEADLINE, "UTC", style="time", until=later, label=False) == (
        "05:00 – 24 December 2026, 05:00"
    )


def test_an_unknown_zone_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match="Asia/Tokio"):
        format_instant(DEADLINE, "Asia/Tokio")
