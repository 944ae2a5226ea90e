"""Binder, checked without a Docker engine.

``jupyter-repo2docker --no-build --debug DIR`` (the tool BinderHub builds images with) prints the
Dockerfile it would build, without building it and without talking to a Docker daemon. It runs here
on a clean copy of the repository's *tracked* files, because that is what Binder clones: a file that
is only in a developer's working tree does not exist on Binder.

Checked: repo2docker reads ``binder/`` (so the top-level developer files are ignored), picks the Python
buildpack for ``binder/runtime.txt`` + ``binder/requirements.txt`` (the locked student image) with a Python
that the course supports, the image runs ``binder/postBuild`` (which installs the ``course`` package, not
editable), and the JupyterLab URL of the README's Binder badge opens a notebook that exists. Without
repo2docker: both locks (``binder/requirements.txt``, ``requirements/test.txt``; ``make lock``) are exact
pins inside ``pyproject.toml``'s ranges and agree with each other on every shared package.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
BINDER_LOCK = Path("binder") / "requirements.txt"  # the student image: run time only, exact pins
TEST_LOCK = Path("requirements") / "test.txt"  # make / CI: run time + test tools, exact pins
LOCK_PYTHON = "3.11"  # `make lock` compiles both for this Python (binder/runtime.txt names it)
R2D_TIMEOUT_S = 180
BINDER_LINK = re.compile(r"https://mybinder\.org/v2/[^\s)\"'>\]]+")


def _unavailable(reason: str) -> None:
    how = "install the test extras (`pip install -e .[test]`, which include jupyter-repo2docker)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: the Binder check must run, but {reason}; {how}", pytrace=False)
    pytest.skip(f"{reason}; {how}")


def _tracked_files() -> list[str]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        _unavailable(f"the tracked files could not be listed with git ({exc})")
    return [f for f in out.decode().split("\0") if f]


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    """Run repo2docker once on a clean copy of the tracked files; return (copy, Dockerfile, log)."""
    if importlib.util.find_spec("repo2docker") is None:
        _unavailable("jupyter-repo2docker is not installed")
    base = tmp_path_factory.mktemp("binder")
    repo, cwd = base / "repo", base / "cwd"
    cwd.mkdir()
    for rel in _tracked_files():
        src = REPO / rel
        if src.is_file():  # tracked but deleted in the working tree: Binder would not have it either
            dst = repo / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    assert not (repo / ".venv").exists() and not (repo / ".git").exists()
    start = time.monotonic()
    # cwd: an empty folder, so repo2docker finds no stray repo2docker_config.py
    proc = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(repo)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=R2D_TIMEOUT_S,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    print(f"repo2docker --no-build --debug took {time.monotonic() - start:.2f} s")
    assert proc.returncode == 0, f"repo2docker failed:\n{proc.stderr[-3000:]}"
    assert "FROM " in proc.stdout, f"no Dockerfile printed:\n{proc.stdout[:2000]}"
    return repo, proc.stdout, proc.stderr


def _line(dockerfile: str, pattern: str) -> int:
    """Index of the first Dockerfile line matching ``pattern`` (fails the test if there is none)."""
    for i, line in enumerate(dockerfile.splitlines()):
        if re.search(pattern, line):
            return i
    pytest.fail(f"the Dockerfile has no line matching {pattern!r}")


def test_python_buildpack_installs_the_locked_student_environment_from_binder(binder):
    repo, dockerfile, log = binder
    assert (repo / BINDER_LOCK).is_file(), "binder/requirements.txt is not tracked"
    copied = _line(dockerfile, r"^COPY .*src/binder/requirements\.txt \$\{REPO_DIR\}/binder/requirements\.txt$")
    install = _line(dockerfile, r'pip install --no-cache-dir -r "binder/requirements\.txt"')
    assert copied < install
    # binder/ wins: the developer/test lock and any top-level postBuild stay out of the image
    assert "requirements/test.txt" not in dockerfile, "the image installs the test environment"
    assert not re.search(r"^RUN \./postBuild$", dockerfile, re.M)


def test_binder_python_is_one_the_course_supports(binder):
    """binder/runtime.txt names the Python the student lock was compiled for, and pyproject.toml allows it."""
    repo, _, log = binder
    m = re.search(r"Building conda environment for python=(\d+\.\d+)", log)
    assert m, log
    chosen = Version(m.group(1))
    requires = tomllib.loads((repo / "pyproject.toml").read_text())["project"]["requires-python"]
    assert chosen in SpecifierSet(requires), f"Binder would build with Python {chosen}; pyproject.toml: {requires}"
    runtime = (repo / "binder" / "runtime.txt").read_text().strip()
    assert runtime == f"python-{chosen}", runtime
    assert chosen == Version(LOCK_PYTHON), f"the locks are compiled for Python {LOCK_PYTHON}, Binder runs {chosen}"


def test_postbuild_installs_the_course_package_not_editable(binder):
    repo, dockerfile, _ = binder
    post_build = repo / "binder" / "postBuild"
    assert post_build.is_file(), "binder/postBuild is not tracked"
    lines = [ln.strip() for ln in post_build.read_text().splitlines()]
    commands = [ln for ln in lines if ln and not ln.startswith("#")]
    # not `-e .`: an editable install points at the image's checkout, which nbgitpuller's clone in the
    # student's home then shadows or breaks (reviews/hub-v3.md)
    assert any(re.fullmatch(r"(python -m )?pip install --no-deps( --no-cache-dir)? \.", c) for c in commands), commands
    assert not any(" -e " in c for c in commands), commands
    assert any(re.fullmatch(r"python -m course lab-settings", c) for c in commands), commands
    subprocess.run(["bash", "-n", str(post_build)], check=True, timeout=30)  # valid shell syntax
    # order in the image: locked environment first, then the repository's files, then postBuild as the user
    install = _line(dockerfile, r'pip install --no-cache-dir -r "binder/requirements\.txt"')
    copy_repo = _line(dockerfile, r"^COPY .*src/ \$\{REPO_DIR\}/$")
    run = _line(dockerfile, r"^RUN \./binder/postBuild$")
    user = max(i for i, ln in enumerate(dockerfile.splitlines()[:run]) if ln.startswith("USER "))
    assert install < copy_repo < run
    assert dockerfile.splitlines()[user] == "USER ${NB_USER}"
    assert (repo / "pyproject.toml").is_file() and (repo / "course" / "__init__.py").is_file()


def test_postbuild_course_command_exists():
    from course.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["lab-settings", "--help"])  # parses the subcommand postBuild calls, writes nothing
    assert exc.value.code == 0


def test_image_serves_jupyterlab_and_the_badge_opens_an_existing_notebook(binder):
    repo, dockerfile, _ = binder
    # the image starts a Jupyter server (Binder replaces the command with jupyterhub-singleuser)
    assert re.search(r'^CMD \["jupyter", "(notebook|lab)"', dockerfile, re.M)
    assert "jupyterlab" in _lock(repo / BINDER_LOCK), "binder/requirements.txt must install JupyterLab"
    readme = (repo / "README.md").read_text()
    links = BINDER_LINK.findall(readme)
    assert links, "README.md has no Binder link (https://mybinder.org/v2/...)"
    for link in links:
        query = parse_qs(urlsplit(link).query)
        assert "urlpath" in query, f"{link}: no urlpath, Binder would open the classic tree view"
        urlpath = unquote(query["urlpath"][0])
        m = re.fullmatch(r"/?lab/tree/(.+)", urlpath)
        assert m, f"{link}: urlpath {urlpath!r} does not open JupyterLab (lab/tree/...)"
        target = repo / m.group(1)
        assert target.is_file(), f"{link}: {m.group(1)} is not a tracked file of the repository"
        assert target.suffix == ".ipynb"


# --- the locks: exact pins inside pyproject.toml's ranges (no repo2docker needed) --------------------------------
def _lock(path: Path) -> dict[str, Version]:
    """{canonical name: pinned version} of a `uv pip compile` / `pip-compile` output."""
    pins: dict[str, Version] = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\],]+)==([^\s;]+)(\s*;.*)?", line)
        assert m, f"{path}: {line!r} is not an exact pin (name==version)"
        name = canonicalize_name(re.sub(r"\[.*\]", "", m.group(1)))
        assert name not in pins, f"{path}: {name} is pinned twice"
        pins[name] = Version(m.group(2))
    return pins


def _pyproject_sets() -> tuple[dict[str, SpecifierSet], dict[str, SpecifierSet]]:
    """(run-time dependencies, [test] extras) of pyproject.toml: {canonical name: range}."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]

    def ranges(reqs: list[str]) -> dict[str, SpecifierSet]:
        return {canonicalize_name(r.name): r.specifier for r in map(Requirement, reqs)}

    return ranges(project["dependencies"]), ranges(project["optional-dependencies"]["test"])


def test_pyproject_keeps_ranges_for_people_who_install_the_package():
    run_time, test_extras = _pyproject_sets()
    assert not run_time.keys() & test_extras.keys(), "a package is both a run-time and a test dependency"
    for name, spec in {**run_time, **test_extras}.items():
        assert sorted(s.operator for s in spec) == ["<", ">="], f"{name}: bounds {spec} must be >=lower,<upper"


@pytest.mark.parametrize("lock, extras", [(BINDER_LOCK, False), (TEST_LOCK, True)], ids=["binder", "test"])
def test_lock_pins_every_direct_dependency_inside_its_range(lock, extras):
    pins = _lock(REPO / lock)
    run_time, test_extras = _pyproject_sets()
    wanted = {**run_time, **(test_extras if extras else {})}
    for name, spec in wanted.items():
        assert name in pins, f"{lock} does not pin {name} (run `make lock`)"
        assert pins[name] in spec, f"{lock}: {name}=={pins[name]} is outside pyproject.toml's range {spec}"


def test_student_and_test_locks_agree_on_every_shared_package():
    student, test = _lock(REPO / BINDER_LOCK), _lock(REPO / TEST_LOCK)
    differ = {n: (str(student[n]), str(test[n])) for n in student.keys() & test.keys() if student[n] != test[n]}
    assert not differ, f"binder/requirements.txt and requirements/test.txt pin different versions: {differ}"
    missing = student.keys() - test.keys()
    assert not missing, f"the test environment lacks packages of the student image: {sorted(missing)}"


def test_make_installs_from_the_lock():
    makefile = (REPO / "Makefile").read_text()
    assert "LOCK := requirements/test.txt" in makefile
    assert re.search(r"pip install .*-r \$\(LOCK\)", makefile)
    assert re.search(r"^lock:", makefile, re.M) and "pip compile pyproject.toml" in makefile


def test_student_image_has_no_test_tools():
    student = _lock(REPO / BINDER_LOCK)
    test_tools = {"scipy", "hypothesis", "playwright", "ruff", "pytest", "nbval", "jupyter-repo2docker", "mypy",
                  "jupyterhub"}
    found = student.keys() & test_tools
    assert not found, f"binder/requirements.txt installs test tools: {found}"
    assert not (REPO / "postBuild").exists(), "a top-level postBuild is ignored by repo2docker once binder/ exists"
    assert (REPO / "binder" / "postBuild").stat().st_mode & 0o111, "binder/postBuild must be executable"


# --- the image holds no instructor pack (COURSE_SPEC V3.5): postBuild's own lines, run on a copy -----------------
def test_postbuild_leaves_no_key_text_in_the_image(tmp_path):
    """Run binder/postBuild's commands (minus the pip install and the lab settings, which touch the environment)
    on a copy of the tracked files, with a stand-in git history; no instructor text may remain."""
    from course.student_copy import INSTRUCTOR_ONLY
    from tests.test_student_copy import key_lines

    repo = tmp_path / "repo"
    for rel in _tracked_files():
        src = REPO / rel
        if src.is_file():
            dst = repo / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    assert all((repo / name).exists() for name in INSTRUCTOR_ONLY), "the copy must start with the pack in it"
    (repo / ".git" / "objects").mkdir(parents=True)  # Binder's clone carries its history, which holds the pack
    (repo / ".git" / "objects" / "pack").write_text((REPO / "instructor" / "assignment.md").read_text("utf-8"))
    commands = [ln.strip() for ln in (REPO / "binder" / "postBuild").read_text().splitlines()]
    commands = [c for c in commands if c and not c.startswith("#")]
    install = next(i for i, c in enumerate(commands) if " pip install " in f" {c} ")
    removal = [i for i, c in enumerate(commands) if "remove-instructor" in c]
    assert removal and min(removal) > install, "postBuild must remove the pack after installing the package"
    kept = [c for c in commands if " pip install " not in f" {c} " and "lab-settings" not in c]
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"  # `python` = this interpreter
    env = {**os.environ, "PYTHONPATH": str(repo), "PATH": path}
    subprocess.run(["bash", "-c", "\n".join(kept)], cwd=repo, env=env, check=True, timeout=120, capture_output=True)
    assert (repo / "notebooks" / "00_welcome.ipynb").is_file() and (repo / "course" / "quizzes").is_dir()
    left = [name for name in (*INSTRUCTOR_ONLY, ".git") if (repo / name).exists()]
    assert not left, f"postBuild leaves {left} in the image"
    keys = key_lines()
    leaks = []
    for f in (p for p in repo.rglob("*") if p.is_file()):
        try:
            text = f.read_text("utf-8")
        except UnicodeDecodeError:
            continue
        leaks += [f"{f.relative_to(repo)}: {k!r}" for k in keys if k in text]
    assert not leaks, "key text left in the Binder image:\n" + "\n".join(leaks[:20])
