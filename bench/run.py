"""`make bench` (`python -m bench.run`): every measurement in one run, then bench/out/report.md and report.json.

QUICK=1 runs the same steps with small counts (a smoke run of about three minutes): its figures show that the
bench works, not how fast the app is. A step that fails is recorded as failed in the report and the run goes on.
The report is rewritten after every step, so an interrupted run still leaves what it measured.
"""

from __future__ import annotations

import json
import os
import statistics
import time
import traceback
from datetime import UTC, datetime

from bench import browser, build, edition, loadgen, memory, report, server_time, settings_ab
from bench.common import BARE_ELEMENTS, BARE_PAGES, OUT, PAGES, SELECTIONS, app_server, bare_server, bare_settings, machine, quick
from bench.nginx import Nginx

GOAL_SERVER_MS = 50


def counts() -> dict:
    if quick():
        return {
            "build_runs": 2,
            "server_runs": 10,
            "server_warmup": 2,
            "profiles": 1,
            "profile_s": 4,
            "browser_reps": 1,
            "levels": (25, 50),
            "level_s": 12,
            "think": 10,
            "capacity_step_s": 5,
            "capacity_steps": 3,
            "capacity_min_requests": 8,
            "ab": 0,
            "ab_s": 10,
            "nginx_levels": (50,),
            "sweep": (),
            "closed_visitors": 40,
            "closed_s": 8,
            "session_counts": (0, 10, 20),
            "kiosk_advances": 10_000,
            "kiosk_reruns": 100,
            "kiosk_max_s": 45,
        }
    return {
        "build_runs": 7,
        "server_runs": 50,
        "server_warmup": 3,
        "profiles": 3,
        "profile_s": 8,
        "browser_reps": 4,
        "levels": (25, 50, 100, 200),
        "level_s": 30,
        "think": 10,
        "capacity_step_s": 12,
        "capacity_steps": 8,
        "capacity_min_requests": 30,
        "ab": 25,
        "ab_s": 20,
        "nginx_levels": (100, 200, 500),
        "sweep": (300, 400, 500),
        "closed_visitors": 40,
        "closed_s": 30,
        "session_counts": (0, 25, 50, 100),
        "kiosk_advances": 10_000,
        "kiosk_reruns": 1000,
        "kiosk_max_s": 300,
    }


class Run:
    def __init__(self) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        self.started = time.monotonic()
        self.results: dict = {
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "mode": "quick" if quick() else "full",
            "machine": machine(),
            "steps": {},
        }

    def step(self, name: str, fn) -> None:
        t0 = time.monotonic()
        print(f"[bench] {name} …", flush=True)
        entry: dict = {"load_average_before": os.getloadavg()}
        try:
            entry["result"] = fn()
        except Exception as exc:
            entry["failed"] = f"{type(exc).__name__}: {exc}"
            entry["traceback"] = traceback.format_exc()[-3000:]
            print(f"[bench] {name} FAILED: {exc}", flush=True)
        entry["seconds"] = time.monotonic() - t0
        entry["load_average_after"] = os.getloadavg()
        self.results["steps"][name] = entry
        self.save()
        print(f"[bench] {name} done in {entry['seconds']:.0f} s", flush=True)

    def save(self) -> None:
        self.results["elapsed_s"] = time.monotonic() - self.started
        (OUT / "report.json").write_text(json.dumps(self.results, indent=1, ensure_ascii=False, default=str))
        (OUT / "report.md").write_text(report.markdown(self.results))


def main() -> None:
    c = counts()
    run = Run()
    run.step("build", lambda: _build(c))
    run.step("server_time", lambda: _server_and_browser(c))
    run.step("load", lambda: _load(c, run.results))
    if c["ab"]:
        run.step("settings", lambda: settings_ab.compare(visitors=c["ab"], think=5, duration=c["ab_s"]))
    run.step("memory", lambda: _memory(c))
    run.step("edition", lambda: edition.measure(run.results))
    run.save()
    print(f"[bench] report: {OUT / 'report.md'} ({run.results['elapsed_s'] / 60:.1f} min)")


def _build(c: dict) -> dict:
    result = build.measure(runs=c["build_runs"])
    if result["ratio"] > result["goal"]:
        result["profile"] = build.profile()
    return result


def _server_and_browser(c: dict) -> dict:
    """Server time per page, then (same servers) the browser loads and the check of the load generator."""
    out: dict = {}
    with app_server("app") as app, bare_server("bare") as bare:
        views = PAGES + SELECTIONS
        out["app"] = server_time.page_times(app, views, runs=c["server_runs"], warmup=c["server_warmup"])
        out["bare"] = server_time.page_times(bare, [*BARE_PAGES, BARE_ELEMENTS], runs=c["server_runs"], warmup=c["server_warmup"])
        slow = sorted(
            ((v.get("median", 0), label) for label, v in out["app"].items() if v.get("median", 0) > GOAL_SERVER_MS),
            reverse=True,
        )[: c["profiles"]]
        out["profiles"] = {}
        for _, label in slow:
            _, path, query = next(v for v in views if v[0] == label)
            out["profiles"][label] = server_time.profile(app, path, query, seconds=c["profile_s"], name=label.replace("?", "_"))
        try:
            out["browser"] = browser.measure(app, bare, PAGES, reps=c["browser_reps"])
            out["generator_check"] = browser.verify_generator(app, out["browser"]["pages"], PAGES)
            for page in out["browser"]["pages"].values():  # kept for the check only
                page.pop("digests", None)
                page["signature"] = len(page["signature"])
        except Exception as exc:
            out["browser_failed"] = f"{type(exc).__name__}: {exc}"
            out["browser_traceback"] = traceback.format_exc()[-3000:]
    return out


def _start_rate(results: dict, site: str) -> float:
    """A first offered rate for the capacity search: half of what one process could do, from its server times."""
    st = results["steps"].get("server_time", {}).get("result", {})
    medians = [v["median"] for v in st.get(site, {}).values() if v.get("median")]
    if not medians:
        return 2.0
    return max(0.5, min(60.0, 0.5 * 1000 / statistics.fmean(medians)))


def _load(c: dict, results: dict) -> dict:
    out: dict = {"levels": [], "capacity": {}}
    sites = {"app": loadgen.ordos_site(), "bare": loadgen.bare_site()}
    for name, factory in (("app", app_server), ("bare", bare_server)):
        with factory(f"load-{name}") as server:
            loadgen.warm(server.ws_base, sites[name])

            def one(n: int, server=server, name=name) -> dict:
                r = loadgen.level(server.ws_base, sites[name], n, c["think"], c["level_s"], [server.pid], seed=n)
                r["config"] = "1 process"
                out["levels"].append(r)
                time.sleep(3)
                return r

            done = [one(n) for n in c["levels"]]
            if name == "app":
                out["saturation"] = loadgen.saturation(done, one, c["sweep"])
    out["closed_loop"] = _closed_loop(c, sites)
    app_200 = [r for r in out["levels"] if r["site"] == "ordos" and r["visitors"] == max(c["levels"])]
    missed = not app_200 or app_200[0]["errors"] or (app_200[0]["p95_ms"] or 1e9) > 1000
    if missed or not quick():
        try:
            _through_nginx(c, sites, out)
        except Exception as exc:
            out["nginx_failed"] = f"{type(exc).__name__}: {exc}"
            out["nginx_traceback"] = traceback.format_exc()[-3000:]
    for name, factory in (("app", app_server), ("bare", bare_server)):
        with factory(f"capacity-{name}") as server:
            loadgen.warm(server.ws_base, sites[name])
            out["capacity"][name] = loadgen.capacity(
                server.ws_base,
                sites[name],
                [server.pid],
                visitors=60,
                step_s=c["capacity_step_s"],
                start_rate=_start_rate(results, name),
                max_steps=c["capacity_steps"],
                min_requests=c["capacity_min_requests"],
                factor=1.4,
            )
    return out


def _closed_loop(c: dict, sites: dict) -> dict:
    """Capacity of one process, closed loop, the app and the bare app side by side (alternating segments)."""
    with app_server("closed-app") as app, bare_server("closed-bare") as bare:
        loadgen.warm(app.ws_base, sites["app"])
        loadgen.warm(bare.ws_base, sites["bare"])
        servers = {"app": (app.ws_base, sites["app"], [app.pid]), "bare": (bare.ws_base, sites["bare"], [bare.pid])}
        out = loadgen.closed_loop_pair(servers, visitors=c["closed_visitors"], think=0.2, duration=c["closed_s"])
        out["settings"] = bare_settings(bare)
        return out


def _through_nginx(c: dict, sites: dict, out: dict) -> None:
    """Two replicas behind nginx (deploy/nginx.conf itself), the largest levels again."""
    with app_server("replica1") as r1, app_server("replica2") as r2, Nginx([r1.port, r2.port]) as proxy:
        for replica in (r1, r2):
            loadgen.warm(replica.ws_base, sites["app"])
        for n in c["nginx_levels"]:
            logged = len(proxy.requests())
            r = loadgen.level(
                f"ws://127.0.0.1:{proxy.port}",
                sites["app"],
                n,
                c["think"],
                c["level_s"],
                [r1.pid, r2.pid, *proxy.pids],
                seed=n,
                sticky=True,
            )
            r["config"] = "nginx + 2 processes"
            r["replicas_used"] = _replicas_used(proxy, [r1.port, r2.port], logged)
            out["levels"].append(r)
            time.sleep(3)


def _replicas_used(proxy: Nginx, ports: list[int], after: int = 0) -> dict[str, int]:
    """Websocket sessions per replica, from nginx's access log (sticky routing spreads visitors over both)."""
    counts = {str(p): 0 for p in ports}
    for r in proxy.requests()[after:]:
        if r["uri"] == "/_stcore/stream":
            port = r["upstream"].rpartition(":")[2]
            counts[port] = counts.get(port, 0) + 1
    return counts


def _memory(c: dict) -> dict:
    out: dict = {}
    with app_server("memory-app") as app:
        out["app"] = memory.per_session(app.ws_base, app.pid, PAGES, counts=c["session_counts"])
    with bare_server("memory-bare") as bare:
        out["bare"] = memory.per_session(bare.ws_base, bare.pid, BARE_PAGES, counts=c["session_counts"])
    with app_server("kiosk") as app:
        out["kiosk"] = memory.kiosk(f"{app.base}/kiosk", app.pid, c["kiosk_advances"], c["kiosk_max_s"], reruns=c["kiosk_reruns"])
    return out


if __name__ == "__main__":
    main()
