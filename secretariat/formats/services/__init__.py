"""Every change to formats, memberships, delegations and seats goes through here.

Each service validates (`full_clean`), checks the rule it states, writes in one
transaction and appends to the audit trail. Permission checks sit in the view, API or
admin, which ask `secretariat.policy` (or the admin's own permissions); the management
command that loads the demo calls the services directly as the system (actor=None).
One module per entity: states, formats, memberships (and chairmanships), seats.
"""

from secretariat.formats.services.formats import format_create, format_delete, format_update
from secretariat.formats.services.memberships import (
    chairmanship_check,
    chairmanship_remove,
    chairmanship_set,
    chairmanship_update,
    membership_add,
    membership_remove,
    membership_update,
)
from secretariat.formats.services.seats import (
    delegation_create,
    delegation_delete,
    delegation_member_add,
    delegation_member_remove,
    delegation_member_update,
    delegation_update,
    observer_add,
    observer_remove,
    observer_update,
    secretariat_member_add,
    secretariat_member_remove,
    secretariat_member_update,
)
from secretariat.formats.services.states import state_create, state_delete, state_update

__all__ = [
    "chairmanship_check",
    "chairmanship_remove",
    "chairmanship_set",
    "chairmanship_update",
    "delegation_create",
    "delegation_delete",
    "delegation_member_add",
    "delegation_member_remove",
    "delegation_member_update",
    "delegation_update",
    "format_create",
    "format_delete",
    "format_update",
    "membership_add",
    "membership_remove",
    "membership_update",
    "observer_add",
    "observer_remove",
    "observer_update",
    "secretariat_member_add",
    "secretariat_member_remove",
    "secretariat_member_update",
    "state_create",
    "state_delete",
    "state_update",
]
