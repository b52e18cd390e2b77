"""What writing times costs: one `format_instant` (every time on every page goes through
it), the page's script settings, and the preview endpoint the chair's typing calls."""

from __future__ import annotations

import os
import sys
import timeit
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import asgi_server, demo_database, figure, note, requests_per_second

PREVIEW = "/times/preview?format=central-asia-japan&at=2030-12-22T14:00&zone=Asia/Tokyo"


def in_process() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.utils import timezone, translation

    from secretariat.core.templatetags.times import when_config
    from secretariat.core.timezones import format_instant

    moment = datetime(2030, 12, 22, 5, 0, tzinfo=UTC)
    calls = 5000
    with translation.override("ru"), timezone.override("Asia/Tokyo"):
        once = timeit.timeit(lambda: format_instant(moment, "Asia/Almaty"), number=calls)
        settings = timeit.timeit(when_config, number=calls)
    figure("times_format_instant_us", once / calls * 1e6, "us")
    figure("times_when_config_us", settings / calls * 1e6, "us")


def main() -> None:
    in_process()
    with demo_database() as var_dir, asgi_server(var_dir) as url:
        requests_per_second(url, PREVIEW, seconds=1.0)  # warm up
        preview, errors = requests_per_second(url, PREVIEW)
        if errors:
            note(f"errors: preview={errors}")
            raise SystemExit(1)
        figure("times_preview_rps", preview, "req/s")


if __name__ == "__main__":
    main()
