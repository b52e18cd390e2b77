"""Word-level diffs of provisions and provision-by-provision diffs of documents.

- ``word_diff(old, new) -> list[(op, text)]`` with op "equal" | "insert" | "delete".
  Text is cut into tokens: runs of letters/digits, runs of white space, and single
  punctuation characters; every CJK ideograph, kana or full-width character is a token
  of its own (Japanese is written without spaces). Adjacent operations of one kind are
  merged, and a change that only keeps a space between two edits is shown as one
  deletion followed by one insertion, as track changes read.
- ``ProvisionText(key, number, kind, text)``: one provision of a revision; `key` is its
  stable identity across revisions, `text` what is compared (markup or plain text).
- ``diff_provisions(old, new) -> list[ProvisionChange]``: in new-document order, with
  deleted provisions placed where they were. Status: "unchanged", "changed" (text or
  kind differ), "inserted", "deleted", "moved" (present in both but outside the longest
  common subsequence of keys; a moved provision that was also edited carries the word
  ops of the edit). Only provisions whose text changed are diffed word by word, so a
  large document with few changes diffs fast.
- ``render_diff_html(ops) -> SafeString``: ``<ins>``/``<del>`` around changes.
- ``longest_increasing_subsequence(values) -> list[int]``: the one implementation of it in
  the product (the moves above, and the order keys of `negotiation.rules`).

Nothing here recurses on its input (difflib's matcher keeps its own queue).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = [
    "DiffOp",
    "ProvisionChange",
    "ProvisionText",
    "diff_provisions",
    "longest_increasing_subsequence",
    "render_diff_html",
    "tokenize",
    "word_diff",
]

Op = Literal["equal", "insert", "delete"]
DiffOp = tuple[str, str]
Status = Literal["unchanged", "changed", "inserted", "deleted", "moved"]

_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
)
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+|\s+|.", re.DOTALL)


def tokenize(text: str) -> list[str]:
    """Words, white-space runs, single punctuation marks; CJK characters one by one."""
    return _TOKEN.findall(text)


def _merge(ops: list[tuple[str, str]]) -> list[DiffOp]:
    merged: list[DiffOp] = []
    for op, text in ops:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def _regroup(ops: list[DiffOp]) -> list[DiffOp]:
    """Fold white-space-only equal runs between edits into the edits; then order every
    run of edits as one deletion followed by one insertion."""
    folded: list[tuple[str, str]] = []
    for k, (op, text) in enumerate(ops):
        between_edits = 0 < k < len(ops) - 1 and ops[k - 1][0] != "equal" != ops[k + 1][0]
        if op == "equal" and between_edits and not text.strip():
            folded.extend([("delete", text), ("insert", text)])
        else:
            folded.append((op, text))
    result: list[tuple[str, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op, text in [*folded, ("equal", "")]:
        if op == "delete":
            deleted.append(text)
        elif op == "insert":
            inserted.append(text)
        else:
            result.extend([("delete", "".join(deleted)), ("insert", "".join(inserted))])
            deleted.clear()
            inserted.clear()
            result.append((op, text))
    return _merge(result)


def word_diff(old: str, new: str) -> list[DiffOp]:
    """Word-level diff of two texts as merged (op, text) pairs."""
    if old == new:
        return [("equal", old)] if old else []
    a, b = tokenize(old), tokenize(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", "".join(a[i1:i2])))
        else:
            ops.append(("delete", "".join(a[i1:i2])))
            ops.append(("insert", "".join(b[j1:j2])))
    return _regroup(_merge(ops))


@dataclass(frozen=True, slots=True)
class ProvisionText:
    key: str
    number: str
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class ProvisionChange:
    key: str
    status: Status
    old_number: str | None
    new_number: str | None
    ops: list[DiffOp]


def longest_increasing_subsequence(values: Sequence[int | None]) -> list[int]:
    """Indices, in order, of a longest strictly increasing subsequence of the values that
    are not None (patience sorting, O(n log n)). Diffs use it to find the provisions that
    kept their order; order keys (`rules.assign_order_keys`) the keys they can keep."""
    tails: list[int] = []  # the value ending the best subsequence of each length
    tail_at: list[int] = []  # the index of that value
    previous: dict[int, int] = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        length = bisect.bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_at.append(index)
        else:
            tails[length] = value
            tail_at[length] = index
        previous[index] = tail_at[length - 1] if length else -1
    result: list[int] = []
    cursor = tail_at[-1] if tail_at else -1
    while cursor >= 0:
        result.append(cursor)
        cursor = previous[cursor]
    return result[::-1]


def _anchored_keys(old_index: dict[str, int], new: list[ProvisionText]) -> set[str]:
    """Keys in the longest common subsequence of the two key orders.

    Keys are unique on each side, so the LCS is the longest increasing subsequence of
    the old positions taken in new order."""
    common = [(p.key, old_index[p.key]) for p in new if p.key in old_index]
    kept = longest_increasing_subsequence([position for _key, position in common])
    return {common[k][0] for k in kept}


def diff_provisions(
    old: list[ProvisionText] | tuple[ProvisionText, ...],
    new: list[ProvisionText] | tuple[ProvisionText, ...],
) -> list[ProvisionChange]:
    """Provision-by-provision comparison of two revisions (see the module docstring)."""
    old_list, new_list = list(old), list(new)
    old_index = {p.key: k for k, p in enumerate(old_list)}
    new_keys = {p.key for p in new_list}
    anchored = _anchored_keys(old_index, new_list)
    changes: list[ProvisionChange] = []
    emitted_old = 0  # old provisions before this index are placed

    def place_deleted_before(limit: int) -> None:
        nonlocal emitted_old
        while emitted_old < limit:
            gone = old_list[emitted_old]
            if gone.key not in new_keys:
                ops = [("delete", gone.text)] if gone.text else []
                changes.append(ProvisionChange(gone.key, "deleted", gone.number, None, ops))
            emitted_old += 1

    for provision in new_list:
        position = old_index.get(provision.key)
        if position is None:
            ops = [("insert", provision.text)] if provision.text else []
            changes.append(ProvisionChange(provision.key, "inserted", None, provision.number, ops))
            continue
        before = old_list[position]
        if provision.key in anchored:
            place_deleted_before(position + 1)
            edited = before.text != provision.text or before.kind != provision.kind
            status: Status = "changed" if edited else "unchanged"
        else:
            status = "moved"
        changes.append(
            ProvisionChange(
                provision.key,
                status,
                before.number,
                provision.number,
                word_diff(before.text, provision.text),
            )
        )
        if provision.key in anchored:
            # Deletions that followed this provision come right after it.
            limit = position + 1
            while limit < len(old_list) and old_list[limit].key not in new_keys:
                limit += 1
            place_deleted_before(limit)
    place_deleted_before(len(old_list))
    return changes


def render_diff_html(ops: list[DiffOp] | tuple[DiffOp, ...]) -> SafeString:
    """Track-changes HTML: inserted text in <ins>, deleted text in <del>, all escaped."""
    parts: list[str] = []
    for op, text in ops:
        if op == "insert":
            parts.append(f"<ins>{escape(text)}</ins>")
        elif op == "delete":
            parts.append(f"<del>{escape(text)}</del>")
        else:
            parts.append(str(escape(text)))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped
