"""Fixtures of the announcements tests: each test has its own live group prefix."""

from __future__ import annotations

import pytest

from tests.support.live import isolated_live_groups

__all__ = ["isolated_live_groups"]


@pytest.fixture(autouse=True)
def _isolated_groups(isolated_live_groups: None) -> None:
    """Events of one test never reach another's sockets (see tests.support.live)."""
