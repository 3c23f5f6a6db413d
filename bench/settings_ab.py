"""Production configuration, measured: the same load on the app with one setting changed at a time.

Each variant is a fresh server: the project's .streamlit/config.toml plus one command-line override (a flag
beats the file). The variants are the settings that change the server's work per visitor: the file watcher
(Streamlit's default `auto` watches every module the app imports, for every session), the garbage collection
after every script run (`runner.postScriptGC`, default true). For each: the pages opened once (warm caches), the server's idle CPU
(10 s, no visitor), then `visitors` simulated visitors (bench/loadgen.py) for `duration` seconds, with p50/p95,
errors, and the server's CPU time per request (CPU-seconds / requests: a measure that does not depend on how
close to saturation the run was).
"""

from __future__ import annotations

import time

from bench import loadgen
from bench.common import Sampler, Server

VARIANTS: dict[str, dict[str, str]] = {
    "production (.streamlit/config.toml)": {},
    "server.fileWatcherType = auto (Streamlit's default)": {"server.fileWatcherType": "auto"},
    "runner.postScriptGC = true (Streamlit's default)": {"runner.postScriptGC": "true"},
}


def idle_cpu(server: Server, seconds: float = 10) -> float:
    with Sampler([server.pid], every=1.0) as s:
        time.sleep(seconds)
    return s.result()["cpu_mean_pct"] or 0.0


def compare(visitors: int = 25, think: float = 5, duration: float = 30, variants: dict | None = None, app_site: str = "ordos") -> dict:
    site = loadgen.ordos_site() if app_site == "ordos" else loadgen.bare_site()
    out = {}
    for i, (name, flags) in enumerate((variants or VARIANTS).items()):
        with Server(name=f"ab{i}", flags=flags) as server:
            loadgen.warm(server.ws_base, site)
            idle = idle_cpu(server)
            r = loadgen.level(server.ws_base, site, visitors, think, duration, [server.pid], seed=7)
            cpu_s = (r["cpu_mean_pct"] or 0) / 100 * duration
            out[name] = {
                "flags": flags,
                "idle_cpu_pct": idle,
                "requests": r["requests"],
                "rate_per_s": r["rate_per_s"],
                "p50_ms": r["p50_ms"],
                "p95_ms": r["p95_ms"],
                "errors": r["errors"],
                "cpu_mean_pct": r["cpu_mean_pct"],
                "cpu_ms_per_request": cpu_s * 1000 / r["requests"] if r["requests"] else None,
                "rss_max_mb": r["rss_max_mb"],
            }
    return {"visitors": visitors, "think_s": think, "duration_s": duration, "variants": out}
