"""The coverage ratchet's rules: floors hold, the not-yet list only shrinks, floors only rise
(also against main), and --write-floors lowers nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from scripts.coverage_ratchet import (
    Base,
    Floors,
    Module,
    base_refs,
    check,
    describe_missing,
    floor1,
    load_base,
    load_floors,
    main,
    new_floors,
    render_floors,
    replace_section,
    run_git,
    watched_modules,
)

A, B, C = "secretariat/a.py", "secretariat/b.py", "secretariat/c.py"


def floors(total: float = 90.0, branch: bool = True, **not_yet: float) -> Floors:
    return Floors(
        total=total, not_yet={f"secretariat/{k}.py": v for k, v in not_yet.items()}, branch=branch
    )


def base(ref: str = "main", files: tuple[str, ...] = (A, B), **kwargs: float) -> Base:
    return Base(ref=ref, floors=floors(**kwargs), files=frozenset(files))


def test_floor1_rounds_down() -> None:
    assert floor1(97.36) == 97.3
    assert floor1(97.3) == 97.3
    assert floor1(99.99) == 99.9


def test_every_module_is_held_at_100_unless_listed() -> None:
    measured = {A: Module(100.0), B: Module(99.5, "lines 3")}
    report = check(measured, 95.0, floors(), branch_now=True)
    assert report.problems == ["secretariat/b.py: 99.5% < floor 100.0% (lines 3)"]


def test_a_listed_module_holds_its_floor() -> None:
    ok = check({B: Module(97.0)}, 95.0, floors(b=97.0), branch_now=True)
    below = check({B: Module(96.9)}, 95.0, floors(b=97.0), branch_now=True)
    assert ok.problems == []
    assert below.problems == ["secretariat/b.py: 96.9% < floor 97.0% ()"]


def test_a_listed_module_fully_covered_must_leave_the_list() -> None:
    report = check({B: Module(100.0)}, 95.0, floors(b=97.0), branch_now=True)
    assert report.problems == [
        "secretariat/b.py is fully covered now: take it off the not-yet list"
    ]


def test_a_floor_that_can_rise_is_a_note_not_a_failure() -> None:
    report = check({B: Module(98.4)}, 95.0, floors(b=97.0), branch_now=True)
    assert report.problems == []
    assert report.notes == ["secretariat/b.py: 98.4%, its floor 97.0% can rise (--write-floors)"]


def test_a_listed_module_that_is_gone_is_reported_without_failing() -> None:
    report = check({A: Module(100.0)}, 95.0, floors(gone=80.0), branch_now=True)
    assert report.problems == []
    assert report.notes == [
        "secretariat/gone.py is on the not-yet list but no longer exists: "
        "remove it (--write-floors does)"
    ]


def test_the_total_holds_its_floor() -> None:
    assert check({}, 89.9, floors(total=90.0), branch_now=True).problems == [
        "total coverage 89.9% < floor 90.0%"
    ]
    assert check({}, 90.0, floors(total=90.0), branch_now=True).problems == []


def test_floors_of_another_measure_ask_to_be_regenerated() -> None:
    report = check({A: Module(100.0)}, 95.0, floors(branch=False), branch_now=True)
    assert len(report.problems) == 1
    assert "--write-floors" in report.problems[0]


def test_a_floor_lower_than_on_main_fails() -> None:
    report = check({B: Module(97.0)}, 95.0, floors(b=96.0), True, [base(b=97.0)])
    assert report.problems == [
        "secretariat/b.py: floor lowered from 97.0% (main) to 96.0%; "
        "floors only rise: cover the module instead"
    ]


def test_listing_a_module_that_main_holds_at_100_is_lowering_it() -> None:
    report = check({A: Module(99.0)}, 95.0, floors(a=99.0), True, [base()])
    assert report.problems == [
        "secretariat/a.py: floor lowered from 100.0% (main) to 99.0%; "
        "floors only rise: cover the module instead"
    ]


def test_a_module_new_since_main_enters_the_list_at_any_floor() -> None:
    report = check({C: Module(60.0)}, 95.0, floors(c=60.0), True, [base(files=(A, B))])
    assert report.problems == []


def test_a_total_floor_lower_than_on_main_fails() -> None:
    report = check({}, 95.0, floors(total=90.0), True, [base(total=91.0)])
    assert report.problems == ["total_floor lowered from 91.0 (main) to 90.0"]


def test_a_raised_floor_passes_against_main() -> None:
    report = check({B: Module(98.0)}, 95.0, floors(total=92.0, b=98.0), True, [base(b=97.0)])
    assert report.problems == []


def test_main_measured_another_way_is_not_compared() -> None:
    main = base(branch=False, total=99.0, b=99.0)
    report = check({B: Module(90.0)}, 95.0, floors(total=90.0, b=90.0), True, [main])
    assert report.problems == []


def test_write_floors_raises_and_drops_but_lowers_nothing() -> None:
    measured = {
        A: Module(100.0),  # fully covered: off the list
        B: Module(98.47),  # can rise: 97.0 -> 98.4
        C: Module(50.0),  # under its floor: stays at 70.0 (and fails)
    }
    written, notes = new_floors(measured, 93.26, floors(total=90.0, a=99.0, b=97.0, c=70.0), True)
    assert written == Floors(total=93.2, not_yet={B: 98.4, C: 70.0}, branch=True)
    assert notes == ["secretariat/c.py: 50.0% stays below its floor 70.0%"]
    assert check(measured, 93.26, written, True).problems == [
        "secretariat/c.py: 50.0% < floor 70.0% ()"
    ]


def test_write_floors_keeps_the_total_floor_when_the_total_fell() -> None:
    written, _ = new_floors({}, 80.0, floors(total=90.0), True)
    assert written.total == 90.0


def test_write_floors_lists_a_module_new_since_main_at_what_it_measures() -> None:
    written, notes = new_floors({C: Module(61.28)}, 95.0, floors(), True, [base(files=(A, B))])
    assert written.not_yet == {C: 61.2}
    assert notes == []


def test_write_floors_does_not_list_a_module_main_holds_at_100() -> None:
    written, notes = new_floors({A: Module(99.0)}, 95.0, floors(), True, [base()])
    assert written.not_yet == {}
    assert notes == [
        "secretariat/a.py: 99.0%, held at 100 %: cover it "
        "(only a module that main does not have may enter the list)"
    ]


def test_write_floors_without_history_lists_no_unlisted_module() -> None:
    # Without a base nobody can tell a new module from one held at 100 %: it stays held.
    written, _ = new_floors({C: Module(61.0)}, 95.0, floors(), True, [])
    assert written.not_yet == {}


def test_write_floors_holds_to_mains_floors() -> None:
    lowered = floors(total=80.0, b=95.0)  # lower than main in both
    written, notes = new_floors({B: Module(90.0)}, 85.0, lowered, True, [base(total=90.0, b=97.0)])
    assert written.not_yet == {B: 97.0}
    assert written.total == 90.0
    assert notes == ["secretariat/b.py: 90.0% stays below its floor 97.0%"]


def test_write_floors_for_a_new_measure_starts_afresh() -> None:
    old = floors(total=94.0, branch=False, b=99.2)
    main = base(branch=False, total=94.0, b=99.2)
    written, _ = new_floors({A: Module(95.04), B: Module(98.0)}, 91.77, old, True, [main])
    assert written == Floors(total=91.7, not_yet={A: 95.0, B: 98.0}, branch=True)


def test_rendered_floors_read_back_exactly() -> None:
    written = floors(total=91.7, a=95.0, b=98.25)
    text = render_floors(written)
    assert load_floors(tomllib.loads(text)) == Floors(
        total=91.7, not_yet={A: 95.0, B: 98.25}, branch=True
    )


PYPROJECT = """\
[project]
name = "x"

# The ratchet's floors.
[tool.secretariat.coverage]
total_floor = 94.0

[tool.secretariat.coverage.not_yet]
"secretariat/old.py" = 99.2

# What comes after stays.
[tool.other]
key = 1
"""


def test_replace_section_keeps_what_surrounds_it() -> None:
    block = render_floors(floors(total=91.7, a=95.0))
    text = replace_section(PYPROJECT, block)
    data = tomllib.loads(text)
    assert load_floors(data) == floors(total=91.7, a=95.0)
    assert data["project"] == {"name": "x"}
    assert data["tool"]["other"] == {"key": 1}
    assert "# The ratchet's floors.\n[tool.secretariat.coverage]" in text
    assert "# What comes after stays.\n[tool.other]" in text
    assert replace_section(text, block) == text


def test_replace_section_appends_when_there_is_none() -> None:
    text = replace_section('[project]\nname = "x"\n', render_floors(floors(a=95.0)))
    assert load_floors(tomllib.loads(text)) == floors(a=95.0)


def test_describe_missing_shortens_runs_and_lists() -> None:
    assert (
        describe_missing([3, 4, 5, 9], [[10, 12], [14, -1]])
        == "lines 3-5, 9; branches 10->12, 14->exit"
    )
    assert describe_missing(list(range(1, 40, 2)), [], limit=2) == "lines 1, 3, ... (18 more)"
    assert describe_missing([], []) == ""


def test_watched_modules_skip_what_coverage_omits(tmp_path: Path) -> None:
    for name in ["a.py", "pkg/__init__.py", "pkg/b.py", "pkg/migrations/0001.py", "pkg/tests/t.py"]:
        path = tmp_path / "secretariat" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    assert watched_modules(tmp_path, ["*/migrations/*", "*/tests/*"]) == [
        "secretariat/a.py",
        "secretariat/pkg/__init__.py",
        "secretariat/pkg/b.py",
    ]


# --- against git ---------------------------------------------------------------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "secretariat").mkdir()
    (tmp_path / "secretariat" / "a.py").write_text("")
    (tmp_path / "pyproject.toml").write_text(render_floors(floors(total=90.0, a=95.0)))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    return tmp_path


def test_without_git_history_the_comparison_is_skipped(tmp_path: Path) -> None:
    refs, note = base_refs(run_git(tmp_path))
    assert refs == []
    assert "no git repository" in note


def test_on_a_branch_the_base_is_the_merge_base_with_main(repo: Path) -> None:
    fork = run_git(repo)("rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "work")
    git(repo, "commit", "-q", "--allow-empty", "-m", "work")
    git(repo, "checkout", "-q", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "later on main")
    git(repo, "checkout", "-q", "work")
    refs, note = base_refs(run_git(repo))
    assert (refs, note) == ([fork.strip() if fork else ""], "")
    loaded = load_base(run_git(repo), refs[0])
    assert loaded is not None
    assert loaded.floors == floors(total=90.0, a=95.0)
    assert loaded.files == {"secretariat/a.py"}


def test_on_main_the_base_is_head(repo: Path) -> None:
    git(repo, "commit", "-q", "--allow-empty", "-m", "second")
    assert base_refs(run_git(repo)) == (["HEAD"], "")


def test_a_checkout_without_main_skips_the_comparison(repo: Path) -> None:
    git(repo, "branch", "-m", "main", "trunk")
    refs, note = base_refs(run_git(repo))
    assert refs == []
    assert "no branch main" in note


def test_a_ref_without_pyproject_gives_no_base(repo: Path) -> None:
    assert load_base(run_git(repo), "no-such-ref") is None


# --- the whole script, on a measured project -----------------------------------------------

MODULE = """\
def sign(x):
    if x:
        return 1
    return 2
"""


@pytest.fixture
def measured_project(tmp_path: Path) -> Path:
    """A project measured by `coverage run` with branches: an empty __init__, a module fully
    covered, and one with a branch never taken (3 of 4 lines, 1 of 2 branches)."""
    (tmp_path / "secretariat").mkdir()
    (tmp_path / "secretariat" / "__init__.py").write_text("")
    (tmp_path / "secretariat" / "half.py").write_text(MODULE)
    (tmp_path / "secretariat" / "full.py").write_text("VALUE = 1\n")
    (tmp_path / "run.py").write_text("from secretariat import full, half\nhalf.sign(True)\n")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.coverage.run]\nsource = ["secretariat"]\nbranch = true\n\n'
        + render_floors(floors(total=50.0))
    )
    subprocess.run(
        [sys.executable, "-m", "coverage", "run", "--rcfile=pyproject.toml", "run.py"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        # measured on its own, whatever measures this test run
        env={k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE", "COVERAGE"))},
    )
    return tmp_path


def test_without_history_the_script_fails_and_lists_nothing(
    measured_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-file", str(measured_project / ".coverage")]
    assert main(data, root=measured_project) == 1
    err = capsys.readouterr().err
    assert "FAIL secretariat/half.py: 66.7% < floor 100.0% (lines 4; branches 2->4)" in err
    assert "no git repository here: floors not compared with main" in err

    assert main([*data, "--write-floors"], root=measured_project) == 1
    written = load_floors(tomllib.loads((measured_project / "pyproject.toml").read_text()))
    assert written == Floors(total=71.4, not_yet={}, branch=True)
    assert "secretariat/half.py: 66.7%, held at 100 %: cover it" in capsys.readouterr().err


def test_write_floors_lists_a_module_main_does_not_have(
    measured_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(measured_project, "init", "-q", "-b", "main")
    git(measured_project, "add", "pyproject.toml", "secretariat/full.py")
    git(measured_project, "commit", "-q", "-m", "before half.py")
    data = ["--data-file", str(measured_project / ".coverage")]
    assert main([*data, "--write-floors"], root=measured_project) == 0
    written = load_floors(tomllib.loads((measured_project / "pyproject.toml").read_text()))
    assert written == Floors(total=71.4, not_yet={"secretariat/half.py": 66.6}, branch=True)
    assert main(data, root=measured_project) == 0
    assert "3 modules hold their floors (2 fully covered, 1 on the not-yet list)" in (
        capsys.readouterr().out
    )

    git(measured_project, "add", ".")
    git(measured_project, "commit", "-q", "-m", "half.py and its floor")
    lowered = render_floors(Floors(total=71.4, not_yet={"secretariat/half.py": 60.0}, branch=True))
    (measured_project / "pyproject.toml").write_text(
        replace_section((measured_project / "pyproject.toml").read_text(), lowered)
    )
    assert main(data, root=measured_project) == 1
    assert "secretariat/half.py: floor lowered from 66.6% (HEAD) to 60.0%" in (
        capsys.readouterr().err
    )


def test_the_script_asks_for_a_coverage_run_first(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(render_floors(floors()))
    assert main(["--data-file", str(tmp_path / "none")], root=tmp_path) == 2
