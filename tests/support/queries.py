"""Query counts for tests that compare a small and a large data set (never a ceiling
measured once: a page that grows with the data shows it as more queries on the larger set)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def query_count(read: Callable[[], Any]) -> int:
    """How many queries `read()` makes."""
    with CaptureQueriesContext(connection) as queries:
        read()
    return len(queries)
