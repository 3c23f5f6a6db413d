"""Shared pieces of the benchmark: the pages, servers started on free loopback ports, statistics, the machine.

Every server the benchmark measures is a `streamlit run` child process bound to 127.0.0.1 on a free port,
started with the project's own .streamlit/config.toml (the production settings), so that the app and the
bare floor app are served by the same Streamlit with the same configuration.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
PYTHON = sys.executable
HOST = "127.0.0.1"
CHROMIUM = os.environ.get("BENCH_CHROMIUM", "/usr/lib/chromium/chromium")

# The public pages: (label, url path, query string). The default view of each, in the default language.
PAGES: list[tuple[str, str, str]] = [
    ("home", "", "lang=zh"),
    ("zhungeer", "zhungeer", "lang=zh"),
    ("indicators", "indicators", "lang=zh"),
    ("projects", "projects", "lang=zh"),
    ("map", "map", "lang=zh"),
    ("about", "about", "lang=zh"),
]
# Views with a selection in the URL (the same pages, reached through a shared link or a QR code).
SELECTIONS: list[tuple[str, str, str]] = [
    ("zhungeer?chapter=2", "zhungeer", "lang=en&chapter=2"),
    ("indicators?indicator=17", "indicators", "lang=en&indicator=17"),
    ("projects?project=16", "projects", "lang=en&project=16"),
    ("map?district=150622", "map", "lang=en&district=150622"),
]
BARE_PAGES: list[tuple[str, str, str]] = [("bare", "", ""), ("bare/second", "second", "")]
# The bare app's third page: 60 plain elements (markdown, links, HTML, captions), as many as the About page sends.
# It shows what Streamlit itself costs per element, i.e. the floor for a page of that size.
BARE_ELEMENTS: tuple[str, str, str] = ("bare/60 elements", "elements", "")

BARE_APP = '''"""The framework's floor: a bare two-page Streamlit app (title, a line of text, a link), and a page of 60 plain elements."""
import streamlit as st

def first():
    st.title("Bare page")
    st.write("The floor: what Streamlit itself costs.")
    st.page_link(second_page, label="Second page")

def second():
    st.title("Second page")
    st.write("Another bare page.")
    st.page_link(first_page, label="First page")

def elements():
    for i in range(15):
        st.markdown(f"**Paragraph {i}.** A line of text as a page has many of.")
        st.page_link(first_page, label=f"Link {i}")
        st.html(f"<p>An HTML block {i}</p>")
        st.caption(f"Caption {i}")

def settings():
    # what this server runs with (the bench checks it is the project's production settings)
    names = ("runner.postScriptGC", "server.fileWatcherType", "runner.fastReruns", "server.runOnSave", "runner.magicEnabled")
    st.text(repr({name: st.get_option(name) for name in names}))

first_page = st.Page(first, title="First", url_path="", default=True)
second_page = st.Page(second, title="Second", url_path="second")
elements_page = st.Page(elements, title="Elements", url_path="elements")
settings_page = st.Page(settings, title="Settings", url_path="settings")
st.navigation([first_page, second_page, elements_page, settings_page], position="hidden").run()
'''


def quick() -> bool:
    """QUICK=1 in the environment: a smoke run with small counts (about three minutes in all)."""
    return os.environ.get("QUICK", "") not in ("", "0")


# ----------------------------------------------------------------------------------------- statistics


def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile (0-100) with linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(values: list[float], scale: float = 1.0) -> dict:
    """n, median, p95, p99, min, max and the interquartile range (the spread), each multiplied by `scale`."""
    if not values:
        return {"n": 0}
    s = [v * scale for v in values]
    return {
        "n": len(s),
        "median": statistics.median(s),
        "p95": percentile(s, 95),
        "p99": percentile(s, 99),
        "min": min(s),
        "max": max(s),
        "iqr": percentile(s, 75) - percentile(s, 25),
    }


# ----------------------------------------------------------------------------------------- servers


# The benchmark's servers use ports 8750-8799 (the tests 8700-8749; other work on this machine uses 8611-8620).
PORTS = range(8750, 8800)


def free_port() -> int:
    """A port of PORTS free on 127.0.0.1 right now, not handed out before by this run (a stopped server's port may linger)."""
    from tests.helpers_server import free_port as free_in

    return free_in(PORTS)


def bare_app_dir() -> Path:
    """A temporary folder with the bare two-page app and a copy of the project's .streamlit/config.toml."""
    folder = Path(tempfile.mkdtemp(prefix="ordos-bench-bare-"))
    (folder / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    (folder / "static").mkdir()  # the shared config enables static serving
    (folder / "app.py").write_text(BARE_APP, encoding="utf-8")
    return folder


@dataclass
class Server:
    """A `streamlit run` child process on 127.0.0.1; use as a context manager (it is always stopped)."""

    script: str = "app.py"
    cwd: Path = ROOT
    flags: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    name: str = "app"
    proc: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def ws_base(self) -> str:
        return f"ws://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, timeout: float = 60) -> Server:
        self.port = self.port or free_port()
        OUT.mkdir(parents=True, exist_ok=True)
        self.log_path = OUT / f"server-{self.name}-{self.port}.log"
        cmd = [PYTHON, "-m", "streamlit", "run", self.script, "--server.port", str(self.port), "--server.address", HOST]
        for key, value in self.flags.items():
            cmd += [f"--{key}", value]
        # charts drawn once for the whole bench (components.charts.kept_svg), as deploy/ordos@.service keeps them
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "ORDOS_CHART_CACHE": str(OUT / "chart-cache"), **self.env}
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server {self.name} exited: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server {self.name} did not answer /_stcore/health within {timeout} s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def app_server(name: str = "app", **flags: str) -> Server:
    return Server(name=name, flags=flags)


def bare_server(name: str = "bare", **flags: str) -> Server:
    return Server(name=name, cwd=bare_app_dir(), flags=flags)


SETTINGS_THAT_MATTER = ("runner.postScriptGC", "server.fileWatcherType", "runner.fastReruns", "server.runOnSave", "runner.magicEnabled")


def bare_settings(server: Server) -> dict:
    """The settings the bare app's server runs with (its /settings page) and those of .streamlit/config.toml: the
    comparator must run like the app (with Streamlit's default postScriptGC it does a quarter of the runs)."""
    import ast
    import asyncio
    import tomllib

    from bench.wsclient import Session

    async def ask() -> dict:
        async with Session(server.ws_base, record=True) as s:
            await s.run(page_name="settings", query="")
            return s.last_text

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    project = {name: config.get(name.split(".")[0], {}).get(name.split(".")[1]) for name in SETTINGS_THAT_MATTER}
    running = ast.literal_eval(asyncio.run(ask()) or "{}")
    return {"bare_app": running, "config_toml": project, "same": all(running.get(k) == v for k, v in project.items())}


def page_exists(server: Server, url_path: str) -> bool:
    """Whether the app has a page at `url_path` (asks the server over the websocket; no browser)."""
    import asyncio

    from bench.wsclient import Session

    async def probe() -> bool:
        async with Session(server.ws_base) as s:
            result = await s.run(page_name=url_path, query="")
            return not result.page_not_found

    return asyncio.run(probe())


# ----------------------------------------------------------------------------------------- the machine


def _version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "unknown"


def machine() -> dict:
    """CPU model, cores, RAM, OS, Python, Streamlit, Chromium and nginx versions of this run."""
    import psutil
    import streamlit

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip() if shutil.which("nginx") else "absent"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "chromium": _version([CHROMIUM, "--version"]),
        "nginx": nginx,
        "load_average_at_start": os.getloadavg(),
    }


class Sampler:
    """CPU (% of one core) and memory (RSS, MB) of server processes, sampled every `every` seconds in a thread."""

    def __init__(self, pids: list[int], every: float = 0.5):
        import threading

        import psutil

        self.procs = [psutil.Process(p) for p in pids]
        self.every = every
        self.cpu: list[float] = []
        self.rss: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        import psutil

        for p in self.procs:
            p.cpu_percent(None)
        while not self._stop.wait(self.every):
            cpu = rss = 0.0
            for p in self.procs:
                with contextlib.suppress(psutil.Error):
                    cpu += p.cpu_percent(None)
                    rss += p.memory_info().rss / 2**20
            self.cpu.append(cpu)
            self.rss.append(rss)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def result(self) -> dict:
        return {
            "cpu_mean_pct": statistics.fmean(self.cpu) if self.cpu else None,
            "cpu_max_pct": max(self.cpu) if self.cpu else None,
            "rss_start_mb": self.rss[0] if self.rss else None,
            "rss_max_mb": max(self.rss) if self.rss else None,
            "rss_end_mb": self.rss[-1] if self.rss else None,
        }


def rss_mb(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 2**20
