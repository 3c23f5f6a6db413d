"""Real servers for tests: a Streamlit server on a free loopback port, nginx in front of replicas, and a
minimal Streamlit client that speaks the app's websocket protocol (no browser needed).

    from tests.helpers_server import serve, Visitor

    with serve() as base_url:                      # 'http://127.0.0.1:<free port>', ready (health is 'ok')
        status, headers, body = http_get(base_url + "/indicators?lang=en")
        with Visitor(base_url) as tab:             # one browser tab: page GET (cookies kept), then websocket
            run = tab.open("indicators", "lang=en")
            assert run.ok, run.error
        base_url.log()                             # what the server wrote to stdout/stderr so far

`serve()` runs `streamlit run app.py` from the project folder, so the production settings of
.streamlit/config.toml apply; `env` adds to (or, with None, removes from) the inherited environment, so a
test can point ORDOS_DB elsewhere. Every wait is bounded: start-up, each HTTP request, each script run.
The server is stopped with SIGTERM (then SIGKILL) when the block ends; `base_url.kill()` kills it at once,
as a crash would.

`serve_nginx(upstreams)` runs Debian's nginx (not as a daemon, everything in a temporary folder) with the
site configuration of deploy/nginx.conf, its replica list and listen address filled in for the test.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
NGINX = Path("/usr/sbin/nginx")
DEPLOY_NGINX_CONF = ROOT / "deploy" / "nginx.conf"
_VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(_VENV_PYTHON) if _VENV_PYTHON.exists() else sys.executable


# The tests' servers use ports 8700-8749 (the benchmark 8750-8799; other work on this machine uses 8611-8620).
PORTS = range(8700, 8750)
_taken: set[int] = set()


def free_port(ports: range = PORTS) -> int:
    """A TCP port of `ports` that is free on the loopback interface right now (and not handed out before by this process)."""
    import random

    candidates = [p for p in ports if p not in _taken] or list(ports)
    random.shuffle(candidates)
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
        _taken.add(port)
        return port
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")


def http_get(url: str, headers: Mapping[str, str] | None = None, timeout: float = 10) -> tuple[int, http.client.HTTPMessage, bytes]:
    """GET a URL exactly as given (no path normalisation, no redirects followed): status, headers, body."""
    parts = urllib.parse.urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.putrequest("GET", target, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def wait_http_ok(url: str, timeout: float, process: subprocess.Popen | None = None, expect: bytes | None = None) -> None:
    """Poll `url` until it answers 200 (and `expect`, if given), at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before {url} was ready")
        try:
            status, _, body = http_get(url, timeout=2)
            if status == 200 and (expect is None or body.strip() == expect):
                return
            last = f"HTTP {status}"
        except OSError as exc:
            last = repr(exc)
        time.sleep(0.1)
    raise TimeoutError(f"{url} not ready after {timeout:.0f} s ({last})")


class Server(str):
    """The base URL of a running server (it is a str), with the process, its port and its log."""

    process: subprocess.Popen
    port: int
    log_path: Path

    def __new__(cls, url: str, process: subprocess.Popen, port: int, log_path: Path) -> Server:
        obj = super().__new__(cls, url)
        obj.process, obj.port, obj.log_path = process, port, log_path
        return obj

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def log(self) -> str:
        """Everything the server wrote to stdout and stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL, as a crash would: no goodbye to any client."""
        if self.alive:
            self.process.kill()
            self.process.wait(timeout=10)


def stop(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _start(
    port: int | None,
    env: Mapping[str, str | None] | None,
    script: str | os.PathLike,
    cwd: str | os.PathLike,
    options: Mapping[str, str] | None,
    folder: Path,
) -> Server:
    port = port or free_port()
    log_path = folder / f"server-{port}.log"
    child_env = dict(os.environ)
    for key, value in (env or {}).items():
        if value is None:
            child_env.pop(key, None)
        else:
            child_env[key] = str(value)
    child_env.setdefault("PYTHONUNBUFFERED", "1")
    args = [PYTHON, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.address", HOST,
            "--server.headless", "true", "--browser.gatherUsageStats", "false"]  # fmt: skip
    for key, value in (options or {}).items():
        args += [f"--{key}", str(value)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(args, cwd=str(cwd), env=child_env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return Server(f"http://{HOST}:{port}", process, port, log_path)


def _wait_ready(server: Server, timeout: float) -> None:
    try:
        wait_http_ok(f"{server}/_stcore/health", timeout, server.process, expect=b"ok")
    except (RuntimeError, TimeoutError) as exc:
        raise RuntimeError(f"{exc}\n--- server log ---\n{server.log()[-3000:]}") from None


@contextlib.contextmanager
def serve(
    port: int | None = None,
    env: Mapping[str, str | None] | None = None,
    *,
    script: str | os.PathLike = "app.py",
    cwd: str | os.PathLike = ROOT,
    options: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> Iterator[Server]:
    """A `streamlit run` server on 127.0.0.1:`port` (a free one by default), ready when the block starts.

    `cwd` is where Streamlit finds `.streamlit/config.toml` (the project's, by default); `options` are extra
    `--section.option value` flags.
    """
    with serve_replicas(1, env, ports=[port] if port else None, script=script, cwd=cwd, options=options, timeout=timeout) as servers:
        yield servers[0]


@contextlib.contextmanager
def serve_replicas(
    count: int,
    env: Mapping[str, str | None] | None = None,
    *,
    ports: list[int] | None = None,
    script: str | os.PathLike = "app.py",
    cwd: str | os.PathLike = ROOT,
    options: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> Iterator[list[Server]]:
    """`count` servers of the same app, started together (so they boot in parallel), all ready."""
    folder = Path(tempfile.mkdtemp(prefix="ordos-server-"))
    servers: list[Server] = []
    try:
        for i in range(count):
            servers.append(_start(ports[i] if ports else None, env, script, cwd, options, folder))
        for server in servers:
            _wait_ready(server, timeout)
        yield servers
    finally:
        for server in servers:
            stop(server.process)
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------------------------------------- nginx


def nginx_site(upstreams: list[str], listen_port: int, folder: Path, source: Path = DEPLOY_NGINX_CONF) -> str:
    """deploy/nginx.conf with the test's replicas, listen address, cache and log paths filled in.

    Only these lines change; everything else (stickiness, websocket upgrade, headers, gzip, caching) is the
    deployed configuration itself. A change to deploy/nginx.conf that moves these lines fails here loudly.
    """
    text = source.read_text(encoding="utf-8")
    block = re.search(r"upstream ordos \{(.*?)\n\}", text, re.S)
    if not block:
        raise ValueError(f"{source}: no 'upstream ordos {{ ... }}' block")
    servers = re.findall(r"^(\s*)server\s+\S+(\s[^;]*)?;", block.group(1), re.M)
    if not servers:
        raise ValueError(f"{source}: the upstream block lists no server")
    indent, params = servers[0][0], servers[0][1] or ""
    body = re.sub(r"^\s*server\s+\S+(\s[^;]*)?;[^\n]*\n", "", block.group(1), flags=re.M)
    listed = "".join(f"{indent}server {u}{params};\n" for u in upstreams)
    text = text[: block.start(1)] + "\n" + listed + body.lstrip("\n") + text[block.end(1) :]
    replacements = [
        (r"^(\s*)listen\s+\[::\]:80[^;]*;", r"\1# (ipv6 listen removed for the test)"),
        (r"^(\s*)listen\s+80[^;]*;", rf"\1listen {HOST}:{listen_port};"),
        (r"/var/cache/nginx/ordos", str(folder / "cache")),
        (r"/var/log/nginx/", str(folder) + "/"),
    ]
    for pattern, repl in replacements:
        text, count = re.subn(pattern, repl, text, flags=re.M)
        if not count:
            raise ValueError(f"{source}: expected a line matching {pattern!r}")
    return text


def nginx_main_conf(site: str, folder: Path) -> str:
    """A whole nginx.conf around the site: foreground, one worker, every path inside `folder`."""
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    temp = "".join(f"  {kind}_temp_path {folder / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} info;\n"
        "events { worker_connections 1024; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  sendfile on;\n  access_log off;\n{temp}{site}\n}}\n"
    )


_ACCESS = re.compile(
    r'"(?P<method>\S+) (?P<uri>\S+)[^"]*" (?P<status>\d+) .*?route=(?P<route>\S+) upstream=(?P<upstream>.*?) ustatus=(?P<ustatus>.*?) '
    r"cache=(?P<cache>\S+)"
)


class Nginx(Server):
    """nginx's base URL, with its folder: access.log (format `ordos`, with the upstream) and error.log."""

    folder: Path

    def access_log(self) -> str:
        path = self.folder / "ordos.access.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def requests(self) -> list[dict[str, str]]:
        """The access log as records: method, uri, status, route (sticky cookie), upstream (the replica that
        answered: the last of $upstream_addr, which lists every replica tried), tried (all of them), cache."""
        out = []
        for line in self.access_log().splitlines():
            m = _ACCESS.search(line)
            if m:
                record = m.groupdict()
                tried = [u.strip() for u in re.split(r"\s*[,:]\s+", record["upstream"]) if u.strip()]
                record["tried"] = ",".join(tried)
                record["upstream"] = tried[-1] if tried else "-"
                out.append(record)
        return out

    def error_log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def nginx_prefix(prefix: str, temp: tuple[str, ...] = ("cache", "client_body", "proxy", "fastcgi", "uwsgi", "scgi")) -> Path:
    """A fresh nginx prefix folder with its temporary folders (writable by the workers: as root they run as nobody)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    for sub in temp:
        (folder / sub).mkdir()
        (folder / sub).chmod(0o777)
    return folder


def start_nginx(folder: Path, main_conf: str) -> tuple[subprocess.Popen, Path]:
    """Write `main_conf` into `folder`, check it with `nginx -t` (a failure removes the folder and says why) and
    start Debian's nginx in the foreground on it: the process and its output's log file."""
    conf = folder / "nginx.conf"
    conf.write_text(main_conf, encoding="utf-8")
    check = subprocess.run([str(NGINX), "-t", "-p", str(folder), "-c", str(conf)], capture_output=True, text=True, timeout=30)
    if check.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    log_path = folder / "stderr.log"
    with log_path.open("wb") as log:
        command = [str(NGINX), "-p", str(folder), "-c", str(conf)]
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return process, log_path


@contextlib.contextmanager
def serve_nginx(upstreams: list[str], port: int | None = None, timeout: float = 15, source: Path = DEPLOY_NGINX_CONF) -> Iterator[Nginx]:
    """Debian's nginx on 127.0.0.1:`port` in front of `upstreams` ('127.0.0.1:8501', …), with deploy/nginx.conf."""
    port = port or free_port()
    folder = nginx_prefix("ordos-nginx-")
    process, log_path = start_nginx(folder, nginx_main_conf(nginx_site(upstreams, port, folder, source), folder))
    server = Nginx(f"http://{HOST}:{port}", process, port, log_path)
    server.folder = folder
    try:
        try:
            wait_http_ok(f"{server}/_stcore/health", timeout, process, expect=b"ok")
        except (RuntimeError, TimeoutError) as exc:
            raise RuntimeError(f"{exc}\n--- nginx ---\n{server.log()}\n{server.error_log()[-3000:]}") from None
        yield server
    finally:
        stop(process)
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- a minimal Streamlit client


@dataclass
class Run:
    """What one script run sent back."""

    status: str = "timeout"  # finished | compile_error | closed | timeout
    seconds: float = 0.0
    session_id: str = ""
    elements: list = field(default_factory=list)  # (element type, Element proto) in arrival order
    page_not_found: bool = False
    error: str | None = None

    @property
    def exceptions(self) -> list:
        return [el for kind, el in self.elements if kind == "exception"]

    @property
    def ok(self) -> bool:
        return self.status == "finished" and not self.exceptions and not self.page_not_found

    def texts(self) -> list[str]:
        """The readable bodies: markdown, headings, alerts, plain text, HTML blocks and exception messages."""
        out = []
        for kind, el in self.elements:
            value = getattr(el, kind)
            if kind in ("markdown", "heading", "html", "text", "alert"):
                out.append(value.body)
            elif kind == "exception":
                out.append(f"{value.type}: {value.message}\n" + "\n".join(value.stack_trace))
        return out


class Visitor:
    """One browser tab without a browser: GET the page (keeping cookies, as a browser does), then talk to the
    app over `/_stcore/stream` with Streamlit's protobuf messages.

    Cookies set by the server or by a proxy in front (the sticky-session cookie) are sent back on every request
    and on the websocket handshake. `reconnect()` opens a new websocket offering the old session id, as
    Streamlit's frontend does after a dropped connection.
    """

    def __init__(self, base_url: str, timeout: float = 30, cookies: Mapping[str, str] | None = None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies: dict[str, str] = dict(cookies or {})
        self.ws = None
        self.session_id = ""
        self.page = ""
        self.query = ""

    # -- HTTP, as the browser loads the page shell
    def get(self, path: str = "", query: str = "") -> tuple[int, http.client.HTTPMessage, bytes]:
        url = f"{self.base_url}/{path.lstrip('/')}" + (f"?{query}" if query else "")
        headers = {"Cookie": self._cookie_header()} if self.cookies else {}
        status, response_headers, body = http_get(url, headers=headers, timeout=self.timeout)
        for raw in response_headers.get_all("Set-Cookie") or []:
            name, _, value = raw.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return status, response_headers, body

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    # -- websocket
    def connect(self, session_id: str | None = None) -> None:
        from websockets.sync.client import connect

        self.close()
        if "_streamlit_xsrf" not in self.cookies:
            self.get("_stcore/health")
        ws_url = "ws" + self.base_url.removeprefix("http") + "/_stcore/stream"
        protocols = ["streamlit", self.cookies.get("_streamlit_xsrf", "")]
        if session_id:
            protocols.append(session_id)
        self.ws = connect(
            ws_url, subprotocols=protocols, additional_headers={"Cookie": self._cookie_header(), "Origin": self.base_url},
            open_timeout=self.timeout, close_timeout=2, max_size=None, legacy=True,
        )  # fmt: skip

    def open(self, page: str = "", query: str = "") -> Run:
        """Load a page as a visitor arriving by URL: the HTML shell, a new websocket session, the first script run."""
        self.page, self.query = page, query
        try:
            self.get(page, query)
            self.connect()
        except Exception as exc:  # refused, reset, bad handshake: the visitor sees a connection error
            return Run(status="closed", error=repr(exc))
        return self.run(page, query)

    def reconnect(self) -> Run:
        """What the frontend does after a dropped connection: ask /_stcore/health until it answers, open a new
        websocket offering the old session id, then rerun the current page."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                if self.get("_stcore/health")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                return Run(status="closed", error="the server never answered /_stcore/health again")
            time.sleep(0.5)
        try:
            self.connect(self.session_id or None)
        except Exception as exc:
            return Run(status="closed", error=repr(exc))
        return self.run(self.page, self.query)

    def run(self, page: str | None = None, query: str | None = None) -> Run:
        """Ask for a script run of `page` (url path) with `query`; wait for its end, at most `timeout` seconds."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.exceptions import ConnectionClosed

        page = self.page if page is None else page
        query = self.query if query is None else query
        self.page, self.query = page, query
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        result = Run(session_id=self.session_id)
        start = time.monotonic()
        deadline = start + self.timeout
        try:
            if self.ws is None:
                raise ConnectionError("not connected")
            self.ws.send(msg.SerializeToString())
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    result.status, result.error = "timeout", f"no script_finished within {self.timeout:.0f} s"
                    break
                try:
                    raw = self.ws.recv(timeout=left)
                except TimeoutError:
                    continue
                fmsg = ForwardMsg()
                fmsg.ParseFromString(raw)
                kind = fmsg.WhichOneof("type")
                if kind == "new_session" and fmsg.new_session.HasField("initialize"):
                    self.session_id = result.session_id = fmsg.new_session.initialize.session_id
                elif kind == "page_not_found":
                    result.page_not_found = True
                elif kind == "delta" and fmsg.delta.WhichOneof("type") == "new_element":
                    element = fmsg.delta.new_element
                    result.elements.append((element.WhichOneof("type"), element))
                elif kind == "script_finished":
                    status = fmsg.script_finished
                    if status == ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                        result.elements.clear()
                        continue
                    if status == ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR:
                        result.status = "compile_error"
                    else:
                        result.status = "finished"
                    break
        except (ConnectionClosed, ConnectionError, OSError) as exc:
            result.status, result.error = "closed", repr(exc)
        result.seconds = time.monotonic() - start
        return result

    def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                self.ws.close()
            self.ws = None

    def __enter__(self) -> Visitor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
