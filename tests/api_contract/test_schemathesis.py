"""The API keeps its published contract (issue 7): schemathesis generates requests from the
OpenAPI of a live test server, anonymous and signed in as three roles, and every answer must
be no server error and conform to the schema (status code documented, content type, body,
headers).

The server is a real uvicorn process (as `make serve` runs it) over the test database, so
this runs in CI's PostgreSQL pass and is skipped on SQLite, whose test database lives in
the memory of the test process. Bounded: a fixed number of examples per operation and a
fixed seed (the same probes each run; `CONTRACT_SEED` and `CONTRACT_EXAMPLES` change them),
about five thousand requests in all. Path parameters are drawn mostly from the real objects of the
demo data, so the probes reach documents, meetings and proposals instead of 404s. Marked
`contract` (`pytest -m contract` runs only these).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from tests.support.demo_servers import ROOT, free_port, wait_until_up

pytest.importorskip("schemathesis", reason="schemathesis is a dev dependency")

pytestmark = [
    pytest.mark.contract,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="a separate server process needs a database it can reach (PostgreSQL pass)",
    ),
]

#: What "keeps its contract" means here; the other checks (e.g. that negative data is
#: rejected) judge the API's leniency, not its contract.
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
]
SEED = int(os.environ.get("CONTRACT_SEED", "20261"))
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "10"))


@dataclass(frozen=True)
class Role:
    email: str | None
    #: The coverage phase (boundaries and every kind of invalid input, ~2,500 requests) runs
    #: for the one role whose requests get past sign-in and permissions to validation;
    #: the others get the fuzzing phase (EXAMPLES requests per operation).
    phases: str = "examples,fuzzing"


ROLES = {
    "anonymous": Role(None),
    "secretariat": Role("secretariat@demo.example", "examples,coverage,fuzzing"),
    "head of delegation": Role("head@demo.example"),
    "observer": Role("observer@demo.example"),
}


def _ids(model: Any, field: str = "pk") -> list[Any]:
    return list(model.objects.order_by(field).values_list(field, flat=True).distinct())


def known_parameters() -> dict[str, list[Any]]:
    """Path parameter name -> the demo's real values (schemathesis also tries others)."""
    from secretariat.formats.models import Delegation, DialogueFormat
    from secretariat.meetings.models import AgendaItem, Meeting, Participant
    from secretariat.negotiation.models import Document, Proposal, Provision

    return {
        "slug": _ids(DialogueFormat, "slug"),
        "delegation_id": _ids(Delegation),
        "document_id": _ids(Document),
        "provision_id": _ids(Provision),
        "proposal_id": _ids(Proposal),
        "meeting_id": _ids(Meeting),
        "item_id": _ids(AgendaItem),
        "participant_id": _ids(Participant),
        "speaker_id": _ids(Participant),
        "index": [0, 1, 2],
        "language": ["en", "ru", "ja"],
    }


def write_config(path: Path) -> Path:
    lines = []
    for name, values in known_parameters().items():
        if values:
            lines += [f"[dictionaries.{name}]", f"values = {json.dumps(values)}", ""]
    lines.append("[parameters]")
    for name, values in known_parameters().items():
        if values:
            lines.append(f'"path.{name}" = {{ dictionary = "{name}", probability = 0.8 }}')
    path.write_text("\n".join(lines) + "\n")
    return path


def signed_in_headers(email: str | None) -> list[str]:
    if email is None:
        return []
    from secretariat.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    session = client.cookies["sessionid"].value
    csrf = _get_new_csrf_string()  # the unmasked secret is a valid token for the header
    return ["-H", f"Cookie: sessionid={session}; csrftoken={csrf}", "-H", f"X-CSRFToken: {csrf}"]


@dataclass
class ContractRun:
    requests: int
    test_cases: int
    server_errors: list[str]
    violations: list[str]
    output: str

    server_error_count: int = 0
    violation_count: int = 0

    def figures(self, role: str) -> str:
        return (
            f"contract {role}: {self.requests} requests, {self.test_cases} test cases, "
            f"{self.server_error_count} server errors, {self.violation_count} schema violations"
        )


#: schemathesis's failure types that mean "the server broke"; every other one is an answer
#: that breaks the published schema.
SERVER_FAILURES = {"ServerError", "ContentTypeServerError"}


def _failure_lines(report: dict[str, Any]) -> tuple[list[str], list[str], int, int]:
    """The failures of a JSON report (grouped by type, each with its count and operations),
    split into server errors and schema violations; run errors count as server errors."""
    server_errors: list[str] = []
    violations: list[str] = []
    counts = [0, 0]
    for failure in report.get("failures", []):
        is_500 = failure.get("type") in SERVER_FAILURES
        (server_errors if is_500 else violations).append(json.dumps(failure)[:2000])
        counts[0 if is_500 else 1] += int(failure.get("count", 1))
    for error in report.get("errors", []):
        server_errors.append(json.dumps(error)[:2000])
        counts[0] += 1
    return server_errors, violations, counts[0], counts[1]


def run_schemathesis(base_url: str, role: Role, headers: list[str], workdir: Path) -> ContractRun:
    config = write_config(workdir / "schemathesis.toml")
    examples = EXAMPLES if "coverage" not in role.phases else EXAMPLES // 2
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "--no-color",
        "run",
        f"{base_url}/api/openapi.json",
        "--checks",
        ",".join(CHECKS),
        "--phases",
        role.phases,
        "--max-examples",
        str(examples),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--no-shrink",
        "--request-timeout",
        "30",
        "--report",
        "json",
        "--report-dir",
        str(workdir),
        "--report-json-path",
        str(workdir / "report.json"),
        "--warnings",
        "off",
        *headers,
    ]
    done = subprocess.run(  # in workdir: schemathesis keeps a cache of its own there
        command, cwd=workdir, capture_output=True, text=True, timeout=540, check=False
    )
    report = json.loads((workdir / "report.json").read_text())
    server_errors, violations, server_error_count, violation_count = _failure_lines(report)
    if done.returncode not in (0, 1):  # 1: failures found, reported below
        server_errors.append(f"schemathesis exited {done.returncode}: {done.stderr[-2000:]}")
    return ContractRun(
        requests=0,  # counted from the server's access log by the caller
        test_cases=report["test_cases"]["generated"],
        server_errors=server_errors,
        violations=violations,
        output=done.stdout[-6000:],
        server_error_count=server_error_count,
        violation_count=violation_count,
    )


def _test_database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def uvicorn_over_test_database(workdir: Path) -> Iterator[tuple[str, Path]]:
    """A uvicorn process serving the test database; yields its URL and its access log."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _test_database_url(),
        "SECRET_KEY": settings.SECRET_KEY,  # sessions signed in here are valid there
        "SECRETARIAT_VAR_DIR": str(workdir / "var"),
        "LOG_LEVEL": "ERROR",
    }
    port = free_port()
    access_log = workdir / "access.log"
    with access_log.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--lifespan",
                "off",
                "--log-config",
                "config/uvicorn-logging.json",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz")
            yield f"http://127.0.0.1:{port}", access_log
        finally:
            server.terminate()
            server.wait(timeout=20)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_keeps_its_contract(tmp_path, role, record_property):
    call_command("load_demo", quiet=True)
    headers = signed_in_headers(ROLES[role].email)
    with uvicorn_over_test_database(tmp_path) as (url, access_log):
        run = run_schemathesis(url, ROLES[role], headers, tmp_path)
    run.requests = sum(1 for line in access_log.read_text().splitlines() if "/api/" in line)
    record_property("contract", run.figures(role))
    print(run.figures(role))  # the figures the issue asks for, in the log
    assert run.test_cases > 0, run.output
    assert not run.server_errors, "\n".join(run.server_errors) + "\n" + run.output
    assert not run.violations, "\n".join(run.violations) + "\n" + run.output
