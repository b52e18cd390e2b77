"""Draft minutes and joint press statements written from the session record.

Texts use a small line-based markup that the page, PDF and DOCX exports all read:
``# `` title, ``## `` section heading, ``- `` list item, anything else a paragraph.
Each working language is written with that language active, so labels and state names
come out in it (a language the UI does not speak falls back to English).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from secretariat.formats.models import MemberState
from secretariat.meetings import selectors
from secretariat.meetings.models import AgendaItem, Decision, Meeting
from secretariat.meetings.selectors import AdoptedText


def _state_name(state: MemberState) -> str:
    return str(state.name)


def _when(meeting: Meeting) -> str:
    starts, ends = meeting.starts_at.astimezone(UTC), meeting.ends_at.astimezone(UTC)
    return "%s, %s–%s UTC" % (  # noqa: UP031 - a date pattern per language
        date_format(starts, "DATE_FORMAT"),
        starts.strftime("%H:%M"),
        ends.strftime("%H:%M"),
    )


def _day_and_time(moment: datetime) -> dict[str, str]:
    """A recorded instant with its own date (a session may open on another day than
    scheduled), in UTC."""
    moment = moment.astimezone(UTC)
    return {"date": date_format(moment, "DATE_FORMAT"), "time": moment.strftime("%H:%M")}


def _adopted_line(text: AdoptedText, language: str) -> str:
    """How a text was adopted, when, and the hash of each language version."""
    document = text.document
    facts = {
        "title": document.title_in(language) or document.title,
        "revision": text.revision,
        **_day_and_time(text.adopted_on),
    }
    if text.by_silence:
        how = _(
            "“%(title)s”, adopted by silence procedure: no objection by the deadline, "
            "%(date)s at %(time)s UTC (revision %(revision)s)."
        )
    elif text.at_this_meeting:
        how = _(
            "“%(title)s”, adopted by consensus at this meeting on %(date)s at %(time)s UTC "
            "(revision %(revision)s)."
        )
    else:
        how = _(
            "“%(title)s”, adopted by consensus on %(date)s at %(time)s UTC (revision %(revision)s)."
        )
    hashes = "; ".join(f"{lang}: {sha}" for lang, sha in text.hashes.items())
    line = how % facts
    return f"- {line} SHA-256 {hashes}" if hashes else f"- {line}"


def _where(meeting: Meeting) -> str:
    parts = [str(meeting.get_mode_display())]
    if meeting.venue:
        parts.append(meeting.venue)
    if meeting.host_state:
        parts.append(_state_name(meeting.host_state))
    return ", ".join(parts)


def _decision_line(decision: Decision) -> str:
    label = str(decision.get_kind_display())
    return f"- {label[:1].upper()}{label[1:]}: {decision.text}"


def _minutes_in(meeting: Meeting, record: dict[str, Any]) -> str:
    lines = [f"# {_('Minutes')}: {meeting.display_name}", ""]
    lines.append(
        _("%(format)s. Scheduled for %(when)s. %(where)s.")
        % {"format": meeting.format.name, "when": _when(meeting), "where": _where(meeting)}
    )
    if meeting.opened_at:
        lines.append(
            _("The chair opened the session on %(date)s at %(time)s UTC.")
            % _day_and_time(meeting.opened_at)
        )
    if meeting.chair_state:
        lines.append(_("Chair: %(state)s.") % {"state": _state_name(meeting.chair_state)})
    lines += ["", f"## {_('Attendance')}"]
    by_delegation: dict[int, list[str]] = {}
    for participant in record["participants"]:
        if participant.present:
            entry = participant.name + (
                f" ({participant.function})" if participant.function else ""
            )
            by_delegation.setdefault(participant.delegation_id, []).append(entry)
    attendance = record["attendance"]
    for delegation in attendance.member_delegations:
        people = by_delegation.get(delegation.pk)
        if people:
            lines.append(f"- {_state_name(delegation.state)}: {', '.join(people)}")
        else:
            lines.append(f"- {_state_name(delegation.state)}: {_('absent')}")
    lines.append(
        _("All member delegations were present; the meeting could decide by consensus.")
        if attendance.quorum
        else _("Not every member delegation was present.")
    )
    lines += ["", f"## {_('Agenda')}"]
    items: list[AgendaItem] = record["items"]
    for item in items:
        lines.append(f"- {item.position}. {item.title} ({item.get_kind_display()})")
    for item in items:
        lines += ["", f"## {item.position}. {item.title}"]
        if item.description:
            lines.append(item.description)
        speakers = record["speakers"][item.pk]
        if speakers:
            names = ", ".join(_state_name(s.delegation.state) for s in speakers)
            lines.append(_("Took the floor, in this order: %(names)s.") % {"names": names})
        else:
            lines.append(_("No delegation took the floor."))
        lines += [_decision_line(d) for d in record["decisions"][item.pk]]
    adopted = [
        d
        for ds in record["decisions"].values()
        for d in ds
        if d.kind == Decision.Kind.ADOPTED_BY_CONSENSUS
    ]
    if adopted:
        lines += ["", f"## {_('Adopted by consensus')}"]
        lines += [f"- {d.text}" for d in adopted]
    texts: list[AdoptedText] = record["adopted"]
    if texts:
        lines += ["", f"## {_('Texts adopted')}"]
        lines += [_adopted_line(text, translation.get_language() or "en") for text in texts]
    if meeting.closed_at:
        lines += [
            "",
            _("The chair closed the session on %(date)s at %(time)s UTC.")
            % _day_and_time(meeting.closed_at),
        ]
    return "\n".join(lines).strip() + "\n"


def minutes_texts(meeting: Meeting) -> dict[str, str]:
    record = selectors.session_record(meeting)
    texts = {}
    for lang in meeting.format.working_languages:
        with translation.override(lang):
            texts[lang] = _minutes_in(meeting, record)
    return texts


def _statement_in(meeting: Meeting, record: dict[str, Any]) -> str:
    states = [_state_name(d.state) for d in record["attendance"].member_delegations]
    lines = [f"# {_('Joint press statement')}: {meeting.display_name}", ""]
    lines.append(
        _("On %(date)s the %(meeting)s of the %(format)s took place (%(where)s).")
        % {
            "date": date_format(meeting.starts_at, "DATE_FORMAT"),
            "meeting": meeting.display_name,
            "format": meeting.format.name,
            "where": _where(meeting),
        }
    )
    if states:
        lines.append(_("Taking part: %(states)s.") % {"states": ", ".join(states)})
    decisions = [d for ds in record["decisions"].values() for d in ds]
    if decisions:
        lines += ["", _("The participants:")]
        lines += [f"- {d.text}" for d in decisions]
    lines += [
        "",
        _(
            "The participants reaffirmed the principles of mutual respect, solidarity "
            "and consensus on which the dialogue rests."
        ),
    ]
    return "\n".join(lines).strip() + "\n"


def statement_texts(meeting: Meeting) -> dict[str, str]:
    record = selectors.session_record(meeting)
    texts = {}
    for lang in meeting.format.working_languages:
        with translation.override(lang):
            texts[lang] = _statement_in(meeting, record)
    return texts


def parse_blocks(text: str) -> list[tuple[str, str]]:
    """("title" | "heading" | "item" | "para", text) for each non-empty line."""
    blocks = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            blocks.append(("heading", line[3:]))
        elif line.startswith("# "):
            blocks.append(("title", line[2:]))
        elif line.startswith("- "):
            blocks.append(("item", line[2:]))
        else:
            blocks.append(("para", line))
    return blocks
