from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from secretariat.negotiation import services
from secretariat.negotiation.models import Document, DocumentState, Proposal
from secretariat.negotiation.tests.factories import agree_all, make_document, provision

pytestmark = pytest.mark.django_db


def url(doc, name="negotiation:document", *extra):
    return reverse(name, args=[doc.format.slug, doc.slug, *extra])


def login(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))


MUST_NOT_SEE_DRAFTS = ["anonymous", "outsider", "observer", "observer_state_delegate"]
SEE_DRAFTS = ["secretariat", "chair", "head_kz", "expert_kz", "delegate_tm"]


@pytest.mark.parametrize("who", MUST_NOT_SEE_DRAFTS)
def test_draft_is_404_for_those_who_must_not_know_it(client, world, who):
    doc = make_document(world)
    login(client, world, who)
    assert client.get(url(doc)).status_code == 404
    assert client.get(url(doc, "negotiation:diff")).status_code == 404
    assert client.get(url(doc, "negotiation:export", "pdf")).status_code == 404
    listing = client.get(reverse("negotiation:list", args=[world.fmt.slug])).content.decode()
    assert doc.title not in listing


@pytest.mark.parametrize("who", SEE_DRAFTS)
def test_members_and_secretariat_see_drafts_proposals_positions(client, world, who):
    doc = make_document(world)
    services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="delete",
        provision=provision(doc, 1),
        rationale="Secret rationale of Kazakhstan",
    )
    login(client, world, who)
    body = client.get(url(doc)).content.decode()
    assert "within 24 hours" in body
    assert 'class="bracket"' in body
    assert "Secret rationale of Kazakhstan" in body
    assert "Positions" in body


@pytest.mark.parametrize("who", ["observer", "observer_state_delegate"])
def test_observers_see_shared_text_but_not_proposals_or_positions(client, world, who):
    doc = make_document(world, shared=True)
    services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="delete",
        provision=provision(doc, 1),
        rationale="Secret rationale of Kazakhstan",
    )
    login(client, world, who)
    body = client.get(url(doc)).content.decode()
    assert "within 24 hours" in body
    assert "Secret rationale of Kazakhstan" not in body
    assert 'id="positions-h"' not in body
    assert (
        client.get(
            reverse(
                "negotiation:provision_fragment",
                args=["caj", doc.slug, provision(doc, 1).pk, "propose"],
            )
        ).status_code
        == 404
    )


def test_shared_draft_still_hidden_from_public_and_outsiders(client, world):
    doc = make_document(world, shared=True)
    assert client.get(url(doc)).status_code == 404
    client.force_login(world.outsider)
    assert client.get(url(doc)).status_code == 404


def adopt(world, doc):
    services.document_finalise(actor=world.chair, document=doc)
    agree_all(world, doc)
    return services.document_adopt_by_consensus(actor=world.chair, document=doc)


def test_public_sees_adopted_text_and_hash_only(client, world):
    doc = make_document(world, text="Noting,\n1. Agreed.\n")
    services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="delete",
        provision=provision(doc, 1),
        rationale="Hidden rationale",
    )
    doc = adopt(world, doc)
    body = client.get(url(doc)).content.decode()
    assert "Agreed." in body
    assert doc.frozen_texts.get().sha256 in body
    assert "Hidden rationale" not in body
    assert 'id="positions-h"' not in body
    assert 'id="revs-h"' not in body
    assert client.get(url(doc, "negotiation:diff")).status_code == 404
    listing = client.get(reverse("negotiation:list", args=["caj"])).content.decode()
    assert doc.title in listing


def test_document_page_query_count_does_not_grow_with_size(
    client, world, django_assert_max_num_queries
):
    small = make_document(world, title="Small")
    services.proposal_create(
        actor=world.head_kz,
        document=small,
        delegation=world.kz,
        kind="delete",
        provision=provision(small, 0),
        rationale="r",
    )
    big_text = "".join(f"{n}. Paragraph [{n} / x]{{KZ}} text.\n" for n in range(1, 121))
    big = make_document(world, title="Big", text=big_text)
    for n in range(40):
        services.proposal_create(
            actor=world.head_kz,
            document=big,
            delegation=world.kz,
            kind="delete",
            provision=provision(big, n),
            rationale=f"r{n}",
        )
    client.force_login(world.head_kz)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(url(small)).status_code == 200
    with django_assert_max_num_queries(len(small_queries)):
        response = client.get(url(big))
    assert response.status_code == 200
    assert response.content.decode().count('class="prov ') == 120


def test_diff_query_count_does_not_grow_with_size(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.secretariat)
    counts = []
    for size in (5, 150):
        doc = make_document(
            world, title=f"D{size}", text="".join(f"{n}. Para {n}.\n" for n in range(size))
        )
        services.provision_edit(
            actor=world.secretariat, document=doc, provision=provision(doc, 2), text="Changed."
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(doc, "negotiation:diff") + "?from=1&to=2")
        assert response.status_code == 200
        assert "<ins>" in response.content.decode() or "<del>" in response.content.decode()
        counts.append(len(queries))
    assert counts[1] <= counts[0]


def test_htmx_position_action_returns_the_fragment(client, world):
    doc = make_document(world)
    client.force_login(world.head_kz)
    response = client.post(
        url(doc, "negotiation:action", "position"),
        {"delegation": world.kz.pk, "stance": "reserve"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<div id="doc-main"')
    assert "Position recorded." in body
    assert "reserve" in body


def test_htmx_error_is_shown_and_nothing_saved(client, world):
    doc = make_document(world)
    client.force_login(world.head_kz)
    response = client.post(
        url(doc, "negotiation:action", "position"),
        {"delegation": world.kz.pk, "stance": "object", "reason": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "An objection needs a reason." in response.content.decode()
    assert not doc.positions.exists()


def test_stale_version_in_form_gives_conflict_message(client, world):
    doc = make_document(world)
    client.force_login(world.secretariat)
    old = doc.version
    services.provision_edit(
        actor=world.secretariat, document=doc, provision=provision(doc, 1), text="Changed,"
    )
    response = client.post(
        url(doc, "negotiation:action", "edit"),
        {"provision": provision(doc, 1).pk, "text": "Mine,", "version": old},
        HTTP_HX_REQUEST="true",
    )
    assert "changed by someone else" in response.content.decode()
    assert Document.objects.get(pk=doc.pk).current_revision == 2


def test_paste_with_malformed_brackets_reports_position(client, world):
    doc = make_document(world)
    client.force_login(world.secretariat)
    response = client.post(
        url(doc, "negotiation:action", "paste"),
        {"text": "Noting,\n1. Text [open / never closed.", "version": doc.version},
        HTTP_HX_REQUEST="true",
    )
    assert "Line 2, character 9" in response.content.decode()
    assert Document.objects.get(pk=doc.pk).current_revision == 1


def test_non_htmx_post_redirects_with_message(client, world):
    doc = make_document(world)
    client.force_login(world.head_kz)
    response = client.post(
        url(doc, "negotiation:action", "propose"),
        {
            "delegation": world.kz.pk,
            "kind": "delete",
            "provision": provision(doc, 1).pk,
            "rationale": "Not needed.",
        },
    )
    assert response.status_code == 302
    assert Proposal.objects.count() == 1


def test_observer_cannot_post_actions(client, world):
    doc = make_document(world, shared=True)
    client.force_login(world.observer)
    client.post(
        url(doc, "negotiation:action", "position"),
        {"delegation": world.kz.pk, "stance": "agree"},
        HTTP_HX_REQUEST="true",
    )
    assert not doc.positions.exists()


def test_fragments_for_pen_holder_and_speaker(client, world):
    doc = make_document(world)
    client.force_login(world.secretariat)
    body = client.get(
        url(doc, "negotiation:provision_fragment", provision(doc, 3).pk, "edit")
    ).content.decode()
    assert "Keep “without delay”" in body
    client.force_login(world.head_kz)
    body = client.get(
        url(doc, "negotiation:provision_fragment", provision(doc, 3).pk, "propose")
    ).content.decode()
    assert "Kazakhstan" in body


def test_list_and_create(client, world):
    make_document(world, title="Visible draft")
    client.force_login(world.secretariat)
    listing = client.get(reverse("negotiation:list", args=["caj"]))
    assert "Visible draft" in listing.content.decode()
    response = client.post(
        reverse("negotiation:list", args=["caj"]),
        {
            "title": "New concept",
            "kind": "concept",
            "authentic_languages": ["en", "ru"],
            "text": "1. One [two]{JP}.",
        },
    )
    assert response.status_code == 302
    assert Document.objects.get(title="New concept").authentic_languages == ["en", "ru"]
    bad = client.post(
        reverse("negotiation:list", args=["caj"]),
        {"title": "Bad", "kind": "concept", "text": "1. One [two."},
    )
    assert bad.status_code == 422
    assert "Line 1" in bad.content.decode()


def test_side_by_side_languages_and_clean_view(client, world):
    doc = make_document(world, languages=["en", "ru"])
    services.translation_set(
        actor=world.secretariat,
        document=doc,
        provision=provision(doc, 1),
        language="ru",
        text="Признавая, что пандемия не знает границ,",
    )
    client.force_login(world.head_kz)
    body = client.get(url(doc) + "?lang=ru").content.decode()
    assert "Признавая" in body
    assert "not translated" in body
    clean = client.get(url(doc) + "?view=clean").content.decode()
    assert "within 24 hours" not in clean


def test_export_from_the_page(client, world):
    doc = make_document(world)
    client.force_login(world.head_kz)
    response = client.get(url(doc, "negotiation:export", "docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_russian_export_from_an_english_page_has_russian_labels(client, world):
    doc = make_document(world, languages=["en", "ru"])
    for index, text in enumerate(RUSSIAN):
        services.translation_set(
            actor=world.secretariat,
            document=doc,
            provision=provision(doc, index),
            language="ru",
            text=text,
        )
    client.force_login(world.head_kz)
    english = client.get(url(doc, "negotiation:export", "akn"), HTTP_ACCEPT_LANGUAGE="en")
    assert "under negotiation" in english.content.decode()
    response = client.get(
        url(doc, "negotiation:export", "akn") + "?lang=ru", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Признавая" in body
    assert "under negotiation" not in body
    with translation.override("ru"):
        assert str(DocumentState.NEGOTIATION.label) in body
    # the page itself stays in English afterwards
    assert "Open brackets" in client.get(url(doc), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_export_in_a_language_the_document_does_not_have_is_404(client, world):
    doc = make_document(world)
    client.force_login(world.head_kz)
    assert client.get(url(doc, "negotiation:export", "pdf") + "?lang=ja").status_code == 404
    assert client.get(url(doc, "negotiation:export", "odt")).status_code == 404


RUSSIAN = [
    "I. Принципы",
    "Признавая, что пандемия не знает границ,",
    "Преисполненные решимости действовать сообща,",
    "1. Государства будут обмениваться данными [безотлагательно / в течение 24 часов]{JP,KZ}.",
    "2. Они будут сотрудничать в области вакцин и лекарств.",
    "(a) совместные закупки;",
    "(b) обмен клиническим опытом.",
    "3. Секретариат будет ежегодно представлять доклад.",
]


def test_many_proposals_load_their_actions_per_provision(client, world, monkeypatch):
    from secretariat.negotiation import rendering

    monkeypatch.setattr(rendering, "INLINE_ACTIONS_MAX", 0)
    doc = make_document(world)
    target = provision(doc, 4)
    services.proposal_create(
        actor=world.chair,
        document=doc,
        delegation=world.jp,
        kind="replace",
        provision=target,
        old_text="vaccines",
        new_text="vaccines and diagnostics",
        rationale="Diagnostics matter too.",
    )
    client.force_login(world.head_kz)
    page = client.get(url(doc)).content.decode()
    assert "Diagnostics matter too." in page  # the card stays beside its provision
    assert "KZ supports" not in page  # its forms do not weigh on the page
    assert f'hx-get="/formats/caj/documents/{doc.slug}/provisions/{target.pk}/proposals/' in page
    assert f"act_on={target.pk}#p{target.pk}" in page
    fragment = client.get(
        reverse("negotiation:provision_fragment", args=["caj", doc.slug, target.pk, "proposals"])
    ).content.decode()
    assert fragment.startswith(f'<aside class="prov-proposals" id="props-{target.pk}"')
    assert "KZ supports" in fragment
    assert "Act on these proposals" not in fragment
    # without JavaScript the link reloads the page with that provision's actions
    assert "KZ supports" in client.get(url(doc) + f"?act_on={target.pk}").content.decode()
    client.force_login(world.observer)
    assert (
        client.get(
            reverse(
                "negotiation:provision_fragment", args=["caj", doc.slug, target.pk, "proposals"]
            )
        ).status_code
        == 404
    )
