"""`make lab` (the README's first command) starts JupyterLab on 127.0.0.1 with the welcome notebook.

Runs the real Makefile target headless (NO_BROWSER=1) against the environment the tests run in,
reads the URL it prints, fetches the welcome notebook through the server's API, and always stops it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from reference.browser.servers import free_port

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_serves_the_welcome_notebook_on_localhost(tmp_path):
    port = free_port()
    venv = Path(sys.prefix)
    cmd = [
        "make", "-C", str(REPO), "lab", "NO_BROWSER=1", f"PORT={port}", f"VENV={venv}",
        "-o", str(venv / ".installed-stamp"),  # the environment exists already: do not set it up again
    ]
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    log = tmp_path / "lab.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        url = None
        deadline = time.monotonic() + 90
        while url is None and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()[-3000:]
            m = re.search(r"(http://127\.0\.0\.1:\d+/\S+\?token=[0-9a-f]+)", log.read_text())
            url = m.group(1) if m else None
            time.sleep(0.3)
        assert url, f"no URL printed within 90 s:\n{log.read_text()[-3000:]}"
        assert url.startswith(f"http://127.0.0.1:{port}/lab/tree/notebooks/00_welcome.ipynb?token=")
        with urllib.request.urlopen(url, timeout=30) as r:
            assert r.status == 200
        token = url.rsplit("token=", 1)[1]
        api = f"http://127.0.0.1:{port}/api/contents/notebooks/00_welcome.ipynb?token={token}"
        with urllib.request.urlopen(api, timeout=30) as r:
            nb = json.load(r)
        assert nb["type"] == "notebook" and nb["content"]["cells"][0]["source"].startswith("# Spasm or signal?")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
