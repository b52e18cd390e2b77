#!/usr/bin/env python
"""Check that requirements/prod.lock and requirements/dev.lock match pyproject.toml, offline.

From the project's dependencies (prod) and those plus the `dev` extra (dev), the script walks
the requirement graph through the metadata of the installed packages (`make install` installs
the dev lock, so every package of either lock is installed at its pinned version) and checks:

- every package the graph reaches is pinned in the lock, at a version every requirement on it
  admits (`django>=5.2,<5.3` in pyproject, `sqlparse>=0.3.1` in Django's metadata ...);
- the lock pins nothing the graph does not reach: the production lock holds no dev-only
  package, and no lock keeps a package that pyproject no longer needs;
- every pin carries its hashes, and the production lock pins what the dev lock pins, so
  production runs the versions the tests ran.

Regenerate both locks with `make locks` (uv pip compile; keeps today's pins).
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PROD_LOCK = ROOT / "requirements" / "prod.lock"
DEV_LOCK = ROOT / "requirements" / "dev.lock"

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")

# The metadata of an installed package: the requirement strings it declares, or None when it
# is not installed.
RequiresOf = Callable[[NormalizedName], list[str] | None]


@dataclass(frozen=True)
class Pin:
    version: str
    hashes: int


@dataclass
class Walk:
    """What the requirement graph reaches from a set of top-level requirements."""

    # package -> every requirement on it met along the way, with who asked for it
    wanted: dict[NormalizedName, list[tuple[Requirement, str]]] = field(default_factory=dict)
    not_installed: set[NormalizedName] = field(default_factory=set)


def parse_lock(text: str) -> dict[NormalizedName, Pin]:
    """Pins of a lock written by `uv pip compile --generate-hashes`."""
    pins: dict[NormalizedName, Pin] = {}
    current: NormalizedName | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            pins[current] = Pin(version=match.group(2), hashes=0)
        elif line.startswith("--hash=") and current is not None:
            pins[current] = Pin(pins[current].version, pins[current].hashes + 1)
    return pins


def target_python(text: str) -> dict[str, str]:
    """Marker variables of the Python a lock was compiled for (`--python-version 3.11` means
    3.11.0, so `python_full_version < '3.11.3'` holds), or {} for the running one."""
    match = re.search(r"--python-version[ =](\d+)\.(\d+)(?:\.(\d+))?", text)
    if not match:
        return {}
    major, minor, patch = match.group(1), match.group(2), match.group(3) or "0"
    return {"python_version": f"{major}.{minor}", "python_full_version": f"{major}.{minor}.{patch}"}


def installed_requires(name: NormalizedName) -> list[str] | None:
    try:
        return list(metadata.distribution(name).requires or [])
    except metadata.PackageNotFoundError:
        return None


def walk(
    top: Iterable[Requirement], requires_of: RequiresOf, python: dict[str, str] | None = None
) -> Walk:
    """Every package reachable from `top`, honouring extras and environment markers (for the
    target `python` given as marker variables)."""
    result = Walk()
    queue: list[tuple[Requirement, str]] = [(req, "pyproject.toml") for req in top]
    seen: set[tuple[NormalizedName, frozenset[str]]] = set()
    while queue:
        req, asked_by = queue.pop()
        name = canonicalize_name(req.name)
        result.wanted.setdefault(name, []).append((req, asked_by))
        extras = frozenset(req.extras)
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        declared = requires_of(name)
        if declared is None:
            result.not_installed.add(name)
            continue
        for line in declared:
            dep = Requirement(line)
            if dep.marker is None or any(
                dep.marker.evaluate({**(python or {}), "extra": extra})
                for extra in (*sorted(extras), "")
            ):
                queue.append((dep, name))
    return result


def check_lock(label: str, pins: dict[NormalizedName, Pin], reached: Walk) -> list[str]:
    problems: list[str] = []
    for name, reqs in sorted(reached.wanted.items()):
        pin = pins.get(name)
        if pin is None:
            askers = ", ".join(sorted({asker for _, asker in reqs}))
            problems.append(f"{label}: {name} (needed by {askers}) is not pinned")
            continue
        for req, asker in reqs:
            if not req.specifier.contains(Version(pin.version), prereleases=True):
                problems.append(
                    f"{label}: {name}=={pin.version} does not satisfy "
                    f"{asker}'s {req.name}{req.specifier}"
                )
    for name in sorted(set(pins) - set(reached.wanted)):
        problems.append(f"{label}: {name} is pinned but nothing in pyproject.toml needs it")
    for name, pin in sorted(pins.items()):
        if pin.hashes == 0:
            problems.append(f"{label}: {name}=={pin.version} has no --hash")
    return problems


def check_installed(pins: dict[NormalizedName, Pin]) -> list[str]:
    """The graph is read from installed metadata, so the venv must hold the dev lock."""
    problems = []
    for name, pin in sorted(pins.items()):
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name}=={pin.version} is not installed: run `make install`")
            continue
        if Version(version) != Version(pin.version):
            problems.append(f"{name} {version} is installed, the dev lock pins {pin.version}")
    return problems


def check(
    project: dict[str, Any],
    prod: dict[NormalizedName, Pin],
    dev: dict[NormalizedName, Pin],
    requires_of: RequiresOf,
    python: dict[str, str] | None = None,
) -> list[str]:
    deps = [Requirement(line) for line in project.get("dependencies", [])]
    extras = project.get("optional-dependencies", {})
    dev_deps = [Requirement(line) for line in extras.get("dev", [])]
    problems = check_lock("prod.lock", prod, walk(deps, requires_of, python))
    problems += check_lock("dev.lock", dev, walk(deps + dev_deps, requires_of, python))
    for name, pin in sorted(prod.items()):
        other = dev.get(name)
        if other is not None and other.version != pin.version:
            problems.append(
                f"prod.lock pins {name}=={pin.version}, dev.lock {other.version}: "
                "production would run what the tests did not"
            )
    return problems


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    prod_text, dev_text = PROD_LOCK.read_text(), DEV_LOCK.read_text()
    prod, dev = parse_lock(prod_text), parse_lock(dev_text)
    python = target_python(dev_text)
    problems = check_installed(dev)
    if target_python(prod_text) != python:
        problems.append("prod.lock and dev.lock are compiled for different Pythons")
    if not problems:
        problems = check(project, prod, dev, installed_requires, python)
    for problem in problems:
        print(f"locks: {problem}", file=sys.stderr)
    if problems:
        print("locks: regenerate them with `make locks`, then `make install`", file=sys.stderr)
        return 1
    print(
        f"locks: prod.lock ({len(prod)} pins) and dev.lock ({len(dev)} pins) match pyproject.toml"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
