"""Live events of the document page: a page holding the old snapshot plus the events of a
change equals a fresh snapshot, for every service that emits.

The services that emit are found by reading their code (every public service of
`negotiation.services` that calls `emit` or `send_event`, itself or through a helper), not
listed by hand: a new service that changes what the page shows fails here until it emits
and has a replay scenario below.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from secretariat.core.events import EVENT_TYPES
from secretariat.negotiation import events, live, services
from secretariat.negotiation.models import Document, Proposal, SilenceProcedure
from secretariat.negotiation.tests.factories import agree_all, make_document, provision

SERVICES = Path(services.__file__).resolve().parent
EMITTERS = {"emit", "send_event"}
#: Services that write but need not tell any page, and why.
QUIET = {
    "document_create": "no page can be open on a document that did not exist",
}


# --- which services emit: read from their code ----------------------------------------------


def _functions() -> dict[str, ast.FunctionDef]:
    found: dict[str, ast.FunctionDef] = {}
    for path in SERVICES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                assert node.name not in found, f"{node.name} is defined twice in services"
                found[node.name] = node
    return found


def _calls(node: ast.FunctionDef) -> set[str]:
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            func = call.func
            names.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return names


def _is_atomic(node: ast.FunctionDef) -> bool:
    return any(ast.unparse(d) == "transaction.atomic" for d in node.decorator_list)


def emitting_services() -> set[str]:
    functions = _functions()
    calls = {name: _calls(node) for name, node in functions.items()}
    emits = {name for name, called in calls.items() if called & EMITTERS}
    while True:  # through helpers, to any depth
        more = {name for name, called in calls.items() if called & emits} - emits
        if not more:
            break
        emits |= more
    public = {name for name in services.__all__ if inspect.isfunction(getattr(services, name))}
    return public & emits


def writing_services() -> set[str]:
    functions = _functions()
    return {name for name in services.__all__ if name in functions and _is_atomic(functions[name])}


def test_every_service_that_writes_tells_the_open_pages():
    assert writing_services() - emitting_services() == set(QUIET)


def test_every_service_that_emits_has_a_replay_scenario():
    assert emitting_services() == set(SCENARIOS)


def test_every_event_of_the_document_topic_is_declared_and_typed():
    kinds = {kind for topic, kind in EVENT_TYPES if topic == events.TOPIC}
    assert {"text.revised", "silence.started", "document.moved", "proposal.created"} <= kinds
    with pytest.raises(ValueError, match="Extra inputs"):
        events.DocumentPatch.model_validate({"version": 2, "title": "leaked"})
    assert set(events.DocumentPatch.model_fields) == events.SNAPSHOT_KEYS
    event = events.TextRevised(by=3, patch=events.DocumentPatch(version=5, revision=2))
    assert event.payload() == {
        "kind": "text.revised",
        "by": 3,
        "patch": {"version": 5, "revision": 2},
    }


# --- replay: old snapshot + events == fresh snapshot ----------------------------------------

CLEAN = "Noting,\n1. Agreed text.\n2. More agreed text.\n"
Scenario = Callable[[Any], tuple[Document, Callable[[], Any]]]


def _doc(world: Any, **kwargs: Any) -> Document:
    return make_document(world, **kwargs)


def _fresh(doc: Document) -> Document:
    return Document.objects.get(pk=doc.pk)


def _in_hours(hours: float) -> Any:
    return timezone.now() + timedelta(hours=hours)


def _proposal(world: Any, doc: Document, index: int = 4) -> Proposal:
    return services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="replace",
        provision=provision(doc, index),
        old_text="vaccines",
        new_text="vaccines and tests",
        rationale="Tests matter.",
    )


def _awaiting_meeting(world: Any) -> Document:
    doc = _doc(world, text=CLEAN)
    agree_all(world, doc)
    return services.document_finalise(actor=world.chair, document=doc)


def _under_silence(world: Any) -> Document:
    doc = _doc(world, text=CLEAN)
    services.silence_procedure_start(actor=world.chair, document=doc, deadline=_in_hours(24))
    return _fresh(doc)


def _with_translation(world: Any) -> Document:
    return _doc(world, text=CLEAN, languages=["en", "ru"])


def s_update(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.document_update(actor=w.secretariat, document=doc, title="T2")


def s_open(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w, state="draft")
    return doc, lambda: services.document_open_negotiation(actor=w.chair, document=doc)


def s_finalise(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w, text=CLEAN)
    return doc, lambda: services.document_finalise(actor=w.chair, document=doc)


def s_reopen(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _awaiting_meeting(w)
    return doc, lambda: services.document_reopen(actor=w.chair, document=doc, reason="More.")


def s_withdraw(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _under_silence(w)  # the silence ends with it
    return doc, lambda: services.document_withdraw(actor=w.secretariat, document=doc, reason="r")


def s_adopt(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _awaiting_meeting(w)
    return doc, lambda: services.document_adopt_by_consensus(actor=w.chair, document=doc)


def s_insert(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.provision_insert(
        actor=w.secretariat, document=doc, kind="operative", text="New.", after=provision(doc, 2)
    )


def s_edit(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.provision_edit(
        actor=w.secretariat, document=doc, provision=provision(doc, 1), text="Changed,"
    )


def s_move(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.provision_move(
        actor=w.secretariat, document=doc, provision=provision(doc, 1), after=provision(doc, 2)
    )


def s_delete(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.provision_delete(
        actor=w.secretariat, document=doc, provision=provision(doc, 2)
    )


def s_paste(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.document_replace_text(
        actor=w.secretariat, document=doc, pasted="Noting,\n1. Short."
    )


def s_resolve(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.bracket_resolve(
        actor=w.secretariat, document=doc, provision=provision(doc, 3), index=0, choice=1
    )


def s_bracket(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.bracket_add(
        actor=w.secretariat,
        document=doc,
        provision=provision(doc, 4),
        span="vaccines",
        holders=["TM"],
    )


def s_holders(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.bracket_set_holders(
        actor=w.secretariat, document=doc, provision=provision(doc, 3), index=0, holders=["TM"]
    )


def s_hold(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.bracket_holder_set_own(
        actor=w.delegate_tm,
        document=doc,
        provision=provision(doc, 3),
        index=0,
        delegation=w.tm,
        holds=True,
    )


def s_translate(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _with_translation(w)
    return doc, lambda: services.translation_set(
        actor=w.secretariat,
        document=doc,
        provision=provision(doc, 1),
        language="ru",
        text="Согласованный текст.",
    )


def s_propose(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: _proposal(w, doc)


def s_stance(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    proposal = _proposal(w, doc)
    return doc, lambda: services.proposal_stance_set(
        actor=w.delegate_tm, proposal=proposal, delegation=w.tm, stance="support"
    )


def s_incorporate(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    proposal = _proposal(w, doc)
    return doc, lambda: services.proposal_incorporate(actor=w.secretariat, proposal=proposal)


def s_set_aside(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    proposal = _proposal(w, doc)
    return doc, lambda: services.proposal_set_aside(
        actor=w.secretariat, proposal=proposal, reason="No support."
    )


def s_withdraw_proposal(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    proposal = _proposal(w, doc)
    return doc, lambda: services.proposal_withdraw(actor=w.head_kz, proposal=proposal)


def s_rebase(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    proposal = _proposal(w, doc)
    services.provision_edit(
        actor=w.secretariat,
        document=doc,
        provision=provision(doc, 4),
        text="They will cooperate on vaccines, medicines and tests.",
    )
    return doc, lambda: services.proposal_rebase(actor=w.head_kz, proposal=proposal)


def s_position(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    return doc, lambda: services.position_record(
        actor=w.head_kz, document=doc, delegation=w.kz, stance="ad_referendum"
    )


def s_confirm(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w)
    services.position_record(actor=w.head_kz, document=doc, delegation=w.kz, stance="ad_referendum")
    return doc, lambda: services.position_confirm(actor=w.head_kz, document=doc, delegation=w.kz)


def s_silence_start(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _doc(w, text=CLEAN)
    return doc, lambda: services.silence_procedure_start(
        actor=w.chair, document=doc, deadline=_in_hours(24)
    )


def s_silence_break(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _under_silence(w)
    return doc, lambda: services.silence_break(
        actor=w.head_kz, document=doc, delegation=w.kz, kind="objection", reason="Not yet."
    )


def s_silence_settle(w: Any) -> tuple[Document, Callable[[], Any]]:
    doc = _under_silence(w)
    past = timezone.now() - timedelta(hours=1)  # the deadline went by an hour ago
    SilenceProcedure.objects.filter(document=doc).update(
        started_at=past - timedelta(hours=2), deadline=past
    )
    Document.objects.filter(pk=doc.pk).update(silence_deadline=past)
    return doc, lambda: services.silence_settle(document=_fresh(doc))


SCENARIOS: dict[str, Scenario] = {
    "document_update": s_update,
    "document_open_negotiation": s_open,
    "document_finalise": s_finalise,
    "document_reopen": s_reopen,
    "document_withdraw": s_withdraw,
    "document_adopt_by_consensus": s_adopt,
    "provision_insert": s_insert,
    "provision_edit": s_edit,
    "provision_move": s_move,
    "provision_delete": s_delete,
    "document_replace_text": s_paste,
    "bracket_resolve": s_resolve,
    "bracket_add": s_bracket,
    "bracket_set_holders": s_holders,
    "bracket_holder_set_own": s_hold,
    "translation_set": s_translate,
    "proposal_create": s_propose,
    "proposal_stance_set": s_stance,
    "proposal_incorporate": s_incorporate,
    "proposal_set_aside": s_set_aside,
    "proposal_withdraw": s_withdraw_proposal,
    "proposal_rebase": s_rebase,
    "position_record": s_position,
    "position_confirm": s_confirm,
    "silence_procedure_start": s_silence_start,
    "silence_break": s_silence_break,
    "silence_settle": s_silence_settle,
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_old_snapshot_plus_events_is_a_fresh_snapshot(world, monkeypatch, name):
    doc, change = SCENARIOS[name](world)
    sent: list[tuple[str, dict[str, Any]]] = []
    send = events.send_event

    def record(event: events.Event, *, key: str) -> None:
        sent.append((key, event.payload()))
        send(event, key=key)

    monkeypatch.setattr(events, "send_event", record)
    key = str(doc.pk)
    old = live.snapshot(world.head_kz, key)
    change()
    assert sent, f"{name} sent no event"
    assert {k for k, _payload in sent} == {key}
    replayed = old
    for _key, payload in sent:
        replayed = events.apply_event(replayed, payload)
    assert replayed == live.snapshot(world.head_kz, key)
    assert replayed != old or all(not payload["patch"] for _key, payload in sent)
