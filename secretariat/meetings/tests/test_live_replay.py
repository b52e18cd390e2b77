"""Old state + events == a fresh read, for EVERY service that sends live events.

The services that emit are found by reading their code (an AST scan of the public
functions of `secretariat.meetings.services` for calls that emit, directly or through
helpers), not listed by hand: a new service that emits fails here until it has a replay
scenario in `SCENARIOS`.
"""

from __future__ import annotations

import ast
import inspect
import pkgutil
from collections.abc import Callable
from datetime import timedelta
from types import ModuleType
from typing import Any

import pytest

from secretariat.meetings import selectors, services
from secretariat.meetings.events import OUTCOME_KEYS, OUTCOMES_TOPIC, TOPIC, apply_event
from secretariat.meetings.models import Meeting, Minutes, Participant
from secretariat.meetings.tests.conftest import later

#: Calls that send a live event.
EMITTING_CALLS = {"emit", "send_event", "publish"}


def _called_names(function: ast.FunctionDef) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.add(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
    return names


def _service_modules() -> list[ModuleType]:
    import importlib

    return [
        importlib.import_module(f"{services.__name__}.{info.name}")
        for info in pkgutil.iter_modules(services.__path__)
    ]


def emitting_services() -> set[str]:
    """The public services that send a live event, directly or through any function of the
    services package they call (by name: a helper's name counts wherever it is defined)."""
    calls: dict[str, set[str]] = {}
    for module in _service_modules():
        tree = ast.parse(inspect.getsource(module))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                calls.setdefault(node.name, set()).update(_called_names(node))
    emitting = {name for name, called in calls.items() if called & EMITTING_CALLS}
    while True:
        more = {name for name, called in calls.items() if called & emitting} - emitting
        if not more:
            break
        emitting |= more
    public = {name for name in services.__all__ if inspect.isfunction(getattr(services, name))}
    return public & emitting


# --- scenarios: each sets the stage and returns (meeting, the step to replay) -----------------

Step = Callable[[], Any]
Scenario = Callable[[Any, Meeting], tuple[Meeting, Step]]


def _registered(world: Any, meeting: Meeting) -> Meeting:
    for delegation, person in [
        (world.jp, world.chair),
        (world.kz, world.head_kz),
        (world.tm, world.delegate_tm),
    ]:
        services.participant_register(
            actor=person, meeting=meeting, delegation=delegation, name="", user=person
        )
    return meeting


def _in_session(world: Any, meeting: Meeting) -> Meeting:
    _registered(world, meeting)
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    present = {p.pk: True for p in Participant.objects.filter(meeting=meeting)}
    services.roll_call_record(actor=world.chair, meeting=meeting, present=present)
    return meeting


def _waiting(world: Any, meeting: Meeting) -> Meeting:
    _in_session(world, meeting)
    services.speakers_set_open(actor=world.chair, meeting=meeting, is_open=True)
    services.floor_request(actor=world.head_kz, meeting=meeting, delegation=world.kz)
    return meeting


def _on_the_floor(world: Any, meeting: Meeting) -> Meeting:
    _waiting(world, meeting)
    services.floor_give(actor=world.chair, meeting=meeting)
    services.floor_request(actor=world.delegate_tm, meeting=meeting, delegation=world.tm)
    return meeting


def _planned(world: Any, meeting: Meeting) -> Meeting:
    return services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="expert_group",
        mode="online",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        is_public=True,
    )


def _item(meeting: Meeting, position: int) -> Any:
    return meeting.agenda_items.get(position=position)


def _minutes_approved_by_all(world: Any, meeting: Meeting) -> Minutes:
    _in_session(world, meeting)
    closed = services.session_close(actor=world.chair, meeting=meeting)
    minutes = services.minutes_generate(actor=world.secretariat, meeting=closed)
    minutes = services.minutes_circulate(actor=world.secretariat, minutes=minutes, deadline=later())
    for person, delegation in [
        (world.chair, world.jp),
        (world.head_kz, world.kz),
        (world.delegate_tm, world.tm),
    ]:
        services.minutes_respond(
            actor=person, minutes=minutes, delegation=delegation, kind="approve"
        )
    return minutes


SCENARIOS: dict[str, Scenario] = {
    # The speaking time changes while someone holds the floor: the countdown changes too.
    "meeting_update": lambda w, m: (
        _on_the_floor(w, m),
        lambda: services.meeting_update(actor=w.secretariat, meeting=m, speaking_time=240),
    ),
    "meeting_announce": lambda w, m: (
        (p := _planned(w, m)),
        lambda: services.meeting_announce(actor=w.secretariat, meeting=p),
    ),
    "meeting_postpone": lambda w, m: (
        m,
        lambda: services.meeting_postpone(actor=w.secretariat, meeting=m),
    ),
    "meeting_cancel": lambda w, m: (
        m,
        lambda: services.meeting_cancel(actor=w.secretariat, meeting=m),
    ),
    "meeting_reschedule": lambda w, m: (
        services.meeting_postpone(actor=w.secretariat, meeting=m),
        lambda: services.meeting_reschedule(
            actor=w.secretariat,
            meeting=m,
            starts_at=m.starts_at + timedelta(days=7),
            ends_at=m.ends_at + timedelta(days=7),
        ),
    ),
    "agenda_item_add": lambda w, m: (
        m,
        lambda: services.agenda_item_add(
            actor=w.secretariat, meeting=m, title="Any other business", kind="information"
        ),
    ),
    "agenda_item_update": lambda w, m: (
        m,
        lambda: services.agenda_item_update(
            actor=w.secretariat, item=_item(m, 1), title="Opening of the meeting"
        ),
    ),
    "agenda_item_move": lambda w, m: (
        m,
        lambda: services.agenda_item_move(actor=w.secretariat, item=_item(m, 2), position=1),
    ),
    "agenda_item_remove": lambda w, m: (
        m,
        lambda: services.agenda_item_remove(actor=w.secretariat, item=_item(m, 1)),
    ),
    "roll_call_record": lambda w, m: (
        _in_session(w, m),
        lambda: services.roll_call_record(
            actor=w.chair, meeting=m, present={m.participants.get(delegation=w.tm).pk: False}
        ),
    ),
    "session_open": lambda w, m: (
        _registered(w, m),
        lambda: services.session_open(actor=w.chair, meeting=m, confirm_early=True),
    ),
    "session_item_set": lambda w, m: (
        _on_the_floor(w, m),
        lambda: services.session_item_set(actor=w.chair, meeting=m, item=_item(m, 2)),
    ),
    "session_item_next": lambda w, m: (
        _on_the_floor(w, m),
        lambda: services.session_item_next(actor=w.chair, meeting=m),
    ),
    "speakers_set_open": lambda w, m: (
        _in_session(w, m),
        lambda: services.speakers_set_open(actor=w.chair, meeting=m, is_open=True),
    ),
    "floor_request": lambda w, m: (
        _waiting(w, m),
        lambda: services.floor_request(actor=w.delegate_tm, meeting=m, delegation=w.tm),
    ),
    "floor_withdraw": lambda w, m: (
        _waiting(w, m),
        lambda: services.floor_withdraw(actor=w.head_kz, speaker=m.speakers.get()),
    ),
    "floor_give": lambda w, m: (
        _waiting(w, m),
        lambda: services.floor_give(actor=w.chair, meeting=m),
    ),
    "floor_end": lambda w, m: (
        _on_the_floor(w, m),
        lambda: services.floor_end(actor=w.chair, meeting=m),
    ),
    "decision_record": lambda w, m: (
        _in_session(w, m),
        lambda: services.decision_record(
            actor=w.chair, meeting=m, item=_item(m, 2), kind="adopted", text="Adopted."
        ),
    ),
    "session_close": lambda w, m: (
        _on_the_floor(w, m),
        lambda: services.session_close(actor=w.chair, meeting=m),
    ),
    "minutes_finalise": lambda w, m: _finalise(w, m),
}


def _finalise(world: Any, meeting: Meeting) -> tuple[Meeting, Step]:
    minutes = _minutes_approved_by_all(world, meeting)
    return meeting, lambda: services.minutes_finalise(actor=world.secretariat, minutes=minutes)


def replay(published: list[Any], meeting: Meeting, step: Step) -> list[str]:
    """Run `step` with a client holding the state of both topics; the events it sends bring
    that client to exactly a fresh read. Returns the actions sent."""
    session, outcomes = selectors.live_state(meeting), selectors.outcomes_state(meeting)
    published.clear()
    step()
    for name, key, event in published:
        assert key == str(meeting.pk)
        assert set(event) == {"action", "patch"}
        if name == TOPIC:
            session = apply_event(session, event)
        else:
            assert name == OUTCOMES_TOPIC
            assert set(event["patch"]) <= OUTCOME_KEYS
            outcomes = apply_event(outcomes, event)
    assert session == selectors.live_state(meeting)
    assert outcomes == selectors.outcomes_state(meeting)
    return [event["action"] for _name, _key, event in published]


def test_the_scan_finds_emitters_directly_and_through_helpers():
    found = emitting_services()
    assert {"session_open", "floor_give", "minutes_finalise"} <= found  # direct
    assert {"meeting_announce", "session_item_next"} <= found  # through _lifecycle, item_set
    assert not {"minutes_edit", "calendar_token_get", "meeting_set_conference"} & found


def test_every_emitting_service_has_a_replay_scenario():
    assert set(SCENARIOS) == emitting_services()


@pytest.mark.parametrize("name", sorted(emitting_services()))
def test_every_emitting_service_replays_to_a_fresh_read(
    name: str, world: Any, meeting: Meeting, published: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    if name not in SCENARIOS:
        pytest.fail(f"services.{name} sends live events but has no replay scenario")
    target, step = SCENARIOS[name](world, meeting)
    target = Meeting.objects.get(pk=target.pk)
    called: list[str] = []
    service = getattr(services, name)

    def spy(**kwargs: Any) -> Any:
        called.append(name)
        return service(**kwargs)

    monkeypatch.setattr(services, name, spy)
    actions = replay(published, target, step)
    assert called == [name]
    assert actions, f"services.{name} sent no event in its scenario"


def test_changing_the_speaking_time_updates_the_running_countdown(world, meeting, published):
    _on_the_floor(world, meeting)
    published.clear()
    services.meeting_update(actor=world.secretariat, meeting=meeting, speaking_time=240)
    (event,) = [e for name, _key, e in published if name == TOPIC]
    assert event["patch"]["speaking_time"] == 240
    assert event["patch"]["floor"]["seconds"] == 240
    assert event["patch"]["floor"]["delegation"] == "KZ"


def test_an_edit_that_feeds_no_live_key_sends_nothing(world, meeting, published):
    published.clear()
    services.meeting_update(actor=world.secretariat, meeting=meeting, venue="Tokyo")
    assert published == []
