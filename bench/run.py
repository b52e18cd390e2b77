"""Run every bench/bench_*.py; each prints `bench <name>: <value> <unit>` lines on stdout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(BENCH.glob("bench_*.py")):
        result = subprocess.run(
            [sys.executable, str(script)], cwd=BENCH.parent, stdout=subprocess.PIPE, text=True
        )
        for line in result.stdout.splitlines():
            if line.startswith("bench "):
                print(line, flush=True)
        if result.returncode:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
