#!/usr/bin/env python
"""Coverage ratchet: every module of the product is fully covered (lines and branches), except
the modules on the not-yet list in pyproject.toml ([tool.secretariat.coverage.not_yet]), each
held at its floor; the whole product holds `total_floor`.

The list only shrinks and floors only rise:
- a module below its floor fails, and so does a listed module that reached 100 %;
- a floor in the working tree lower than on `main` fails (on a branch, against its merge-base
  with main; on main, against HEAD). A module that is not there has no floor yet, so a module
  split out of another one enters the list at what it measures; a module that is there and not
  listed is held at 100 %. Without git history (or without `main`) this comparison is skipped,
  and said so. `--base REF` compares with another commit (after committing a merge that brought
  new modules, `--write-floors --base HEAD~1` lists them).

Reads the .coverage data file written by `make unit` (pytest --cov). After modules moved or
split, regenerate the list with `scripts/coverage_ratchet.py --write-floors`: it drops modules
that are gone or fully covered, lists new modules at what they measure (rounded down), raises
floors that can rise, and lowers nothing (a module under its floor stays a failure).
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import io
import json
import math
import re
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = "secretariat"
SECTION = "tool.secretariat.coverage"
EPSILON = 1e-9

# Runs git with the given arguments in the project; returns stdout, or None when git failed.
Git = Callable[..., str | None]


@dataclass(frozen=True)
class Floors:
    total: float
    not_yet: dict[str, float]
    branch: bool  # whether the floors count branches as well as lines


@dataclass(frozen=True)
class Module:
    percent: float
    missing: str = ""  # what is not covered, for the message


@dataclass(frozen=True)
class Base:
    """The floors of the commit the working tree is compared with."""

    ref: str
    floors: Floors
    files: frozenset[str]  # the product's files in that commit

    def floor_of(self, module: str) -> float | None:
        """The module's floor there: its listed floor, 100 if it existed unlisted, else None."""
        if module in self.floors.not_yet:
            return self.floors.not_yet[module]
        return 100.0 if module in self.files else None


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def floor1(percent: float) -> float:
    """Rounded down to one decimal, so that a floor never sits above what was measured."""
    return math.floor(percent * 10 + EPSILON) / 10


# --- configuration -------------------------------------------------------------------------


def load_floors(pyproject: dict[str, Any]) -> Floors:
    config = pyproject.get("tool", {}).get("secretariat", {}).get("coverage", {})
    return Floors(
        total=float(config.get("total_floor", 0.0)),
        not_yet={str(k): float(v) for k, v in config.get("not_yet", {}).items()},
        branch=bool(config.get("branch", False)),
    )


def measures_branches(pyproject: dict[str, Any]) -> bool:
    return bool(pyproject.get("tool", {}).get("coverage", {}).get("run", {}).get("branch", False))


def render_floors(floors: Floors) -> str:
    lines = [
        f"[{SECTION}]",
        f"branch = {'true' if floors.branch else 'false'}"
        "  # floors count branches too ([tool.coverage.run] branch)",
        f"total_floor = {floors.total!r}",
        "",
        f"[{SECTION}.not_yet]",
    ]
    lines += [f'"{module}" = {floor!r}' for module, floor in sorted(floors.not_yet.items())]
    return "\n".join(lines) + "\n"


def replace_section(text: str, block: str) -> str:
    """`text` (pyproject.toml) with its [tool.secretariat.coverage] tables replaced by `block`;
    comments and tables around them stay as they are."""
    lines = text.splitlines(keepends=True)
    header = re.compile(r"^\s*\[+\s*([^\]\s]+)\s*\]+")
    start = next((i for i, line in enumerate(lines) if _table(header, line) == SECTION), None)
    if start is None:
        return text.rstrip("\n") + "\n\n" + block
    end = start + 1
    while end < len(lines):
        name = _table(header, lines[end])
        if name is not None and name != SECTION and not name.startswith(SECTION + "."):
            break
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[0] == "#"):
        end -= 1  # blank lines and comments before the next table belong to it
    rest = lines[end:]
    while rest and not rest[0].strip():
        rest.pop(0)
    return "".join(lines[:start]) + block + ("\n" if rest else "") + "".join(rest)


def _table(header: re.Pattern[str], line: str) -> str | None:
    match = header.match(line)
    return match.group(1) if match else None


# --- measuring -----------------------------------------------------------------------------


def watched_modules(root: Path, omit: Iterable[str]) -> list[str]:
    """Every Python module of the product that coverage measures."""
    patterns = list(omit)
    return sorted(
        str(path.relative_to(root))
        for path in (root / PRODUCT).rglob("*.py")
        if not any(fnmatch.fnmatch(str(path), pattern) for pattern in patterns)
    )


def describe_missing(lines: list[int], branches: list[list[int]], limit: int = 8) -> str:
    parts: list[str] = []
    ranges: list[str] = []
    for number in sorted(lines):
        if ranges and _last_end(ranges[-1]) == number - 1:
            ranges[-1] = f"{ranges[-1].split('-')[0]}-{number}"
        else:
            ranges.append(str(number))
    if ranges:
        parts.append("lines " + _shorten(ranges, limit))
    arcs = [f"{a}->{b if b > 0 else 'exit'}" for a, b in branches]
    if arcs:
        parts.append("branches " + _shorten(arcs, limit))
    return "; ".join(parts)


def _last_end(item: str) -> int:
    return int(item.split("-")[-1])


def _shorten(items: list[str], limit: int) -> str:
    return ", ".join(items[:limit]) + (
        f", ... ({len(items) - limit} more)" if len(items) > limit else ""
    )


def measure(root: Path, data_file: Path, modules: Iterable[str]) -> tuple[dict[str, Module], float]:
    """Coverage of each watched module from the data file (0 % for a module never imported),
    and the product's total, as `coverage report` counts them."""
    from coverage import Coverage

    cov = Coverage(data_file=str(data_file), config_file=str(root / "pyproject.toml"))
    cov.load()
    with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(io.StringIO()):
        out = Path(tmp) / "coverage.json"
        total = cov.json_report(outfile=str(out))
        report = json.loads(out.read_text())
    by_path: dict[str, Module] = {}
    for name, data in report["files"].items():
        path = Path(name) if Path(name).is_absolute() else Path.cwd() / name
        try:
            rel = str(path.resolve().relative_to(root))
        except ValueError:
            continue
        summary = data["summary"]
        missing = describe_missing(data.get("missing_lines", []), data.get("missing_branches", []))
        by_path[rel] = Module(percent=float(summary["percent_covered"]), missing=missing)
    never = Module(percent=0.0, missing="not in the coverage data: never imported?")
    return {module: by_path.get(module, never) for module in modules}, float(total)


# --- the commit to compare with ------------------------------------------------------------


def run_git(root: Path) -> Git:
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=60
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout if done.returncode == 0 else None

    return git


def base_refs(git: Git) -> tuple[list[str], str]:
    """The commits whose floors the working tree must not go below, and a note when none."""
    if git("rev-parse", "--git-dir") is None:
        return [], "no git repository here: floors not compared with main"
    head = (git("rev-parse", "HEAD") or "").strip()
    main = None
    for candidate in ("main", "origin/main"):
        main = git("rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}")
        if main:
            break
    if not head or not main:
        return [], "no branch main in this checkout: floors not compared with main"
    if head == main.strip():
        return ["HEAD"], ""  # on main: what is not committed yet must not lower a floor
    merge_base = git("merge-base", "HEAD", main.strip())
    if not merge_base:
        return [], "no history shared with main: floors not compared with main"
    return [merge_base.strip()], ""


def load_base(git: Git, ref: str) -> Base | None:
    text = git("show", f"{ref}:pyproject.toml")
    files = git("ls-tree", "-r", "--name-only", ref, "--", PRODUCT)
    if text is None or files is None:
        return None
    try:
        floors = load_floors(tomllib.loads(text))
    except tomllib.TOMLDecodeError:
        return None
    return Base(ref=ref, floors=floors, files=frozenset(files.split()))


# --- the rules -----------------------------------------------------------------------------


def check(
    measured: dict[str, Module],
    total: float,
    floors: Floors,
    branch_now: bool,
    bases: Iterable[Base] = (),
) -> Report:
    report = Report()
    if floors.branch != branch_now:
        report.problems.append(
            "the floors were measured "
            + ("with" if floors.branch else "without")
            + " branch coverage, [tool.coverage.run] now measures "
            + ("with" if branch_now else "without")
            + " it: regenerate them with scripts/coverage_ratchet.py --write-floors"
        )
        return report
    for module, result in sorted(measured.items()):
        floor = floors.not_yet.get(module, 100.0)
        if result.percent + EPSILON < floor:
            report.problems.append(
                f"{module}: {result.percent:.1f}% < floor {floor:.1f}% ({result.missing})"
            )
        elif module in floors.not_yet and result.percent >= 100.0:
            report.problems.append(f"{module} is fully covered now: take it off the not-yet list")
        elif module in floors.not_yet and floor1(result.percent) > floor:
            report.notes.append(
                f"{module}: {result.percent:.1f}%, its floor {floor:.1f}% can rise (--write-floors)"
            )
    for module in sorted(set(floors.not_yet) - set(measured)):
        report.notes.append(
            f"{module} is on the not-yet list but no longer exists: remove it (--write-floors does)"
        )
    if total + EPSILON < floors.total:
        report.problems.append(f"total coverage {total:.1f}% < floor {floors.total:.1f}%")
    for base in bases:
        report.problems += lowered(floors, base)
    return report


def lowered(floors: Floors, base: Base) -> list[str]:
    """The floors of the working tree that are lower than in `base`."""
    if base.floors.branch != floors.branch:
        return []  # measured another way there: the first floors of this measure stand alone
    problems = []
    if floors.total + EPSILON < base.floors.total:
        problems.append(
            f"total_floor lowered from {base.floors.total:.1f} ({base.ref}) to {floors.total:.1f}"
        )
    for module, floor in sorted(floors.not_yet.items()):
        before = base.floor_of(module)
        if before is not None and floor + EPSILON < before:
            problems.append(
                f"{module}: floor lowered from {before:.1f}% ({base.ref}) to {floor:.1f}%; "
                "floors only rise: cover the module instead"
            )
    return problems


def new_floors(
    measured: dict[str, Module],
    total: float,
    floors: Floors,
    branch_now: bool,
    bases: Iterable[Base] = (),
) -> tuple[Floors, list[str]]:
    """The floors --write-floors writes, and what it could not write. Nothing is lowered: below
    the working tree's floor, or the floor of a base, a module keeps that floor (and fails)."""
    notes: list[str] = []
    comparable = [base for base in bases if base.floors.branch == branch_now]
    fresh = floors.branch != branch_now  # a new measure: the working tree's floors do not hold
    not_yet: dict[str, float] = {}
    for module, result in sorted(measured.items()):
        if result.percent >= 100.0:
            continue
        holds = [before for base in comparable if (before := base.floor_of(module)) is not None]
        if (mine := _working_floor(module, floors, fresh, comparable)) is not None:
            holds.append(mine)
        floor = max([floor1(result.percent), *holds])
        if floor >= 100.0:
            notes.append(
                f"{module}: {result.percent:.1f}%, held at 100 %: cover it "
                "(only a module that main does not have may enter the list)"
            )
            continue
        if floor > floor1(result.percent):
            notes.append(f"{module}: {result.percent:.1f}% stays below its floor {floor:.1f}%")
        not_yet[module] = floor
    totals = [floor1(total), *(base.floors.total for base in comparable)]
    if not fresh:
        totals.append(floors.total)
    return Floors(total=max(totals), not_yet=not_yet, branch=branch_now), notes


def _working_floor(
    module: str, floors: Floors, fresh: bool, comparable: list[Base]
) -> float | None:
    """The floor the working tree holds a module at, None when it holds it at none: a new
    measure, or a module that no base knows (new, or split out of another)."""
    if fresh:
        return None
    if module in floors.not_yet:
        return floors.not_yet[module]
    if comparable and all(base.floor_of(module) is None for base in comparable):
        return None
    return 100.0


# --- command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-file", type=Path, default=root / ".coverage")
    parser.add_argument("--base", help="compare with this commit instead of main")
    parser.add_argument(
        "--write-floors", action="store_true", help="rewrite the not-yet list; lowers nothing"
    )
    args = parser.parse_args(argv)
    pyproject_path = root / "pyproject.toml"
    pyproject = tomllib.loads(pyproject_path.read_text())
    if not args.data_file.exists():
        print(f"coverage ratchet: no {args.data_file}: run `make unit` first", file=sys.stderr)
        return 2
    omit = pyproject.get("tool", {}).get("coverage", {}).get("run", {}).get("omit", [])
    measured, total = measure(root, args.data_file, watched_modules(root, omit))
    floors, branch_now = load_floors(pyproject), measures_branches(pyproject)
    git = run_git(root)
    refs, note = ([args.base], "") if args.base else base_refs(git)
    bases = [base for ref in refs if (base := load_base(git, ref)) is not None]
    if refs and not bases:
        note = f"cannot read pyproject.toml at {', '.join(refs)}: floors not compared with main"
    if args.write_floors:
        written, notes = new_floors(measured, total, floors, branch_now, bases)
        pyproject_path.write_text(
            replace_section(pyproject_path.read_text(), render_floors(written))
        )
        for line in notes:
            print(f"coverage ratchet: {line}", file=sys.stderr)
        print(
            f"coverage ratchet: wrote {len(written.not_yet)} not-yet floors and total_floor "
            f"{written.total:.1f} to pyproject.toml"
        )
        floors = written
    report = check(measured, total, floors, branch_now, bases)
    for line in [*report.notes, note]:
        if line:
            print(f"coverage ratchet: {line}", file=sys.stderr)
    for problem in report.problems:
        print(f"coverage ratchet: FAIL {problem}", file=sys.stderr)
    if report.problems:
        return 1
    full = sum(1 for module in measured.values() if module.percent >= 100.0)
    print(
        f"coverage ratchet: {len(measured)} modules hold their floors ({full} fully covered, "
        f"{len(floors.not_yet)} on the not-yet list); total {total:.1f}% "
        f"(floor {floors.total:.1f}%), branches {'on' if branch_now else 'off'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
