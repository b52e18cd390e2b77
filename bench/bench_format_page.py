"""The format page through the ASGI server, next to a trivial view on the same server.

One uvicorn process (as `make demo` runs it) on the demo SQLite database; a keep-alive
load generator on the other core. The trivial view (/healthz) shows what the server and
Django's middleware cost alone, so the format page's own cost reads as the difference.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import asgi_server, demo_database, figure, note, requests_per_second

PAGE = "/formats/central-asia-japan/"


def main() -> None:
    with demo_database() as var_dir, asgi_server(var_dir) as url:
        requests_per_second(url, PAGE, seconds=1.5)  # warm up: imports, templates, caches
        requests_per_second(url, "/healthz", seconds=1.0)
        trivial, trivial_errors = requests_per_second(url, "/healthz")
        page, page_errors = requests_per_second(url, PAGE)
        api, api_errors = requests_per_second(url, "/api/formats/central-asia-japan")
        if trivial_errors or page_errors or api_errors:
            note(f"errors: trivial={trivial_errors} page={page_errors} api={api_errors}")
            raise SystemExit(1)
        figure("trivial_view_rps", trivial, "req/s")
        figure("format_page_rps", page, "req/s")
        figure("format_api_rps", api, "req/s")
        figure("format_page_ms_per_request", 1000 / page, "ms")


if __name__ == "__main__":
    main()
