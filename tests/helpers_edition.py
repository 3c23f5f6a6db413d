"""The phone edition for tests and the bench: one build, a plain static server for it, and nginx with
deploy/nginx-edition.conf in front of it (only its listen, root and log lines filled in).

    folder = build_edition(tmp / "site")               # the whole edition, from the database of ORDOS_DB
    with serve_static(folder) as base: …               # http://127.0.0.1:<port>, Python's http.server
    with serve_edition_nginx(folder) as base: …        # the deployed configuration, precompressed files
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import socketserver
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from tests.helpers_server import HOST, ROOT, Server, free_port, nginx_main_conf, nginx_prefix, start_nginx, stop, wait_http_ok

EDITION_CONF = ROOT / "deploy" / "nginx-edition.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
SITE_URL = "https://m.example.org"  # what the tests' edition is built for (canonical links, sitemap, share images)
APP_URL = "https://app.example.org"
CHART_CACHE = Path(tempfile.gettempdir()) / "ordos-edition-test-charts"  # drawn charts by spec hash, kept between runs


def build_edition(out: Path, **options):
    """The whole edition in `out` (a few minutes the first time on a 2-core machine, far less with the chart cache)."""
    from edition.build import build

    return build(out, site_url=SITE_URL, app_url=APP_URL, chart_cache=CHART_CACHE, **options)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve_static(folder: Path, port: int | None = None) -> Iterator[str]:
    """Python's http.server on 127.0.0.1 for `folder` (folders answer with their index.html)."""
    port = port or free_port()
    server = socketserver.ThreadingTCPServer((HOST, port), functools.partial(_Quiet, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{port}"
    finally:
        server.shutdown()
        server.server_close()


def edition_site(folder: Path, port: int, logs: Path, source: Path = EDITION_CONF, brotli: bool = True) -> str:
    """deploy/nginx-edition.conf with the test's listen address, root and access log (the rest as deployed)."""
    text = source.read_text(encoding="utf-8")
    text, listens = re.subn(r"^(\s*)listen\s+[^;]+;\n", "", text, flags=re.M)
    if not listens:
        raise ValueError(f"{source}: no listen line")
    text = re.sub(r"^(\s*)server_name\s+[^;]+;", rf"\1listen {HOST}:{port};\n\1server_name {HOST};", text, count=1, flags=re.M)
    text, roots = re.subn(r"^(\s*)root\s+[^;]+;", rf"\1root {folder};", text, flags=re.M)
    text = re.sub(r"^(\s*)access_log\s+[^;]+;", rf"\1access_log {logs / 'access.log'};", text, flags=re.M)
    if roots != 1:
        raise ValueError(f"{source}: expected one root line")
    if not brotli:
        text = re.sub(r"^\s*brotli_static\s+on;\n", "", text, flags=re.M)
    return text


@contextlib.contextmanager
def serve_edition_nginx(folder: Path, port: int | None = None, workers: int = 1) -> Iterator[Server]:
    """Debian's nginx serving `folder` with deploy/nginx-edition.conf (brotli_static only if its module is installed)."""
    port = port or free_port()
    logs = nginx_prefix("ordos-edition-nginx-", temp=("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    brotli = BROTLI_MODULE.exists()
    main = nginx_main_conf(edition_site(Path(folder).resolve(), port, logs, brotli=brotli), logs)
    main = main.replace("worker_processes 1;", f"worker_processes {workers};")
    # As root, the workers would run as nobody, who cannot read the folders pytest makes (private to their owner).
    main = main.replace("user nobody nogroup;", "user root root;")
    if brotli:
        main = f"load_module {BROTLI_MODULE};\n{main}"
    process, log_path = start_nginx(logs, main)
    server = Server(f"http://{HOST}:{port}", process, port, log_path)
    try:
        wait_http_ok(f"{server}/robots.txt", 15, process)
        yield server
    finally:
        stop(process)
        shutil.rmtree(logs, ignore_errors=True)
