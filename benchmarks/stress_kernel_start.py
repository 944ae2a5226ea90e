"""Kernels started at the same moment by several Jupyter servers on one machine: how many die at start, TCP vs IPC.

On a single-machine hub every student's server starts its kernels on the same host. With Jupyter's default TCP
transport a server picks five free loopback ports for a new kernel (bind to port 0, note the number, close),
writes them into the kernel's connection file and starts the kernel, which binds them a second or more later.
Another student's server can be handed the same free port in that gap; the kernel that binds second dies with
ZMQ's "Address already in use", and jupyter_client's restarter starts it again on the same ports (the
provisioner keeps its cached ports on a restart), so the student is left with a dead kernel. With the ipc
transport (what ``deploy/jupyterhub_config.py`` ships) each kernel binds Unix sockets named after its own
kernel id in the server's runtime folder instead, and there is nothing to share.

What it does:

1. Starts SERVERS ``jupyter server`` processes per transport (``--KernelManager.transport=tcp`` or ``ipc``):
   the same ServerApp, kernel manager and server extensions as ``jupyterhub-singleuser``, without the hub.
   Each has its own HOME and an absolute runtime folder (``JUPYTER_RUNTIME_DIR``) under one temporary
   folder, listens on 127.0.0.1 and runs under ``nice``.
2. ROUNDS times, alternating the transports (tcp, ipc, tcp, …, so both see the same machine load), asks every
   server of one transport for KERNELS new ``python3`` kernels at the same moment (SERVERS × KERNELS
   ``POST /api/kernels`` released together). Each kernel must then answer ``kernel_info`` on its websocket
   (v1 protocol, asked every 2 s as JupyterLab does) within READY_TIMEOUT s; one that does not, or whose
   start the server refuses, **died at start**. Then all kernels of the round are shut down.
3. Counts, from the servers' logs, ZMQ "Address already in use" lines and the restarter's restarts, and
   reports per transport: kernels started, died at start, time to the first ``kernel_info`` reply
   (p50 / max), and those log counts.

Every wait has a timeout; every server (and so every kernel) is stopped at the end, also on an error or
Ctrl-C, by the process ids recorded when they were started.

Run (the project's .venv has everything; a couple of minutes on 2 cores)::

    nice -n 10 .venv/bin/python benchmarks/stress_kernel_start.py --servers 6 --kernels 8 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from tornado import httpclient, websocket

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_class import WS_PROTOCOL, HubError, Kernel, _free_port, percentile  # noqa: E402

TRANSPORTS = ("tcp", "ipc")
#: server-log lines worth counting: ZMQ's bind failure in a kernel, the restarter restarting / giving up
LOG_PATTERNS = {"address_in_use": re.compile(r"Address already in use"),
                "restarts": re.compile(r"KernelRestarter: restarting kernel"),
                "restart_failed": re.compile(r"KernelRestarter: restart failed")}


@dataclass
class Server:
    """One ``jupyter server`` with its own HOME and runtime folder, started by :func:`start_server`."""

    transport: str
    index: int
    home: Path
    port: int
    token: str
    log_path: Path
    proc: subprocess.Popen | None = None
    log_offset: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    def new_log(self) -> str:
        """The server's log written since the last call."""
        with open(self.log_path, "rb") as f:
            f.seek(self.log_offset)
            text = f.read()
        self.log_offset += len(text)
        return text.decode(errors="replace")


@dataclass
class KernelStart:
    server: str
    ok: bool = False
    ready_s: float = float("nan")
    why: str = ""
    kernel_id: str = ""


@dataclass
class Tally:
    """Everything counted for one transport over all its rounds."""

    started: int = 0
    died: int = 0
    ready_s: list[float] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    log: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LOG_PATTERNS, 0))
    rounds: list[dict[str, Any]] = field(default_factory=list)


def start_server(transport: str, index: int, root: Path, nice: int) -> Server:
    """Start one jupyter server (not waiting for it); its HOME and runtime folder are under ``root``."""
    if transport not in TRANSPORTS:
        raise ValueError(f"transport must be one of {TRANSPORTS}, got {transport!r}")
    home = root / f"{transport}{index}"
    runtime = home / "rt"  # absolute and short: the ipc socket paths must stay under 107 bytes
    runtime.mkdir(parents=True, mode=0o700)
    srv = Server(transport, index, home, _free_port(), secrets.token_hex(16), root / f"{transport}{index}.log")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(HOME=str(home), JUPYTER_RUNTIME_DIR=str(runtime))
    cmd = [sys.executable, "-m", "jupyter_server", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={srv.port}", "--ServerApp.port_retries=0", f"--ServerApp.root_dir={home}",
           f"--IdentityProvider.token={srv.token}", f"--KernelManager.transport={transport}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    if nice:
        cmd = ["nice", "-n", str(nice), *cmd]
    with open(srv.log_path, "ab") as log:
        srv.proc = subprocess.Popen(cmd, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
    return srv


async def wait_ready(http: httpclient.AsyncHTTPClient, srv: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if srv.proc is not None and srv.proc.poll() is not None:
            raise HubError(f"server {srv.transport}{srv.index} exited with {srv.proc.returncode}: "
                           f"{srv.log_path.read_text(errors='replace')[-1500:]}")
        try:
            r = await http.fetch(f"{srv.url}/api/status", headers=srv.headers, raise_error=False, request_timeout=5)
            if r.code == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.5)
    raise HubError(f"server {srv.transport}{srv.index} did not answer within {timeout:.0f} s")


def stop_servers(servers: list[Server]) -> None:
    """SIGTERM each server's process group (the server and its kernels), then SIGKILL what is left."""
    procs: list[psutil.Process] = []
    for srv in servers:
        if srv.proc is None or srv.proc.poll() is not None:
            continue
        try:
            root = psutil.Process(srv.proc.pid)
            procs += [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        srv.proc.send_signal(signal.SIGTERM)
    _, alive = psutil.wait_procs(procs, timeout=20)
    for p in alive:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    for srv in servers:
        if srv.proc is not None:
            try:
                srv.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass


async def start_kernel(http: httpclient.AsyncHTTPClient, srv: Server, gate: asyncio.Event,
                       ready_timeout: float) -> KernelStart:
    """One new kernel on ``srv`` once ``gate`` opens; ok when it has answered kernel_info on its websocket."""
    res = KernelStart(server=f"{srv.transport}{srv.index}")
    await gate.wait()
    t0 = time.monotonic()
    deadline = t0 + ready_timeout
    try:
        r = await http.fetch(f"{srv.url}/api/kernels", method="POST", headers=srv.headers,
                             body=json.dumps({"name": "python3"}), raise_error=False, request_timeout=ready_timeout)
    except (httpclient.HTTPClientError, OSError) as e:  # a timeout or a closed connection (raise_error=False
        res.why = f"POST /api/kernels: {type(e).__name__} {e}"  # only covers HTTP error codes)
        return res
    if r.code != 201:
        res.why = f"POST /api/kernels -> {r.code}: {(r.body or b'')[:200]!r}"
        return res
    res.kernel_id = json.loads(r.body)["id"]
    ws_url = f"ws://127.0.0.1:{srv.port}/api/kernels/{res.kernel_id}/channels?session_id={uuid.uuid4()}"
    while time.monotonic() < deadline:
        try:
            ws = await asyncio.wait_for(websocket.websocket_connect(
                httpclient.HTTPRequest(ws_url, headers=srv.headers, connect_timeout=30, request_timeout=30),
                subprotocols=[WS_PROTOCOL]), max(deadline - time.monotonic(), 0.1))
        except (httpclient.HTTPClientError, TimeoutError, OSError) as e:
            if isinstance(e, httpclient.HTTPClientError) and e.code == 404:
                res.why = "the server removed the kernel (the restarter gave up)"
                return res
            res.why = f"websocket: {type(e).__name__} {e}"
            await asyncio.sleep(1)
            continue
        k = Kernel(ws)
        try:
            while time.monotonic() < deadline and not k.reader.done():
                try:
                    p = await k.request("kernel_info_request", {}, timeout=2)
                except HubError:
                    continue
                if not p.errors:
                    res.ok, res.ready_s, res.why = True, time.monotonic() - t0, ""
                    return res
                res.why = "; ".join(p.errors)
                break
        finally:
            k.close()
    res.why = f"no kernel_info reply within {ready_timeout:.0f} s ({res.why or 'no answer'})"
    return res


async def one_round(http: httpclient.AsyncHTTPClient, servers: list[Server], kernels: int,
                    ready_timeout: float) -> list[KernelStart]:
    """KERNELS kernels on every server, all requested at the same moment; then all shut down."""
    gate = asyncio.Event()
    tasks = [asyncio.ensure_future(start_kernel(http, srv, gate, ready_timeout))
             for srv in servers for _ in range(kernels)]
    await asyncio.sleep(0.2)  # every request is waiting at the gate
    gate.set()
    results = list(await asyncio.gather(*tasks))
    await asyncio.gather(*(shut_down_kernels(http, srv, timeout=240) for srv in servers))
    return results


async def _kernel_ids(http: httpclient.AsyncHTTPClient, srv: Server) -> list[str] | None:
    try:
        r = await http.fetch(f"{srv.url}/api/kernels", headers=srv.headers, raise_error=False, request_timeout=60)
    except (httpclient.HTTPClientError, OSError):
        return None
    return [k["id"] for k in json.loads(r.body)] if r.code == 200 else None


async def shut_down_kernels(http: httpclient.AsyncHTTPClient, srv: Server, timeout: float) -> None:
    """Shut down every kernel the server has (also any the client got no id for) and wait until it has none,
    so that no kernel of this round is still starting or stopping in the next."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ids = await _kernel_ids(http, srv)
        if ids == []:
            return
        await asyncio.gather(*(http.fetch(f"{srv.url}/api/kernels/{kid}", method="DELETE", headers=srv.headers,
                                          raise_error=False, request_timeout=120) for kid in ids or ()),
                             return_exceptions=True)
        await asyncio.sleep(1)
    raise HubError(f"server {srv.transport}{srv.index} still has kernels after {timeout:.0f} s")


async def run(a: argparse.Namespace, root: Path, servers: list[Server]) -> dict[str, Tally]:
    http = httpclient.AsyncHTTPClient(max_clients=a.servers * a.kernels * len(a.transports) + 10)
    by_transport: dict[str, list[Server]] = {t: [] for t in a.transports}
    for t in a.transports:
        for i in range(1, a.servers + 1):
            srv = start_server(t, i, root, a.nice)
            servers.append(srv)
            by_transport[t].append(srv)
    await asyncio.gather(*(wait_ready(http, s, a.server_timeout) for s in servers))
    for s in servers:
        s.new_log()  # start-up lines are not counted
    tallies = {t: Tally() for t in a.transports}
    for rnd in range(1, a.rounds + 1):
        for t in a.transports:
            await asyncio.sleep(a.pause)  # let the last round's kernels exit
            load0 = os.getloadavg()[0]
            t0 = time.monotonic()
            res = await one_round(http, by_transport[t], a.kernels, a.ready_timeout)
            await asyncio.sleep(1.0)  # the servers' last log lines
            tally = tallies[t]
            counts = dict.fromkeys(LOG_PATTERNS, 0)
            for srv in by_transport[t]:
                text = srv.new_log()
                for name, pat in LOG_PATTERNS.items():
                    counts[name] += len(pat.findall(text))
            died = [r for r in res if not r.ok]
            ready = [r.ready_s for r in res if r.ok]
            tally.started += len(res)
            tally.died += len(died)
            tally.ready_s += ready
            tally.why += [f"{r.server}: {r.why}" for r in died]
            for k, v in counts.items():
                tally.log[k] += v
            tally.rounds.append({"round": rnd, "kernels": len(res), "died": len(died), "log": counts,
                                 "ready_s_p50": percentile(ready, 50), "ready_s_max": max(ready, default=float("nan")),
                                 "wall_s": time.monotonic() - t0, "load_before": load0})
            print(f"round {rnd} {t}: {len(res) - len(died)}/{len(res)} kernels answered, {len(died)} died at start; "
                  f"ready p50 {percentile(ready, 50):.1f} s, max {max(ready, default=float('nan')):.1f} s; "
                  f"log: {counts}; load {load0:.1f}", flush=True)
            for r in died:
                print(f"    {r.server} {r.kernel_id[:8]}: {r.why}", flush=True)
    http.close()
    return tallies


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--servers", type=int, default=6, help="servers per transport (students)")
    ap.add_argument("--kernels", type=int, default=8, help="kernels each server starts per round")
    ap.add_argument("--rounds", type=int, default=3, help="rounds per transport")
    ap.add_argument("--transports", nargs="+", choices=TRANSPORTS, default=list(TRANSPORTS))
    ap.add_argument("--ready-timeout", type=float, default=90.0, help="s for a kernel to answer kernel_info")
    ap.add_argument("--server-timeout", type=float, default=300.0, help="s for a server to start")
    ap.add_argument("--pause", type=float, default=3.0, help="s between rounds")
    ap.add_argument("--nice", type=int, default=10, help="niceness of the servers and their kernels")
    ap.add_argument("--out", type=Path, help="write the results as JSON here")
    ap.add_argument("--keep-logs", type=Path, help="copy every server's log into this folder")
    a = ap.parse_args(argv)
    for name in ("servers", "kernels", "rounds"):
        if not 1 <= getattr(a, name) <= 64:
            ap.error(f"--{name} must be in 1…64, got {getattr(a, name)}")

    def on_term(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)  # unwinds through the finally below

    signal.signal(signal.SIGTERM, on_term)
    print(f"# {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {psutil.cpu_count()} cores, load {os.getloadavg()}; "
          f"{a.servers} servers × {a.kernels} kernels at once, {a.rounds} rounds per transport", flush=True)
    servers: list[Server] = []
    with tempfile.TemporaryDirectory(prefix="kst-") as tmp:
        try:
            tallies = asyncio.run(run(a, Path(tmp), servers))
        finally:
            stop_servers(servers)
            if a.keep_logs is not None:
                a.keep_logs.mkdir(parents=True, exist_ok=True)
                for srv in servers:
                    shutil.copy(srv.log_path, a.keep_logs / srv.log_path.name)
    print("\n| transport | kernels started | died at start | kernel_info after p50 / max (s) "
          "| 'Address already in use' in logs | restarts | restarts given up |\n|---|---|---|---|---|---|---|")
    for t, s in tallies.items():
        print(f"| {t} | {s.started} | {s.died} | {percentile(s.ready_s, 50):.1f} / {max(s.ready_s, default=0):.1f} "
              f"| {s.log['address_in_use']} | {s.log['restarts']} | {s.log['restart_failed']} |")
    if a.out:
        a.out.write_text(json.dumps({"args": {k: v for k, v in vars(a).items() if k != "out"},
                                     "results": {t: {"started": s.started, "died": s.died, "why": s.why,
                                                     "log": s.log, "rounds": s.rounds,
                                                     "ready_s_p50": percentile(s.ready_s, 50)}
                                                 for t, s in tallies.items()}}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
