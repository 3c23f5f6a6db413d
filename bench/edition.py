"""The phone edition (python -m edition): build time and how it grows with the pages, page weights, first view on
a slow phone against the bare Streamlit page, and nginx serving it under 200 concurrent clients.

* Build: the whole edition with no chart drawn before (cold: every chart drawn by vl-convert) and again with
  the charts kept from that build (warm: what a rebuild after a data change of the same shape costs); then warm
  builds of 1/8, 1/4 and 1/2 of the pages (every k-th address) for the growth with the number of pages.
* Weight: every page with everything it loads (its stylesheet, icon, images), as the precompressed files nginx
  sends (gzip and brotli); the budget is 150 KB.
* First view: headless Chromium on the slow mobile profile (DevTools network emulation: 150 ms latency,
  1.6 Mbit/s down, 750 kbit/s up; CPU 4× slower), a fresh context per load (an empty cache), alternating the
  edition (through nginx, deploy/nginx-edition.conf) and the bare Streamlit page of bench/common.py (its title
  is its heading). The heading is visible at the first frame after an <h1> with text is in the page.
* nginx: `wrk` (Debian's package) with 200 connections for a few seconds per address, two threads, gzip
  accepted, against deploy/nginx-edition.conf with one worker per core; requests per second and p99 latency, next
  to the app's own figures from the same run (bench/run.py's load step), and Streamlit's HTML shell alone.

`python -m bench.edition` runs it alone (QUICK=1: small counts) and writes bench/out/edition.json and .md.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import CHROMIUM, OUT, bare_server, free_port, quick

SLOW = {"latency_ms": 150, "down_kbit": 1600, "up_kbit": 750, "cpu": 4}
BUDGET_KB = 150
WRK_CONNECTIONS = 200
HEADING_SCRIPT = """
(() => {
  window.__heading = null;
  const seen = () => { const h = document.querySelector('h1'); return h && h.textContent.trim(); };
  const mark = () => requestAnimationFrame(() => { if (window.__heading === null) window.__heading = performance.now(); });
  const watch = new MutationObserver(() => { if (seen()) { watch.disconnect(); mark(); } });
  watch.observe(document, {subtree: true, childList: true, characterData: true});
  document.addEventListener('DOMContentLoaded', () => { if (seen()) mark(); });
})();
"""


def _build(out: Path, cache: Path | None, select=None) -> dict:
    from edition.build import build

    result = build(out, site_url="https://m.example.org", chart_cache=cache, select=select)
    return {"pages": result.pages, "seconds": result.seconds, "charts_drawn": result.charts_drawn, "steps": result.steps}


def build_times(folder: Path) -> dict:
    """A cold and a warm build of the whole edition, and warm builds of parts of it."""
    from edition.site import addresses

    cache = folder / "charts"
    out: dict = {"cold": _build(folder / "site", cache)}
    out["warm"] = _build(folder / "site", cache)
    everything = addresses()
    out["growth"] = []
    for every in (8, 4, 2):
        chosen = set(everything[::every])
        run = _build(folder / f"part-{every}", cache, select=chosen.__contains__)
        out["growth"].append(run)
        shutil.rmtree(folder / f"part-{every}", ignore_errors=True)
    out["growth"].append(out["warm"])
    fit = statistics.linear_regression([g["pages"] for g in out["growth"]], [g["seconds"] for g in out["growth"]])  # least squares
    out["per_page_ms"], out["fixed_s"] = fit.slope * 1000, fit.intercept
    return out


def weights(site: Path) -> dict:
    """Every page with what it loads, as gzip and brotli files; the heaviest pages."""
    from edition import checks

    rows = []
    for file in sorted(site.rglob("index.html")):
        here = checks.page_url(site, file, "/")
        loads = [file]
        for link in checks.parse(file.read_text(encoding="utf-8")).loads:
            found = checks.resolve(site, "/", here, link)
            if found and found[0] is not None and found[0].is_file():
                loads.append(found[0])
        if site / "favicon.ico" not in loads:
            loads.append(site / "favicon.ico")  # asked for by every browser
        size = {kind: sum(_packed(p, kind) for p in loads) for kind in ("gz", "br")}
        rows.append({"page": here, "gz": size["gz"], "br": size["br"], "raw": sum(p.stat().st_size for p in loads), "files": len(loads)})
    rows.sort(key=lambda r: r["gz"], reverse=True)
    return {
        "pages": len(rows),
        "max_gz": rows[0]["gz"],
        "median_gz": statistics.median(r["gz"] for r in rows),
        "max_br": max(r["br"] for r in rows),
        "over_budget": [r["page"] for r in rows if r["gz"] > BUDGET_KB * 1024],
        "heaviest": rows[:5],
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.suffix not in (".gz", ".br")),
    }


def _packed(path: Path, kind: str) -> int:
    packed = path.with_name(f"{path.name}.{kind}")
    return (packed if packed.exists() else path).stat().st_size


def _first_view(browser, url: str) -> dict:
    """One first visit of `url` on the slow profile: when the heading shows, what was transferred."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True,
                                  locale="zh-CN", timezone_id="Asia/Shanghai")  # fmt: skip
    page = context.new_page()
    page.add_init_script(HEADING_SCRIPT)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": SLOW["latency_ms"],
             "downloadThroughput": SLOW["down_kbit"] * 1000 / 8, "uploadThroughput": SLOW["up_kbit"] * 1000 / 8})  # fmt: skip
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOW["cpu"]})
    transferred = []
    cdp.on("Network.loadingFinished", lambda event: transferred.append(event.get("encodedDataLength", 0)))
    error, heading = None, None
    try:
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function("window.__heading !== null", timeout=120_000, polling=200)
        heading = page.evaluate("window.__heading")
        page.wait_for_load_state("load", timeout=120_000)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:200]
    result = {"heading_ms": heading, "bytes": sum(transferred), "requests": len(transferred), "error": error}
    context.close()
    return result


def first_view(edition_base: str, bare_base: str, paths: list[str], reps: int) -> dict:
    """The edition's pages and the bare Streamlit page, alternating, `reps` loads each."""
    from playwright.sync_api import sync_playwright

    runs: dict[str, list[dict]] = {p: [] for p in paths}
    bare: list[dict] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            _first_view(browser, f"{edition_base}/")  # the browser process warmed up (not counted)
            for _ in range(reps):
                for path in paths:
                    bare.append(_first_view(browser, f"{bare_base}/"))
                    runs[path].append(_first_view(browser, f"{edition_base}{path}"))
        finally:
            browser.close()
    bare_summary = {
        "heading_median_ms": _median([r["heading_ms"] for r in bare if r["heading_ms"]]),
        "bytes": max((r["bytes"] for r in bare), default=None),
        "requests": max((r["requests"] for r in bare), default=None),
        "errors": [r["error"] for r in bare if r["error"]][:3],
    }
    out = {"profile": SLOW, "reps": reps, "bare": bare_summary, "pages": {}}
    for i, path in enumerate(paths):
        mine = runs[path]
        paired = [bare[k * len(paths) + i]["heading_ms"] for k in range(reps)]
        ratios = [a / b for a, b in zip([r["heading_ms"] for r in mine], paired, strict=True) if a and b]
        out["pages"][path] = {
            "heading_median_ms": _median([r["heading_ms"] for r in mine if r["heading_ms"]]),
            "ratio_median": _median(ratios),
            "ratio_max": max(ratios, default=None),
            "bytes": max(r["bytes"] for r in mine),
            "requests": max(r["requests"] for r in mine),
            "errors": [r["error"] for r in mine if r["error"]][:3],
        }
    return out


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def wrk(url: str, seconds: int, connections: int = WRK_CONNECTIONS) -> dict:
    """`wrk` with `connections` connections on 2 threads for `seconds`: requests per second, latencies, errors."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", "Accept-Encoding: gzip", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    text = done.stdout

    def latency(label: str) -> float | None:
        found = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return float(found.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[found.group(2)] if found else None

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    total = re.search(r"(\d+) requests in", text)
    return {
        "url": url,
        "connections": connections,
        "seconds": seconds,
        "requests": int(total.group(1)) if total else None,
        "rps": float(rps.group(1)) if rps else None,
        "p50_ms": latency("50%"),
        "p99_ms": latency("99%"),
        "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "failed": None if done.returncode == 0 and rps else (done.stderr or text)[-300:],
    }


def _app_figures(results: dict | None) -> dict:
    """What the rest of the bench measured of the Streamlit app (the same run, or the last report)."""
    if not results:
        report = OUT / "report.json"
        results = json.loads(report.read_text()) if report.exists() else {}
    load = results.get("steps", {}).get("load", {}).get("result", {})
    capacity = load.get("capacity", {})
    nginx_200 = next((lv for lv in load.get("levels", []) if lv.get("config", "").startswith("nginx") and lv.get("visitors") == 200), None)
    return {
        "from": results.get("started_at"),
        "app_capacity_rps": capacity.get("app", {}).get("sustained_rate_per_s"),
        "bare_capacity_rps": capacity.get("bare", {}).get("sustained_rate_per_s"),
        "app_nginx_200": {k: nginx_200.get(k) for k in ("p95_ms", "errors", "requests")} if nginx_200 else None,
    }


def measure(results: dict | None = None) -> dict:
    """Every measurement of the edition (bench/run.py's step `edition`)."""
    from tests.helpers_edition import serve_edition_nginx

    small = quick()
    folder = Path(tempfile.mkdtemp(prefix="ordos-bench-edition-"))
    folder.chmod(0o755)
    out: dict = {"load_average_at_start": os.getloadavg()}
    try:
        out["build"] = build_times(folder)
        site = folder / "site"
        out["weight"] = weights(site)
        paths = ["/", "/en/indicators/17/"] if small else ["/", "/en/indicators/17/", "/projects/", "/map/150622/"]
        with serve_edition_nginx(site, port=free_port(), workers=os.cpu_count() or 1) as edition, bare_server("bare-first-view") as bare:
            out["first_view"] = first_view(str(edition), bare.base, paths, reps=1 if small else 3)
            seconds = 5 if small else 15
            out["wrk"] = [wrk(f"{edition}{path}", seconds) for path in ("/en/indicators/17/", "/projects/")]
            out["wrk_streamlit_shell"] = wrk(f"{bare.base}/", seconds)
        out["app"] = _app_figures(results)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


# ------------------------------------------------------------------------------------------------ report


def _f(value, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def report_lines(results: dict) -> list[str]:
    """The report's section on the edition (bench/report.py), from the step `edition` of `results`."""
    entry = results.get("steps", {}).get("edition")
    if entry is None:
        return []
    if "failed" in entry:
        return ["## Phone edition", "", f"Failed: {entry['failed']}", ""]
    return ["## Phone edition", "", *lines(entry["result"]), ""]


def lines(r: dict) -> list[str]:
    b, w, fv = r["build"], r["weight"], r["first_view"]
    warm, cold = b["warm"], b["cold"]
    built = f"{warm['pages']} pages in {cold['seconds']:.0f} s cold ({cold['charts_drawn']} charts drawn), {warm['seconds']:.1f} s warm"
    growth = ", ".join(f"{g['pages']} pages {g['seconds']:.1f} s" for g in b["growth"])
    heaviest = w["heaviest"][0]["page"]
    out = [
        f"- **Build**: {built} (warm: the charts kept from an earlier build)",
        f"- **Growth** (warm, every k-th page): {growth}: about {_f(b['per_page_ms'])} ms per page on top of {_f(b['fixed_s'], 1)} s",
        f"- **Weight** with everything a page loads: at most {w['max_gz'] / 1024:.1f} KB gzip ({w['max_br'] / 1024:.1f} KB brotli), "
        f"median {w['median_gz'] / 1024:.1f} KB; heaviest {heaviest}; pages over {BUDGET_KB} KB: {len(w['over_budget'])} "
        f"(the whole site: {w['site_bytes'] / 2**20:.1f} MB uncompressed)",
        "",
    ]
    profile, bare = fv["profile"], fv["bare"]
    out += [
        f"First view on the slow mobile profile ({profile['latency_ms']} ms, {profile['down_kbit'] / 1000:.1f} Mbit/s down, "
        f"{profile['up_kbit']} kbit/s up, CPU {profile['cpu']}× slower), {fv['reps']} loads each, alternating. The bare Streamlit "
        f"page: heading after {_f(bare['heading_median_ms'])} ms, {_f((bare['bytes'] or 0) / 1024)} KB in {bare['requests']} requests.",
        "",
        "| edition page | heading visible | × bare page | transferred | requests |",
        "|---|---|---|---|---|",
    ]
    for path, p in fv["pages"].items():
        ratio, size = _f(p["ratio_median"], 2), f"{p['bytes'] / 1024:.1f} KB"
        out.append(f"| {path} | {_f(p['heading_median_ms'])} ms | {ratio} | {size} | {p['requests']} |")
    out += ["", f"nginx serving the edition, `wrk` with {WRK_CONNECTIONS} connections (gzip accepted):", ""]
    out += ["| served | requests/s | p50 | p99 | errors |", "|---|---|---|---|---|"]
    rows = [(f"edition {'/' + x['url'].split('/', 3)[3]}", x) for x in r["wrk"]]
    rows.append(("Streamlit's HTML shell alone (no page run)", r["wrk_streamlit_shell"]))
    for label, x in rows:
        errors = x["socket_errors"] + x["non_2xx"]
        out.append(f"| {label} | {_f(x['rps'])} | {_f(x['p50_ms'], 1)} ms | {_f(x['p99_ms'], 1)} ms | {errors} |")
    app = r.get("app", {})
    if app.get("app_capacity_rps") is not None or app.get("app_nginx_200"):
        n200 = app.get("app_nginx_200") or {}
        out.append(
            f"| the app (load step): page runs/s at p95 ≤ 1 s, one process | {_f(app.get('app_capacity_rps'), 1)} | — | "
            f"p95 {_f(n200.get('p95_ms'))} ms (200 visitors, nginx + 2 replicas) | {n200.get('errors', '—')} |"
        )
    return out


def main() -> None:
    import logging

    import streamlit  # noqa: F401  (its loggers, quietened below)

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    started = time.monotonic()
    result = measure()
    result["elapsed_s"] = time.monotonic() - started
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "edition.json").write_text(json.dumps(result, indent=1, default=str))
    text = "\n".join(["# Phone edition", "", *lines(result)]) + "\n"
    (OUT / "edition.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
