"""Refusal tests check that nothing changed: take a snapshot before, compare after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def unchanged(take: Callable[[], Any]) -> Iterator[Any]:
    """`with unchanged(lambda: snapshot(thing)):` fails if the snapshot differs after the
    block (typically a refused call, wrapped in `pytest.raises` inside the block)."""
    before = take()
    yield before
    assert take() == before
