"""Negotiated text algorithms on a 1,000-provision document (in process, no server).

A synthetic document of 1,000 provisions (300 brackets, some nested, some with
alternatives and holders) in English with a Russian and Japanese share; a second
revision edits 40 provisions, inserts 5, deletes 5 and moves 3. Figures are medians
over several runs: parse, render to HTML, diff of the two revisions, the canonical
hash, and the three exports. Also: the diff of 1,000 longer provisions with 40 edits,
one insertion and one deletion (the case `text/tests/test_diff.py` checks for
correctness), and what brackets at and beyond the nesting limit cost (parsing a
provision nested `MAX_NESTING` deep; refusing one nested 5,000 deep).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from bench.common import figure, note  # noqa: E402 - after django.setup()
from secretariat.negotiation.exports import ExportDocument, ExportProvision, render  # noqa: E402 - after django.setup()
from secretariat.negotiation.text.brackets import (  # noqa: E402 - after django.setup()
    MAX_NESTING,
    BracketSyntaxError,
    open_brackets,
    parse,
    plain_text,
    render_html,
)
from secretariat.negotiation.text.canonical import text_hash  # noqa: E402 - after django.setup()
from secretariat.negotiation.text.diff import ProvisionText, diff_provisions  # noqa: E402 - after django.setup()

SENTENCES = [
    "The participating states will share outbreak data",
    "Участники будут координировать усилия в области здравоохранения",
    "参加国は感染症対策の経験を共有する",
]


def markup_of(n: int) -> str:
    base = f"{SENTENCES[n % 3]} and cooperate on item {n} of the programme"
    if n % 10 < 3:  # 300 bracketed provisions
        holders = "{JP,KZ}" if n % 2 else "{TM}"
        if n % 30 == 0:
            return f"{base} [without delay / within [24]{{KZ}} hours]{holders}."
        return f"{base} [without delay / within a week]{holders}."
    return f"{base}."


def document() -> tuple[list[ProvisionText], list[ProvisionText]]:
    old = [ProvisionText(f"p{n}", str(n + 1), "operative", markup_of(n)) for n in range(1000)]
    new = list(old)
    for n in range(7, 1000, 25):  # 40 edits
        p = new[n]
        new[n] = ProvisionText(p.key, p.number, p.kind, p.text.replace("item", "point"))
    for n in (100, 300, 500, 700, 900):
        new.insert(n, ProvisionText(f"new{n}", "", "operative", "A new provision on vaccines."))
    for key in ("p20", "p220", "p420", "p620", "p820"):
        new = [p for p in new if p.key != key]
    for key in ("p50", "p550", "p950"):
        moved = next(p for p in new if p.key == key)
        new.remove(moved)
        new.insert(10, moved)
    return old, new


def long_document() -> tuple[list[ProvisionText], list[ProvisionText]]:
    """1,000 provisions of about 40 words; 40 edited, one inserted, one deleted."""
    words = "the participants shall cooperate in the field of health and security " * 3
    old = [ProvisionText(f"k{i}", str(i), "operative", f"{i} {words}") for i in range(1000)]
    new = list(old)
    for i in range(0, 1000, 25):
        new[i] = ProvisionText(f"k{i}", str(i), "operative", f"{i} {words} amended [text / other]")
    new.insert(500, ProvisionText("fresh", "x", "operative", "a new provision"))
    del new[10]
    return old, new


def nested(depth: int) -> str:
    return "Share " + "[data " * depth + "now" + "]" * depth + "."


def refuse(markup: str) -> BracketSyntaxError:
    try:
        parse(markup)
    except BracketSyntaxError as refused:
        return refused
    raise AssertionError("nesting beyond the limit was accepted")


def median_ms(action: Callable[[], object], runs: int = 7) -> float:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    old, new = document()
    markups = [p.text for p in old]
    texts = [parse(m) for m in markups]
    brackets = sum(open_brackets(t) for t in texts)
    note(f"{len(markups)} provisions, {brackets} brackets")
    changes = diff_provisions(old, new)
    counts = {s: sum(c.status == s for c in changes) for s in {c.status for c in changes}}
    note(f"changes: {counts}")
    export = ExportDocument(
        title="Benchmark programme",
        kind="programme",
        format_name="Central Asia + Japan",
        status="Under negotiation",
        language="en",
        revision_label="Rev.2",
        provisions=tuple(ExportProvision(p.number + ".", p.kind, p.text) for p in old),
        adopted_hash=None,
        adopted_on=None,
        format_slug="central-asia-japan",
        document_slug="benchmark",
    )

    figure("text_parse_1000_provisions_ms", median_ms(lambda: [parse(m) for m in markups]), "ms")
    figure(
        "text_render_html_1000_provisions_ms",
        median_ms(lambda: [render_html(t) for t in texts]),
        "ms",
    )
    figure("text_plain_1000_provisions_ms", median_ms(lambda: [plain_text(t) for t in texts]), "ms")
    figure(
        "text_diff_1000_provisions_53_changes_ms",
        median_ms(lambda: diff_provisions(old, new)),
        "ms",
    )
    long_old, long_new = long_document()
    figure(
        "text_diff_1000_long_provisions_42_changes_ms",
        median_ms(lambda: diff_provisions(long_old, long_new)),
        "ms",
    )
    at_limit, too_deep = nested(MAX_NESTING), nested(5000)
    figure(
        "text_parse_nested_at_limit_us",
        median_ms(lambda: [parse(at_limit) for _ in range(1000)]),
        "us",
    )  # 1,000 parses in ms = one parse in microseconds
    figure(
        "text_refuse_nested_5000_deep_us",
        median_ms(lambda: [refuse(too_deep) for _ in range(1000)]),
        "us",
    )
    figure(
        "text_hash_1000_provisions_ms",
        median_ms(
            lambda: text_hash(
                title="t", language="en", provisions=[(p.number, p.kind, p.text) for p in old]
            )
        ),
        "ms",
    )
    for fmt in ("akn", "docx", "pdf"):

        def export_once(fmt: str = fmt) -> object:
            return render(export, fmt)

        figure(f"export_{fmt}_1000_provisions_ms", median_ms(export_once, runs=3), "ms")


if __name__ == "__main__":
    main()
