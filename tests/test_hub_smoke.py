"""A class of two on a real JupyterHub (COURSE_SPEC V3.6, "A class on a hub"), and the hub's kernel transport.

Starts JupyterHub with ``deploy/jupyterhub_config.py`` on 127.0.0.1 (configurable-http-proxy from npm,
DummyAuthenticator, SimpleLocalProcessSpawner, homes in a temporary folder), lets two students start their
servers at once, open notebook 02 over the kernel websocket through the proxy, run all its code cells and move
the explorer's controls for a few seconds as a browser does (ipywidgets ``comm_msg`` updates), then stops
everything. The driver is ``benchmarks/bench_class.py`` (the class-size benchmark, with N = 2 and 4 s of moves).

Needs ``jupyterhub`` (the ``test`` extra) and configurable-http-proxy (``make test`` installs it with npm into
``.venv/chp``). Without them the test skips, except under CI (``CI`` set), where it fails. For development from
another environment: ``COURSE_HUB_ENV=/path/to/env`` (with ``bin/jupyterhub``, ``bin/jupyterhub-singleuser`` and
the course) and ``COURSE_HUB_PROXY=/path/to/configurable-http-proxy``.

The hub's kernels talk to their servers over ZMQ ipc (Unix sockets), so that kernels of different students
cannot take each other's loopback ports (deploy/README.md). The class test checks that every kernel really
does; the fast tests below check the config's socket-path arithmetic against jupyter_client and libzmq.
"""

from __future__ import annotations

import os
import pwd
import shutil
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import psutil
import pytest
import zmq
from jupyter_client import KernelManager
from traitlets.config import Config

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "deploy" / "jupyterhub_config.py"
#: Linux: sun_path holds 108 bytes including the final NUL (man 7 unix), so a socket path has at most 107
SOCKET_PATH_MAX = 107
N_STUDENTS, MOVE_SECONDS, RATE_HZ = 2, 4.0, 2.0


def _tools() -> tuple[Path, Path | None, list[str]]:
    env = Path(os.environ.get("COURSE_HUB_ENV") or sys.prefix)
    candidates = [os.environ.get("COURSE_HUB_PROXY"), env / "chp/node_modules/.bin/configurable-http-proxy",
                  REPO / ".venv/chp/node_modules/.bin/configurable-http-proxy", shutil.which("configurable-http-proxy")]
    proxy = next((Path(p) for p in candidates if p and Path(p).exists()), None)
    missing = [f"{what} ({p})" for what, p in (("jupyterhub", env / "bin/jupyterhub"),
                                               ("jupyterhub-singleuser", env / "bin/jupyterhub-singleuser"))
               if not p.exists()]
    if proxy is None:
        missing.append("configurable-http-proxy (make test installs it into .venv/chp with npm)")
    return env, proxy, missing


@pytest.mark.slow
def test_two_students_run_notebook_02_and_move_its_sliders_on_a_real_hub():
    env, proxy, missing = _tools()
    if missing:
        why = "a real JupyterHub needs: " + ", ".join(missing)
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(why)
        pytest.skip(why)
    assert proxy is not None
    sys.path.insert(0, str(REPO / "benchmarks"))
    import bench_class

    cells = bench_class.code_cells()
    assert len(cells) >= 10, "notebook 02 lost its code cells?"
    r = bench_class.run_class(N_STUDENTS, jupyterhub=env / "bin/jupyterhub", proxy=proxy, user_env=env,
                              duration=MOVE_SECONDS, rate=RATE_HZ, spawn_timeout=120, cell_timeout=120,
                              total_timeout=240)
    log = r["hub_log_tail"]
    assert r["errors"] == [], f"{r['errors']}\n{log}"
    # every server came up, within the shipped timeout
    assert r["servers_up"] == N_STUDENTS and r["spawn_s"]["max"] < 120, r["spawn_s"]
    # every code cell of notebook 02 ran, without an error, for every student
    assert r["cell_errors"] == {}, r["cell_errors"]
    assert [s["cells_run"] for s in r["students"]] == [len(cells)] * N_STUDENTS
    assert r["notebooks_ran"] == N_STUDENTS
    # no kernel was lost at start, and none was replaced behind the test's back
    assert r["kernels_lost"] == {} and r["kernel_retries"] == {}, (r["kernels_lost"], r["kernel_retries"])
    # every kernel talks to its server over Unix sockets in its student's home, not over loopback TCP ports
    kernels = r["kernels"]
    assert r["kernel_transport"] == "ipc"
    assert sorted(k["student"] for k in kernels) == [s["name"] for s in r["students"]], kernels
    for k in kernels:
        ip = k["ip"]
        sockets = [f"{ip}-{n}" for n in k["ports"]]
        assert k["transport"] == "ipc" and sorted(k["ports"]) == [1, 2, 3, 4, 5], k
        assert os.path.isabs(ip) and f"/homes/{k['student']}/" in ip and ip.endswith("-ipc"), k
        assert max(len(os.fsencode(p)) for p in sockets) <= SOCKET_PATH_MAX, k
        assert set(sockets) <= set(k["unix_paths"]), k  # the kernel itself has all five bound
        # the one TCP port an ipc kernel may listen on is ipykernel's IOPub pipe (output of forked child
        # processes), bound to "127.0.0.1:*" so the OS picks a free port at bind time: no window to collide
        # (ipykernel/iostream.py). A TCP kernel listens on six.
        assert len(k["tcp_listen"]) <= 1, k
    # every move came back (iopub idle), at about RATE_HZ per student: 2 students × 4 s × 2/s = 16 (a random
    # phase can drop one per student), and the explorer answered most of them with plot/text updates
    planned = r["moves_planned"]
    assert N_STUDENTS * (MOVE_SECONDS * RATE_HZ - 1) <= planned <= N_STUDENTS * MOVE_SECONDS * RATE_HZ + N_STUDENTS
    assert r["moves_done"] == planned
    assert r["moves_without_update"] <= planned // 2, [s["no_update"] for s in r["students"]]
    assert r["kb_to_browser_per_move"] > 5, r["kb_to_browser_per_move"]  # figure deltas, not only the echo
    assert 0 < r["rtt_ms"]["max"] < 30_000
    # a student's server and kernel were measured, and every process the run started is gone
    mem = r["memory_mib_per_student"]
    assert 20 < mem["server_rss"] < 2048 and 20 < mem["kernel_rss"] < 2048, mem
    alive = [p for p in r["pids"] if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
    assert r["pids"] and not alive, f"still running: {alive}"


# --- the config's kernel transport (fast: no hub) -----------------------------------------------------------
def _load_config(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    """Run deploy/jupyterhub_config.py as JupyterHub does (``get_config`` injected); its namespace."""
    for k in list(os.environ):
        if k.startswith("COURSE_HUB"):
            monkeypatch.delenv(k)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    cfg = Config()
    ns: dict[str, Any] = {"get_config": lambda: cfg, "__file__": str(CONFIG)}
    exec(compile(CONFIG.read_text(), str(CONFIG), "exec"), ns)  # our own config file, as jupyterhub -f runs it
    return ns


def _spawner(home: str | None, name: str = "student01") -> SimpleNamespace:
    """What kernel_runtime_dir reads of a spawner: SimpleLocalProcessSpawner has ``home_dir``,
    LocalProcessSpawner does not (the home then comes from the user's passwd entry)."""
    return SimpleNamespace(user=SimpleNamespace(name=name), **({"home_dir": home} if home is not None else {}))


def test_the_hub_starts_servers_with_ipc_kernels_and_a_runtime_folder_per_student(monkeypatch):
    c = _load_config(monkeypatch)["c"]
    assert "--KernelManager.transport=ipc" in c.Spawner.args
    assert callable(c.Spawner.environment["JUPYTER_RUNTIME_DIR"])
    tcp = _load_config(monkeypatch, COURSE_HUB_KERNEL_TRANSPORT="tcp")["c"]
    assert "--KernelManager.transport=tcp" in tcp.Spawner.args
    assert "JUPYTER_RUNTIME_DIR" not in tcp.Spawner.environment  # Jupyter's own default
    with pytest.raises(ValueError, match=r"COURSE_HUB_KERNEL_TRANSPORT must be 'ipc' or 'tcp', got 'udp'"):
        _load_config(monkeypatch, COURSE_HUB_KERNEL_TRANSPORT="udp")


@pytest.mark.parametrize(("home", "expected"), [
    ("/home/ada", "/home/ada/.local/share/jupyter/runtime"),          # Jupyter's default where it fits
    ("/home/" + "a" * 22, "/home/" + "a" * 22 + "/.local/share/jupyter/runtime"),  # the longest that does
    ("/home/" + "a" * 23, "/home/" + "a" * 23 + "/.jupyter/runtime"),  # one more: the short folder
    ("/home/" + "a" * 32, "/home/" + "a" * 32 + "/.jupyter/runtime"),  # Linux's longest user name (32)
])
def test_runtime_folder_keeps_every_kernel_socket_within_the_unix_limit(monkeypatch, home, expected):
    runtime_dir = _load_config(monkeypatch)["kernel_runtime_dir"]
    folder = runtime_dir(_spawner(home))
    assert folder == expected
    # the socket paths jupyter_client itself derives from a connection file in that folder (ip + "-<port>",
    # ports 1…5 for a new kernel id)
    km = KernelManager(transport="ipc", connection_file=os.path.join(folder, f"kernel-{uuid.uuid4()}.json"))
    assert os.path.isabs(km.ip) and km.ip.startswith(folder + "/")
    assert len(os.fsencode(f"{km.ip}-5")) <= SOCKET_PATH_MAX


def test_runtime_folder_from_the_passwd_entry_and_clear_errors_for_unusable_homes(monkeypatch):
    runtime_dir = _load_config(monkeypatch)["kernel_runtime_dir"]
    me = pwd.getpwuid(os.getuid())
    if len(os.fsencode(me.pw_dir)) <= 28:  # LocalProcessSpawner: no home_dir, the passwd entry's home
        assert runtime_dir(_spawner(None, me.pw_name)) == os.path.join(me.pw_dir, ".local/share/jupyter/runtime")
    long_home = "/srv/university/homes/students/2027/" + "b" * 8  # 44 bytes: 44 + 17 + 50 > 107
    with pytest.raises(ValueError, match=r"too long for the kernels' Unix sockets.*COURSE_HUB_KERNEL_TRANSPORT=tcp"):
        runtime_dir(_spawner(long_home))
    # a relative folder would be resolved against the server's working folder and the kernel's (the notebook's)
    with pytest.raises(ValueError, match=r"home must be an absolute path, got 'homes/ada'"):
        runtime_dir(_spawner("homes/ada"))


def test_libzmq_binds_an_ipc_socket_of_107_bytes_and_refuses_108(tmp_path):
    # the limit kernel_runtime_dir works to (man 7 unix: sun_path[108], NUL-terminated); pyzmq knows it too
    assert getattr(zmq, "IPC_PATH_MAX_LEN", SOCKET_PATH_MAX) == SOCKET_PATH_MAX
    ctx = zmq.Context()
    try:
        for length, ok in ((SOCKET_PATH_MAX, True), (SOCKET_PATH_MAX + 1, False)):
            path = str(tmp_path) + "/" + "s" * (length - len(str(tmp_path)) - 1)
            assert len(os.fsencode(path)) == length
            sock = ctx.socket(zmq.ROUTER)
            try:
                if ok:
                    sock.bind(f"ipc://{path}")
                    assert os.path.exists(path)
                else:
                    with pytest.raises(zmq.ZMQError, match=f"longer than {SOCKET_PATH_MAX}|too long"):
                        sock.bind(f"ipc://{path}")
            finally:
                sock.close(linger=0)
    finally:
        ctx.term()
