"""Akoma Ntoso: every export validates against the OASIS schema and reads back."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from secretariat.negotiation.exports import ExportProvision, render
from secretariat.negotiation.exports.akn import (
    AKN_NAMESPACE,
    AknValidationError,
    build_akn,
    read_akn,
    validate_akn,
)
from secretariat.negotiation.exports.tests.factories import HASH, export_document

NS = {"a": AKN_NAMESPACE, "sec": "urn:secretariat:akn:1"}


def _xml(data):
    body, content_type, file_name = render(data, "akn")
    assert content_type == "application/akn+xml"
    assert file_name.endswith(".xml")
    return body


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
@pytest.mark.parametrize("adopted", [False, True])
def test_validates_and_round_trips(language, adopted):
    data = export_document(language, adopted=adopted)
    body = _xml(data)
    root = etree.fromstring(body)
    validate_akn(root)  # raises if invalid
    back = read_akn(body)
    assert back.provisions == data.provisions
    assert back.title == data.title
    assert back.language == language
    assert back.kind == "programme"
    assert back.revision_label == "Rev.3"
    assert back.adopted_hash == (HASH if adopted else None)


def test_brackets_are_spans_with_holders():
    root = etree.fromstring(_xml(export_document("en")))
    (paragraph,) = root.xpath("//a:paragraph[a:num='1.']", namespaces=NS)
    brackets = paragraph.xpath(".//a:span[@class='bracket']", namespaces=NS)
    assert len(brackets) == 3
    first = brackets[0]
    assert [o.text for o in first.xpath("a:span[@class='option']", namespaces=NS)] == [
        "agree",
        "decide",
    ]
    assert first.xpath("string(a:sup[@class='holders'])", namespaces=NS) == "KZ"
    assert "".join(paragraph.itertext()).split()[0] == "1."


def test_structure_by_kind():
    root = etree.fromstring(_xml(export_document("en")))
    body = root.find(f".//{{{AKN_NAMESPACE}}}mainBody")
    tags = [(etree.QName(e).localname, e.get("name")) for e in body]
    assert tags == [
        ("hcontainer", "heading"),
        ("hcontainer", "preambular"),
        ("paragraph", None),
        ("subparagraph", None),
        ("subparagraph", None),
        ("hcontainer", "heading"),
        ("paragraph", None),
    ]
    eids = [e.get("eId") for e in body]
    assert len(set(eids)) == len(eids)


def test_adopted_metadata_and_visible_hash():
    root = etree.fromstring(_xml(export_document("en", adopted=True)))
    digest = root.find(".//sec:textHash", NS)
    assert digest.text == HASH
    assert digest.get("algorithm") == "SHA-256"
    assert digest.get("canonicalForm") == "secretariat-canonical-text/1"
    assert root.xpath("string(//a:preface/a:p[@class='textHash']/a:span)", namespaces=NS) == HASH
    assert root.find(".//a:lifecycle/a:eventRef", NS).get("date") == "2026-03-01"
    assert root.find(".//a:FRBRWork/a:FRBRdate", NS).get("date") == "2026-03-01"


def test_draft_carries_bracket_count_and_no_hash():
    root = etree.fromstring(_xml(export_document("ru")))
    assert root.find(".//sec:textHash", NS) is None
    assert root.find(".//sec:openBrackets", NS).text == "1"
    assert root.find(".//a:FRBRlanguage", NS).get("language") == "rus"
    assert root.find(".//a:FRBRWork/a:FRBRdate", NS).get("date") == "2026-02-20"


def test_markup_characters_survive():
    data = export_document(
        "en",
        provisions=(
            ExportProvision("1.", "operative", r"a \[literal\] \{b} \\ c <x> & [y / z]{JP}"),
            ExportProvision("", "annex", "An unusual kind"),
        ),
    )
    back = read_akn(_xml(data))
    assert back.provisions == data.provisions


def test_empty_document_validates():
    data = export_document("en", provisions=(), revision_date=date(2026, 1, 1))
    assert read_akn(_xml(data)).provisions == ()


def test_invalid_xml_is_refused():
    root = build_akn(export_document("en"))
    root[0].append(etree.Element(f"{{{AKN_NAMESPACE}}}bogus"))
    with pytest.raises(AknValidationError, match="does not validate"):
        validate_akn(root)


def test_read_refuses_invalid_input():
    with pytest.raises(AknValidationError):
        read_akn(b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>')
