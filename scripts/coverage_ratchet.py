#!/usr/bin/env python
"""Coverage ratchet: every services.py and policy.py is fully covered, except the modules on
the "not yet" list in pyproject.toml ([tool.secretariat.coverage]), each held at its floor.

A floor may only go up: when a module reaches 100 %, the script asks for it to leave the list.
Reads the .coverage data file written by `pytest --cov`.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from coverage import Coverage

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["secretariat"]["coverage"]
    not_yet: dict[str, float] = config.get("not_yet", {})
    total_floor: float = config["total_floor"]
    cov = Coverage(data_file=str(ROOT / ".coverage"))
    cov.load()
    problems: list[str] = []
    watched = sorted(ROOT.glob("secretariat/**/services.py")) + sorted(
        ROOT.glob("secretariat/**/policy.py")
    )
    for path in watched:
        rel = str(path.relative_to(ROOT))
        _, statements, _, missing, _ = cov.analysis2(str(path))
        percent = (
            100.0 if not statements else 100.0 * (len(statements) - len(missing)) / len(statements)
        )
        floor = not_yet.get(rel, 100.0)
        if percent + 1e-9 < floor:
            problems.append(f"{rel}: {percent:.1f}% < {floor:.1f}% (missing lines {missing})")
        elif rel in not_yet and percent >= 100.0:
            problems.append(f"{rel} is fully covered now: take it off the not-yet list")
    total = cov.report(file=open("/dev/null", "w"))  # noqa: SIM115 - report only for its total
    if total + 1e-9 < total_floor:
        problems.append(f"total coverage {total:.1f}% < floor {total_floor:.1f}%")
    for problem in problems:
        print(f"coverage ratchet: {problem}", file=sys.stderr)
    if not problems:
        print(f"coverage ratchet: services and policies hold; total {total:.1f}%")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
