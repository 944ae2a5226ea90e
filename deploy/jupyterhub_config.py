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
``COURSE_HUB_SERVICE_TOKEN``  [unset]
    Registers a service ``course-bench`` with this API token and the right to create users and start,
    stop and reach their servers (benchmarks/bench_class.py and tests/test_hub_smoke.py use it).

Authentication for a real class is deliberately left to the site: JupyterHub's default (PAM, the machine's
accounts), or ``c.JupyterHub.authenticator_class`` below the "site settings" line, or a site file that calls
``load_subconfig("…/deploy/jupyterhub_config.py")`` and then adds its own settings.
"""

import importlib.util
import os
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
        c.Spawner.args = ["--ServerApp.allow_root=True"]
else:  # a class: one Unix account per student
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"

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
