"""JupyterHub configuration for a class of "Spasm or signal?" on ONE machine (The Littlest JupyterHub style).

Start it with ``jupyterhub -f deploy/jupyterhub_config.py`` from a folder where the hub may keep its
database and cookie secret. Every setting a site is likely to change is read from an environment variable
(defaults in brackets):

``COURSE_HUB_USER_ENV``  [the hub's own environment, ``sys.prefix``]
    The virtual environment that holds the course (installed NOT editable, see deploy/README.md),
    JupyterLab and ``jupyterhub-singleuser``. Each student's server is its ``bin/jupyterhub-singleuser``.
``COURSE_HUB_IP`` / ``COURSE_HUB_PORT``  [127.0.0.1 / 8000]
    Where the proxy listens. Loopback only by default: put HTTPS (a reverse proxy, or TLJH's Traefik) in
    front, or set ``COURSE_HUB_IP=0.0.0.0`` deliberately.
``COURSE_HUB_HUB_PORT`` / ``COURSE_HUB_PROXY_API_PORT``  [8081 / 8001]
    The hub's own port and the proxy's REST API, both on 127.0.0.1.
``COURSE_HUB_PROXY``  [``configurable-http-proxy`` on PATH]
    The configurable-http-proxy command (npm: ``npm install configurable-http-proxy``).
``COURSE_HUB_SPAWN_TIMEOUT``  [180 s]
    ``Spawner.start_timeout`` and ``Spawner.http_timeout``. JupyterHub's 30 s ``http_timeout`` default is
    the first thing to fail when a whole class logs in at once (benchmarks/RESULTS.md, "Class on a hub").
``COURSE_HUB_HOMES``  [unset]
    Unset: each student is a real Unix user (LocalProcessSpawner; the site configures an authenticator,
    e.g. PAM, OAuth or LTI). Set to a folder: every student runs as the hub's own user with home
    ``$COURSE_HUB_HOMES/<name>`` (SimpleLocalProcessSpawner). That is for tests and benchmarks only: the
    students are not isolated from each other.
``COURSE_HUB_DUMMY_AUTH=1``  [unset]
    Any user name and any password log in (DummyAuthenticator). Tests and benchmarks only, never a class.
``COURSE_HUB_KERNEL_TRANSPORT``  [ipc]
    How each server talks to its kernels. ``ipc``: ZMQ over Unix domain sockets in the student's Jupyter
    runtime folder (no TCP port, so kernels of different students cannot collide). ``tcp``: Jupyter's
    default, five loopback ports per kernel picked before the kernel binds them; on one machine two students'
    kernels sometimes pick the same port and one dies at start (deploy/README.md, "Kernels talk over Unix
    sockets").
``COURSE_HUB_SERVICE_TOKEN``  [unset]
    Registers a service ``course-bench`` with this API token and the right to create users and start,
    stop and reach their servers (benchmarks/bench_class.py and tests/test_hub_smoke.py use it).

Authentication for a real class is deliberately left to the site: JupyterHub's default (PAM, the machine's
accounts), or ``c.JupyterHub.authenticator_class`` below the "site settings" line, or a site file that calls
``load_subconfig("…/deploy/jupyterhub_config.py")`` and then adds its own settings.
"""

import importlib.util
import os
import pwd
import shutil
import sys

c = get_config()  # noqa: F821  (injected by JupyterHub when it loads this file)

env = os.environ.get
USER_ENV = env("COURSE_HUB_USER_ENV", sys.prefix)
SPAWN_TIMEOUT = int(env("COURSE_HUB_SPAWN_TIMEOUT", "180"))

# ---- network: loopback unless the site says otherwise ------------------------------------------------
c.JupyterHub.ip = env("COURSE_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(env("COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("COURSE_HUB_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(env('COURSE_HUB_PROXY_API_PORT', '8001'))}"
c.ConfigurableHTTPProxy.command = [env("COURSE_HUB_PROXY") or shutil.which("configurable-http-proxy")
                                   or "configurable-http-proxy"]
c.Spawner.ip = "127.0.0.1"  # user servers listen on loopback; the proxy reaches them there

# ---- the course environment ------------------------------------------------------------------------
c.Spawner.cmd = [os.path.join(USER_ENV, "bin", "jupyterhub-singleuser")]
# the kernels must come from the same environment (the ipywidgets and plotly front-end extensions match)
c.Spawner.environment = {"PATH": os.pathsep.join([os.path.join(USER_ENV, "bin"), "/usr/local/bin", "/usr/bin",
                                                  "/bin"])}
# where the nbgitpuller link of deploy/README.md clones the course (~/course)
c.Spawner.default_url = "/lab/tree/course/notebooks/00_welcome.ipynb"

# ---- kernels talk to their server over Unix sockets, not loopback TCP ports ----------------------------
# With TCP (Jupyter's default) a server picks five free loopback ports for a new kernel, closes them and passes
# the numbers to the kernel, which binds them a second or more later. All students' servers share the
# machine's loopback, so two of them can hand out the same port in that gap: the later kernel dies with ZMQ's
# "Address already in use", and the restarter tries the same ports again (3 of ~180 kernel starts in
# benchmarks/RESULTS.md, "Class on a hub"). With ipc each kernel binds five Unix sockets named after its own
# kernel id in the student's private runtime folder: nothing is shared, nothing can collide
# (benchmarks/stress_kernel_start.py). The option is given on the server's command line only, so it does not
# reach `jupyter nbconvert --execute` in a student's terminal (without a server, jupyter_client's ipc sockets
# would be the relative path "kernel-ipc", resolved against two different working folders).
KERNEL_TRANSPORT = env("COURSE_HUB_KERNEL_TRANSPORT", "ipc")
if KERNEL_TRANSPORT not in ("ipc", "tcp"):
    raise ValueError(f"COURSE_HUB_KERNEL_TRANSPORT must be 'ipc' or 'tcp', got {KERNEL_TRANSPORT!r}")
SOCKET_PATH_MAX = 107  # bytes in a Unix socket path (sun_path is 108 with the final NUL; libzmq refuses longer)
# what jupyter_client appends to the runtime folder for a kernel's five sockets: "/kernel-<36-char id>-ipc-<n>",
# n = 1…5 (a new kernel id has no old socket files, so n never reaches 10)
IPC_SOCKET_SUFFIX = len("/kernel-") + 36 + len("-ipc-1")
RUNTIME_DIR_MAX = SOCKET_PATH_MAX - IPC_SOCKET_SUFFIX  # 57 bytes


def kernel_runtime_dir(spawner) -> str:
    """``JUPYTER_RUNTIME_DIR`` for a student's server: absolute, in the home, short enough for the sockets.

    The kernels' connection files and sockets go to the server's runtime folder (the server creates it with
    mode 0700). Jupyter's default, ``~/.local/share/jupyter/runtime``, fits a home path of up to 28 bytes
    (``/home/`` + 22 characters); a longer home gets ``~/.jupyter/runtime``, which fits up to 40 bytes (every
    ``/home/<name>``: Linux user names have at most 32 characters). Set explicitly, it is always absolute: a
    relative runtime folder would put the server and the kernel (which starts in the notebook's folder) on
    different socket paths.
    """
    home = getattr(spawner, "home_dir", "") or pwd.getpwnam(spawner.user.name).pw_dir
    if not os.path.isabs(home):
        raise ValueError(f"{spawner.user.name}'s home must be an absolute path, got {home!r}")
    candidates = [os.path.join(home, ".local", "share", "jupyter", "runtime"),
                  os.path.join(home, ".jupyter", "runtime")]
    for folder in candidates:
        if len(os.fsencode(folder)) <= RUNTIME_DIR_MAX:
            return folder
    raise ValueError(
        f"{spawner.user.name}'s home {home!r} is too long for the kernels' Unix sockets: "
        f"{candidates[-1]!r} is {len(os.fsencode(candidates[-1]))} bytes, at most {RUNTIME_DIR_MAX} fit "
        f"({SOCKET_PATH_MAX}-byte socket path). Use shorter home paths or COURSE_HUB_KERNEL_TRANSPORT=tcp.")


server_args = [f"--KernelManager.transport={KERNEL_TRANSPORT}"]
if KERNEL_TRANSPORT == "ipc":
    c.Spawner.environment["JUPYTER_RUNTIME_DIR"] = kernel_runtime_dir

# ---- a whole class logging in at once --------------------------------------------------------------
# 30 students logging in together on 2 cores took up to ~55 s per server start; with JupyterHub's default
# http_timeout of 30 s none of them started (benchmarks/RESULTS.md). Keep both at 120 s or more.
c.Spawner.start_timeout = SPAWN_TIMEOUT
c.Spawner.http_timeout = SPAWN_TIMEOUT
c.JupyterHub.concurrent_spawn_limit = 100  # the default; a larger class should stagger logins

# ---- per-student resources -------------------------------------------------------------------------
# One student with one notebook open uses ~0.3 GiB; one with all seven notebooks running ~1 GiB.
# HONEST NOTE: the local-process spawners do NOT enforce these. JupyterHub only passes them to the server
# as the environment variables MEM_LIMIT / MEM_GUARANTEE / CPU_GUARANTEE (which a resource-usage display
# may show). They are enforced by systemdspawner (what The Littlest JupyterHub uses: cgroups via systemd)
# and by KubeSpawner (Zero to JupyterHub, deploy/z2jh-config.yaml).
c.Spawner.mem_limit = "2G"
c.Spawner.mem_guarantee = "0.5G"
c.Spawner.cpu_guarantee = 0.05  # one student dragging a slider at 2 moves/s uses ~0.05 core

# ---- user accounts ---------------------------------------------------------------------------------
homes = env("COURSE_HUB_HOMES")
if homes:  # tests and benchmarks: everyone is the hub's user, homes under one folder
    c.JupyterHub.spawner_class = "simple"  # jupyterhub.spawner.SimpleLocalProcessSpawner
    c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(os.path.abspath(homes), "{username}")
    if os.geteuid() == 0:  # a throwaway container running everything as root
        server_args.append("--ServerApp.allow_root=True")
else:  # a class: one Unix account per student
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.args = server_args

if env("COURSE_HUB_DUMMY_AUTH") == "1":
    c.JupyterHub.authenticator_class = "dummy"
    c.Authenticator.allow_all = True

services: list[dict] = []
roles: list[dict] = []
token = env("COURSE_HUB_SERVICE_TOKEN")
if token:
    services.append({"name": "course-bench", "api_token": token})
    roles.append({"name": "course-bench", "services": ["course-bench"],
                  "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"]})

# ---- stop idle servers (only if jupyterhub-idle-culler is installed) ---------------------------------
if importlib.util.find_spec("jupyterhub_idle_culler") is not None:
    services.append({"name": "idle-culler",
                     "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"]})
    roles.append({"name": "idle-culler", "services": ["idle-culler"],
                  "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]})
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles

# ---- site settings ---------------------------------------------------------------------------------
# e.g. c.JupyterHub.authenticator_class = "pam"; c.Authenticator.allowed_users = {...};
#      c.Authenticator.admin_users = {"instructor"}
