"""Kernel websockets without Nagle's delay (``course/server.py``; COURSE_SPEC V3.6 "Speed in the browser").

The latency this removes is measured by ``benchmarks/bench_browser.py`` (``benchmarks/RESULTS.md``), never here;
these tests check that the setting is made, shipped and installed, and that a server configured otherwise keeps
its own class. ``tests/browser/test_course_notebooks.py`` checks that a real JupyterLab loads the extension.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

from course import server
from course.server import CONFIG_FILES, NoDelayKernelConnection, install_config

REPO = Path(__file__).resolve().parents[1]


def test_connect_turns_nagle_off_before_connecting(monkeypatch):
    calls = []
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect", lambda self: calls.append("connect"))
    handler = SimpleNamespace(set_nodelay=lambda value: calls.append(("nodelay", value)))
    conn = NoDelayKernelConnection.__new__(NoDelayKernelConnection)  # no kernel, no server
    conn._trait_values["websocket_handler"] = handler  # a stand-in for tornado's handler (set_nodelay only)
    conn.connect()
    assert calls == [("nodelay", True), "connect"]


def _serverapp(current):
    records = []
    log = SimpleNamespace(info=lambda *a: records.append(a[0] % a[1:] if len(a) > 1 else a[0]))
    return SimpleNamespace(web_app=SimpleNamespace(settings={"kernel_websocket_connection_class": current}),
                           log=log), records


@pytest.mark.parametrize("current", [None, ZMQChannelsWebsocketConnection])
def test_extension_replaces_the_default_connection_class(current):
    app, records = _serverapp(current)
    server._load_jupyter_server_extension(app)
    assert app.web_app.settings["kernel_websocket_connection_class"] is NoDelayKernelConnection
    assert "TCP_NODELAY" in records[0]


def test_extension_keeps_a_configured_class():
    class Gateway(ZMQChannelsWebsocketConnection):
        pass

    app, records = _serverapp(Gateway)
    server._load_jupyter_server_extension(app)
    assert app.web_app.settings["kernel_websocket_connection_class"] is Gateway
    assert "left as it is" in records[0]


def test_shipped_config_files_match_the_module_and_the_wheel_installs_them():
    data_files = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    shipped = {f"{prefix}/{Path(f).name}": f for prefix, fs in data_files.items() for f in fs}
    for name, content in CONFIG_FILES.items():
        source = REPO / "course" / "jupyter-config" / name
        assert json.loads(source.read_text()) == content, f"{source} differs from course.server.CONFIG_FILES"
        assert shipped.get(f"etc/jupyter/{name}") == f"course/jupyter-config/{name}", f"{name} not in data-files"


def test_install_config_merges_and_keeps_other_settings(tmp_path):
    voila = tmp_path / "etc/jupyter/voila.json"
    voila.parent.mkdir(parents=True)
    voila.write_text(json.dumps({"Voila": {"ip": "127.0.0.1"}, "VoilaConfiguration": {"theme": "dark"}}))
    paths = install_config(tmp_path)
    assert sorted(p.relative_to(tmp_path / "etc/jupyter").as_posix() for p in paths) == sorted(CONFIG_FILES)
    merged = json.loads(voila.read_text())
    assert merged == {"Voila": {"ip": "127.0.0.1", "kernel_websocket_connection_class": server.CLASS_NAME},
                      "VoilaConfiguration": {"theme": "dark"}}
    assert install_config(tmp_path) == paths and json.loads(voila.read_text()) == merged  # idempotent


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"Voila": 3}'])
def test_install_config_reports_a_malformed_file_and_leaves_it(tmp_path, text):
    voila = tmp_path / "etc/jupyter/voila.json"
    voila.parent.mkdir(parents=True)
    voila.write_text(text)
    with pytest.raises(ValueError, match="voila.json"):
        install_config(tmp_path)
    assert voila.read_text() == text


def test_this_environment_loads_the_extension_and_voila_reads_the_class():
    from jupyter_core.paths import jupyter_config_path
    from voila.app import Voila

    base = Path(sys.prefix) / "etc" / "jupyter"
    for name, content in CONFIG_FILES.items():
        path = base / name
        assert path.is_file(), f"{path} missing: run `python -m course lab-settings`"
        for section, values in content.items():
            assert json.loads(path.read_text())[section].items() >= values.items(), f"{path} is stale"
    app = Voila()
    app.load_config_file("voila", path=jupyter_config_path())
    assert app.kernel_websocket_connection_class is NoDelayKernelConnection
