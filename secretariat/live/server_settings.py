"""Settings of test servers and benchmarks: the dev settings with the live app's URLs
(secretariat.live.wiring) and a group prefix from the environment, so concurrent runs
that share one Redis do not hear each other."""

import os

from config.settings.dev import *  # noqa: F403

ROOT_URLCONF = "secretariat.live.wiring"
LIVE_GROUP_PREFIX = os.environ.get("LIVE_GROUP_PREFIX", "live")
