"""The product's ASGI application as the benchmark serves it, with one probe: the moment
each live event is handed to the channel layer (after the action's transaction committed)
is appended to the file named by LIVE_BENCH_PUBLISH_LOG, as `version monotonic-seconds`.

CLOCK_MONOTONIC is shared by every process on the machine, so the benchmark can split
"action -> arrival" into "action -> publish" (the request, the service, the commit) and
"publish -> arrival" (the fan-out). The probe costs a few microseconds per event, not per
socket; nothing else differs from config.asgi.
"""

from __future__ import annotations

import os
import time
from typing import Any

from config.asgi import application
from secretariat.live import publish as _publish

_LOG = os.environ.get("LIVE_BENCH_PUBLISH_LOG", "")
_send = _publish._send


def _timed_send(group: str, message: dict[str, Any]) -> None:
    started = time.monotonic()
    _send(group, message)
    if _LOG:
        with open(_LOG, "a", encoding="ascii") as log:
            log.write(f"{message['version']} {started:.6f}\n")


_publish._send = _timed_send

__all__ = ["application"]
