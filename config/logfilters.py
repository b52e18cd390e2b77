"""Secrets that travel in URLs never reach a log.

A private calendar feed (`/meetings/calendar/<token>.ics`) is reached with the token in the
path, because calendar apps cannot sign in; whoever reads an access log line with it could
read that person's meetings. `RedactSecretsFilter` rewrites such paths (and `token=`-like
query parameters) in every record it sees: uvicorn's access log (`config/uvicorn-logging.json`,
used by `make serve` and the README's scale-out command) and Django's own request log
(`LOGGING` in the settings). Standard library only: uvicorn loads it before Django starts.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
SECRET_PATHS = [
    re.compile(r"(/meetings/calendar/)[^/?#\s\"']+(\.ics)"),
]
SECRET_QUERY = re.compile(r"((?:^|[?&;])(?:token|key|secret|signature)=)[^&;#\s\"']*", re.I)


def redact(text: str) -> str:
    for pattern in SECRET_PATHS:
        text = pattern.sub(rf"\g<1>{REDACTED}\g<2>", text)
    return SECRET_QUERY.sub(rf"\g<1>{REDACTED}", text)


class RedactSecretsFilter(logging.Filter):
    """Rewrites the message and every string argument of a record; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            args = record.args.items()
            record.args = {k: redact(v) if isinstance(v, str) else v for k, v in args}
        return True
