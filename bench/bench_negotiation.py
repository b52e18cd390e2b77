"""The document page and a revision diff of a large negotiated document, in-process.

A fresh SQLite database with the demo format and people, plus one document of 1,000
provisions (300 of them with an open bracket) and 2,000 proposals. Server time is
measured around Django's test Client (the whole request: middleware, views,
templates), median of several requests after a warm-up; queries per request too.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import figure, note  # noqa: E402 - after the path is set

PROVISIONS = 1000
PROPOSALS = 2000
BRACKETS = 300
RUNS = 7


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="secretariat-bench-neg-") as tmp:
        os.environ["SECRETARIAT_VAR_DIR"] = tmp
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
        os.environ.pop("DATABASE_URL", None)
        os.environ["LOG_LEVEL"] = "ERROR"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from secretariat.formats.demo import load as load_formats  # people and delegations

        load_formats()
        run()


def run() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from secretariat.accounts.models import User
    from secretariat.formats.models import Delegation, DialogueFormat
    from secretariat.negotiation import services
    from secretariat.negotiation.models import Proposal, ProvisionVersion

    fmt = DialogueFormat.objects.get(slug="central-asia-japan")
    secretariat = User.objects.get(email="secretariat@demo.example")
    head = User.objects.get(email="head@demo.example")
    kz = Delegation.objects.get(format=fmt, state__iso2="KZ")
    lines = []
    for n in range(PROVISIONS):
        if n % 50 == 0:
            lines.append(f"{'IVXLC'[n // 250]}. Section {n // 50 + 1}")
        elif n * BRACKETS // PROVISIONS != (n + 1) * BRACKETS // PROVISIONS:
            lines.append(
                f"{n}. The participating states will [act / work] (KZ) together on item {n}."
            )
        else:
            lines.append(
                f"{n}. The participating states will cooperate on matter number {n} as agreed."
            )
    started = time.perf_counter()
    doc = services.document_create(
        actor=secretariat,
        fmt=fmt,
        kind="programme",
        title="Large programme",
        text="\n".join(lines),
        slug="large-programme",
    )
    doc = services.document_open_negotiation(actor=secretariat, document=doc)
    versions = list(ProvisionVersion.objects.filter(document=doc).order_by("order_key"))
    Proposal.objects.bulk_create(
        Proposal(
            document=doc,
            delegation=kz,
            author=head,
            kind="replace",
            provision_id=versions[i % len(versions)].provision_id,
            old_text="",
            new_text=f"Alternative wording {i}.",
            rationale="Clearer.",
            base_revision=1,
        )
        for i in range(PROPOSALS)
    )
    for index in (10, 500, 900):
        services.provision_edit(
            actor=secretariat,
            document=doc,
            provision=versions[index].provision,
            text=versions[index].text + " Amended.",
        )
    note(f"built in {time.perf_counter() - started:.1f} s")
    open_brackets = sum(v.open_brackets for v in versions)
    note(
        f"provisions={len(versions)} proposals={Proposal.objects.count()} brackets={open_brackets}"
    )

    client = Client(HTTP_HOST="localhost")
    client.force_login(head)
    page_url = f"/formats/{fmt.slug}/documents/{doc.slug}/"
    diff_url = f"{page_url}diff/?from=1&to=4"

    def measure(url: str) -> tuple[float, int, int]:
        client.get(url)  # warm up
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return statistics.median(times), len(queries), len(response.content)

    page_ms, page_queries, page_bytes = measure(page_url)
    diff_ms, diff_queries, _ = measure(diff_url)
    figure("negotiation_document_page_ms", page_ms, "ms")
    figure("negotiation_document_page_queries", page_queries, "queries")
    figure("negotiation_document_page_kb", page_bytes / 1024, "KiB")
    figure("negotiation_revision_diff_ms", diff_ms, "ms")
    figure("negotiation_revision_diff_queries", diff_queries, "queries")


if __name__ == "__main__":
    main()
