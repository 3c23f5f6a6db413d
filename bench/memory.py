"""Memory: server memory per additional session, and the kiosk soak (memory after thousands of slide advances).

Per session: a fresh server; one session first opens every page so that the shared caches (st.cache_data,
st.cache_resource) are full before the baseline; then idle sessions are added — each opens one page, in turn,
and stays connected, as a visitor who leaves a tab open — and the server's resident memory (RSS, the median of
three samples a second apart, after a 3 s settle) is read at each count. MB per session is the least-squares
slope of RSS against sessions.

Kiosk soak: `python -m bench.memory kiosk --url http://127.0.0.1:PORT/kiosk --advances 10000`. The kiosk loops
in the browser (components/deck_html.py: one timer, no rerun per slide, `data-advances` counts the advances), so
the soak runs it where it runs: headless Chromium opens the kiosk at its shortest interval (?interval=0.05) and
lets it advance `advances` times — in virtual time by default (Chromium's DevTools fast-forwards the page's
timers: 10,000 advances take seconds, not 9 minutes; `--realtime` waits for real). Memory at start and end, each
after a forced garbage collection: the page's JS heap, DOM nodes and event listeners, and the server's RSS; plus
what the server sent meanwhile (nothing is expected). Separately, `reruns` full script runs of the kiosk page
(what a reload or a reconnect costs the server), with the server's RSS before and after. If the app has no page
at that address, the soak reports that it is not available. Bounded by `max_seconds` as well as by the count.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from urllib.parse import urlsplit

from bench.common import HOST, rss_mb
from bench.wsclient import Session


def _rss(pid: int, samples: int = 3) -> float:
    values = []
    for i in range(samples):
        if i:
            time.sleep(1)
        values.append(rss_mb(pid))
    return statistics.median(values)


def _slope(xs: list[float], ys: list[float]) -> float:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


def per_session(ws_base: str, pid: int, pages: list[tuple[str, str, str]], counts: tuple[int, ...] = (0, 25, 50, 100)) -> dict:
    """Server RSS at each number of idle connected sessions; MB per session (slope)."""

    async def scenario() -> list[dict]:
        points = []
        sessions: list[Session] = []
        try:
            async with Session(ws_base, timeout=60) as warm:
                for _, path, query in pages:
                    await warm.run(page_name=path, query=query)
            await asyncio.sleep(3)
            errors = 0
            for target in counts:
                while len(sessions) < target:
                    _, path, query = pages[len(sessions) % len(pages)]
                    s = Session(ws_base, timeout=60)
                    await s.connect()
                    r = await s.run(page_name=path, query=query)
                    errors += bool(r.error)
                    sessions.append(s)
                await asyncio.sleep(3)
                rss = await asyncio.to_thread(_rss, pid)
                points.append({"sessions": target, "rss_mb": rss, "errors": errors})
        finally:
            await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
        return points

    points = asyncio.run(scenario())
    slope = _slope([p["sessions"] for p in points], [p["rss_mb"] for p in points])
    return {"points": points, "mb_per_session": slope}


def kiosk(url: str, pid: int, advances: int = 10_000, max_seconds: float = 600, realtime: bool = False, reruns: int = 1000) -> dict:
    """Advance the kiosk `advances` times in Chromium; browser and server memory at start and end."""
    from urllib.parse import parse_qsl, urlencode, urlunsplit

    from playwright.sync_api import sync_playwright

    from bench.common import CHROMIUM

    parts = urlsplit(url)
    if parts.hostname not in (HOST, "localhost"):
        raise ValueError("the soak only targets this machine (127.0.0.1)")
    ws_base = f"ws://{HOST}:{parts.port}"
    path = parts.path.strip("/")
    params = dict(parse_qsl(parts.query))
    params.setdefault("interval", "0.05")
    interval = float(params["interval"])
    url = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(params), ""))

    async def probe() -> bool:
        async with Session(ws_base, timeout=60) as s:
            return not (await s.run(page_name=path, query=urlencode(params))).page_not_found

    if not asyncio.run(probe()):
        return {"available": False, "reason": f"the app has no page at /{path} (page_not_found)"}

    out: dict = {"available": True, "url": url, "requested": advances, "mode": "real time" if realtime else "virtual time"}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            sockets, frames = [], []
            page.on("websocket", lambda ws: (sockets.append(ws.url), ws.on("framereceived", lambda f: frames.append(len(f)))))
            page.goto(url, timeout=60_000)
            page.wait_for_selector("[data-advances]", state="attached", timeout=60_000)

            def snapshot() -> dict:
                cdp.send("HeapProfiler.collectGarbage")
                m = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
                return {
                    "js_heap_mb": m["JSHeapUsedSize"] / 2**20,
                    "dom_nodes": int(m["Nodes"]),
                    "listeners": int(m["JSEventListeners"]),
                    "server_rss_mb": _rss(pid, 1),
                }

            def done() -> int:
                return int(page.get_attribute("[data-advances]", "data-advances") or 0)

            page.wait_for_timeout(1000)
            start = snapshot()
            first = done()
            frames_before = len(frames)
            if not realtime:
                cdp.send("Emulation.setVirtualTimePolicy", {"policy": "advance", "budget": advances * interval * 1000 * 1.02})
            started = time.monotonic()
            while done() - first < advances and time.monotonic() - started < max_seconds:
                time.sleep(0.5)
            count = done() - first
            seconds = time.monotonic() - started
            end = snapshot()
            out.update(
                {
                    "advances": count,
                    "seconds": seconds,
                    "start": start,
                    "end": end,
                    "growth_mb": max(end["js_heap_mb"] - start["js_heap_mb"], end["server_rss_mb"] - start["server_rss_mb"]),
                    "browser_heap_growth_mb": end["js_heap_mb"] - start["js_heap_mb"],
                    "server_rss_growth_mb": end["server_rss_mb"] - start["server_rss_mb"],
                    "dom_nodes_growth": end["dom_nodes"] - start["dom_nodes"],
                    "websockets_opened": len(sockets),
                    "server_messages_during_soak": len(frames) - frames_before,
                    "goal_mb": 30,
                }
            )
        finally:
            browser.close()
    out["reruns"] = _reruns(ws_base, pid, path, urlencode(params), reruns, max_seconds)
    return out


def _reruns(ws_base: str, pid: int, path: str, query: str, count: int, max_seconds: float) -> dict:
    """Full script runs of one page in one session: server RSS before and after (a reload's cost, repeated)."""

    async def go() -> dict:
        async with Session(ws_base, timeout=60) as s:
            await s.run(page_name=path, query=query)
            before = await asyncio.to_thread(_rss, pid)
            started, times, errors = time.monotonic(), [], 0
            halfway = None
            for i in range(count):
                if i == count // 2:
                    halfway = await asyncio.to_thread(_rss, pid, 1)
                r = await s.run(None, query)
                times.append(r.seconds)
                errors += bool(r.error)
                if time.monotonic() - started > max_seconds:
                    break
            await asyncio.sleep(2)
            after = await asyncio.to_thread(_rss, pid)
        return {
            "runs": len(times),
            "errors": errors,
            "median_ms": statistics.median(times) * 1000 if times else None,
            "rss_before_mb": before,
            "rss_halfway_mb": halfway,
            "rss_after_mb": after,
            "growth_mb": after - before,
        }

    return asyncio.run(go())


def pid_of_port(port: int) -> int:
    import psutil

    for conn in psutil.net_connections("tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port and conn.pid:
            return conn.pid
    raise SystemExit(f"no process listens on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Kiosk soak: advance the kiosk page and watch the server's memory.")
    sub = parser.add_subparsers(dest="cmd", required=True)
    k = sub.add_parser("kiosk")
    k.add_argument("--url", required=True, help="e.g. http://127.0.0.1:8501/kiosk?lang=zh")
    k.add_argument("--advances", type=int, default=10_000)
    k.add_argument("--max-seconds", type=float, default=900)
    k.add_argument("--realtime", action="store_true", help="let the timers run in real time (no fast-forward)")
    k.add_argument("--reruns", type=int, default=1000, help="full script runs of the kiosk page, for the server side")
    k.add_argument("--pid", type=int, help="the server process (default: whoever listens on the URL's port)")
    args = parser.parse_args()
    pid = args.pid or pid_of_port(urlsplit(args.url).port)
    print(json.dumps(kiosk(args.url, pid, args.advances, args.max_seconds, args.realtime, args.reruns), indent=2))


if __name__ == "__main__":
    main()
