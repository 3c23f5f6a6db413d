"""Load: simulated visitors speaking Streamlit's websocket protocol (bench/wsclient.py), hundreds without browsers.

Each visitor behaves like a person at the exhibition or on the web: it opens a page (the HTTP requests a browser
makes before the websocket — the page, /_stcore/health, /_stcore/host-config; the frontend's JS and CSS are taken
as already in the browser's cache — then the websocket and the first script run), reads for about `think` seconds
(uniform between 0.5× and 1.5×), then changes language, selects an indicator / project / district / chapter (a
rerun with the selection in the query string, as the pages keep it in the URL), or follows a link to another
page; after each action it leaves with probability 1/6 and a new visitor arrives in its place. Visitors start
spread over the first think time, so arrivals are steady from the start.

Latency of an action = from the click (for an arrival: the first HTTP request) until `script_finished`.
An error = a timeout (30 s), a dropped or refused connection, an HTTP status other than 200, a page that shows
an exception, or a page not found. Every loop is bounded: no action starts after `duration`, and the whole level
is cancelled at duration + 45 s.

Three measurements use it:
* `level(...)`: N concurrent visitors for `duration` seconds (the 25/50/100/200/500 visitors of the report);
* `capacity(...)`: the highest request rate an app sustains with p95 ≤ 1 s and no errors: a fixed number of
  visitors with shorter and shorter think times (the offered rate V/think grows ×1.25 per step), stopping at the
  first step that misses; the sustained rate is the achieved rate of the best step that met the bar;
* `closed_loop(...)`: the capacity of one process, closed loop: N visitors, each in one session asking page after
  page (the next page `think` seconds after the last one finished), the app's pages in turn with the language
  alternating (each page in both languages every two rounds); script runs per second and their latency. With
  think ≪ run time the server is saturated and the rate is its capacity; the bare app is measured the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bench.common import HOST, Sampler, summary
from bench.wsclient import Session, http_get

LEAVE_PROBABILITY = 1 / 6


@dataclass
class Site:
    """What a visitor can do on an app: its pages (url paths) and, per page, the selections it offers."""

    name: str
    pages: list[str]
    selections: dict[str, list[str]] = field(default_factory=dict)
    langs: tuple[str, ...] = ("zh", "en")


def ordos_site() -> Site:
    """The public app: six pages; selections from the database (indicators 1-36, projects 1-39, …)."""
    selections = {
        "zhungeer": [f"chapter={n}" for n in range(1, 5)],
        "indicators": [f"indicator={n}" for n in range(1, 37)],
        "projects": [f"project={n}" for n in range(1, 40)],
        "map": [f"district={c}" for c in ("150602", "150603", "150621", "150622", "150623", "150624", "150625", "150626", "150627")],
    }
    try:  # the real lists, if the database is there
        import duckdb

        from core import settings

        con = duckdb.connect(str(settings.DATABASE), read_only=True)
        selections["indicators"] = [f"indicator={n}" for (n,) in con.execute("SELECT indicator_no FROM indicators").fetchall()]
        selections["projects"] = [f"project={n}" for (n,) in con.execute("SELECT project_no FROM projects").fetchall()]
        selections["map"] = [f"district={c}" for (c,) in con.execute("SELECT district_code FROM districts").fetchall()]
        selections["zhungeer"] = [f"chapter={n}" for (n,) in con.execute("SELECT chapter_no FROM story_chapters").fetchall()]
        con.close()
    except Exception:
        pass
    return Site("ordos", ["", "zhungeer", "indicators", "projects", "map", "about"], selections)


def bare_site() -> Site:
    """The bare two-page app: the same kinds of messages (it ignores the query string)."""
    return Site("bare", ["", "second"], {"": [f"item={n}" for n in range(1, 10)]})


def warm(ws_base: str, site: Site) -> None:
    """Open every page in both languages once (imports done, st.cache_data filled), as a server that has run a while."""

    async def go() -> None:
        async with Session(ws_base, timeout=120) as s:
            for lang in site.langs:
                for page in site.pages:
                    await s.run(page_name=page, query=f"lang={lang}")
                    for selection in site.selections.get(page, [])[:3]:
                        await s.run(page_name=None, query=f"lang={lang}&{selection}")

    asyncio.run(go())


@dataclass
class Record:
    kind: str
    started: float
    seconds: float
    error: str | None


class Visitor:
    def __init__(
        self, ws_base: str, site: Site, think: float, deadline: float, records: list[Record], rng: random.Random, headers: bool = False
    ):
        self.ws_base = ws_base
        self.port = urlsplit(ws_base).port
        self.site = site
        self.think = think
        self.deadline = deadline
        self.records = records
        self.rng = rng
        self.headers = headers

    async def pause(self, seconds: float) -> bool:
        """Sleep; False if the level is over before the pause ends."""
        if time.monotonic() + seconds >= self.deadline:
            await asyncio.sleep(max(0.0, self.deadline - time.monotonic()))
            return False
        await asyncio.sleep(seconds)
        return True

    def reading(self) -> float:
        return self.think * self.rng.uniform(0.5, 1.5)

    async def live(self, first_delay: float) -> None:
        """Visitors, one after another in this slot, until the deadline."""
        if not await self.pause(first_delay):
            return
        while time.monotonic() < self.deadline:
            await self.visit()
            if not await self.pause(self.reading()):  # the next visitor in this slot comes a while later
                return

    async def visit(self) -> None:
        site, rng = self.site, self.rng
        page = rng.choice(site.pages)
        lang = rng.choice(site.langs)
        selection = ""
        started = time.monotonic()
        session = Session(self.ws_base)
        if self.headers:  # a sticky-routing cookie, as a browser would carry it behind nginx
            session.cookie = f"ordos_route={uuid.uuid4().hex}"
        error = None
        try:
            for path in (f"/{page}?lang={lang}", "/_stcore/health", "/_stcore/host-config"):
                status = await http_get(HOST, self.port, path, cookie=session.cookie)
                if status != 200:
                    error = f"HTTP {status} for {path.split('?')[0]}"
                    break
            if error is None:
                await session.connect()
                result = await session.run(page_name=page, query=f"lang={lang}")
                error = result.error or ("page not found" if result.page_not_found else None)
        except Exception as exc:
            error = f"open: {type(exc).__name__}: {exc}"[:200]
        self.records.append(Record("open", started, time.monotonic() - started, error))
        try:
            if error:
                return
            while await self.pause(self.reading()):
                choices = ["lang", "switch", "select"] if site.selections.get(page) else ["lang", "switch"]
                action = rng.choices(choices, weights=[1, 2, 2][: len(choices)])[0]
                if action == "lang":
                    lang = "en" if lang == "zh" else "zh"
                    target = None
                elif action == "select":
                    selection = rng.choice(site.selections[page])
                    target = None
                else:
                    page = rng.choice([p for p in site.pages if p != page])
                    selection = ""
                    target = page
                query = f"lang={lang}" + (f"&{selection}" if selection else "")
                started = time.monotonic()
                try:
                    result = await session.run(page_name=target, query=query)
                    error = result.error or ("page not found" if result.page_not_found else None)
                except Exception as exc:
                    error = f"{type(exc).__name__}: {exc}"[:200]
                self.records.append(Record(action, started, time.monotonic() - started, error))
                if error or rng.random() < LEAVE_PROBABILITY:
                    return
        finally:
            await session.close()


async def _run_visitors(ws_base: str, site: Site, visitors: int, think: float, duration: float, seed: int, sticky: bool) -> list[Record]:
    records: list[Record] = []
    deadline = time.monotonic() + duration
    rng = random.Random(seed)
    tasks = [
        asyncio.create_task(
            Visitor(ws_base, site, think, deadline, records, random.Random(rng.random()), sticky).live(rng.uniform(0, think))
        )
        for _ in range(visitors)
    ]
    _done, pending = await asyncio.wait(tasks, timeout=duration + 45)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return records


def analyse(records: list[Record], duration: float) -> dict:
    """p50/p95/p99 over all actions (and per kind), errors, achieved request rate."""
    ok = [r.seconds for r in records]
    errors = [r for r in records if r.error]
    by_kind = {}
    for kind in sorted({r.kind for r in records}):
        s = summary([r.seconds for r in records if r.kind == kind], 1000)
        by_kind[kind] = {"n": s["n"], "p50_ms": s.get("median"), "p95_ms": s.get("p95")}
    s = summary(ok, 1000)
    samples: dict[str, int] = {}
    for r in errors:
        key = (r.error or "")[:80]
        samples[key] = samples.get(key, 0) + 1
    return {
        "requests": len(records),
        "rate_per_s": len(records) / duration if duration else None,
        "p50_ms": s.get("median"),
        "p95_ms": s.get("p95"),
        "p99_ms": s.get("p99"),
        "max_ms": s.get("max"),
        "errors": len(errors),
        "error_kinds": dict(sorted(samples.items(), key=lambda kv: -kv[1])[:5]),
        "by_kind": by_kind,
    }


def level(
    ws_base: str, site: Site, visitors: int, think: float, duration: float, server_pids: list[int], seed: int = 1, sticky: bool = False
) -> dict:
    """N visitors for `duration` s; latency, errors, server CPU (% of one core) and memory, client CPU."""
    import psutil

    me = psutil.Process()
    me.cpu_percent(None)
    with Sampler(server_pids) as sampler:
        records = asyncio.run(_run_visitors(ws_base, site, visitors, think, duration, seed, sticky))
    client_cpu = me.cpu_percent(None)
    out = {"site": site.name, "visitors": visitors, "think_s": think, "duration_s": duration, **analyse(records, duration)}
    out.update(sampler.result())
    out["client_cpu_pct"] = client_cpu
    return out


def capacity(
    ws_base: str,
    site: Site,
    server_pids: list[int],
    visitors: int = 60,
    step_s: float = 12,
    start_rate: float = 4.0,
    factor: float = 1.25,
    max_steps: int = 12,
    bar_ms: float = 1000,
    min_requests: int = 25,
) -> dict:
    """The best achieved request rate with p95 ≤ bar and no errors.

    From `start_rate`, the offered rate goes up ×`factor` per step while the bar is met; if the first step misses,
    it goes down instead (at most three steps) to find a rate that meets it. A step lasts `step_s`, or longer (up
    to 40 s) so that it holds about `min_requests` requests.
    """
    steps = []
    rate = start_rate
    best = None
    direction = 0
    for i in range(max_steps):
        think = visitors / rate
        seconds = max(step_s, min(40.0, min_requests / rate))
        result = level(ws_base, site, visitors, think, seconds, server_pids, seed=100 + i)
        result["offered_rate_per_s"] = rate
        steps.append(result)
        met = result["errors"] == 0 and result["p95_ms"] is not None and result["p95_ms"] <= bar_ms
        if met and (best is None or result["rate_per_s"] > best["rate_per_s"]):
            best = result
        if direction == 0:
            direction = 1 if met else -1
        if direction == 1 and not met:
            break
        if direction == -1 and (met or i >= 3):
            break
        rate = rate * factor if direction == 1 else rate / factor
    return {
        "site": site.name,
        "visitors": visitors,
        "step_s": step_s,
        "sustained_rate_per_s": best["rate_per_s"] if best else 0.0,
        "sustained_p95_ms": best["p95_ms"] if best else None,
        "steps": [
            {
                k: s[k]
                for k in ("offered_rate_per_s", "duration_s", "rate_per_s", "p50_ms", "p95_ms", "errors", "error_kinds", "cpu_mean_pct")
            }
            for s in steps
        ],
    }


async def _closed_visitor(ws_base: str, site: Site, think: float, deadline: float, offset: int, records: list[Record]) -> None:
    pages, langs = site.pages, site.langs
    session = Session(ws_base)
    try:
        await session.connect()
        step = offset
        while time.monotonic() < deadline:
            page = pages[step % len(pages)]
            lang = langs[(step + step // len(pages)) % len(langs)]  # alternating, and each page in every language
            started = time.monotonic()
            try:
                result = await session.run(page_name=page, query=f"lang={lang}")
                error = result.error or ("page not found" if result.page_not_found else None)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"[:200]
            records.append(Record(page or "home", started, time.monotonic() - started, error))
            if error:  # a new session, as a browser would reconnect
                await session.close()
                session = Session(ws_base)
                await session.connect()
            step += 1
            await asyncio.sleep(think)
    except Exception as exc:
        records.append(Record("connect", time.monotonic(), 0.0, f"{type(exc).__name__}: {exc}"[:200]))
    finally:
        await session.close()


def closed_loop(
    ws_base: str, site: Site, server_pids: list[int], visitors: int = 40, think: float = 0.2, duration: float = 30, warmup: float = 3
) -> dict:
    """N visitors in a closed loop (page after page, `think` s between); runs per second and latency after `warmup` s."""
    import psutil

    async def go() -> list[Record]:
        records: list[Record] = []
        deadline = time.monotonic() + warmup + duration
        tasks = [asyncio.create_task(_closed_visitor(ws_base, site, think, deadline, i, records)) for i in range(visitors)]
        _done, pending = await asyncio.wait(tasks, timeout=warmup + duration + 45)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        return records

    me = psutil.Process()
    me.cpu_percent(None)
    servers = [psutil.Process(p) for p in server_pids]
    cpu0 = sum(sum(p.cpu_times()[:2]) for p in servers)
    t0 = time.monotonic()
    with Sampler(server_pids) as sampler:
        records = asyncio.run(go())
    client_cpu = me.cpu_percent(None)
    server_cpu_s = sum(sum(p.cpu_times()[:2]) for p in servers) - cpu0
    counted = [r for r in records if r.started >= t0 + warmup and r.started < t0 + warmup + duration]
    out = {"site": site.name, "visitors": visitors, "think_s": think, "duration_s": duration, **analyse(counted, duration)}
    out["latencies_ms"] = [r.seconds * 1000 for r in counted]  # for combining segments (closed_loop_pair)
    out["runs_per_s"] = out.pop("rate_per_s")
    # server CPU per script run (warm-up included): a figure that load on the machine moves less than the rate
    out["server_cpu_ms_per_run"] = server_cpu_s * 1000 / len(records) if records else None
    out.update(sampler.result())
    out["client_cpu_pct"] = client_cpu
    return out


def closed_loop_pair(
    servers: dict[str, tuple[str, Site, list[int]]], visitors: int = 40, think: float = 0.2, duration: float = 30, rounds: int = 2
) -> dict:
    """closed_loop for each of `servers` ({name: (ws_base, site, pids)}), in alternating segments (app, bare, app,
    bare…: each side sees the same moments of a shared machine); per side the runs per second over all its segments,
    p50/p95 over all its runs, server CPU per run."""
    segments: dict[str, list[dict]] = {name: [] for name in servers}
    for _ in range(rounds):
        for name, (ws_base, site, pids) in servers.items():
            segments[name].append(closed_loop(ws_base, site, pids, visitors, think, duration / rounds, warmup=2))
    out = {}
    for name, parts in segments.items():
        latencies = [v for p in parts for v in p.pop("latencies_ms")]
        s = summary(latencies)
        runs = sum(p["requests"] for p in parts)
        cpu = [p["server_cpu_ms_per_run"] for p in parts if p.get("server_cpu_ms_per_run")]
        out[name] = {
            "site": parts[0]["site"],
            "visitors": visitors,
            "think_s": think,
            "duration_s": duration,
            "runs": runs,
            "runs_per_s": runs / duration,
            "p50_ms": s.get("median"),
            "p95_ms": s.get("p95"),
            "errors": sum(p["errors"] for p in parts),
            "error_kinds": {k: v for p in parts for k, v in p["error_kinds"].items()},
            "cpu_mean_pct": statistics.fmean(p["cpu_mean_pct"] for p in parts if p.get("cpu_mean_pct") is not None),
            "server_cpu_ms_per_run": statistics.fmean(cpu) if cpu else None,
            "client_cpu_pct": max(p["client_cpu_pct"] for p in parts),
            "segments": [{k: p[k] for k in ("runs_per_s", "p50_ms", "p95_ms", "errors")} for p in parts],
        }
    return out


def saturation(results: list[dict], run_level, more: tuple[int, ...], bar_ms: float = 1000, bisect: int = 2) -> dict:
    """Where one process saturates: the levels already run (`results`, one process), then `more` visitors while
    every level so far met p95 ≤ bar with no errors, then halfway between the last level met and the first missed
    (`bisect` times, to the nearest 10 visitors). `run_level(n)` runs one level and returns its result."""

    def met(r: dict) -> bool:
        return r["errors"] == 0 and (r["p95_ms"] or 1e9) <= bar_ms

    done = {r["visitors"]: r for r in results}
    for n in more:
        if n in done or not all(met(r) for r in done.values()):
            continue
        done[n] = run_level(n)
    for _ in range(bisect):
        ok = [n for n, r in done.items() if met(r)]
        low = max(ok, default=0)
        high = min((n for n, r in done.items() if not met(r) and n > low), default=None)
        if high is None or high - low <= max(10, low // 8):
            break
        middle = int(round((low + high) / 2, -1))
        if middle in done or middle <= low:
            break
        done[middle] = run_level(middle)
    ok = [n for n, r in done.items() if met(r)]
    low = max(ok, default=0)
    high = min((n for n, r in done.items() if not met(r) and n > low), default=None)
    return {
        "met_up_to": low,
        "missed_at": high,
        "levels": {n: {"p95_ms": r["p95_ms"], "errors": r["errors"], "cpu_mean_pct": r["cpu_mean_pct"]} for n, r in sorted(done.items())},
    }


def main() -> None:
    """`python -m bench.loadgen --url http://127.0.0.1:PORT --visitors 50 --think 10 --duration 60` (loopback only)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the app's address on 127.0.0.1")
    parser.add_argument("--site", choices=["ordos", "bare"], default="ordos")
    parser.add_argument("--visitors", type=int, default=25)
    parser.add_argument("--think", type=float, default=10)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--pid", type=int, action="append", default=[], help="server process to sample")
    parser.add_argument("--closed", action="store_true", help="closed loop: page after page, --think seconds between")
    args = parser.parse_args()
    parts = urlsplit(args.url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("the load generator only targets this machine (127.0.0.1)")
    site = ordos_site() if args.site == "ordos" else bare_site()
    ws_base = f"ws://{HOST}:{parts.port}"
    if args.closed:
        print(json.dumps(closed_loop(ws_base, site, args.pid, args.visitors, args.think, min(args.duration, 600)), indent=2))
        return
    print(json.dumps(level(ws_base, site, args.visitors, args.think, min(args.duration, 600), args.pid), indent=2))


if __name__ == "__main__":
    main()
