"""The package as a user installs it from a wheel (`pip install .`, not editable) into a fresh virtual environment.

The wheel carries the models, explorers and their data (quiz TOML, the axon table); the notebooks and the
instructor pack stay in the repository. So, outside a checkout, the package must import and work, and the
commands that need the notebooks must stop with a clear message and a non-zero exit — never list nothing
and exit 0, never raise a traceback (architecture-v3 review: `info` listed nothing, `export` raised).

The fresh environment gets the student lock (`binder/requirements.txt`) with uv, which links the packages
from its cache (filled by `make setup`), so this costs seconds, not a download.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
UV = Path(sys.executable).parent / "uv"

pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(python of a fresh venv with the course wheel installed, an empty working folder)."""
    if not UV.exists():
        pytest.fail(f"uv is not installed next to {sys.executable}: run `make setup`", pytrace=False)
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"  # build from the tracked files only, as a release would
    files = _run(["git", "ls-files", "-z"], REPO).stdout.split("\0")
    for rel in filter(None, files):
        if (REPO / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, src / rel)
    dist = base / "dist"
    built = _run([str(UV), "build", "--wheel", "--quiet", "-o", str(dist), str(src)], base)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = dist.glob("spasm_or_signal-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "course/data/excitability_table.npz" in names and any(n.startswith("course/quizzes/") for n in names)
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    got = _run([str(UV), "pip", "install", "--quiet", "--python", str(python),
                "-r", str(REPO / "binder" / "requirements.txt"), str(wheel)], base)
    assert got.returncode == 0, got.stderr[-3000:]
    work = base / "elsewhere"
    work.mkdir()
    return python, work


def test_the_installed_package_imports_from_the_wheel_and_its_models_and_data_work(installed):
    python, work = installed
    code = (
        "import course, course.ui, course.electrolytes as el\n"
        "from course.quizzes import load\n"
        "from course.excitability_table import load_table\n"
        "assert 'site-packages' in course.__file__, course.__file__\n"
        "print(course.__version__, round(el.resting_potential(el.Electrolytes()), 1), len(load('welcome')))\n"
        "load_table()\n"
        # the Voilà app template sits where Voilà looks (COURSE_SPEC V3.6: a "No code?" link opens only its app)
        "import sys, pathlib\n"
        "t = pathlib.Path(sys.prefix, 'share', 'jupyter', 'voila', 'templates', 'course-app')\n"
        "assert (t / 'index.html.j2').is_file() and (t / 'conf.json').is_file(), sorted(t.parent.glob('*'))\n"
        # kernel websockets without Nagle's delay: the server extension and Voilà's setting (course/server.py)
        "import json\n"
        "from course.server import CONFIG_FILES\n"
        "for name, content in CONFIG_FILES.items():\n"
        "    assert json.loads(pathlib.Path(sys.prefix, 'etc', 'jupyter', name).read_text()) == content, name\n"
    )
    r = _run([str(python), "-c", code], work)
    assert r.returncode == 0, r.stderr[-3000:]
    version, vrest, n = r.stdout.split()
    import course

    assert version == course.__version__
    assert -95 < float(vrest) < -80  # resting potential of a skeletal muscle fibre (mV)
    assert int(n) >= 1


@pytest.mark.parametrize("args", [["info"], ["export", "out"], ["instructor"], ["build"]], ids=lambda a: a[0])
def test_commands_that_need_the_notebooks_stop_with_a_clear_message(installed, args):
    python, work = installed
    r = _run([str(python), "-m", "course", *args], work)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert "no course notebooks" in r.stderr and "clone of the course repository" in r.stderr, r.stderr
    assert not (work / "out").exists()
