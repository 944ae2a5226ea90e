"""Start and always stop JupyterLab / Voilà servers on 127.0.0.1 for the browser tests."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"

# JupyterLab's news pop-up covers the page and would try the network: switch it off (user settings).
_NOTIFICATION_SETTINGS = {"fetchNews": "false", "checkForUpdates": False}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_notebooks(dest: Path) -> Path:
    """Copy the course notebooks into ``dest`` so a browser session never edits the repository."""
    dest.mkdir(parents=True, exist_ok=True)
    for nb in sorted(NOTEBOOKS.glob("*.ipynb")):
        shutil.copy2(nb, dest / nb.name)
    return dest


def _wait_http(url: str, proc: subprocess.Popen, log: Path, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise RuntimeError(f"server did not answer {url} within {timeout_s:.0f} s:\n{log.read_text()[-3000:]}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


def _env(workdir: Path) -> dict[str, str]:
    settings = workdir / "lab-user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps(_NOTIFICATION_SETTINGS))
    env = dict(os.environ)
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(workdir / "lab-user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(workdir / "lab-workspaces"),
        JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
        PYTHONUNBUFFERED="1",
    )
    return env


@dataclass(frozen=True)
class Server:
    base_url: str
    token: str
    root: Path
    log: Path

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{sep}token={self.token}" if self.token else f"{self.base_url}{path}"

    def voila_page(self, name: str) -> str:
        """URL of one notebook rendered by a folder-serving Voilà (a fresh kernel per page load)."""
        return f"{self.base_url}/voila/render/{name}"

    def shutdown_kernels(self) -> None:
        """Kernels outlive closed pages: delete every running kernel through the REST API."""
        try:
            with urllib.request.urlopen(self.url("/api/kernels"), timeout=5) as r:
                kernels = json.load(r)
            for k in kernels:
                req = urllib.request.Request(self.url(f"/api/kernels/{k['id']}"), method="DELETE")
                urllib.request.urlopen(req, timeout=10).close()
        except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
            pass


@contextmanager
def jupyterlab(workdir: Path) -> Iterator[Server]:
    """JupyterLab on a free 127.0.0.1 port with a random token, serving a copy of the notebooks."""
    root = copy_notebooks(workdir / "notebooks")
    port, token = free_port(), os.urandom(16).hex()
    log = workdir / "jupyterlab.log"
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip", "127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False", "--LabApp.news_url=", "--allow-root",
    ]
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=_env(workdir), start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", token, root, log)
    try:
        _wait_http(server.url("/api/status"), proc, log)
        yield server
    finally:
        server.shutdown_kernels()
        _stop(proc)


@contextmanager
def voila(workdir: Path, notebook: str | None = None) -> Iterator[Server]:
    """Voilà on a free 127.0.0.1 port, over a copy of the notebooks.

    With ``notebook``, Voilà renders that one notebook at ``/``; without, it serves the folder and renders
    each notebook at ``/voila/render/NAME`` (:meth:`Server.voila_page`) — one server for a whole session.
    """
    root = copy_notebooks(workdir / "notebooks")
    port = free_port()
    log = workdir / f"voila-{Path(notebook).stem if notebook else 'all'}.log"
    target = [notebook] if notebook else []
    cmd = [sys.executable, "-m", "voila", *target, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"]
    with log.open("w") as fh:
        proc = subprocess.Popen(
            cmd, cwd=root, stdout=fh, stderr=subprocess.STDOUT, env=_env(workdir), start_new_session=True
        )
    server = Server(f"http://127.0.0.1:{port}", "", root, log)
    try:
        _wait_http(f"{server.base_url}/voila/static/voila.js", proc, log)
        yield server
    finally:
        _stop(proc)
