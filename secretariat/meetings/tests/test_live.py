"""Live state: a client holding the old snapshot and applying the events of an action has
exactly a fresh snapshot (Zulip-style), for every action of the console."""

from __future__ import annotations

import pytest

from secretariat.meetings import events, live, selectors, services
from secretariat.meetings.events import OUTCOMES_TOPIC, TOPIC, apply_event
from tests.support.queries import query_count


def _replay(published, meeting, action):
    old_session = selectors.live_state(meeting)
    old_outcomes = selectors.outcomes_state(meeting)
    published.clear()
    action()
    session, outcomes = old_session, old_outcomes
    for name, key, event in published:
        assert key == str(meeting.pk)
        assert set(event) == {"action", "patch"}
        if name == TOPIC:
            session = apply_event(session, event)
        else:
            assert name == OUTCOMES_TOPIC
            assert set(event["patch"]) <= events.OUTCOME_KEYS
            outcomes = apply_event(outcomes, event)
    assert session == selectors.live_state(meeting)
    assert outcomes == selectors.outcomes_state(meeting)
    return [event["action"] for _name, _key, event in published]


def test_every_console_action_replays_to_a_fresh_snapshot(world, meeting, published):
    s, chair = world.secretariat, world.chair
    for delegation, person in [
        (world.jp, chair),
        (world.kz, world.head_kz),
        (world.tm, world.delegate_tm),
    ]:
        services.participant_register(
            actor=person, meeting=meeting, delegation=delegation, name="", user=person
        )
    item = meeting.agenda_items.last()
    steps = [
        lambda: services.session_open(actor=chair, meeting=meeting, confirm_early=True),
        lambda: services.roll_call_record(
            actor=chair, meeting=meeting, present={p.pk: True for p in meeting.participants.all()}
        ),
        lambda: services.speakers_set_open(actor=chair, meeting=meeting, is_open=True),
        lambda: services.floor_request(actor=world.head_kz, meeting=meeting, delegation=world.kz),
        lambda: services.floor_request(
            actor=world.delegate_tm, meeting=meeting, delegation=world.tm
        ),
        lambda: services.floor_give(actor=chair, meeting=meeting),
        lambda: services.floor_give(actor=s, meeting=meeting),
        lambda: services.floor_end(actor=chair, meeting=meeting),
        lambda: services.speakers_set_open(actor=chair, meeting=meeting, is_open=False),
        lambda: services.session_item_set(actor=chair, meeting=meeting, item=item),
        lambda: services.decision_record(
            actor=chair, meeting=meeting, item=item, kind="adopted", text="Adopted."
        ),
        lambda: services.session_close(actor=chair, meeting=meeting),
    ]
    actions = []
    for step in steps:
        actions += _replay(published, meeting, step)
    assert "floor.given" in actions
    assert "decision.recorded" in actions


def test_withdraw_and_agenda_changes_replay(world, meeting, published):
    _replay(
        published,
        meeting,
        lambda: services.agenda_item_add(
            actor=world.secretariat, meeting=meeting, title="AOB", kind="information"
        ),
    )
    first = meeting.agenda_items.first()
    _replay(
        published,
        meeting,
        lambda: services.agenda_item_move(actor=world.secretariat, item=first, position=3),
    )
    services.participant_register(
        actor=world.chair, meeting=meeting, delegation=world.jp, name="", user=world.chair
    )
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    services.speakers_set_open(actor=world.chair, meeting=meeting, is_open=True)
    speaker = services.floor_request(actor=world.head_kz, meeting=meeting, delegation=world.kz)
    _replay(
        published, meeting, lambda: services.floor_withdraw(actor=world.head_kz, speaker=speaker)
    )


def test_failed_action_publishes_nothing(world, meeting, published):
    published.clear()
    with pytest.raises(Exception, match="not open"):
        services.speakers_set_open(actor=world.chair, meeting=meeting, is_open=True)
    assert published == []


def test_snapshot_is_language_neutral_and_has_no_secrets(world, meeting):
    services.meeting_set_conference(actor=world.secretariat, meeting=meeting, provider="jitsi")
    meeting.refresh_from_db()
    text = str(selectors.live_state(meeting))
    assert meeting.conference_url not in text
    assert set(selectors.live_state(meeting)) == events.SESSION_KEYS


@pytest.mark.parametrize(
    ("who", "session", "outcomes"),
    [
        ("secretariat", True, True),
        ("chair", True, True),
        ("expert_kz", True, True),
        ("observer", False, True),
        ("outsider", False, True),
        ("anonymous", False, True),
    ],
)
def test_topic_authorisation(world, meeting, who, session, outcomes):
    user = getattr(world, who)
    assert live.authorize_session(user, str(meeting.pk)) is session
    assert live.authorize_outcomes(user, str(meeting.pk)) is outcomes
    assert not live.authorize_session(user, "nope")
    assert not live.authorize_outcomes(user, "999999")


def test_internal_meeting_outcomes_not_for_the_public(world, meeting):
    meeting.is_public = False
    meeting.save()
    assert not live.authorize_outcomes(world.anonymous, str(meeting.pk))
    assert not live.authorize_outcomes(world.outsider, str(meeting.pk))
    assert live.authorize_outcomes(world.observer, str(meeting.pk))


def test_snapshots(world, meeting):
    assert live.session_snapshot(world.chair, str(meeting.pk)) == selectors.live_state(meeting)
    assert live.outcomes_snapshot(world.anonymous, str(meeting.pk)) == selectors.outcomes_state(
        meeting
    )


def test_live_state_query_count_is_constant(world, meeting):
    small = query_count(lambda: selectors.live_state(meeting))
    for n in range(20):
        services.agenda_item_add(
            actor=world.secretariat, meeting=meeting, title=f"Item {n}", kind="information"
        )
    assert query_count(lambda: selectors.live_state(meeting)) <= small
