"""Who may take each step of the lifecycles (the `permission=` of every transition).

The rule is `negotiation.policy`'s: each transition asks it, the page asks
`has_transition_perm` which buttons to show, and the services enforce the same rule
(saying why when it fails). The policy imports the models, hence the imports inside the
functions. django-fsm calls them with any model and any kind of user, hence `Any`.

The conditions of the transitions (what the stored state must be besides the source
state) are here too, for the same reason.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import models
from django_fsm import FSMField, FSMFieldDescriptor, FSMModelMixin


class _StateDescriptor(FSMFieldDescriptor):
    def __get__(self, instance: Any, type: Any = None) -> Any:
        if instance is None:
            return self
        try:
            return instance.__dict__[self.field.attname]
        except KeyError:  # deferred: loaded on demand as before
            return self.field.get_state(instance)


class StateField(FSMField):
    """django-fsm's state field, read straight from the instance: its own reader builds a
    deferred-attribute loader at every read (about 9 µs, which made the page of a document
    with 2,000 proposals some 60 ms slower). Stored and migrated as an `FSMField`."""

    descriptor_class = _StateDescriptor

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django_fsm.FSMField", args, kwargs


class GuardedLifecycle(FSMModelMixin, models.Model):
    """A model whose state field is protected: only its transitions change it, and
    `refresh_from_db` and `full_clean` leave it to them (a transition only ever sets one of
    the field's choices, and the database checks it too)."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        protected = self._get_protected_fsm_fields()
        super().clean_fields(exclude={*(exclude or ()), *protected})


def may_open(document: Any, user: Any) -> bool:
    from secretariat.negotiation import policy

    return policy.may_open_negotiation(user, document)


def may_chair(document: Any, user: Any) -> bool:
    from secretariat.negotiation import policy

    return policy.can_chair(user, document)


def may_manage(document: Any, user: Any) -> bool:
    from secretariat.negotiation import policy

    return policy.can_manage_document(user, document)


def may_break_silence(document: Any, user: Any) -> bool:
    from secretariat.negotiation import policy

    return policy.may_break_silence(user, document)


def may_decide_proposal(proposal: Any, user: Any) -> bool:
    from secretariat.negotiation import policy

    return policy.can_hold_pen(user, proposal.document)


def may_withdraw_proposal(proposal: Any, user: Any) -> bool:
    from secretariat.negotiation import policy

    return policy.can_withdraw_proposal(user, proposal)


def may_break_this_silence(procedure: Any, user: Any) -> bool:
    from secretariat.negotiation import policy

    return policy.may_break_silence(user, procedure.document)


def may_manage_its_document(procedure: Any, user: Any) -> bool:
    from secretariat.negotiation import policy

    return policy.can_manage_document(user, procedure.document)


def nobody(instance: Any, user: Any) -> bool:
    """Recorded by the system once a deadline passed; no person takes this step."""
    return False


# --- conditions -----------------------------------------------------------------------------


def awaits_meeting(document: Any) -> bool:
    return bool(document.final_mode == "meeting")


def under_silence(document: Any) -> bool:
    return bool(document.final_mode == "silence")


def not_under_silence(document: Any) -> bool:
    return not under_silence(document)


def not_adopted_by_silence(document: Any) -> bool:
    return not document.silence_expired()


def text_editable(proposal: Any) -> bool:
    """The proposal's document is a draft or under negotiation."""
    return proposal.document.state in ("draft", "negotiation")
