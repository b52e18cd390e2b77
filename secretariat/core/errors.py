"""Errors services raise; views and the API turn them into clear messages."""

from __future__ import annotations


class PermissionDenied(Exception):
    """The actor may not do this. The message says why, in words a user understands."""


class ConflictError(Exception):
    """Someone else changed the thing first (optimistic locking) or the state forbids it."""
