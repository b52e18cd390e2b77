"""Who may see and do what in negotiations; built on `secretariat.policy`.

Seeing:
- an adopted document: everyone (its adopted text, language versions and hash);
- the drafting text (drafts, brackets, revisions, diffs, language versions): the format's
  member delegations (experts included) and secretariat; observers too when the
  secretariat shared the document with them (`shared_with_observers`);
- proposals, stances and positions: member delegations and secretariat only;
- anyone else must not learn that a draft exists (views answer 404).

Doing:
- the secretariat creates documents, shares them, and always may hold the pen;
- a member delegation's heads and delegates (not experts, never observers) speak for it:
  they propose, support or oppose, take positions, break a silence;
- the pen-holder (the secretariat or a member delegation) edits the text and decides on
  proposals; the chair of the format or the secretariat moves the text to final, starts
  a silence procedure and records adoption.
Superusers get nothing from being superusers.
"""

from __future__ import annotations

from secretariat.core.types import Actor
from secretariat.formats.models import Delegation, DialogueFormat
from secretariat.negotiation.models import Document, DocumentState, FinalMode, Proposal
from secretariat.policy import Visibility, can_act_as_chair, can_speak_for, standing


def can_view_document(user: Actor, document: Document) -> bool:
    """The document exists for this person (otherwise: 404)."""
    if document.is_adopted():
        return True
    return can_view_drafting(user, document)


def can_view_drafting(user: Actor, document: Document) -> bool:
    """Drafting text: brackets, revisions, diffs, unadopted language versions."""
    st = standing(user, document.format_id)
    if st.may_see(Visibility.MEMBERS):
        return True
    return (
        document.shared_with_observers
        and document.state != DocumentState.WITHDRAWN
        and st.may_see(Visibility.OBSERVERS)
    )


def can_view_negotiation(user: Actor, document: Document) -> bool:
    """Proposals, stances on them and positions: members and secretariat only."""
    return standing(user, document.format_id).may_see(Visibility.MEMBERS)


def can_list_drafts(user: Actor, fmt: DialogueFormat) -> tuple[bool, bool]:
    """(sees all drafts, sees drafts shared with observers) in the format's document list."""
    st = standing(user, fmt)
    return st.may_see(Visibility.MEMBERS), st.may_see(Visibility.OBSERVERS)


def can_create_document(user: Actor, fmt: DialogueFormat) -> bool:
    st = standing(user, fmt)
    return st.secretariat or st.chair


def can_manage_document(user: Actor, document: Document) -> bool:
    """Share with observers, change the pen-holder, withdraw: the secretariat."""
    return standing(user, document.format_id).secretariat


def can_hold_pen(user: Actor, document: Document) -> bool:
    if standing(user, document.format_id).secretariat:
        return True
    pen = document.pen_holder
    return pen is not None and can_speak_for(user, pen)


def may_open_negotiation(user: Actor, document: Document) -> bool:
    return can_hold_pen(user, document) or can_chair(user, document)


def can_chair(user: Actor, document: Document) -> bool:
    """Move to final text, start a silence procedure, record adoption."""
    return standing(user, document.format_id).secretariat or can_act_as_chair(user, document.format)


def speaking_delegations(user: Actor, document: Document) -> list[int]:
    """Ids of the member delegations this person speaks for in the document's format."""
    st = standing(user, document.format_id)
    return [
        seat.delegation_id
        for seat in st.seats
        if seat.member_state and seat.role in ("head", "delegate")
    ]


def can_speak_in(user: Actor, document: Document, delegation: Delegation) -> bool:
    return delegation.format_id == document.format_id and can_speak_for(user, delegation)


def may_break_silence(user: Actor, document: Document) -> bool:
    """Whoever speaks for a member delegation may break a silence on its behalf."""
    return bool(speaking_delegations(user, document))


def can_withdraw_proposal(user: Actor, proposal: Proposal) -> bool:
    """The proposing delegation's head or delegates withdraw or rebase its proposal."""
    return proposal.delegation_id in speaking_delegations(user, proposal.document)


def can_edit_translations(user: Actor, document: Document) -> bool:
    return can_hold_pen(user, document)


def is_text_editable(document: Document) -> bool:
    return document.effective_state() in (DocumentState.DRAFT, DocumentState.NEGOTIATION)


def are_translations_editable(document: Document) -> bool:
    state = document.effective_state()
    if state in (DocumentState.DRAFT, DocumentState.NEGOTIATION):
        return True
    return state == DocumentState.FINAL and document.final_mode == FinalMode.MEETING
