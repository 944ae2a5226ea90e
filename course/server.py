"""Kernel websockets without Nagle's delay: the course's Jupyter server extension (COURSE_SPEC V3.6 "Speed").

A slider move sends one widget message to the kernel and gets a burst of small replies back (status, the
slider's echo, the readouts, the new figures, status). jupyter_server (2.21) relays them on a websocket whose
TCP socket keeps Nagle's algorithm on, so every reply written while the previous one is unacknowledged waits
for the browser's delayed ACK: up to 40 ms on Linux, often on loopback. In ``benchmarks/bench_browser.py``
the first figure of a move arrived bimodally, 20–30 ms or 50–60 ms after the key (median 50 ms); with
``TCP_NODELAY`` on the kernel websocket the median fell to 25–32 ms (``benchmarks/RESULTS.md``). Tornado
leaves the choice to the application (``WebSocketHandler.set_nodelay``); this module makes it.

Two ways in, both installed with the package (``etc/jupyter``, see ``pyproject.toml``; ``python -m course
lab-settings`` writes them for an editable install):

* JupyterLab and ``jupyterhub-singleuser`` load this module as a server extension
  (``jupyter_server_config.d/spasm-or-signal.json``); :func:`_load_jupyter_server_extension` puts
  :class:`NoDelayKernelConnection` in place of the default connection class. A server configured with another
  class (a kernel gateway) keeps it. If the package is missing, the server only logs that the extension
  could not be found.
* Voilà (its own server) reads ``voila.json``: ``Voila.kernel_websocket_connection_class``.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

__all__ = ["NoDelayKernelConnection", "CONFIG_FILES", "install_config"]

#: this class, as a configuration value
CLASS_NAME = "course.server.NoDelayKernelConnection"

#: the configuration files (path under ``<prefix>/etc/jupyter`` → content)
CONFIG_FILES: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    "jupyter_server_config.d/spasm-or-signal.json": {"ServerApp": {"jpserver_extensions": {"course.server": True}}},
    "voila.json": {"Voila": {"kernel_websocket_connection_class": CLASS_NAME}},
})


class NoDelayKernelConnection(ZMQChannelsWebsocketConnection):
    """jupyter_server's kernel websocket connection, with ``TCP_NODELAY`` set on the websocket."""

    def connect(self) -> asyncio.Future[None] | None:  # type: ignore[override]  # as ZMQChannelsWebsocketConnection
        """Turn Nagle's algorithm off for this websocket, then connect as usual."""
        self.websocket_handler.set_nodelay(True)
        return super().connect()


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "course.server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Use :class:`NoDelayKernelConnection` for kernel websockets unless the server was configured otherwise."""
    settings = serverapp.web_app.settings
    current = settings.get("kernel_websocket_connection_class")
    if current in (None, ZMQChannelsWebsocketConnection):
        settings["kernel_websocket_connection_class"] = NoDelayKernelConnection
        serverapp.log.info("course.server: kernel websockets send without Nagle's delay (TCP_NODELAY)")
    else:
        serverapp.log.info("course.server: kernel websocket class %s configured; left as it is", current)


def install_config(prefix: Path | None = None) -> list[Path]:
    """Write :data:`CONFIG_FILES` into ``<prefix>/etc/jupyter`` (default: this environment); return their paths.

    ``voila.json`` is merged into an existing file (its other settings are kept); a file that is not a JSON
    object raises ``ValueError`` naming it, and is left untouched.
    """
    base = Path(prefix or sys.prefix) / "etc" / "jupyter"
    written = []
    for name, content in CONFIG_FILES.items():
        target = base / name
        merged: dict[str, Any] = {}
        if target.exists():
            try:
                merged = json.loads(target.read_text(encoding="utf-8"))
            except json.JSONDecodeError as err:
                raise ValueError(f"{target}: not valid JSON ({err}); fix or remove it, then run this again") from err
            if not isinstance(merged, dict):
                raise ValueError(f"{target}: expected a JSON object, found {type(merged).__name__}")
        for section, values in content.items():
            merged.setdefault(section, {})
            if not isinstance(merged[section], dict):
                raise ValueError(f"{target}: section {section!r} is not a JSON object")
            _merge(merged[section], values)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
        written.append(target)
    return written


def _merge(into: dict[str, Any], values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value
