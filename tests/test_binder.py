"""Binder, checked without a Docker engine.

``jupyter-repo2docker --no-build --debug DIR`` (the tool BinderHub builds images with) prints the
Dockerfile it would build, without building it and without talking to a Docker daemon. It runs here
on a clean copy of the repository's *tracked* files, because that is what Binder clones: a file that
is only in a developer's working tree does not exist on Binder.

Checked: repo2docker reads ``binder/`` (so the top-level developer files are ignored), picks the conda
buildpack for ``binder/environment.yml`` with a Python that the course supports, the image runs
``binder/postBuild`` (which installs the ``course`` package), and the JupyterLab URL of the README's
Binder badge opens a notebook that exists. Without repo2docker: ``binder/environment.yml`` names exactly
``pyproject.toml``'s run-time dependencies and the top-level ``environment.yml`` exactly run time + the
``[test]`` extras, with the same bounds and the same Python.
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
BINDER_ENV = Path("binder") / "environment.yml"  # the student image (run time only)
DEV_ENV = Path("environment.yml")  # developers: run time + test tools; repo2docker ignores it
#: pip name → conda-forge name where they differ (conda-forge's `nbconvert` is nbconvert-core + pandoc, ≈ 170 MB
#: installed, which the HTML export never calls)
CONDA_NAMES = {"playwright": "playwright-python", "nbconvert": "nbconvert-core"}
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


def test_conda_buildpack_installs_the_run_time_environment_from_binder(binder):
    repo, dockerfile, log = binder
    assert (repo / BINDER_ENV).is_file(), "binder/environment.yml is not tracked"
    copied = _line(dockerfile, r"^COPY .*src/binder/environment\.yml \$\{REPO_DIR\}/binder/environment\.yml$")
    update = _line(
        dockerfile, r'\$\{MAMBA_EXE\} env update -p \$\{NB_PYTHON_PREFIX\} --file "binder/environment\.yml"'
    )
    assert copied < update
    assert "Building conda environment for python=" in log
    # binder/ wins: the developer environment (test tools) and any top-level postBuild stay out of the image
    assert not re.search(r'--file "environment\.yml"', dockerfile), "the image installs the developer environment"
    assert not re.search(r"^RUN \./postBuild$", dockerfile, re.M)


def test_binder_python_is_one_the_course_supports(binder):
    """repo2docker reads only ``python=X.Y`` from binder/environment.yml; a range leaves it on its default."""
    repo, _, log = binder
    m = re.search(r"Building conda environment for python=(\d+\.\d+)", log)
    assert m, log
    chosen = Version(m.group(1))
    requires = tomllib.loads((repo / "pyproject.toml").read_text())["project"]["requires-python"]
    assert chosen in SpecifierSet(requires), (
        f"Binder would build with Python {chosen}, but pyproject.toml requires {requires}: repo2docker only "
        "recognises a `python=X.Y` line in binder/environment.yml (e.g. `- python=3.12`), otherwise it starts from "
        "its default Python and `mamba env update` has to replace the interpreter."
    )
    assert "Python version unspecified" not in log


def test_postbuild_installs_the_course_package(binder):
    repo, dockerfile, _ = binder
    post_build = repo / "binder" / "postBuild"
    assert post_build.is_file(), "binder/postBuild is not tracked"
    lines = [ln.strip() for ln in post_build.read_text().splitlines()]
    commands = [ln for ln in lines if ln and not ln.startswith("#")]
    assert any(re.fullmatch(r"(python -m )?pip install --no-deps -e \.", c) for c in commands), commands
    assert any(re.fullmatch(r"python -m course lab-settings", c) for c in commands), commands
    subprocess.run(["bash", "-n", str(post_build)], check=True, timeout=30)  # valid shell syntax
    # order in the image: environment first, then the repository's files, then postBuild as the user
    # (run from the repository root, so `pip install -e .` installs this checkout)
    update = _line(dockerfile, r"env update .*binder/environment\.yml")
    copy_repo = _line(dockerfile, r"^COPY .*src/ \$\{REPO_DIR\}/$")
    run = _line(dockerfile, r"^RUN \./binder/postBuild$")
    user = max(i for i, ln in enumerate(dockerfile.splitlines()[:run]) if ln.startswith("USER "))
    assert update < copy_repo < run
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
    env = (repo / BINDER_ENV).read_text()
    assert re.search(r"^\s*-\s*jupyterlab\b", env, re.M), "binder/environment.yml must install JupyterLab"
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


# --- one dependency set: pyproject.toml, binder/environment.yml, environment.yml (no repo2docker needed) ----------
def _conda_environment(path: Path) -> tuple[str, dict[str, SpecifierSet]]:
    """(exact Python ``X.Y``, {name: bounds}) of a conda environment file, the ``- pip:`` list included."""
    python, deps = None, {}
    in_deps = False
    for line in path.read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        if not in_deps or not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            break
        m = re.fullmatch(r"\s*-\s*([^#\s]+?)\s*(#.*)?", line)
        if not m or m.group(1) in ("pip", "pip:"):
            continue
        item = m.group(1)
        if re.match(r"python(?![\w.-])", item):  # the interpreter, not e.g. python-dateutil
            exact = re.fullmatch(r"python=(\d+\.\d+)", item)
            assert exact, f"{path}: {item!r}: repo2docker needs an exact `python=X.Y`"
            python = exact.group(1)
            continue
        req = Requirement(item)
        name = canonicalize_name(req.name)
        assert name not in deps, f"{path}: {name} is listed twice"
        deps[name] = req.specifier
    assert python, f"{path} has no `python=X.Y` line"
    return python, deps


def _pyproject_sets() -> tuple[dict[str, SpecifierSet], dict[str, SpecifierSet]]:
    """(run-time dependencies, [test] extras) of pyproject.toml, under their conda-forge names."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]

    def as_conda(reqs: list[str]) -> dict[str, SpecifierSet]:
        parsed = [Requirement(r) for r in reqs]
        return {CONDA_NAMES.get(canonicalize_name(r.name), canonicalize_name(r.name)): r.specifier for r in parsed}

    return as_conda(project["dependencies"]), as_conda(project["optional-dependencies"]["test"])


def test_binder_dev_and_pyproject_name_one_dependency_set_with_the_same_bounds():
    run_time, test_extras = _pyproject_sets()
    assert not run_time.keys() & test_extras.keys(), "a package is both a run-time and a test dependency"
    binder_python, binder = _conda_environment(REPO / BINDER_ENV)
    dev_python, dev = _conda_environment(REPO / DEV_ENV)
    # names and bounds: binder == run time; developer == run time + [test]
    assert binder == run_time, "binder/environment.yml must name exactly pyproject.toml's [project].dependencies"
    assert dev == {**run_time, **test_extras}, "environment.yml must name exactly run time + the [test] extras"
    for name, spec in {**run_time, **test_extras}.items():
        assert sorted(s.operator for s in spec) == ["<", ">="], f"{name}: bounds {spec} must be >=lower,<upper"
    # the same interpreter in both images, one that pyproject.toml allows
    assert binder_python == dev_python
    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    assert Version(binder_python) in SpecifierSet(requires)


def test_student_image_has_no_test_tools():
    _, binder = _conda_environment(REPO / BINDER_ENV)
    test_tools = {"scipy", "hypothesis", "playwright-python", "ruff", "pytest", "nbval", "jupyter-repo2docker"}
    assert not binder.keys() & test_tools, f"binder/environment.yml installs test tools: {binder.keys() & test_tools}"
    assert not (REPO / "postBuild").exists(), "a top-level postBuild is ignored by repo2docker once binder/ exists"
    assert (REPO / "binder" / "postBuild").stat().st_mode & 0o111, "binder/postBuild must be executable"
