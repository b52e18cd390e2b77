"""Live updates of the document page: who may follow, and what publishes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secretariat.live.versions import version_current
from secretariat.negotiation import live, services
from secretariat.negotiation.tests.factories import make_document, provision

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("secretariat", True),
        ("chair", True),
        ("head_kz", True),
        ("expert_kz", True),
        ("observer", False),
        ("observer_state_delegate", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_who_may_follow_a_draft(world, who, allowed):
    doc = make_document(world)
    assert live.authorize(getattr(world, who), str(doc.pk)) is allowed
    assert live.authorize(getattr(world, who), "nonsense") is False
    assert live.authorize(getattr(world, who), "999999") is False


def test_shared_draft_may_be_followed_by_observers(world):
    doc = make_document(world, shared=True)
    assert live.authorize(world.observer, str(doc.pk))
    assert not live.authorize(world.outsider, str(doc.pk))


def test_positions_and_proposals_publish_content_free_events(world):
    doc = make_document(world)
    key = str(doc.pk)
    before = version_current("document", key)
    services.position_record(
        actor=world.head_kz, document=doc, delegation=world.kz, stance="reserve"
    )
    assert version_current("document", key) == before + 1
    proposal = services.proposal_create(
        actor=world.chair,
        document=doc,
        delegation=world.jp,
        kind="delete",
        provision=provision(doc, 2),
        rationale="Redundant.",
    )
    services.proposal_stance_set(
        actor=world.head_kz, proposal=proposal, delegation=world.kz, stance="support"
    )
    services.proposal_withdraw(actor=world.chair, proposal=proposal)
    assert version_current("document", key) == before + 4
    snapshot = live.snapshot(world.head_kz, key)
    assert {k: snapshot[k] for k in ("version", "revision")} == {
        "version": doc.version,
        "revision": doc.current_revision,
    }


def test_a_refused_change_publishes_nothing(world):
    doc = make_document(world)
    before = version_current("document", str(doc.pk))
    with pytest.raises(ValidationError):
        services.position_record(
            actor=world.head_kz, document=doc, delegation=world.kz, stance="object", reason=""
        )
    assert version_current("document", str(doc.pk)) == before


def test_page_follows_the_document_only_for_members(client, world):
    doc = make_document(world, shared=True)
    page = reverse("negotiation:document", args=["caj", doc.slug])
    client.force_login(world.head_kz)
    assert f'data-live-key="{doc.pk}"' in client.get(page).content.decode()
    client.force_login(world.observer)
    assert "data-live-key" not in client.get(page).content.decode()
