"""Every time on every page is one instant, labelled with the zone it is shown in.

Each page that shows times is rendered for a viewer in Asia/Tokyo and one in
America/New_York, in English, Russian and Japanese. The expected words are computed here
from zoneinfo and the format each language promises (independently of the product's
formatter): each capital's row against its capital's zone, the viewer's row against the
viewer's zone. A page that shows a time of day without a zone label, a `<time>` whose
words are not its instant, or a page that mixes date formats, fails.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from lxml import html as lxml_html

from secretariat.formats.tests.factories import DemoLikeFormat, demo_like_format
from secretariat.meetings import services as meeting_services
from secretariat.negotiation import services as negotiation_services

pytestmark = pytest.mark.django_db

VIEWER_ZONES = ["Asia/Tokyo", "America/New_York"]
LANGUAGES = ["en", "ru", "ja"]
CAPITAL_ZONES = {
    "JP": "Asia/Tokyo",
    "KZ": "Asia/Almaty",  # Astana
    "KG": "Asia/Bishkek",
    "TJ": "Asia/Dushanbe",
    "TM": "Asia/Ashgabat",
    "UZ": "Asia/Tashkent",
}
CAPITAL_NAMES = {
    "en": ["Tokyo", "Astana", "Bishkek", "Dushanbe", "Ashgabat", "Tashkent"],
    "ru": ["Токио", "Астана", "Бишкек", "Душанбе", "Ашхабад", "Ташкент"],
    "ja": ["東京", "アスタナ", "ビシュケク", "ドゥシャンベ", "アシガバット", "タシケント"],
}
# In New York the meeting starts the evening before and ends at midnight: dates differ.
MEETING_START = datetime(2030, 3, 4, 3, 0, tzinfo=UTC)
MEETING_END = MEETING_START + timedelta(hours=2)
SILENCE_DEADLINE = datetime(2030, 12, 22, 5, 0, tzinfo=UTC)  # 14:00 in Tokyo, 00:00 in New York
MINUTES_DEADLINE = datetime(2030, 3, 20, 9, 30, tzinfo=UTC)

# --- the promised words, from zoneinfo -----------------------------------------------------

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "ru_nominative": [
        "Январь",
        "Февраль",
        "Март",
        "Апрель",
        "Май",
        "Июнь",
        "Июль",
        "Август",
        "Сентябрь",
        "Октябрь",
        "Ноябрь",
        "Декабрь",
    ],
}
WEEKDAYS = {
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "ru": ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"],
    "ja": ["月", "火", "水", "木", "金", "土", "日"],
}
HHMM = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])")


def local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def label(moment: datetime) -> str:
    minutes = int((moment.utcoffset() or timedelta()).total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    offset = "UTC" if not minutes else f"UTC{'+' if minutes > 0 else '-'}{hours}"
    offset += f":{rest:02d}" if rest else ""
    abbreviation = moment.tzname() or ""
    if abbreviation.isalpha() and abbreviation.isupper() and abbreviation != "UTC":
        return f"{abbreviation} ({offset})"
    return offset


def date_words(d: datetime, lang: str) -> str:
    if lang == "ja":
        return f"{d.year}年{d.month}月{d.day}日"
    if lang == "ru":
        return f"{d.day} {MONTHS['ru'][d.month - 1]} {d.year} г."
    return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"


def month_words(d: datetime, lang: str) -> str:
    if lang == "ja":
        return f"{d.year}年{d.month}月"
    if lang == "ru":
        return f"{MONTHS['ru_nominative'][d.month - 1]} {d.year} г."
    return f"{MONTHS['en'][d.month - 1]} {d.year}"


def datetime_words(d: datetime, lang: str) -> str:
    return f"{date_words(d, lang)}{' ' if lang == 'ja' else ', '}{d:%H:%M}"


def words(moment: datetime, zone: str, lang: str, until: datetime | None = None) -> str:
    """“22 December 2030, 14:00 JST (UTC+9)”, or a span, as the language promises."""
    start = local(moment, zone)
    if until is None:
        return f"{datetime_words(start, lang)} {label(start)}"
    end = local(until, zone)
    if end.date() == start.date():
        return f"{datetime_words(start, lang)}–{end:%H:%M} {label(start)}"
    return f"{datetime_words(start, lang)} – {datetime_words(end, lang)} {label(start)}"


def time_words(moment: datetime, zone: str) -> str:
    d = local(moment, zone)
    return f"{d:%H:%M} {label(d)}"


# --- what every page must satisfy ----------------------------------------------------------


def visible_text(tree: Any) -> str:
    body = tree.find("body")
    # data-wall-clock marks a rule of local clocks (working hours in every capital), not an
    # instant: there is no one zone to label.
    for node in body.xpath(".//script|.//style|.//template|.//*[@data-wall-clock]"):
        node.drop_tree()
    return re.sub(r"\s+", " ", body.text_content())


def unlabelled_times(text: str) -> list[str]:
    """Times of day not followed by their zone label (a span's label follows its end)."""
    found = list(HHMM.finditer(text))
    bad = []
    for index, match in enumerate(found):
        j = index
        while True:
            after = found[j + 1] if j + 1 < len(found) else None
            stop = min(found[j].end() + 60, after.start() if after else len(text))
            if "UTC" in text[found[j].end() : stop]:
                break
            gap = text[found[j].end() : after.start()] if after else ""
            if after is not None and "–" in gap and len(gap) < 40:
                j += 1  # “14:00–16:00 JST (UTC+9)”: the span's label follows its end
                continue
            bad.append(text[max(0, match.start() - 40) : match.end() + 40])
            break
    return bad


def mixed_formats(text: str, lang: str) -> list[str]:
    patterns = [r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", r"\b\d{4}-\d{2}-\d{2}\b", r"\b\d{4}/\d{2}/\d{2}\b"]
    if lang == "en":
        patterns += [r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d", r"[ap]\.m\."]
    if lang == "ru":
        patterns += [
            r"\d{1,2}\.\d{2}\.\d{4}",
            r"\d{1,2} (" + "|".join(MONTHS["ru_nominative"]) + ")",
        ]
    return [m.group(0) for p in patterns for m in re.finditer(p, text)]


def check_time_element(node: Any, lang: str) -> None:
    """A `<time datetime="…Z" data-zone="…">` says its own instant in its own zone."""
    instant = datetime.fromisoformat(node.get("datetime").replace("Z", "+00:00"))
    d = local(instant, node.get("data-zone"))
    text = re.sub(r"\s+", " ", node.text_content()).strip()
    where = f"<time datetime={node.get('datetime')} data-zone={node.get('data-zone')}>{text}"
    times = HHMM.findall(text)
    if times:
        assert times[0] == f"{d:%H:%M}", where
        assert label(d) in text, where
        if re.search(r"\d{4}", text):
            assert date_words(d, lang) in text, where
    elif text.isdigit():
        assert text == str(d.day), where
    elif text in WEEKDAYS[lang]:
        assert text == WEEKDAYS[lang][d.weekday()], where
    else:
        assert date_words(d, lang) in text or month_words(d, lang) in text, where


def check_clock(node: Any, lang: str) -> None:
    """A capital's clock: the time, weekday and label of its own instant in its own zone."""
    instant = datetime.fromisoformat(node.get("datetime").replace("Z", "+00:00"))
    d = local(instant, node.get("data-tz"))
    box = node.getparent()
    assert node.text_content() == f"{d:%H:%M}", node.get("data-tz")
    assert box.xpath("string(.//*[@data-clock-weekday])") == WEEKDAYS[lang][d.weekday()]
    assert box.xpath("string(.//*[@data-clock-label])") == label(d)


def check_page(client: Client, url: str, lang: str, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    tree = lxml_html.fromstring(response.content.decode())
    for node in tree.xpath("//time[@datetime][@data-zone]"):
        if "T" in node.get("datetime"):
            check_time_element(node, lang)
    for node in tree.xpath("//time[contains(@class, 'clock')][@data-tz]"):
        check_clock(node, lang)
    for form in tree.xpath("//form[.//input[@type='datetime-local']]"):
        assert form.xpath(".//select[contains(@name, 'zone')]"), f"{url}: a time without a zone"
    text = visible_text(lxml_html.fromstring(response.content.decode()))
    assert unlabelled_times(text) == [], url
    assert mixed_formats(text, lang) == [], url
    return tree


def row_text(tree: Any, xpath: str) -> str:
    nodes = tree.xpath(xpath)
    assert nodes, xpath
    return re.sub(r"\s+", " ", nodes[0].text_content())


def check_capital_rows(
    tree: Any, lang: str, moment: datetime, *, until: datetime | None = None, within: str = ""
) -> None:
    """Each capital's row says the instant in that capital's zone (and names the capital)."""
    for iso2, zone in CAPITAL_ZONES.items():
        text = row_text(tree, f"{within}//tr[@data-zone='{zone}']")
        assert words(moment, zone, lang, until) in text, (iso2, text)
    table = row_text(tree, f"{within}//table[contains(@class, 'capital-times')]")
    for name in CAPITAL_NAMES[lang]:
        assert name in table


# --- the scene -----------------------------------------------------------------------------


@dataclass
class Scene:
    world: DemoLikeFormat
    document: Any
    draft: Any
    adopted: Any
    meeting: Any
    planned: Any


CLEAN_TEXT = "Noting,\n1. Agreed text.\n2. More agreed text.\n"


def _document(world: DemoLikeFormat, title: str) -> Any:
    doc = negotiation_services.document_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="programme",
        title=title,
        language="en",
        authentic_languages=["en"],
        text=CLEAN_TEXT,
    )
    return negotiation_services.document_open_negotiation(actor=world.secretariat, document=doc)


def _meeting(world: DemoLikeFormat, number: int, starts: datetime) -> Any:
    meeting = meeting_services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="foreign_ministers",
        number=number,
        mode="online",
        starts_at=starts,
        ends_at=starts + (MEETING_END - MEETING_START),
        chair_state=world.states["JP"],
        is_public=True,
    )
    meeting_services.agenda_item_add(
        actor=world.secretariat, meeting=meeting, title="Opening", kind="information"
    )
    return meeting


def _announcement_services() -> Any:
    """Announcements' services, wherever the capability keeps them."""
    try:
        return importlib.import_module("secretariat.announcements.services")
    except ModuleNotFoundError:  # announcements still part of the live app
        return importlib.import_module("secretariat.live.services")


def scene(viewer_zone: str) -> Scene:
    world = demo_like_format(viewer_zone=viewer_zone)
    document = _document(world, "Programme of joint efforts")
    negotiation_services.silence_procedure_start(
        actor=world.chair, document=document, deadline=SILENCE_DEADLINE
    )
    draft = _document(world, "Roadmap")
    adopted = _document(world, "Joint statement")
    for iso2, head in world.heads.items():
        negotiation_services.position_record(
            actor=head, document=adopted, delegation=world.delegations[iso2], stance="agree"
        )
    adopted = negotiation_services.document_finalise(actor=world.chair, document=adopted)
    adopted = negotiation_services.document_adopt_by_consensus(actor=world.chair, document=adopted)
    meeting = _meeting(world, 8, MEETING_START)
    meeting_services.meeting_announce(actor=world.secretariat, meeting=meeting)
    meeting_services.participant_register(
        actor=world.chair,
        meeting=meeting,
        delegation=world.delegations["JP"],
        name="Chair",
        user=world.chair,
    )
    meeting_services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    meeting_services.session_close(actor=world.chair, meeting=meeting)
    minutes = meeting_services.minutes_generate(actor=world.secretariat, meeting=meeting)
    meeting_services.minutes_circulate(
        actor=world.secretariat, minutes=minutes, deadline=MINUTES_DEADLINE
    )
    statement = meeting_services.statement_generate(actor=world.secretariat, meeting=meeting)
    meeting_services.statement_publish(actor=world.secretariat, statement=statement)
    planned = _meeting(world, 9, MEETING_START + timedelta(days=60))
    _announcement_services().announcement_send(
        actor=world.secretariat, fmt=world.fmt, text="The plenary resumes after lunch."
    )
    return Scene(world, document, draft, adopted, meeting, planned)


@pytest.fixture(params=VIEWER_ZONES)
def viewer(request: pytest.FixtureRequest) -> tuple[Scene, Client]:
    the_scene = scene(request.param)
    client = Client()
    client.force_login(the_scene.world.chair)
    return the_scene, client


def speak(client: Client, lang: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang


# --- the pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_format_and_delegation_pages_show_each_capitals_own_clock(viewer, lang):
    the_scene, client = viewer
    speak(client, lang)
    zone = the_scene.world.chair.time_zone
    tree = check_page(client, "/formats/caj/", lang)
    for iso2, capital_zone in CAPITAL_ZONES.items():
        clock = tree.xpath(f"//tr[@data-state='{iso2}']//time[contains(@class, 'clock')]")
        assert clock
        assert clock[0].get("data-tz") == capital_zone
    mine = tree.xpath("//*[contains(@class, 'your-time')]//time[contains(@class, 'own-clock')]")
    assert mine
    assert mine[0].get("data-tz") == zone
    tree = check_page(client, "/formats/caj/delegations/KZ/", lang)
    assert tree.xpath("//time[contains(@class, 'clock')]")[0].get("data-tz") == "Asia/Almaty"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_document_page_silence_deadline_in_viewer_zone_utc_and_every_capital(viewer, lang):
    the_scene, client = viewer
    speak(client, lang)
    zone = the_scene.world.chair.time_zone
    url = f"/formats/caj/documents/{the_scene.document.slug}/"
    tree = check_page(client, url, lang)
    deadline = row_text(tree, "//dl[contains(@class, 'deadline')]")
    assert words(SILENCE_DEADLINE, zone, lang) in deadline
    assert words(SILENCE_DEADLINE, "UTC", lang) in deadline
    check_capital_rows(
        tree, lang, SILENCE_DEADLINE, within="//section[contains(@class, 'silence')]"
    )
    # The document still in negotiation offers the silence form: zone choice and preview.
    tree = check_page(client, f"/formats/caj/documents/{the_scene.draft.slug}/", lang)
    select = tree.xpath("//select[@name='deadline_zone']")[0]
    assert select.xpath("string(.//option[@selected]/@value)") == zone
    offered = set(select.xpath(".//option/@value"))
    assert {"UTC", *CAPITAL_ZONES.values()} <= offered
    assert tree.xpath("//*[@id='preview-deadline'][@hx-get='/times/preview']")
    # The adopted text says when, in the viewer's zone and labelled.
    tree = check_page(client, f"/formats/caj/documents/{the_scene.adopted.slug}/", lang)
    adopted_on = the_scene.adopted.adopted_on()
    assert words(adopted_on, zone, lang) in row_text(tree, "//section[contains(@class, 'adopted')]")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_meeting_pages_show_the_viewers_time_utc_and_every_capital(viewer, lang):
    the_scene, client = viewer
    speak(client, lang)
    zone = the_scene.world.chair.time_zone
    span = {"until": MEETING_END}
    pk = the_scene.meeting.pk
    tree = check_page(client, f"/meetings/{pk}/", lang)
    facts = row_text(tree, "//dl[contains(@class, 'facts')]")
    assert words(MEETING_START, zone, lang, **span) in facts
    assert words(MEETING_START, "UTC", lang, **span) in facts
    check_capital_rows(tree, lang, MEETING_START, **span)

    tree = check_page(client, "/formats/caj/meetings/", lang)
    cards = row_text(tree, "//ul[contains(@class, 'meeting-cards')]")
    assert words(MEETING_START, zone, lang, **span) in cards
    tree = check_page(client, "/meetings/calendar/", lang)
    assert words(MEETING_START, zone, lang, **span) in row_text(tree, "//ul")

    tree = check_page(client, f"/meetings/{pk}/outcomes/", lang)
    assert words(MEETING_START, zone, lang, **span) in row_text(tree, "//main//header")
    tree = check_page(client, f"/meetings/{pk}/minutes/", lang)
    assert words(MINUTES_DEADLINE, zone, lang) in row_text(tree, "//main//header")
    check_page(client, f"/meetings/{pk}/statement/", lang)
    check_page(client, f"/meetings/{pk}/live/", lang)
    # A planned meeting's edit form says which zone its times are typed in.
    tree = check_page(client, f"/meetings/{the_scene.planned.pk}/", lang)
    assert tree.xpath("//form//select[@name='zone']")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_slot_finder_rows_in_utc_the_viewers_zone_and_every_capital(viewer, lang):
    the_scene, client = viewer
    speak(client, lang)
    zone = the_scene.world.chair.time_zone
    tree = check_page(client, "/formats/caj/meetings/?duration=120&start=2030-03-04", lang)
    first = tree.xpath("//table[contains(@class, 'slots')]/tbody/tr")[0]
    start = datetime(2030, 3, 4, 4, 0, tzinfo=UTC)  # 9:00 at UTC+5, the westernmost capitals
    assert words(start, "UTC", lang, start + timedelta(hours=2)) in first.text_content()
    assert time_words(start, zone) in first.xpath("string(./td[@data-zone='viewer'])")
    for capital_zone in CAPITAL_ZONES.values():
        cell = first.xpath(f"string(./td[@data-zone='{capital_zone}'])")
        assert time_words(start, capital_zone) in cell


@pytest.mark.parametrize("lang", LANGUAGES)
def test_profile_and_announcements_say_their_zone(viewer, lang):
    the_scene, client = viewer
    speak(client, lang)
    zone = the_scene.world.chair.time_zone
    tree = check_page(client, "/accounts/profile/", lang)
    assert tree.xpath("//*[contains(@class, 'your-time')]//time")[0].get("data-zone") == zone
    tree = check_page(client, "/live/caj/announcements/", lang)
    assert tree.xpath("//ol[@data-live-feed]//time")[0].get("data-zone") == zone


@pytest.mark.parametrize("lang", LANGUAGES)
def test_preview_shows_a_typed_deadline_in_every_capital(viewer, lang):
    the_scene, client = viewer
    speak(client, lang)
    zone = the_scene.world.chair.time_zone
    query = "preview_field=deadline&deadline=2030-12-22T14:00&preview_zone=z&z=Asia/Tokyo"
    for headers in ({"HX-Request": "true"}, {}):  # the htmx fragment and the no-JS page
        response = client.get(f"/times/preview?preview_format=caj&{query}", headers=headers)
        tree = lxml_html.fromstring(response.content.decode())
        text = re.sub(r"\s+", " ", tree.text_content())
        assert words(SILENCE_DEADLINE, "Asia/Tokyo", lang) in text  # as typed
        assert words(SILENCE_DEADLINE, zone, lang) in text  # the viewer's
        assert words(SILENCE_DEADLINE, "UTC", lang) in text
        check_capital_rows(tree, lang, SILENCE_DEADLINE)
        assert unlabelled_times(text) == []
