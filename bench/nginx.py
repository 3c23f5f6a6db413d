"""nginx in front of several app replicas, for the load that one Streamlit process cannot carry.

The config is generated here (a temporary prefix, a free loopback port, nginx in the foreground, stopped at the
end). A visitor's websocket lives in one replica, and so do the files it serves (/media/), so routing is sticky
per visitor: a `ordos_route` cookie, set by nginx on the first response when the browser has none (the
request id), picks the replica with a consistent hash. The load generator sends such a cookie per visitor, as a
browser would after its first request. Websocket upgrade headers are passed through and the proxy timeouts are
long (a visitor may read a page for minutes without a message).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import HOST, OUT, free_port

TEMPLATE = """
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  map $cookie_ordos_route $ordos_route {{ '' $request_id; default $cookie_ordos_route; }}
  upstream streamlit {{
    hash $ordos_route consistent;
{servers}
    keepalive 32;
  }}
  server {{
    listen {host}:{port};
    location / {{
      proxy_pass http://streamlit;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header Connection "";
      add_header Set-Cookie "ordos_route=$ordos_route; Path=/; HttpOnly; SameSite=Lax";
    }}
    location /_stcore/stream {{
      proxy_pass http://streamlit;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 86400s;
      proxy_send_timeout 86400s;
      proxy_buffering off;
    }}
  }}
}}
"""


class Nginx:
    """`with Nginx([8601, 8602]) as n:` — nginx on 127.0.0.1:n.port in front of those replica ports."""

    def __init__(self, upstream_ports: list[int]):
        self.upstream_ports = upstream_ports
        self.port = free_port()
        self.prefix = Path(tempfile.mkdtemp(prefix="ordos-bench-nginx-"))
        self.proc: subprocess.Popen | None = None

    def config(self) -> str:
        servers = "\n".join(f"    server {HOST}:{p};" for p in self.upstream_ports)
        return TEMPLATE.format(prefix=self.prefix, servers=servers, host=HOST, port=self.port)

    def __enter__(self) -> Nginx:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        conf = self.prefix / "nginx.conf"
        conf.write_text(self.config())
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "nginx.conf").write_text(self.config())  # the config of the run, for the record
        self.proc = subprocess.Popen(
            [binary, "-p", str(self.prefix), "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.proc.stderr.read().decode()[-500:]}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("nginx did not answer")

    @property
    def pids(self) -> list[int]:
        import psutil

        if not self.proc:
            return []
        main = psutil.Process(self.proc.pid)
        return [main.pid] + [c.pid for c in main.children()]

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.prefix, ignore_errors=True)
