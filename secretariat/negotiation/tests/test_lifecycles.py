"""The lifecycles of documents, proposals and silence procedures are guarded state
machines: only their transitions change the state, each transition asks the policy who
may take it, the page shows a step's button only to whoever may take it, and whoever may
not is refused by the service with nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django_fsm import has_transition_perm

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.negotiation import services
from secretariat.negotiation.models import (
    Document,
    DocumentState,
    Proposal,
    ProposalStatus,
    SilenceProcedure,
)
from secretariat.negotiation.tests.factories import agree_all, make_document, provision
from secretariat.negotiation.tests.support import unchanged

pytestmark = pytest.mark.django_db

CLEAN_TEXT = "Noting,\n1. Agreed text.\n"
EVERYONE = [
    "secretariat",
    "chair",
    "head_kz",
    "delegate_kz",
    "expert_kz",
    "observer",
    "observer_state_delegate",
    "outsider",
    "anonymous",
]


def fresh(doc: Document) -> Document:
    return Document.objects.get(pk=doc.pk)


def in_hours(hours: float) -> Any:
    return timezone.now() + timedelta(hours=hours)


def draft(world: Any) -> Document:
    return make_document(world, text=CLEAN_TEXT, state="draft", shared=True)


def negotiating(world: Any) -> Document:
    return make_document(world, text=CLEAN_TEXT, shared=True)


def awaiting_meeting(world: Any) -> Document:
    doc = negotiating(world)
    agree_all(world, doc)
    return services.document_finalise(actor=world.chair, document=doc)


def under_silence(world: Any) -> Document:
    doc = negotiating(world)
    services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))
    return fresh(doc)


# step: (how the document gets there, the transition, who may take it, the service call)
STEPS: dict[str, tuple[Callable[[Any], Document], str, set[str], Callable[..., Any]]] = {
    "open": (
        draft,
        "open_negotiation",
        {"secretariat", "chair"},
        lambda w, actor, doc: services.document_open_negotiation(actor=actor, document=doc),
    ),
    "finalise": (
        negotiating,
        "finalise",
        {"secretariat", "chair"},
        lambda w, actor, doc: services.document_finalise(actor=actor, document=doc),
    ),
    "silence": (
        negotiating,
        "circulate_under_silence",
        {"secretariat", "chair"},
        lambda w, actor, doc: services.silence_procedure_start(
            actor=actor, document=doc, deadline=in_hours(24)
        ),
    ),
    "adopt": (
        awaiting_meeting,
        "adopt",
        {"secretariat", "chair"},
        lambda w, actor, doc: services.document_adopt_by_consensus(actor=actor, document=doc),
    ),
    "reopen": (
        awaiting_meeting,
        "reopen",
        {"secretariat", "chair"},
        lambda w, actor, doc: services.document_reopen(actor=actor, document=doc, reason="r"),
    ),
    "withdraw": (
        negotiating,
        "withdraw",
        {"secretariat"},
        lambda w, actor, doc: services.document_withdraw(actor=actor, document=doc, reason="r"),
    ),
    "break_silence": (
        under_silence,
        "break_silence",
        {"chair", "head_kz", "delegate_kz"},
        lambda w, actor, doc: services.silence_break(
            actor=actor, document=doc, delegation=w.kz, kind="objection", reason="No."
        ),
    ),
}


def _page(client: Any, world: Any, who: str, doc: Document) -> str:
    if who != "anonymous":
        client.force_login(getattr(world, who))
    response = client.get(reverse("negotiation:document", args=["caj", doc.slug]))
    return response.content.decode() if response.status_code == 200 else ""


@pytest.mark.parametrize("step", list(STEPS))
def test_a_step_is_shown_to_whoever_may_take_it_and_to_nobody_else(client, world, step):
    reach, transition, allowed, _service = STEPS[step]
    doc = reach(world)
    form = f'action="{reverse("negotiation:action", args=["caj", doc.slug, step])}"'
    for who in EVERYONE:
        user = getattr(world, who)
        assert has_transition_perm(getattr(doc, transition), user) is (who in allowed), who
        assert (form in _page(client, world, who, doc)) is (who in allowed), who
        client.logout()


@pytest.mark.parametrize("step", list(STEPS))
def test_whoever_may_not_take_a_step_is_refused_and_nothing_changes(world, step):
    reach, _transition, allowed, service = STEPS[step]
    doc = reach(world)
    # members who may not: refused by the service itself (outsiders never reach it: 404)
    for who in ("head_kz", "expert_kz", "secretariat", "chair"):
        if who in allowed:
            continue
        states = list(SilenceProcedure.objects.values_list("pk", "state"))
        with unchanged(doc), pytest.raises(PermissionDenied):
            service(world, getattr(world, who), fresh(doc))
        assert list(SilenceProcedure.objects.values_list("pk", "state")) == states


def test_proposal_steps_are_shown_to_whoever_may_take_them(client, world):
    doc = negotiating(world)
    proposal = services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="delete",
        provision=provision(doc, 1),
        rationale="Not needed.",
    )
    withdraw = 'action="{}"'.format(
        reverse("negotiation:action", args=["caj", doc.slug, "withdraw_proposal"])
    )
    aside = 'action="{}"'.format(reverse("negotiation:action", args=["caj", doc.slug, "set_aside"]))
    decide = {"secretariat"}  # the pen-holder
    propose = {"head_kz", "delegate_kz"}  # the proposing delegation's speakers
    for who in EVERYONE:
        user = getattr(world, who)
        assert has_transition_perm(proposal.withdraw, user) is (who in propose), who
        assert has_transition_perm(proposal.set_aside, user) is (who in decide), who
        body = _page(client, world, who, doc)
        assert (withdraw in body) is (who in propose), who
        assert (aside in body) is (who in decide), who
        client.logout()
    for who, call in [
        ("delegate_tm", lambda u: services.proposal_withdraw(actor=u, proposal=proposal)),
        ("head_kz", lambda u: services.proposal_set_aside(actor=u, proposal=proposal, reason="r")),
    ]:
        with unchanged(doc), pytest.raises(PermissionDenied):
            call(getattr(world, who))
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.OPEN


def test_only_transitions_change_a_state(world):
    doc = negotiating(world)
    with pytest.raises(AttributeError, match="Direct state modification"):
        doc.state = DocumentState.ADOPTED
    proposal = services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="delete",
        provision=provision(doc, 1),
        rationale="Not needed.",
    )
    with pytest.raises(AttributeError, match="Direct status modification"):
        proposal.status = ProposalStatus.INCORPORATED
    procedure = services.silence_procedure_start(
        actor=world.chair, document=doc, deadline=in_hours(2)
    )
    with pytest.raises(AttributeError, match="Direct state modification"):
        procedure.state = SilenceProcedure.State.ADOPTED
    # reading a fresh copy is no modification
    doc.refresh_from_db()
    procedure.refresh_from_db()
    assert (doc.state, procedure.state) == (DocumentState.FINAL, SilenceProcedure.State.RUNNING)


def test_a_silence_procedure_records_how_it_ended(world):
    broken = under_silence(world)
    services.silence_break(
        actor=world.head_kz, document=broken, delegation=world.kz, kind="amendment", reason="r"
    )
    withdrawn = under_silence(world)
    services.document_withdraw(actor=world.secretariat, document=withdrawn, reason="Gone.")
    adopted = under_silence(world)
    deadline = fresh(adopted).silence_deadline
    assert deadline is not None
    later = deadline + timedelta(minutes=1)
    assert services.silence_settle(document=adopted, now=later)
    states = {p.document_id: (p.state, p.status(later)) for p in SilenceProcedure.objects.all()}
    assert states == {
        broken.pk: ("broken", "broken"),
        withdrawn.pk: ("ended", "broken"),
        adopted.pk: ("adopted", "expired"),
    }
    assert fresh(adopted).state == DocumentState.ADOPTED


def test_the_migration_derives_each_procedure_state_from_what_was_stored(world):
    from importlib import import_module

    migration = import_module("secretariat.negotiation.migrations.0003_lifecycles")
    test_a_silence_procedure_records_how_it_ended(world)
    running = under_silence(world)
    expected = dict(SilenceProcedure.objects.values_list("pk", "state"))
    # before the migration every row read "running" (broken ones cannot: the database
    # now checks that a broken or ended procedure has `broken_at`)
    SilenceProcedure.objects.filter(state="adopted").update(state="running")
    migration.fill_silence_states(apps, None)
    assert dict(SilenceProcedure.objects.values_list("pk", "state")) == expected
    assert SilenceProcedure.objects.get(document=running).state == "running"


def test_who_may_end_a_silence_procedure(world):
    doc = under_silence(world)
    procedure = SilenceProcedure.objects.get(document=doc)
    for who in EVERYONE:
        user = getattr(world, who)
        speaks = who in {"chair", "head_kz", "delegate_kz"}
        assert has_transition_perm(procedure.break_silence, user) is speaks, who
        assert has_transition_perm(procedure.end_with_document, user) is (who == "secretariat")
        # the adoption at the deadline is recorded by the system, never taken by a person
        assert has_transition_perm(procedure.settle, user) is False
        assert has_transition_perm(doc.settle_silence, user) is False


def test_a_slug_taken_despite_the_lock_is_a_conflict_and_nothing_is_created(world, monkeypatch):
    from secretariat.negotiation.services import documents

    taken = make_document(world, title="Joint concept")
    monkeypatch.setattr(documents, "_unique_slug", lambda fmt, title, slug: taken.slug)
    before = Document.objects.count()
    with pytest.raises(ConflictError, match="same address just now"):
        services.document_create(
            actor=world.secretariat, fmt=world.fmt, kind="concept", title="Joint concept"
        )
    assert Document.objects.count() == before
