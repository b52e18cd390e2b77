"""What a change of a negotiated document takes as input: the API's request bodies, and
the page forms, which are parsed with the same schemas (see `commands.py`).

Each body is an `InputSchema` (a field it does not name is refused with 422). Where the
API takes part of the input from its path (the provision, the bracket, the proposal), the
page sends it as a form field: the command's schema is the body plus those fields
(`OnProvision`, `OnBracket`, `OnProposal`). Names are unique across the whole API, so the
OpenAPI document describes each body as the server reads it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from secretariat.core.schemas import InputSchema

#: The kinds and codes the models know, as the OpenAPI document lists them
#: (`test_schemas` checks them against the models' choices).
DocumentKindName = Literal[
    "programme", "concept", "roadmap", "platform", "declaration", "joint_statement", "communique"
]
ProvisionKindName = Literal["heading", "preambular", "operative", "subparagraph"]
LanguageCode = Literal["en", "ru", "ja", "fr", "de", "zh", "ar", "es", "kk", "ky", "tg", "tk", "uz"]
TransitionName = Literal["open", "finalise", "reopen", "withdraw"]

DELEGATION_HELP = "ISO code of the member delegation (the page sends its id)"


# --- where: the parts the API reads from its path -------------------------------------------


class OnProvision(InputSchema):
    provision: int = Field(..., description="provision id")


class OnBracket(OnProvision):
    index: int = Field(..., ge=0, description="0-based bracket, depth first")


class OnProposal(InputSchema):
    proposal: int = Field(..., description="proposal id")


# --- documents ------------------------------------------------------------------------------


class DocumentCreateIn(InputSchema):
    kind: DocumentKindName
    title: str
    language: LanguageCode = "en"
    authentic_languages: list[LanguageCode] = []
    pen_holder: str | None = Field(default=None, description="ISO code of a member delegation")
    text: str = Field(default="", description="Word-style text, one provision per line")
    slug: str = ""
    shared_with_observers: bool = False


class DocumentPatchIn(InputSchema):
    expected_version: int | None = None
    title: str | None = None
    titles: dict[str, str] | None = None
    shared_with_observers: bool | None = None


class TransitionIn(InputSchema):
    expected_version: int
    reason: str = ""


class AdoptIn(InputSchema):
    expected_version: int | None = None
    reference: str = ""
    reference_url: str = ""


# --- provisions and brackets ----------------------------------------------------------------


class VersionIn(InputSchema):
    expected_version: int
    reason: str = ""


class TextIn(VersionIn):
    text: str


class ProvisionInsertIn(VersionIn):
    after: int | None = Field(default=None, description="provision id; null: at the start")
    kind: ProvisionKindName
    text: str


class ProvisionEditIn(VersionIn):
    text: str
    kind: ProvisionKindName | None = None


class ProvisionMoveIn(VersionIn):
    after: int | None = None


class BracketAddIn(VersionIn):
    start: int | None = Field(default=None, ge=0, description="offset into the plain rendering")
    end: int | None = Field(default=None, ge=0, description="end offset (exclusive)")
    span: str = Field(default="", description="or the text to bracket; it must occur once")
    alternatives: list[str] = []
    holders: list[str] = []


class BracketResolveIn(VersionIn):
    choice: int | None = Field(
        default=None, ge=0, description="0-based option to keep; null: agree the text"
    )
    drop: bool = Field(default=False, description="drop the bracket with all its text instead")


class HoldersIn(InputSchema):
    expected_version: int
    holders: list[str]


class HoldIn(InputSchema):
    delegation: str = Field(..., description=DELEGATION_HELP)
    holds: bool = Field(..., description="true: the delegation holds the bracket; false: not")
    expected_version: int | None = None


class TranslationIn(InputSchema):
    text: str
    expected_version: int | None = None


# --- proposals ------------------------------------------------------------------------------


class ProposalIn(InputSchema):
    delegation: str = Field(..., description=DELEGATION_HELP)
    kind: Literal["insert", "replace", "delete"]
    provision: int | None = None
    new_kind: ProvisionKindName | Literal[""] = ""
    old_text: str = ""
    new_text: str = ""
    rationale: str
    base_revision: int | None = None


class StanceIn(InputSchema):
    delegation: str = Field(..., description=DELEGATION_HELP)
    stance: Literal["support", "oppose"] | None = Field(
        ..., description="null: the delegation withdraws its stance"
    )


class IncorporateIn(InputSchema):
    expected_version: int = Field(..., description="the document's version as read")
    bracketed: bool = False
    reason: str = ""


class ReasonIn(InputSchema):
    reason: str
    expected_version: int | None = Field(default=None, description="the proposal's version as read")


class RebaseIn(InputSchema):
    old_text: str | None = None
    new_text: str | None = None
    expected_version: int | None = Field(default=None, description="the proposal's version as read")


class NoInput(InputSchema):
    """An action that takes nothing but where it applies."""


# --- positions and silence ------------------------------------------------------------------


class PositionIn(InputSchema):
    delegation: str = Field(..., description=DELEGATION_HELP)
    stance: Literal["agree", "ad_referendum", "reserve", "object"]
    reason: str = ""
    expected_version: int | None = Field(default=None, description="the position's version as read")


class NegotiationDelegationIn(InputSchema):
    delegation: str = Field(..., description=DELEGATION_HELP)


class SilenceIn(InputSchema):
    deadline: datetime = Field(..., description="ISO 8601 with offset, e.g. 2026-05-01T12:00Z")
    expected_version: int


class SilenceBreakIn(InputSchema):
    delegation: str = Field(..., description=DELEGATION_HELP)
    kind: Literal["objection", "amendment"]
    reason: str


# --- the commands' inputs where the API reads part of them from its path ---------------------


class ProvisionEditCommand(ProvisionEditIn, OnProvision):
    pass


class ProvisionMoveCommand(ProvisionMoveIn, OnProvision):
    pass


class ProvisionDeleteCommand(VersionIn, OnProvision):
    pass


class BracketAddCommand(BracketAddIn, OnProvision):
    pass


class BracketResolveCommand(BracketResolveIn, OnBracket):
    pass


class HoldersCommand(HoldersIn, OnBracket):
    pass


class HoldCommand(HoldIn, OnBracket):
    pass


class TranslationCommand(TranslationIn, OnProvision):
    language: LanguageCode


class StanceCommand(StanceIn, OnProposal):
    pass


class IncorporateCommand(IncorporateIn, OnProposal):
    pass


class SetAsideCommand(ReasonIn, OnProposal):
    pass


class RebaseCommand(RebaseIn, OnProposal):
    pass


class ProposalWithdrawCommand(OnProposal):
    pass
