"""A class on a hub: N simulated students on a real JupyterHub on this machine (COURSE_SPEC V3.6).

What it does, for each class size N (a fresh hub each time, everything on 127.0.0.1):

1. Starts JupyterHub with ``deploy/jupyterhub_config.py`` (configurable-http-proxy from npm,
   DummyAuthenticator, SimpleLocalProcessSpawner, homes in a temporary folder, under ``nice``), creates N
   students and gives each its own API token (what a login gives a browser). Each home gets the course's
   notebooks in ``~/course/notebooks``, where the nbgitpuller link of deploy/README.md puts them.
2. **spawn**: all N students start their server at the same moment; time to "ready" on the hub's progress
   stream (what the browser's spawn page waits for).
3. **run-all**: all N open notebook 02 (a session, then the kernel websocket through the proxy with the
   ``v1.kernel.websocket.jupyter.org`` protocol JupyterLab 4 uses) and run its code cells one after another,
   each until ``execute_reply`` and iopub idle, as Run All does.
4. **moves**: all N move the explorer's controls at RATE moves/s for DURATION s, one move outstanding at a
   time, each student with a random phase. ``--mode comm`` (default) sends what the browser sends: the
   ipywidgets ``comm_msg`` ``{"method": "update", "state": {"value": v}}`` to the slider's model; ``--mode
   exec`` sends ``explorer.controls[name].value = v`` as an ``execute_request``. RTT = send → iopub idle.
5. Reports spawn, kernel start and run-all times, move RTT p50/p95/p99/max, memory per student (PSS and RSS
   of its server and kernel, psutil, sampled every 2 s), CPU per phase (hub, proxy, servers, kernels) and
   the machine's load average and busy cores outside the hub's processes ("other").
6. Records how every kernel talks to its server (``kernels``: the transport in its connection file, its ipc
   socket prefix, the Unix socket paths it has bound and the TCP ports it listens on), read after run-all.

Kernels use the hub's shipped transport, ipc (Unix sockets; ``--kernel-transport tcp`` for Jupyter's loopback
ports). A kernel that dies at start is an error for that student (``kernels_lost``); ``--kernel-retries 1`` lets
a student open a new session once instead, as a student would restart the kernel, and still reports it
(``kernel_retries``, and the exit status is 1).

Every wait has a timeout; the hub, its proxy, the user servers and kernels are stopped at the end, also on an
error, Ctrl-C or SIGTERM (by the process ids recorded while running).

Environments: the project's .venv works (``make hub-bench``; jupyterhub is in the test extra), or a separate one::

    python3 -m venv ~/hubenv
    ~/hubenv/bin/pip install -r binder/requirements.txt "jupyterhub>=5.2,<6" psutil
    ~/hubenv/bin/pip install --no-deps .          # the course, NOT editable (deploy/README.md)
    npm install --prefix ~/hubenv/chp configurable-http-proxy@4

Run::

    nice -n 10 ~/hubenv/bin/python benchmarks/bench_class.py --users 1 5 10 \\
        --hub-env ~/hubenv --proxy ~/hubenv/chp/node_modules/.bin/configurable-http-proxy \\
        --out /tmp/class.json

``--hub-env`` holds ``jupyterhub``; ``--user-env`` (default: the same) holds the course and
``jupyterhub-singleuser``. The client needs tornado, psutil and jupyter_server (all in the course's lock).
tests/test_hub_smoke.py runs this with N = 2 and a few seconds of moves.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import datetime as dt
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import psutil
from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1
from tornado import httpclient, websocket

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "deploy" / "jupyterhub_config.py"
NOTEBOOK = "02_calcium_and_contraction.ipynb"
NB_REL = f"course/notebooks/{NOTEBOOK}"
WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"
#: a cell run after Run All: the explorer's controls, their widget model ids and ranges (not timed)
CONTROLS_CODE = """import json as _json
print(_json.dumps({_k: {"id": _w.model_id, "kind": type(_w).__name__, "min": getattr(_w, "min", None),
                        "max": getattr(_w, "max", None), "step": getattr(_w, "step", None),
                        "n": len(getattr(_w, "options", ()) or ()), "value": getattr(_w, "index", _w.value)}
                  for _k, _w in explorer.controls.items()}))"""


class HubError(RuntimeError):
    """The hub, a server or a kernel did not do what a student needed within its timeout."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


# --- the hub process ------------------------------------------------------------------------------------------------
class Hub:
    """A JupyterHub started from deploy/jupyterhub_config.py in ``workdir``; a context manager that stops it."""

    def __init__(self, *, jupyterhub: Path, proxy: Path, user_env: Path, workdir: Path, spawn_timeout: int = 180,
                 nice: int = 0, start_timeout: float = 90.0, kernel_transport: str = "ipc") -> None:
        for what, p in (("jupyterhub", jupyterhub), ("configurable-http-proxy", proxy),
                        ("user environment's jupyterhub-singleuser", user_env / "bin" / "jupyterhub-singleuser")):
            if not Path(p).exists():
                raise FileNotFoundError(f"{what} not found: {p}")
        self.jupyterhub, self.proxy, self.user_env, self.workdir = jupyterhub, proxy, user_env, workdir
        self.spawn_timeout, self.nice, self.start_timeout = spawn_timeout, nice, start_timeout
        if kernel_transport not in ("ipc", "tcp"):
            raise ValueError(f"kernel_transport must be 'ipc' or 'tcp', got {kernel_transport!r}")
        self.kernel_transport = kernel_transport
        self.port = _free_port()
        self.token = secrets.token_hex(32)
        self.homes = workdir / "homes"
        self.log_path = workdir / "hub.log"
        self.proc: subprocess.Popen | None = None
        self._known: dict[int, psutil.Process] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.homes.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "COURSE_HUB"))}
        env.update(COURSE_HUB_USER_ENV=str(self.user_env), COURSE_HUB_PORT=str(self.port),
                   COURSE_HUB_HUB_PORT=str(_free_port()), COURSE_HUB_PROXY_API_PORT=str(_free_port()),
                   COURSE_HUB_PROXY=str(self.proxy), COURSE_HUB_SPAWN_TIMEOUT=str(self.spawn_timeout),
                   COURSE_HUB_HOMES=str(self.homes), COURSE_HUB_DUMMY_AUTH="1", COURSE_HUB_SERVICE_TOKEN=self.token,
                   COURSE_HUB_KERNEL_TRANSPORT=self.kernel_transport,
                   PATH=os.pathsep.join([str(Path(self.proxy).parent), str(Path(self.jupyterhub).parent),
                                         env.get("PATH", "/usr/bin:/bin")]))
        cmd = [str(self.jupyterhub), "-f", str(CONFIG)]
        if self.nice:
            cmd = ["nice", "-n", str(self.nice), *cmd]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HubError(f"jupyterhub exited with {self.proc.returncode}; log: {self.log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                import urllib.request
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=5) as r:
                    if r.status == 200:
                        self.processes()
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise HubError(f"the hub did not answer on {self.url} within {self.start_timeout:.0f} s; "
                       f"log: {self.log_tail()}")

    def log_tail(self, n: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return "(no log)"

    def processes(self) -> list[psutil.Process]:
        """The hub and every process below it (proxy, user servers, kernels); remembered for :meth:`stop`."""
        if self.proc is None:
            return []
        try:
            root = psutil.Process(self.proc.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []
        for p in procs:
            self._known.setdefault(p.pid, p)
        return procs

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM the hub (it stops the proxy and the user servers), then end any survivor by its id."""
        if self.proc is None:
            return
        self.processes()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        survivors = []
        for p in self._known.values():
            try:
                if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                    p.terminate()
                    survivors.append(p)
            except psutil.NoSuchProcess:
                pass
        _, alive = psutil.wait_procs(survivors, timeout=5)
        for p in alive:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        self.proc = None

    def __enter__(self) -> Hub:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- resources -------------------------------------------------------------------------------------------------------
def _group(p: psutil.Process, hub_pid: int) -> tuple[str, str | None]:
    """("hub" | "proxy" | "server" | "kernel", student) of one process below the hub."""
    if p.pid == hub_pid:
        return "hub", None
    cmd = " ".join(p.cmdline())
    if "configurable-http-proxy" in cmd:
        return "proxy", None
    if "jupyterhub-singleuser" in cmd or "jupyterhub.singleuser" in cmd:
        return "server", p.environ().get("JUPYTERHUB_USER")
    parent = p.parent()
    while parent is not None and parent.pid != hub_pid:
        pcmd = " ".join(parent.cmdline())
        if "jupyterhub-singleuser" in pcmd or "jupyterhub.singleuser" in pcmd:
            return "kernel", parent.environ().get("JUPYTERHUB_USER")
        parent = parent.parent()
    return "other", None


def cpu_snapshot(hub: Hub) -> dict[int, tuple[str, float]]:
    """CPU seconds (user + system) of every process below the hub, by pid, with its group."""
    out = {}
    hub_pid = hub.proc.pid if hub.proc else -1
    for p in hub.processes():
        try:
            t = p.cpu_times()
            out[p.pid] = (_group(p, hub_pid)[0], t.user + t.system)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return out


def cpu_between(a: dict[int, tuple[str, float]], b: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds per group between two snapshots (a process born in between counts from zero)."""
    out: dict[str, float] = {}
    for pid, (g, t) in b.items():
        out[g] = out.get(g, 0.0) + t - a.get(pid, (g, 0.0))[1]
    return out


def memory_sample(hub: Hub) -> dict[str, Any]:
    """RSS and PSS (MiB) of every student's server and kernels, and of the hub and the proxy."""
    hub_pid = hub.proc.pid if hub.proc else -1
    students: dict[str, dict[str, float]] = {}
    fixed: dict[str, float] = {}
    for p in hub.processes():
        try:
            g, who = _group(p, hub_pid)
            m = p.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss, pss = m.rss / 2**20, getattr(m, "pss", m.rss) / 2**20
        if g in ("server", "kernel") and who:
            s = students.setdefault(who, {"server_rss": 0.0, "server_pss": 0.0, "kernel_rss": 0.0, "kernel_pss": 0.0})
            s[f"{g}_rss"] += rss
            s[f"{g}_pss"] += pss
        elif g in ("hub", "proxy"):
            fixed[f"{g}_rss"] = fixed.get(f"{g}_rss", 0.0) + rss
    return {"t": time.monotonic(), "students": students, **fixed,
            "mem_available_gib": psutil.virtual_memory().available / 2**30}


def kernel_sockets(hub: Hub) -> list[dict[str, Any]]:
    """How each kernel below the hub talks to its server: its connection file's transport and address (``ip``:
    for ipc the socket path prefix, the sockets being ``<ip>-1`` … ``<ip>-5``), the paths of the Unix sockets the
    kernel process has bound (``unix_paths``), the TCP ports it listens on (``tcp_listen``), and its student."""
    hub_pid = hub.proc.pid if hub.proc else -1
    out = []
    for p in hub.processes():
        try:
            group, who = _group(p, hub_pid)
            if group != "kernel":
                continue
            cmd = p.cmdline()
            conn = json.loads(Path(cmd[cmd.index("-f") + 1]).read_text())
            unix = sorted({c.laddr for c in p.net_connections(kind="unix") if c.laddr})
            tcp = sorted(c.laddr.port for c in p.net_connections(kind="tcp") if c.status == psutil.CONN_LISTEN)
        except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError, IndexError, OSError):
            continue
        ports = [conn[k] for k in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
        out.append({"student": who, "transport": conn["transport"], "ip": conn["ip"], "ports": ports,
                    "unix_paths": unix, "tcp_listen": tcp})
    return sorted(out, key=lambda k: str(k["student"]))


# --- one kernel over its websocket -------------------------------------------------------------------------------
@dataclass
class Pending:
    need_reply: bool
    event: asyncio.Event = field(default_factory=asyncio.Event)
    reply: dict | None = None
    idle: bool = False
    errors: list[str] = field(default_factory=list)
    stdout: str = ""
    comm_msgs: int = 0  # widget messages the kernel sent to the browser in answer (echo, plot and text updates)
    comm_bytes: int = 0

    def check(self) -> None:
        if self.idle and (self.reply is not None or not self.need_reply):
            self.event.set()


class Kernel:
    """A kernel websocket through the proxy, speaking the v1 protocol; requests wait for reply + iopub idle."""

    def __init__(self, ws: websocket.WebSocketClientConnection) -> None:
        self.ws = ws
        self.session = uuid.uuid4().hex
        self.pending: dict[str, Pending] = {}
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                for waiting in self.pending.values():
                    waiting.errors.append("websocket closed")
                    waiting.event.set()
                return
            if isinstance(raw, str):  # the v1 protocol is binary; ignore anything else
                continue
            channel, parts = deserialize_msg_from_ws_v1(raw)
            header, parent, content = json.loads(parts[0]), json.loads(parts[1]), json.loads(parts[3])
            p = self.pending.get(parent.get("msg_id", ""))
            if p is None:
                continue
            kind = header.get("msg_type")
            if channel == "shell" and kind.endswith("_reply"):
                p.reply = content
                if content.get("status") not in (None, "ok"):
                    p.errors.append(f"{content.get('ename')}: {content.get('evalue')}")
            elif channel == "iopub":
                if kind == "status" and content.get("execution_state") == "idle":
                    p.idle = True
                elif kind == "error":
                    p.errors.append(f"{content.get('ename')}: {content.get('evalue')}")
                elif kind == "stream" and content.get("name") == "stdout":
                    p.stdout += content.get("text", "")
                elif kind == "comm_msg":
                    p.comm_msgs += 1
                    p.comm_bytes += len(raw)
            p.check()

    async def request(self, msg_type: str, content: dict, timeout: float, *, need_reply: bool = True) -> Pending:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": "student", "session": self.session,
                  "date": dt.datetime.now(dt.UTC).isoformat(), "version": "5.3"}
        parts = [json.dumps(x).encode() for x in (header, {}, {}, content)]
        p = self.pending[msg_id] = Pending(need_reply=need_reply)
        await self.ws.write_message(serialize_msg_to_ws_v1(parts, "shell"), binary=True)
        try:
            await asyncio.wait_for(p.event.wait(), timeout)
        except TimeoutError:
            raise HubError(f"{msg_type} got no reply + idle within {timeout:.0f} s") from None
        finally:
            self.pending.pop(msg_id, None)
        return p

    async def execute(self, code: str, timeout: float) -> Pending:
        return await self.request("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True}, timeout)

    def close(self) -> None:
        self.reader.cancel()
        self.ws.close()


# --- one student ----------------------------------------------------------------------------------------------------
@dataclass
class Student:
    name: str
    token: str = ""
    spawn_s: float = float("nan")
    kernel_start_s: float = float("nan")
    run_all_s: float = float("nan")
    cells_run: int = 0
    cell_errors: list[str] = field(default_factory=list)
    rtt_ms: list[float] = field(default_factory=list)
    moves_planned: int = 0
    moves_late: int = 0
    # moves after which the kernel sent the browser no plot or text update (not an error: e.g. more stimuli than
    # fit in the plotted window change nothing on screen, and the explorer then sends nothing)
    moves_without_update: int = 0
    no_update: list[str] = field(default_factory=list)  # the first few of them, for the report
    kb_per_move: list[float] = field(default_factory=list)
    error: str | None = None
    # kernels that did not answer at start (with TCP kernels on one host, a port taken by another student's
    # kernel: ZMQ "Address already in use", and jupyter_client's restarter retries the same ports) ...
    kernels_lost: list[str] = field(default_factory=list)
    # ... and those of them replaced by a new session (only with --kernel-retries; never silently)
    kernel_retries: list[str] = field(default_factory=list)
    kernel: Kernel | None = field(default=None, repr=False)
    controls: dict[str, dict] = field(default_factory=dict, repr=False)


class Class:
    """N students on one hub; :meth:`run` drives them through spawn, run-all and moves."""

    def __init__(self, hub: Hub, n: int, *, duration: float, rate: float, mode: str, cell_timeout: float,
                 seed: int, cells: list[str], kernel_retries: int = 0) -> None:
        if n < 1:
            raise ValueError(f"users must be >= 1, got {n}")
        if mode not in ("comm", "exec"):
            raise ValueError(f"mode must be 'comm' or 'exec', got {mode!r}")
        if not 0 < rate <= 20:
            raise ValueError(f"rate must be in (0, 20] moves/s, got {rate}")
        if not 0 <= kernel_retries <= 3:
            raise ValueError(f"kernel_retries must be in 0…3, got {kernel_retries}")
        self.kernel_retries = kernel_retries
        self.kernels: list[dict[str, Any]] = []
        self.hub, self.n, self.duration, self.rate, self.mode = hub, n, duration, rate, mode
        self.cell_timeout, self.cells = cell_timeout, cells
        self.rng = random.Random(seed)
        self.students = [Student(f"student{i:02d}") for i in range(1, n + 1)]
        self.http = httpclient.AsyncHTTPClient(max_clients=max(2 * n + 4, 10))
        self.phases: dict[str, dict[str, Any]] = {}
        self.memory: list[dict[str, Any]] = []

    async def api(self, method: str, path: str, token: str, body: Any = None, timeout: float = 60.0,
                  ok: tuple[int, ...] = (200, 201, 202, 204)) -> Any:
        req = httpclient.HTTPRequest(
            f"{self.hub.url}{path}", method=method, headers={"Authorization": f"token {token}"},
            body=None if body is None and method in ("GET", "DELETE") else json.dumps(body or {}),
            request_timeout=timeout, connect_timeout=min(timeout, 20))
        try:
            r = await self.http.fetch(req, raise_error=False)
        except httpclient.HTTPClientError as e:  # a timeout: say which request
            raise HubError(f"{method} {path}: {e} after {timeout:.0f} s") from None
        if r.code not in ok:
            raise HubError(f"{method} {path} -> {r.code} {r.reason}: {r.body[:300] if r.body else ''!r}")
        return json.loads(r.body) if r.body else None

    # -- set-up (not timed): users, their tokens and their homes
    async def enrol(self, s: Student) -> None:
        await self.api("POST", f"/hub/api/users/{s.name}", self.hub.token, ok=(201, 409))
        tok = await self.api("POST", f"/hub/api/users/{s.name}/tokens", self.hub.token,
                             {"note": "bench_class student", "expires_in": 7200})
        s.token = tok["token"]
        home = self.hub.homes / s.name / "course" / "notebooks"
        shutil.copytree(REPO / "notebooks", home, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))

    # -- phase 1: start a server, wait for "ready" on the progress stream
    async def spawn(self, s: Student) -> None:
        t0 = time.monotonic()
        await self.api("POST", f"/hub/api/users/{s.name}/server", s.token, timeout=30)
        events: list[dict] = []
        buf = b""

        def on_chunk(chunk: bytes) -> None:
            nonlocal buf
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                if line.startswith(b"data:"):
                    events.append(json.loads(line[5:]))

        timeout = self.hub.spawn_timeout + 30
        req = httpclient.HTTPRequest(f"{self.hub.url}/hub/api/users/{s.name}/server/progress",
                                     headers={"Authorization": f"token {s.token}"}, streaming_callback=on_chunk,
                                     request_timeout=timeout, connect_timeout=20)
        await self.http.fetch(req, raise_error=False)
        if not any(e.get("ready") for e in events):
            failed = [e.get("message") for e in events if e.get("failed")]
            raise HubError(f"{s.name}'s server did not start: {failed or events[-1:] or 'no progress events'}")
        s.spawn_s = time.monotonic() - t0

    # -- phase 2: open notebook 02 (session + kernel websocket), run its code cells
    async def run_all(self, s: Student) -> None:
        t0 = time.monotonic()
        for attempt in range(self.kernel_retries + 1):
            try:
                s.kernel = k = await self._open(s)
                break
            except (HubError, httpclient.HTTPClientError, websocket.WebSocketClosedError, TimeoutError) as e:
                s.kernels_lost.append(f"{type(e).__name__}: {e}")
                if attempt == self.kernel_retries:
                    raise HubError(f"kernel lost at start ({len(s.kernels_lost)} of {attempt + 1}): {e}") from None
                s.kernel_retries.append(s.kernels_lost[-1])  # as a student would: a new session
        s.kernel_start_s = time.monotonic() - t0
        await self._run_cells(s, k)

    async def _open(self, s: Student) -> Kernel:
        """A new session for notebook 02 (a new kernel), its websocket, and a first kernel_info reply."""
        sess = await self.api("POST", f"/user/{s.name}/api/sessions", s.token, {
            "path": NB_REL, "name": NOTEBOOK, "type": "notebook", "kernel": {"name": "python3"}}, timeout=120)
        kid = sess["kernel"]["id"]
        ws_url = f"ws://127.0.0.1:{self.hub.port}/user/{s.name}/api/kernels/{kid}/channels?session_id={uuid.uuid4()}"
        try:
            ws = await self._connect(ws_url, s.token)
        except (httpclient.HTTPClientError, TimeoutError) as e:
            await self.api("DELETE", f"/user/{s.name}/api/sessions/{sess['id']}", s.token, ok=(204, 404))
            raise HubError(f"kernel websocket {ws_url.split('?')[0]}: {type(e).__name__} {e}") from None
        k = Kernel(ws)
        for _ in range(60):  # as JupyterLab does: ask until the kernel answers
            try:
                p = await k.request("kernel_info_request", {}, timeout=2)
            except (HubError, websocket.WebSocketClosedError):
                if k.reader.done():  # the websocket closed: the kernel is gone
                    break
                continue
            if not p.errors:
                return k
            break  # "websocket closed"
        k.close()
        await self.api("DELETE", f"/user/{s.name}/api/sessions/{sess['id']}", s.token, ok=(204, 404))
        raise HubError(f"{s.name}'s kernel did not answer kernel_info")

    async def _connect(self, ws_url: str, token: str) -> websocket.WebSocketClientConnection:
        return await asyncio.wait_for(websocket.websocket_connect(
            httpclient.HTTPRequest(ws_url, headers={"Authorization": f"token {token}"}, connect_timeout=60,
                                   request_timeout=60),
            subprotocols=[WS_PROTOCOL], max_message_size=256 * 2**20), 90)

    async def _run_cells(self, s: Student, k: Kernel) -> None:
        t1 = time.monotonic()
        for i, code in enumerate(self.cells):
            p = await k.execute(code, self.cell_timeout)
            s.cells_run += 1
            if p.errors:
                s.cell_errors.append(f"code cell {i + 1}: {'; '.join(p.errors)}")
                break
        s.run_all_s = time.monotonic() - t1
        p = await k.execute(CONTROLS_CODE, 60)
        if p.errors or not p.stdout.strip():
            raise HubError(f"{s.name}: could not read explorer.controls: {p.errors or 'no output'}")
        s.controls = json.loads(p.stdout.strip().splitlines()[-1])

    def _move(self, s: Student, rng: random.Random) -> dict:
        name = rng.choice(sorted(s.controls))
        c = s.controls[name]
        while True:  # a new value (a move that changes nothing would not exercise the explorer)
            if c["n"]:  # a selection (the fibre type): its synced state is the index
                key, value = "index", rng.randrange(c["n"])
            else:
                steps = round((c["max"] - c["min"]) / c["step"])
                value = c["min"] + rng.randint(0, steps) * c["step"]
                key, value = "value", (int(round(value)) if c["kind"].startswith("Int") else round(value, 10))
            if value != c["value"]:
                break
        c["value"] = value
        if name == "fibre":  # the explorer resets the Ca²⁺ sensitivity to the new fibre's own value
            s.controls["pca50"]["value"] = None
        what = f"{name} -> {value}"
        if self.mode == "comm":
            return {"what": what, "msg_type": "comm_msg", "need_reply": False, "content": {
                "comm_id": c["id"], "data": {"method": "update", "state": {key: value}, "buffer_paths": []}}}
        return {"what": what, "msg_type": "execute_request", "need_reply": True, "content": {
            "code": f"explorer.controls[{name!r}].{key} = {value!r}", "silent": False, "store_history": False,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": False}}

    # -- phase 3: moves at RATE per second, one outstanding at a time
    async def moves(self, s: Student, start: float, rng: random.Random) -> None:
        assert s.kernel is not None
        period = 1.0 / self.rate
        t_next = start + rng.uniform(0, period)
        end = start + self.duration
        while t_next < end:
            delay = t_next - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                s.moves_late += delay < -period / 2
            m = self._move(s, rng)
            s.moves_planned += 1
            t0 = time.monotonic()
            p = await s.kernel.request(m["msg_type"], m["content"], timeout=30, need_reply=m["need_reply"])
            if p.errors:
                raise HubError(f"{s.name}: a move failed: {p.errors}")
            s.rtt_ms.append(1000 * (time.monotonic() - t0))
            s.kb_per_move.append(p.comm_bytes / 1000)
            if p.comm_msgs < (2 if self.mode == "comm" else 1):  # comm: the echo + at least one update
                s.moves_without_update += 1
                if len(s.no_update) < 5:
                    s.no_update.append(f"{m['what']} ({p.comm_msgs} widget messages back)")
            t_next += period
            if time.monotonic() > t_next + period:  # more than a period behind: no burst to catch up
                t_next = time.monotonic()

    async def _phase(self, name: str, job: Callable[[Student], Any], timeout: float) -> None:
        cpu0, wall0, mach0, load0 = cpu_snapshot(self.hub), time.monotonic(), psutil.cpu_times(), os.getloadavg()
        live = [s for s in self.students if s.error is None]

        async def one(s: Student) -> None:
            try:
                await asyncio.wait_for(job(s), timeout)
            except Exception as e:  # noqa: BLE001  (recorded per student, reported, asserted by the test)
                s.error = f"{name}: {type(e).__name__}: {e}"

        await asyncio.gather(*(one(s) for s in live))
        cpu1, wall, mach1 = cpu_snapshot(self.hub), time.monotonic() - wall0, psutil.cpu_times()
        ours = cpu_between(cpu0, cpu1)
        busy = sum(getattr(mach1, f) - getattr(mach0, f)
                   for f in ("user", "nice", "system", "irq", "softirq", "steal") if hasattr(mach1, f))
        self.phases[name] = {"wall_s": wall, "cpu_s": ours, "machine_busy_cores": busy / wall,
                             "ours_cores": sum(ours.values()) / wall, "load_before": load0,
                             "load_after": os.getloadavg()}

    async def _sample(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            self.memory.append(await loop.run_in_executor(None, memory_sample, self.hub))
            await asyncio.sleep(2.0)

    async def run(self, total_timeout: float) -> None:
        sampler = asyncio.ensure_future(self._sample())
        try:
            await asyncio.wait_for(self._run(), total_timeout)
        finally:
            sampler.cancel()
            for s in self.students:
                if s.kernel is not None:
                    s.kernel.close()
            self.http.close()

    async def _run(self) -> None:
        await asyncio.gather(*(self.enrol(s) for s in self.students))
        await self._phase("spawn", self.spawn, self.hub.spawn_timeout + 60)
        await self._phase("run_all", self.run_all, self.cell_timeout * 2 + 120)
        self.kernels = await asyncio.get_running_loop().run_in_executor(None, kernel_sockets, self.hub)
        self.memory_mark = len(self.memory)
        start = time.monotonic() + 1.0
        rngs = {s.name: random.Random(self.rng.random()) for s in self.students}
        await self._phase("moves", lambda s: self.moves(s, start, rngs[s.name]), self.duration + 60)

    # -- the report
    def summary(self) -> dict[str, Any]:
        ok = [s for s in self.students if s.error is None]
        rtt = [x for s in self.students for x in s.rtt_ms]
        spawn = [s.spawn_s for s in self.students if s.spawn_s == s.spawn_s]
        run_all = [s.run_all_s for s in self.students if s.run_all_s == s.run_all_s]
        kstart = [s.kernel_start_s for s in self.students if s.kernel_start_s == s.kernel_start_s]
        samples = self.memory[getattr(self, "memory_mark", 0):] or self.memory
        per_student: dict[str, list[float]] = {k: [] for k in ("server_rss", "server_pss", "kernel_rss", "kernel_pss")}
        for m in samples:
            for st in m["students"].values():
                if st["kernel_pss"] > 0:
                    for k in per_student:
                        per_student[k].append(st[k])
        mem = {k: percentile(v, 50) for k, v in per_student.items()}
        moves = len(rtt)
        cpu = {ph: v["cpu_s"] for ph, v in self.phases.items()}
        mv = cpu.get("moves", {})
        return {
            "users": self.n, "mode": self.mode, "duration_s": self.duration, "rate_hz": self.rate,
            "servers_up": sum(1 for s in self.students if s.spawn_s == s.spawn_s),
            "notebooks_ran": sum(1 for s in self.students if s.run_all_s == s.run_all_s and not s.cell_errors
                                 and s.cells_run == len(self.cells)),
            "students_ok": len(ok), "errors": [s.error for s in self.students if s.error],
            "kernel_transport": self.hub.kernel_transport,
            "kernels_lost": {s.name: s.kernels_lost for s in self.students if s.kernels_lost},
            "kernel_retries": {s.name: s.kernel_retries for s in self.students if s.kernel_retries},
            "kernels": self.kernels,
            "cell_errors": {s.name: s.cell_errors for s in self.students if s.cell_errors},
            "spawn_s": {"p50": percentile(spawn, 50), "max": max(spawn, default=float("nan"))},
            "kernel_start_s": {"p50": percentile(kstart, 50), "max": max(kstart, default=float("nan"))},
            "run_all_s": {"p50": percentile(run_all, 50), "max": max(run_all, default=float("nan"))},
            "moves_done": moves, "moves_planned": sum(s.moves_planned for s in self.students),
            "moves_late": sum(s.moves_late for s in self.students),
            "moves_without_update": sum(s.moves_without_update for s in self.students),
            "kb_to_browser_per_move": percentile([x for s in self.students for x in s.kb_per_move], 50),
            "rtt_ms": {q: percentile(rtt, p) for q, p in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))},
            "memory_mib_per_student": mem,
            "hub_rss_mib": percentile([m.get("hub_rss", 0) for m in samples], 50),
            "proxy_rss_mib": percentile([m.get("proxy_rss", 0) for m in samples], 50),
            "min_mem_available_gib": min((m["mem_available_gib"] for m in self.memory), default=float("nan")),
            "cpu_s_per_student": {ph: sum(v.values()) / self.n for ph, v in cpu.items()},
            "cpu_ms_per_move": {g: 1000 * t / moves for g, t in mv.items()} if moves else {},
            "phases": self.phases,
        }


def code_cells(path: Path = REPO / "notebooks" / NOTEBOOK) -> list[str]:
    """The source of every code cell of a notebook, in order."""
    nb = json.loads(path.read_text())
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


def _run_coroutine(coro: Any) -> Any:
    """``asyncio.run(coro)``, in a thread of its own when this thread already runs an event loop (under pytest
    the session's Playwright browser keeps one running: ``asyncio.run`` would refuse)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def run_class(n: int, *, jupyterhub: Path, proxy: Path, user_env: Path, duration: float = 60.0, rate: float = 2.0,
              mode: str = "comm", spawn_timeout: int = 180, cell_timeout: float = 300.0, nice: int = 0,
              seed: int = 1, keep: Path | None = None, total_timeout: float | None = None,
              kernel_transport: str = "ipc", kernel_retries: int = 0) -> dict[str, Any]:
    """One class of ``n`` students on a fresh hub; the summary (see :meth:`Class.summary`). Stops everything."""
    # a short folder: the homes (and so the kernels' ipc sockets, deploy/jupyterhub_config.py) live in it
    with tempfile.TemporaryDirectory(prefix="hub-") as tmp:
        workdir = Path(tmp)
        hub = Hub(jupyterhub=jupyterhub, proxy=proxy, user_env=user_env, workdir=workdir,
                  spawn_timeout=spawn_timeout, nice=nice, kernel_transport=kernel_transport)
        cls = Class(hub, n, duration=duration, rate=rate, mode=mode, cell_timeout=cell_timeout, seed=seed,
                    cells=code_cells(), kernel_retries=kernel_retries)
        try:
            with hub:
                _run_coroutine(cls.run(total_timeout or spawn_timeout + 2 * cell_timeout + duration + 600))
        finally:
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(hub.log_path, keep / f"hub-N{n}.log")
        out = cls.summary()
        out["hub_log_tail"] = hub.log_tail(2000) if out["errors"] else ""
        out["pids"] = sorted(hub._known)  # every process the run saw below the hub (all stopped by now)
        hidden = ("kernel", "controls", "rtt_ms", "token", "kb_per_move")
        out["students"] = [{f.name: getattr(s, f.name) for f in fields(Student) if f.name not in hidden}
                           for s in cls.students]
        return out


def _row(r: dict[str, Any]) -> str:
    """One markdown table row (see HEADER); "–" where a phase did not happen."""
    nan = float("nan")
    f = lambda x: f"{x:.0f}" if x == x else "–"  # noqa: E731
    g = lambda x: f"{x:.1f}" if x == x else "–"  # noqa: E731
    m, c, mv, rtt = r["memory_mib_per_student"], r["cpu_s_per_student"], r["cpu_ms_per_move"], r["rtt_ms"]
    moves = r["phases"].get("moves", {})
    ours = moves.get("ours_cores", nan)
    other = max(moves.get("machine_busy_cores", nan) - ours, 0.0) if moves else nan
    load = (r["phases"].get("spawn", {}).get("load_before", [nan])[0], moves.get("load_after", [nan])[0])
    cells = [
        str(r["users"]), f"{r['servers_up']}/{r['users']}",
        f"{g(r['spawn_s']['p50'])} / {g(r['spawn_s']['max'])}",
        f"{g(r['run_all_s']['p50'])} / {g(r['run_all_s']['max'])}",
        f"{r['moves_done']} / {r['moves_planned']}",
        " / ".join(f(rtt[q]) for q in ("p50", "p95", "p99", "max")),
        f"{f(m['server_pss'] + m['kernel_pss'])} ({f(m['server_rss'] + m['kernel_rss'])})",
        f"{g(c.get('spawn', nan))} / {g(c.get('run_all', nan))}",
        " / ".join(g(mv.get(k, nan)) for k in ("kernel", "server", "proxy")),
        f"{ours:.2f} / {other:.2f}",
        f"{load[0]:.2f} / {load[1]:.2f}", f"{r['min_mem_available_gib']:.1f}",
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = ("| N | servers up | spawn p50 / max (s) | run-all 02 p50 / max (s) | moves done / planned "
          "| move RTT p50 / p95 / p99 / max (ms) | server + kernel PSS (RSS) per student (MiB) "
          "| CPU s per student: spawn / run-all | CPU ms per move: kernel / server / proxy "
          "| cores in moves: hub's processes / other | load 1 min: before / end | min MemAvailable (GiB) |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--users", type=int, nargs="+", default=[1, 5, 10], help="class sizes, one fresh hub each")
    ap.add_argument("--hub-env", type=Path, default=Path(sys.prefix), help="environment with jupyterhub")
    ap.add_argument("--user-env", type=Path, help="environment with the course and jupyterhub-singleuser "
                    "(default: --hub-env)")
    ap.add_argument("--proxy", type=Path, help="configurable-http-proxy (default: .venv/chp or PATH)")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of slider moves")
    ap.add_argument("--rate", type=float, default=2.0, help="moves per second per student")
    ap.add_argument("--mode", choices=("comm", "exec"), default="comm")
    ap.add_argument("--spawn-timeout", type=int, default=180, help="Spawner.start_timeout and http_timeout (s)")
    ap.add_argument("--cell-timeout", type=float, default=300.0)
    ap.add_argument("--nice", type=int, default=10, help="run the hub and everything below it at this niceness")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kernel-transport", choices=("ipc", "tcp"), default="ipc",
                    help="how kernels talk to their server (COURSE_HUB_KERNEL_TRANSPORT; the hub ships ipc)")
    ap.add_argument("--kernel-retries", type=int, default=0, choices=range(4), metavar="{0..3}",
                    help="new sessions a student may open after a kernel lost at start (reported, exit status 1)")
    ap.add_argument("--out", type=Path, help="write all results as JSON here")
    ap.add_argument("--keep-logs", type=Path, help="copy each run's hub log into this folder")
    a = ap.parse_args(argv)
    proxy = a.proxy or next((p for p in (REPO / ".venv/chp/node_modules/.bin/configurable-http-proxy",
                                         Path(shutil.which("configurable-http-proxy") or "/nonexistent"))
                             if p.exists()), None)
    if proxy is None:
        ap.error("configurable-http-proxy not found: npm install --prefix DIR configurable-http-proxy@4; --proxy")

    def on_term(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)  # unwinds through run_class's cleanup

    signal.signal(signal.SIGTERM, on_term)
    results = []
    print(f"# {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {psutil.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB, load {os.getloadavg()}, mode {a.mode}, "
          f"kernels over {a.kernel_transport}", flush=True)
    for n in a.users:
        r = run_class(n, jupyterhub=a.hub_env / "bin" / "jupyterhub", proxy=proxy, user_env=a.user_env or a.hub_env,
                      duration=a.duration, rate=a.rate, mode=a.mode, spawn_timeout=a.spawn_timeout,
                      cell_timeout=a.cell_timeout, nice=a.nice, seed=a.seed, keep=a.keep_logs,
                      kernel_transport=a.kernel_transport, kernel_retries=a.kernel_retries)
        results.append(r)
        print(HEADER if n == a.users[0] else "", _row(r), sep="\n" if n == a.users[0] else "", flush=True)
        transports = sorted({k["transport"] for k in r["kernels"]})
        print(f"N = {n}: kernels lost at start {sum(map(len, r['kernels_lost'].values()))}, replaced "
              f"{sum(map(len, r['kernel_retries'].values()))}; {len(r['kernels'])} kernels over {transports}",
              file=sys.stderr, flush=True)
        if r["errors"] or r["cell_errors"]:
            print("errors:", r["errors"], r["cell_errors"], r["hub_log_tail"][-1500:], file=sys.stderr, flush=True)
        if a.out:
            a.out.write_text(json.dumps({"machine": {"cores": psutil.cpu_count(), "mem_gib":
                                                     psutil.virtual_memory().total / 2**30}, "runs": results},
                                        indent=1, default=str))
    return 0 if all(not r["errors"] and not r["cell_errors"] and not r["kernels_lost"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
