"""nginx in front of several app replicas, for the load that one Streamlit process cannot carry.

The bench runs the deployed configuration itself: deploy/nginx.conf (sticky sessions by the `ordos_route`
cookie, websocket upgrade, gzip, static cache, security headers), with only its replica list, listen address
and cache/log paths filled in — the same code path as tests/test_failover.py (tests/helpers_server.serve_nginx):
Debian's nginx in the foreground with a temporary prefix, one worker, stopped at the end. The load generator
sends an `ordos_route` cookie per visitor, as a browser does after its first response.
"""

from __future__ import annotations

import contextlib

from bench.common import HOST, OUT, free_port


class Nginx:
    """`with Nginx([8751, 8752]) as n:` — nginx on 127.0.0.1:n.port in front of those replica ports."""

    def __init__(self, upstream_ports: list[int]):
        self.upstream_ports = upstream_ports
        self.port = free_port()
        self._stack: contextlib.ExitStack | None = None
        self.server = None

    def __enter__(self) -> Nginx:
        from tests.helpers_server import serve_nginx

        self._stack = contextlib.ExitStack()
        self.server = self._stack.enter_context(serve_nginx([f"{HOST}:{p}" for p in self.upstream_ports], port=self.port))
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "nginx.conf").write_text((self.server.folder / "nginx.conf").read_text())  # the config of the run, for the record
        return self

    @property
    def pids(self) -> list[int]:
        import psutil

        if not self.server:
            return []
        main = psutil.Process(self.server.process.pid)
        return [main.pid] + [c.pid for c in main.children()]

    def requests(self) -> list[dict[str, str]]:
        """nginx's access log as records (which replica answered each request)."""
        return self.server.requests() if self.server else []

    def __exit__(self, *exc) -> None:
        if self._stack:
            self._stack.close()
