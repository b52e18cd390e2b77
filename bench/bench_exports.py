"""PDF exports, in-process on the demo data: the demo programme document (its English and
Russian versions, and a Japanese programme of the same size), the demo minutes in Japanese
and a long Japanese minutes (the demo minutes' agenda 30 times: 19 pages).

Time is the median of several renders after a warm-up: building the PDF, line breaking,
the font-coverage check and fpdf2's font subsetting (which dominates in Japanese, whose
font carries 12,000 glyphs). Sizes are of the PDF produced.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, demo_database, figure, note  # noqa: E402 - after the path is set

RUNS = 5
LONG_MINUTES_REPEATS = 30
DEMO_DOCUMENT = "programme-joint-efforts-pandemic"
JAPANESE_PROVISION = (
    "参加国は、[新型コロナウイルス / 感染症]{JP,KZ}の予防、診断及び治療に関する情報を交換し、"
    "保健医療分野における協力を一層強化する。"
)


def median_ms(action: Callable[[], bytes]) -> tuple[float, int]:
    """(median milliseconds, bytes of the output)."""
    body = action()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        body = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(body)


def main() -> None:
    with demo_database() as var_dir:  # loaded by `manage.py load_demo`, as `make demo` does
        os.environ.pop("DATABASE_URL", None)
        os.environ.update(bench_env(var_dir))
        import django

        django.setup()
        run()


def _pdf_of(data: Any) -> Callable[[], bytes]:
    from secretariat.negotiation.exports import render

    return lambda: render(data, "pdf")[0]


def _report(name: str, action: Callable[[], bytes]) -> None:
    ms, size = median_ms(action)
    figure(f"{name}_ms", ms, "ms")
    figure(f"{name}_kb", size / 1024, "KiB")


def run() -> None:
    from dataclasses import replace

    from django.utils import translation

    from secretariat.meetings import exports as meeting_exports
    from secretariat.meetings.models import Minutes
    from secretariat.negotiation.exports import ExportProvision
    from secretariat.negotiation.models import Document
    from secretariat.negotiation.selectors import document_export_data

    document = Document.objects.get(slug=DEMO_DOCUMENT)
    for language in document.languages:
        with translation.override(language):
            data = document_export_data(document, language=language)
        note(f"{DEMO_DOCUMENT} ({language}): {len(data.provisions)} provisions")
        _report(f"export_pdf_demo_programme_{language}", _pdf_of(data))
    japanese = replace(
        data,
        language="ja",
        title="新型コロナウイルス感染症対策における共同の取組に関するプログラム文書",
        provisions=tuple(
            ExportProvision(p.number, p.kind, JAPANESE_PROVISION if p.kind != "heading" else "措置")
            for p in data.provisions
        ),
    )
    _report("export_pdf_programme_same_size_ja", _pdf_of(japanese))

    minutes = Minutes.objects.select_related("meeting").filter(status="final").first()
    if minutes is None:
        raise RuntimeError("the demo has no final minutes")
    text = minutes.revisions.first().texts["ja"]  # type: ignore[union-attr]
    head, _, agenda = text.partition("\n## 1.")
    long_text = head + ("\n## 1." + agenda) * LONG_MINUTES_REPEATS
    title = str(minutes.meeting)

    def minutes_pdf(body: str) -> Callable[[], bytes]:
        return lambda: meeting_exports.render_pdf(title, body, footer="Final", language="ja")

    note(f"demo minutes (ja): {len(text)} characters; long: {len(long_text)} characters")
    _report("export_pdf_demo_minutes_ja", minutes_pdf(text))
    _report("export_pdf_long_minutes_ja", minutes_pdf(long_text))


if __name__ == "__main__":
    main()
