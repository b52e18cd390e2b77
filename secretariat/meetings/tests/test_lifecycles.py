"""The lifecycles of a meeting, its minutes and its statement are guarded state machines:
no code assigns a state, every transition has a permission, and the pages show a button
only to whoever `has_transition_perm`."""

from __future__ import annotations

import pytest
from django_fsm import has_transition_perm

from secretariat.meetings import services
from secretariat.meetings.models import Meeting, Minutes, PressStatement
from secretariat.meetings.tests.conftest import later


@pytest.mark.parametrize("model", [Meeting, Minutes, PressStatement])
def test_every_transition_asks_a_permission(model):
    field = model._meta.get_field("status")
    assert field.protected
    transitions = list(field.get_all_transitions(model))
    assert transitions
    assert [t.name for t in transitions if t.permission is None] == []


def test_a_state_is_never_assigned(world, meeting):
    with pytest.raises(AttributeError, match="modification is not allowed"):
        meeting.status = "closed"
    meeting.refresh_from_db()  # reading a fresh state is allowed
    assert meeting.status == "announced"


@pytest.fixture
def closed(world, in_session):
    return services.session_close(actor=world.chair, meeting=in_session)


def test_the_minutes_page_shows_only_the_transitions_one_may_take(client, world, closed):
    minutes = services.minutes_generate(actor=world.secretariat, meeting=closed)
    minutes = services.minutes_circulate(actor=world.secretariat, minutes=minutes, deadline=later())
    assert has_transition_perm(minutes.reopen, world.secretariat)
    assert not has_transition_perm(minutes.reopen, world.chair)
    url = f"/meetings/{closed.pk}/minutes/"
    client.force_login(world.secretariat)
    assert "Take back to draft" in client.get(url).content.decode()
    client.force_login(world.head_kz)
    assert "Take back to draft" not in client.get(url).content.decode()
    response = client.post(url, {"action": "reopen"}, follow=True)
    assert "Only the secretariat" in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.status == "circulated"


def test_the_statement_is_published_through_its_transition(client, world, closed):
    statement = services.statement_generate(actor=world.secretariat, meeting=closed)
    url = f"/meetings/{closed.pk}/statement/"
    client.force_login(world.head_kz)
    assert not has_transition_perm(statement.publish, world.head_kz)
    client.force_login(world.secretariat)
    assert "Publish" in client.get(url).content.decode()
    statement = services.statement_publish(actor=world.secretariat, statement=statement)
    assert statement.status == "published"
    assert "Publish</button>" not in client.get(url).content.decode()
