"""Issue 7: private calendar tokens never appear in access logs or Django's request log."""

from __future__ import annotations

import logging
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from config.logfilters import RedactSecretsFilter, redact
from tests.support.demo_servers import ROOT, free_port, server_env, wait_until_up

SECRET = "Zq8-s3cr3t_t0ken"


def test_redact_calendar_paths_and_secret_query_parameters():
    assert redact(f"GET /meetings/calendar/{SECRET}.ics HTTP/1.1") == (
        "GET /meetings/calendar/[redacted].ics HTTP/1.1"
    )
    assert redact(f"/x?lang=ru&token={SECRET}&a=1") == "/x?lang=ru&token=[redacted]&a=1"
    assert redact("/meetings/12/meeting.ics") == "/meetings/12/meeting.ics"  # public feed


def test_filter_rewrites_a_uvicorn_access_record_and_keeps_its_shape():
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/meetings/calendar/{SECRET}.ics", "1.1", 200),
        None,
    )
    assert RedactSecretsFilter().filter(record)
    assert isinstance(record.args, tuple)
    assert record.args[2] == "/meetings/calendar/[redacted].ics"
    assert SECRET not in record.getMessage()


def test_a_real_uvicorn_and_django_log_no_token(tmp_path: Path):
    """`make serve` and the README's scale-out command: uvicorn with our log config."""
    env = server_env(tmp_path, LOG_LEVEL="WARNING")
    manage = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    subprocess.run(manage, cwd=ROOT, env=env, check=True)
    port = free_port()
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
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz")
        with pytest.raises(urllib.error.HTTPError) as not_found:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/meetings/calendar/{SECRET}.ics")
        not_found.value.close()  # the error answer holds the connection
        assert not_found.value.code == 404
    finally:
        server.terminate()
        out, err = server.communicate(timeout=20)
    access, errors = out.decode(), err.decode()
    assert '"GET /meetings/calendar/[redacted].ics HTTP/1.1" 404' in access
    assert "Not Found: /meetings/calendar/[redacted].ics" in errors
    assert SECRET not in access + errors
