"""Bracketing from the document page: a selection or typed span, holders, rebase."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secretariat.core.errors import PermissionDenied
from secretariat.negotiation import services
from secretariat.negotiation.models import Document, ProposalStatus
from secretariat.negotiation.tests.factories import current, make_document, provision
from secretariat.negotiation.text import brackets

pytestmark = pytest.mark.django_db

OP2 = 4  # "2. They will cooperate on vaccines and medicines."
OP1 = 3  # "1. … share outbreak data [without delay / within 24 hours]{JP,KZ}."


def act(doc, name):
    return reverse("negotiation:action", args=[doc.format.slug, doc.slug, name])


def fragment(doc, prov, what="brackets"):
    return reverse("negotiation:provision_fragment", args=["caj", doc.slug, prov.pk, what])


def post(client, doc, name, data):
    return client.post(act(doc, name), {"version": doc.version, **data}, HTTP_HX_REQUEST="true")


def text_of(doc, index):
    return current(Document.objects.get(pk=doc.pk))[index].text


# --- the page's text is the plain rendering the offsets count in ------------------------


@pytest.mark.parametrize(
    "markup",
    [
        "The states [agree / decide]{JP,KZ} to act.",
        r"Nested [within the Dialogue [and beyond]{TM}]{JP} \[sic\] and\/or 5 < 6 & more.",
        "参加国は、[新型コロナウイルス / 感染症]{JP}への対応を[強化する]{KZ,TM}。",
    ],
)
def test_rendered_text_without_holders_is_the_plain_rendering(markup):
    html = str(brackets.render_html(brackets.parse(markup)))
    html = re.sub(r'<sup class="holders">.*?</sup>', "", html)
    text = re.sub(r"<[^>]+>", "", html)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert text == brackets.plain_text(brackets.parse(markup))


# --- services ------------------------------------------------------------------------------


def test_bracket_by_span_text(world):
    doc = make_document(world)
    services.bracket_add(
        actor=world.secretariat,
        document=doc,
        provision=provision(doc, OP2),
        span="vaccines and  medicines",
        alternatives=["medical countermeasures"],
        holders=["tm"],
    )
    assert text_of(doc, OP2) == (
        "They will cooperate on [vaccines and medicines / medical countermeasures]{TM}."
    )


def test_span_absent_or_ambiguous_is_refused_and_nothing_changes(world):
    doc = make_document(world, text="1. The states and the states agree.\n")
    prov = provision(doc, 0)
    with pytest.raises(ValidationError, match="does not occur in OP1"):
        services.bracket_add(actor=world.secretariat, document=doc, provision=prov, span="nope")
    with pytest.raises(ValidationError, match="“states” occurs 2 times in OP1"):
        services.bracket_add(actor=world.secretariat, document=doc, provision=prov, span="states")
    with pytest.raises(ValidationError, match="Select or type"):
        services.bracket_add(actor=world.secretariat, document=doc, provision=prov)
    assert Document.objects.get(pk=doc.pk).current_revision == 1


def test_offsets_that_disagree_with_the_span_text_yield_to_the_text(world):
    doc = make_document(world, text="1. Alpha beta gamma.\n")
    services.bracket_add(
        actor=world.secretariat,
        document=doc,
        provision=provision(doc, 0),
        start=0,
        end=5,
        span="gamma",
    )
    assert text_of(doc, 0) == "Alpha beta [gamma]."


def test_delegation_adds_and_removes_itself_as_holder(world):
    doc = make_document(world)
    prov = provision(doc, OP1)
    services.bracket_holder_set_own(
        actor=world.delegate_tm,
        document=doc,
        provision=prov,
        index=0,
        delegation=world.tm,
        holds=True,
    )
    assert text_of(doc, OP1).endswith("within 24 hours]{JP,KZ,TM}.")
    again = services.bracket_holder_set_own(
        actor=world.delegate_tm,
        document=doc,
        provision=prov,
        index=0,
        delegation=world.tm,
        holds=True,
    )
    assert again is None
    services.bracket_holder_set_own(
        actor=world.head_kz,
        document=doc,
        provision=prov,
        index=0,
        delegation=world.kz,
        holds=False,
    )
    assert text_of(doc, OP1).endswith("within 24 hours]{JP,TM}.")


@pytest.mark.parametrize("who", ["expert_kz", "observer_state_delegate", "delegate_tm"])
def test_nobody_changes_another_delegations_holding(world, who):
    doc = make_document(world)
    delegation = world.us if who == "observer_state_delegate" else world.kz
    with pytest.raises(PermissionDenied):
        services.bracket_holder_set_own(
            actor=getattr(world, who),
            document=doc,
            provision=provision(doc, OP1),
            index=0,
            delegation=delegation,
            holds=False,
        )
    assert Document.objects.get(pk=doc.pk).current_revision == 1


# --- pages ----------------------------------------------------------------------------------


def test_pen_holder_brackets_a_selection(client, world):
    doc = make_document(world)
    prov = provision(doc, OP2)
    client.force_login(world.secretariat)
    plain = "They will cooperate on vaccines and medicines."
    start = plain.index("vaccines")
    form = client.get(fragment(doc, prov) + f"?start={start}&end={start + 8}").content.decode()
    assert 'name="start" value="23"' in form
    assert 'value="vaccines"' in form
    response = post(
        client,
        doc,
        "bracket",
        {
            "provision": prov.pk,
            "start": start,
            "end": start + 8,
            "span": "vaccines",
            "alternatives": "diagnostics\n\nmedicines for all",
            "holders": ["JP", "KZ"],
        },
    )
    body = response.content.decode()
    assert "Text bracketed." in body
    assert text_of(doc, OP2) == (
        "They will cooperate on [vaccines / diagnostics / medicines for all]{JP,KZ} and medicines."
    )


def test_keyboard_path_with_the_span_text_and_a_clear_error(client, world):
    doc = make_document(world, text="1. The states and the states agree.\n")
    prov = provision(doc, 0)
    client.force_login(world.secretariat)
    form = client.get(fragment(doc, prov)).content.decode()
    assert 'name="span"' in form
    assert 'name="start"' not in form
    body = post(client, doc, "bracket", {"provision": prov.pk, "span": "states"})
    assert "occurs 2 times in OP1" in body.content.decode()
    post(client, doc, "bracket", {"provision": prov.pk, "span": "and the states"})
    assert text_of(doc, 0) == "The states [and the states] agree."


def test_delegate_cannot_bracket_and_sees_no_bracketing_form(client, world):
    doc = make_document(world)
    prov = provision(doc, OP2)
    client.force_login(world.head_kz)
    assert 'name="span"' not in client.get(fragment(doc, prov, "brackets")).content.decode()
    assert (
        "data-bracketing"
        not in client.get(reverse("negotiation:document", args=["caj", doc.slug])).content.decode()
    )
    body = post(client, doc, "bracket", {"provision": prov.pk, "span": "vaccines"})
    assert "pen" in body.content.decode().lower()
    assert Document.objects.get(pk=doc.pk).current_revision == 1


def test_page_marks_provisions_for_the_selection_script(client, world):
    doc = make_document(world)
    client.force_login(world.secretariat)
    body = client.get(reverse("negotiation:document", args=["caj", doc.slug])).content.decode()
    assert "data-bracketing=" in body
    assert f'class="prov-text" data-provision="{provision(doc, OP1).pk}"' in body
    assert "negotiation.js" in body


def test_delegation_toggles_its_holding_from_the_page(client, world):
    doc = make_document(world)
    prov = provision(doc, OP1)
    client.force_login(world.delegate_tm)
    form = client.get(fragment(doc, prov)).content.decode()
    assert "TM holds this bracket" in form
    assert 'name="holders"' not in form  # the pen-holder's full list is not for a delegation
    post(
        client,
        doc,
        "hold",
        {"provision": prov.pk, "index": 0, "delegation": world.tm.pk, "holds": "1"},
    )
    assert text_of(doc, OP1).endswith("]{JP,KZ,TM}.")
    client.force_login(world.head_kz)
    doc.refresh_from_db()
    assert "KZ no longer holds this bracket" in client.get(fragment(doc, prov)).content.decode()
    body = post(
        client,
        doc,
        "hold",
        {"provision": prov.pk, "index": 0, "delegation": world.tm.pk, "holds": "0"},
    )
    assert "may speak for" in body.content.decode()
    assert text_of(doc, OP1).endswith("]{JP,KZ,TM}.")


def test_pen_holder_sets_all_holders(client, world):
    doc = make_document(world)
    prov = provision(doc, OP1)
    client.force_login(world.secretariat)
    post(client, doc, "holders", {"provision": prov.pk, "index": 0, "holders": ["TM"]})
    assert text_of(doc, OP1).endswith("within 24 hours]{TM}.")


@pytest.mark.parametrize("who", ["observer", "outsider", "anonymous"])
def test_bracket_panel_and_actions_are_hidden_from_outsiders(client, world, who):
    doc = make_document(world, shared=True)
    if who != "anonymous":
        client.force_login(getattr(world, who))
    assert client.get(fragment(doc, provision(doc, OP1))).status_code == 404
    response = client.post(
        act(doc, "bracket"), {"provision": provision(doc, OP2).pk, "span": "vaccines"}
    )
    assert response.status_code in (403, 404) or "bracketed" not in response.content.decode()
    assert Document.objects.get(pk=doc.pk).current_revision == 1


def test_rebase_from_the_page_with_the_new_span(client, world):
    doc = make_document(world)
    prov = provision(doc, OP2)
    proposal = services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="replace",
        provision=prov,
        old_text="vaccines",
        new_text="vaccines and diagnostics",
        rationale="Diagnostics matter.",
    )
    services.provision_edit(
        actor=world.secretariat,
        document=doc,
        provision=prov,
        text="They will cooperate on vaccines, medicines and therapeutics.",
    )
    client.force_login(world.head_kz)
    page = client.get(reverse("negotiation:document", args=["caj", doc.slug])).content.decode()
    assert f'id="rebase-old-{proposal.pk}"' in page
    doc.refresh_from_db()
    body = post(
        client, doc, "rebase", {"proposal": proposal.pk, "old_text": "the vaccine", "new_text": "x"}
    ).content.decode()
    assert "does not occur in the current provision" in body
    proposal.refresh_from_db()
    assert proposal.base_revision == 1
    body = post(
        client,
        doc,
        "rebase",
        {
            "proposal": proposal.pk,
            "old_text": "vaccines, medicines",
            "new_text": "vaccines, diagnostics, medicines",
        },
    ).content.decode()
    assert "Proposal rebased" in body
    proposal.refresh_from_db()
    assert proposal.base_revision == 2
    assert proposal.old_text == "vaccines, medicines"
    assert proposal.new_text == "vaccines, diagnostics, medicines"
    assert proposal.status == ProposalStatus.OPEN
