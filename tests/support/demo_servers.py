"""Real servers for browser tests, scale-out tests and benchmarks: a fresh database under a
temporary var/ with the demo loaded, and uvicorn processes serving it (as `make demo` does).

Standard library only, and no Django import: benchmarks and test fixtures use it before (or
without) configuring Django themselves.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "secretariat-demo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - local URL
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not come up at {url}")


def server_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a demo server: dev settings, its own var/, the embedded SQLite."""
    env = {
        **os.environ,
        "SECRETARIAT_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        **extra,
    }
    env.pop("DATABASE_URL", None)
    return env


def load_demo(env: dict[str, str]) -> None:
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo", "--quiet"], cwd=ROOT, env=env, check=True)


ASGI_APP = "config.asgi:application"


def start_server(
    env: dict[str, str], port: int, *extra_args: str, app: str = ASGI_APP
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--lifespan",
            "off",
            "--no-access-log",
            *extra_args,
        ],
        cwd=ROOT,
        env=env,
    )


@contextlib.contextmanager
def serving(
    env: dict[str, str], count: int = 1, *extra_args: str, app: str = ASGI_APP
) -> Iterator[list[str]]:
    """`count` uvicorn processes on one database; yields their base URLs once all answer."""
    processes, urls = [], []
    try:
        for _ in range(count):
            port = free_port()
            processes.append(start_server(env, port, *extra_args, app=app))
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_until_up(f"{url}/healthz")
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)  # thousands of open sockets take a moment to close


def log_in(url: str, email: str, password: str = DEMO_PASSWORD, timeout: float = 10) -> Any:
    """An httpx client signed in through the login form (session and CSRF cookies set)."""
    import httpx

    client = httpx.Client(base_url=url, timeout=timeout)
    page = client.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if token is None:
        raise RuntimeError("the login page carries no CSRF token")
    response = client.post(
        "/accounts/login/",
        data={"username": email, "password": password, "csrfmiddlewaretoken": token[1]},
    )
    if response.status_code != 302:
        raise RuntimeError(f"could not sign in {email}: {response.status_code}")
    return client


@contextlib.contextmanager
def demo_over_redis(
    var_dir: Path, redis_url: str, group_prefix: str, count: int = 2
) -> Iterator[list[str]]:
    """The scale-out path: `count` processes on one demo database, live events over Redis
    (a group prefix of their own, so runs sharing one Redis do not hear each other)."""
    env = server_env(
        var_dir, REDIS_URL=redis_url, LIVE_GROUP_PREFIX=group_prefix, LOG_LEVEL="ERROR"
    )
    load_demo(env)
    with serving(env, count) as urls:
        yield urls


def redis_reachable(url: str) -> bool:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        return False
    return True
