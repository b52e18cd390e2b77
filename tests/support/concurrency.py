"""Helpers the tests of several capabilities share."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

# Concurrency tests need two real connections writing at once; SQLite serialises writers.
# They run in CI's PostgreSQL pass.
POSTGRES_CONCURRENCY = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs two real connections (PostgreSQL)"
    ),
]


def run_together(*jobs: Callable[[], Any]) -> list[Any]:
    """Start the jobs at the same instant in threads of their own, each with its own database
    connection; return each job's result or the exception it raised."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def worker(index: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = job()
        except Exception as exc:  # handed back to the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
