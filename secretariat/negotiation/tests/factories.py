"""Documents for tests, made through the services as people make them."""

from __future__ import annotations

from typing import Any

from secretariat.negotiation import services
from secretariat.negotiation.models import Document, ProvisionVersion

PROGRAMME_TEXT = """\
I. Principles
Recognising that the pandemic knows no borders,
Determined to act together in solidarity,
1. The participating states will share outbreak data [without delay / within 24 hours]{JP,KZ}.
2. They will cooperate on vaccines and medicines.
(a) joint procurement where useful;
(b) exchange of clinical experience.
3. The secretariat will report every year.
"""


def make_document(
    world: Any,
    *,
    text: str = PROGRAMME_TEXT,
    title: str = "Programme of joint efforts",
    languages: list[str] | None = None,
    state: str = "negotiation",
    shared: bool = False,
    pen_holder: Any = None,
) -> Document:
    document = services.document_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="programme",
        title=title,
        language="en",
        authentic_languages=languages or ["en"],
        text=text,
        shared_with_observers=shared,
        pen_holder=pen_holder,
    )
    if state != "draft":
        document = services.document_open_negotiation(actor=world.secretariat, document=document)
    return document


def current(document: Document) -> list[ProvisionVersion]:
    return list(
        ProvisionVersion.objects.filter(document=document, valid_to__isnull=True).order_by(
            "order_key"
        )
    )


def provision(document: Document, index: int) -> Any:
    return current(document)[index].provision


def agree_all(world: Any, document: Document) -> None:
    """Every member delegation agrees with the current revision."""
    for user, delegation in [
        (world.chair, world.jp),
        (world.head_kz, world.kz),
        (world.delegate_tm, world.tm),
    ]:
        services.position_record(
            actor=user, document=document, delegation=delegation, stance="agree"
        )
