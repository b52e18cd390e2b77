"""Demo data of negotiation (idempotent): the Programme Document of joint efforts against
the pandemic (a Turkmen initiative) in English and Russian with three revisions, proposals
by Japan and Kazakhstan, one open bracket with two options and some positions; the four
documents of the 8th meeting as early drafts; one joint statement adopted earlier.

All wording is the demo's own. Everything is written through the services; a document
whose slug exists already is left alone, so a second run changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from secretariat.accounts.models import User
from secretariat.formats.demo import CAJ
from secretariat.formats.models import Delegation, DialogueFormat
from secretariat.negotiation import services
from secretariat.negotiation.models import Document, Provision, ProvisionVersion

PROGRAMME_SLUG = "programme-joint-efforts-pandemic"

PROGRAMME_EN = """\
I. Principles
Recalling the long-standing friendship between Japan and the states of Central Asia,
Convinced that no country can overcome a pandemic on its own,
Guided by mutual respect, solidarity and support for one another,
1. The participating states will act together to prevent, detect and treat the coronavirus infection and the diseases it causes.
2. They will share epidemiological information with each other in good time.
II. Measures
3. The participating states will support their health systems through joint projects.
4. They will organise exchanges between medical specialists, including by videoconference.
5. The secretariat will report on the implementation of this Programme once a year.
"""  # noqa: E501 - one provision per line, as pasted from Word

PROGRAMME_RU = [
    "Принципы",
    "Напоминая о давней дружбе между Японией и государствами Центральной Азии,",
    "Будучи убеждены, что ни одна страна не может преодолеть пандемию в одиночку,",
    "Руководствуясь взаимным уважением, солидарностью и поддержкой друг друга,",
    "Государства-участники будут совместно действовать в целях профилактики, выявления и "
    "лечения коронавирусной инфекции и вызываемых ею заболеваний.",
    "Они будут обмениваться эпидемиологической информацией "
    "[своевременно / в течение 24 часов]{KZ}.",
    "Меры",
    "Государства-участники будут поддерживать свои системы здравоохранения посредством "
    "совместных проектов.",
    "Япония выражает готовность осуществить грантовый медицинский проект в рамках настоящей "
    "Программы.",
    "Они будут организовывать обмены между медицинскими специалистами, в том числе в формате "
    "видеоконференций.",
    "Секретариат будет ежегодно докладывать о ходе выполнения настоящей Программы.",
]

EIGHTH_MEETING = [
    (
        "concept-partnership-security",
        "concept",
        "Concept of Partnership of the Participating States in the Sphere of Security",
        "Концепция партнёрства государств-участников в сфере безопасности",
        "Affirming that the security of each participating state is linked to that of all,\n"
        "1. The participating states will hold regular consultations on regional security.\n"
        "2. They will cooperate against [terrorism, extremism and drug trafficking / "
        "transnational threats]{JP}.\n",
    ),
    (
        "platform-economic-cooperation",
        "platform",
        "Platform for the Development of Economic Cooperation",
        "Платформа развития экономического сотрудничества",
        "Seeking to expand trade and investment between Japan and Central Asia,\n"
        "1. A business forum will meet alongside each meeting of foreign ministers.\n"
        "2. The participating states will work to improve transport links.\n",
    ),
    (
        "roadmap-high-technologies",
        "roadmap",
        "Roadmap on Cooperation in the Field of High Technologies",
        "Дорожная карта сотрудничества в области высоких технологий",
        "1. The participating states will identify joint projects in digital technologies.\n"
        "2. Universities and research institutes will exchange researchers.\n",
    ),
    (
        "programme-social-cultural",
        "programme",
        "Programme of Cooperation in the Social and Cultural Sphere",
        "Программа сотрудничества в социально-культурной сфере",
        "1. The participating states will encourage youth, academic and cultural exchanges.\n"
        "2. They will support the teaching of Japanese and of the languages of Central Asia.\n",
    ),
]

ADOPTED_SLUG = "joint-statement-disaster-risk-reduction"
ADOPTED_EN = """\
Noting the vulnerability of the region to earthquakes, floods and mudflows,
1. The participating states will exchange experience in disaster risk reduction.
2. Japan will share its early warning practices with the states of Central Asia.
"""
ADOPTED_RU = [
    "Отмечая уязвимость региона перед землетрясениями, наводнениями и селями,",
    "Государства-участники будут обмениваться опытом в области снижения риска бедствий.",
    "Япония поделится с государствами Центральной Азии своей практикой раннего оповещения.",
]


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _translate(document: Document, actor: User, language: str, texts: list[str]) -> None:
    versions = ProvisionVersion.objects.filter(document=document, valid_to__isnull=True).order_by(
        "order_key"
    )
    for version, text in zip(versions, texts, strict=True):
        services.translation_set(
            actor=actor,
            document=document,
            provision=version.provision,
            language=language,
            text=text,
        )


def _provision(document: Document, index: int) -> Provision:
    return (
        ProvisionVersion.objects.filter(document=document, valid_to__isnull=True)
        .order_by("order_key")[index]
        .provision
    )


@transaction.atomic
def load() -> None:
    fmt = DialogueFormat.objects.filter(slug=CAJ).first()
    if fmt is None:
        return
    delegations = {d.state.iso2: d for d in Delegation.objects.filter(format=fmt)}
    secretariat = _user("secretariat@demo.example")
    chair = _user("chair@demo.example")  # head of the Turkmen delegation
    head_kz = _user("head@demo.example")
    delegate_jp = _user("delegate@demo.example")
    if not Document.objects.filter(format=fmt, slug=PROGRAMME_SLUG).exists():
        _programme(fmt, delegations, secretariat, chair, head_kz, delegate_jp)
    for slug, kind, title, title_ru, text in EIGHTH_MEETING:
        if not Document.objects.filter(format=fmt, slug=slug).exists():
            services.document_create(
                actor=secretariat,
                fmt=fmt,
                kind=kind,
                title=title,
                language="en",
                authentic_languages=["en", "ru"],
                titles={"ru": title_ru},
                text=text,
                slug=slug,
                reason="Early draft for the 8th meeting of foreign ministers.",
            )
    if not Document.objects.filter(format=fmt, slug=ADOPTED_SLUG).exists():
        _adopted(fmt, delegations, secretariat)
    platform = Document.objects.filter(format=fmt, slug=SILENCE_SLUG).first()
    if platform is not None and platform.state == "draft":
        _under_silence(platform, secretariat, chair)


SILENCE_SLUG = "platform-economic-cooperation"
SILENCE_RU = [
    "Стремясь расширять торговлю и инвестиции между Японией и Центральной Азией,",
    "Деловой форум будет проводиться одновременно с каждой встречей министров иностранных дел.",
    "Государства-участники будут работать над улучшением транспортного сообщения.",
]


def _under_silence(doc: Document, secretariat: User, chair: User) -> None:
    """The chair circulates the economic platform under silence, two weeks ahead at 09:00 UTC: the
    document page shows the deadline in every capital and the hash of the text circulated."""
    doc = services.document_open_negotiation(actor=secretariat, document=doc)
    _translate(doc, secretariat, "ru", SILENCE_RU)
    day = timezone.now().date() + timedelta(days=14)
    deadline = datetime.combine(day, time(9, 0), tzinfo=UTC)
    services.silence_procedure_start(actor=chair, document=doc, deadline=deadline)


def _programme(
    fmt: DialogueFormat,
    delegations: dict[str, Delegation],
    secretariat: User,
    chair: User,
    head_kz: User,
    delegate_jp: User,
) -> None:
    doc = services.document_create(
        actor=secretariat,
        fmt=fmt,
        kind="programme",
        title="Programme Document on Joint Efforts against the Coronavirus Pandemic",
        language="en",
        authentic_languages=["en", "ru"],
        titles={
            "ru": "Программный документ о совместных усилиях по борьбе с пандемией коронавируса"
        },
        pen_holder=delegations["TM"],
        text=PROGRAMME_EN,
        slug=PROGRAMME_SLUG,
        reason="Draft circulated by Turkmenistan, which proposed the Programme.",
    )
    doc = services.document_open_negotiation(actor=chair, document=doc)
    # Rev.2: Japan's offer of a grant medical project, incorporated in full.
    grant = services.proposal_create(
        actor=delegate_jp,
        document=doc,
        delegation=delegations["JP"],
        kind="insert",
        provision=_provision(doc, 7),  # after OP3
        new_kind="operative",
        new_text="Japan stands ready to carry out a grant medical project within this Programme.",
        rationale="Japan announced the grant at the online ministerial meeting.",
    )
    services.proposal_incorporate(actor=chair, proposal=grant, reason="Welcomed by all.")
    # Rev.3: Kazakhstan's time limit, taken in as a bracketed alternative.
    limit = services.proposal_create(
        actor=head_kz,
        document=doc,
        delegation=delegations["KZ"],
        kind="replace",
        provision=_provision(doc, 5),  # OP2
        old_text="in good time",
        new_text="within 24 hours",
        rationale="A fixed time limit makes the commitment measurable.",
    )
    services.proposal_incorporate(
        actor=chair, proposal=limit, bracketed=True, reason="Japan prefers the original wording."
    )
    doc.refresh_from_db()
    text = ProvisionVersion.objects.get(
        document=doc, provision=_provision(doc, 5), valid_to__isnull=True
    ).text
    assert "[in good time / within 24 hours]{KZ}" in text
    _programme_on_the_table(doc, delegations, chair, head_kz, delegate_jp)


def _programme_on_the_table(
    doc: Document,
    delegations: dict[str, Delegation],
    chair: User,
    head_kz: User,
    delegate_jp: User,
) -> None:
    """Open proposals still on the table, the Russian version and the positions taken."""
    services.proposal_create(
        actor=delegate_jp,
        document=doc,
        delegation=delegations["JP"],
        kind="replace",
        provision=_provision(doc, 10),  # OP6 (the report)
        old_text="once a year",
        new_text="at each meeting of foreign ministers",
        rationale="Reports should feed the ministers' discussion.",
    )
    support = services.proposal_create(
        actor=head_kz,
        document=doc,
        delegation=delegations["KZ"],
        kind="insert",
        provision=_provision(doc, 9),  # after OP5 (exchanges)
        new_kind="operative",
        new_text="The participating states will consider joint production of medical supplies.",
        rationale="Supply chains failed in the first months of the pandemic.",
    )
    services.proposal_stance_set(
        actor=chair, proposal=support, delegation=delegations["TM"], stance="support"
    )
    _translate(doc, chair, "ru", PROGRAMME_RU)
    services.position_record(
        actor=delegate_jp, document=doc, delegation=delegations["JP"], stance="agree"
    )
    services.position_record(
        actor=head_kz, document=doc, delegation=delegations["KZ"], stance="ad_referendum"
    )
    services.position_record(
        actor=chair, document=doc, delegation=delegations["TM"], stance="agree"
    )


def _adopted(fmt: DialogueFormat, delegations: dict[str, Delegation], secretariat: User) -> None:
    doc = services.document_create(
        actor=secretariat,
        fmt=fmt,
        kind="joint_statement",
        title="Joint Statement on Cooperation in Disaster Risk Reduction",
        language="en",
        authentic_languages=["en", "ru"],
        titles={"ru": "Совместное заявление о сотрудничестве в области снижения риска бедствий"},
        text=ADOPTED_EN,
        slug=ADOPTED_SLUG,
        reason="Agreed at senior officials' level.",
    )
    doc = services.document_open_negotiation(actor=secretariat, document=doc)
    _translate(doc, secretariat, "ru", ADOPTED_RU)
    doc = services.document_finalise(actor=secretariat, document=doc)
    heads = {
        "JP": "hod.jp@demo.example",
        "KZ": "head@demo.example",
        "KG": "hod.kg@demo.example",
        "TJ": "hod.tj@demo.example",
        "TM": "chair@demo.example",
        "UZ": "hod.uz@demo.example",
    }
    for iso2, email in heads.items():
        if iso2 in delegations:
            services.position_record(
                actor=_user(email), document=doc, delegation=delegations[iso2], stance="agree"
            )
    services.document_adopt_by_consensus(
        actor=secretariat,
        document=doc,
        reference="Meeting of foreign ministers of the Central Asia + Japan Dialogue",
    )
