"""Types the capabilities share: who acts, and a request whose person is signed in."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

if TYPE_CHECKING:
    from secretariat.accounts.models import User

#: Whoever calls a service or a policy: a signed-in person or nobody. Policies answer
#: "no" for the anonymous one; services refuse them with PermissionDenied.
Actor: TypeAlias = "User | AnonymousUser"


class AuthenticatedRequest(HttpRequest):
    """A request behind `login_required` or the API's session auth: `user` is a `User`."""

    # Narrower than HttpRequest.user, on purpose. Whether mypy's Django plugin has resolved
    # AUTH_USER_MODEL by the time it reads this line depends on the import order of the
    # whole program, so the ignore may be needed or not: both are fine.
    user: User  # type: ignore[assignment, unused-ignore]
