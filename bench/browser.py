"""In the browser: time until each page is ready in headless Chromium, against a bare Streamlit page, alternating.

Each load is a fresh browser context (an empty cache: a first visit) in one headless Chromium, driven by
Playwright. Loads alternate — bare page, app page, bare page, next app page, … — so that both sides of each
ratio share the same moment of this shared machine. A page is *ready* at its last DOM change before it settles:
an init script records `performance.now()` (milliseconds since navigation start) at every DOM mutation; the
load is settled once the script run has finished (the `script_finished` ForwardMsg has arrived and the app's
`data-test-script-state` is `notRunning`) and the DOM has been quiet for `QUIET_MS` (charts and maps draw after
the script ends; that time counts). Requests to any address other than 127.0.0.1 are blocked and counted.

Bytes: everything the page receives beyond Streamlit's own frontend (its index.html, JS, CSS, fonts under
/static/, favicon, manifest) and the framework's /_stcore/health and host-config — that is, the websocket
frames (every element, chart data, map geometry) plus any HTTP response of the app (/media/, /app/static/,
components, /_stcore/message), as transferred.

Compressed bytes: everything the page loads, frontend included (Streamlit loads a page's JS chunks as its
elements need them: Vega-Lite, deck.gl, the code highlighter…), each response as deploy/nginx.conf sends it
(gzip level 5 for its gzip types from 1 KB on; images and fonts as they are), plus the websocket payload
gzipped as one stream. Frontend files are read from Streamlit's own static folder (the bytes it serves).

The same loads check the load generator: the ForwardMsgs Chromium receives for a page (decoded from the
websocket frames) are compared, element by element (type, delta path, content digest), with what
bench/wsclient.py receives for the same page and query.
"""

from __future__ import annotations

import asyncio
import gzip
import statistics
import time
from pathlib import Path
from urllib.parse import urlsplit

import streamlit
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import CHROMIUM, HOST, Server
from bench.wsclient import Session, describe, element_digest

QUIET_MS = 600
SETTLE_TIMEOUT_S = 30

INIT_SCRIPT = """
(() => {
  window.__lastMutation = 0;
  const mark = () => { window.__lastMutation = performance.now(); };
  new MutationObserver(mark).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();
"""

FRONTEND_PREFIXES = ("/static/", "/favicon.png", "/manifest.json", "/_stcore/health", "/_stcore/host-config")
STATIC = Path(streamlit.__file__).parent / "static"
# deploy/nginx.conf: gzip_comp_level 5, gzip_min_length 1024, these types (and text/html, always)
GZIP_LEVEL, GZIP_MIN = 5, 1024
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml",
              "application/xml", "font/ttf", "application/vnd.ms-fontobject")  # fmt: skip


def compressed_size(body: bytes, content_type: str) -> int:
    """What nginx (deploy/nginx.conf) sends for a response body of this type."""
    kind = content_type.split(";")[0].strip().lower()
    if len(body) >= GZIP_MIN and kind.startswith(GZIP_TYPES):
        return len(gzip.compress(body, GZIP_LEVEL))
    return len(body)


def _body(request) -> tuple[bytes, str]:
    """A finished request's response body and content type (Streamlit's own files from its static folder)."""
    path = urlsplit(request.url).path
    try:
        response = request.response()
        kind = (response.headers.get("content-type") if response else "") or ""
    except Exception:
        response, kind = None, ""
    if path.startswith("/static/") or path in ("/favicon.png", "/manifest.json"):
        file = STATIC / path.lstrip("/")
        if file.is_file():
            return file.read_bytes(), kind
    try:
        return (response.body() if response else b""), kind
    except Exception:
        return b"", kind


def _category(url: str, page_url: str) -> str:
    parts = urlsplit(url)
    if parts.hostname != HOST:
        return "external"
    if url.split("#")[0] == page_url or parts.path.startswith(FRONTEND_PREFIXES):
        return "frontend"
    return "app"


def load(browser, url: str) -> dict:
    """One first visit of `url` in a fresh context: ready time, bytes by kind, the element signature."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", timezone_id="Asia/Shanghai")
    external: list[str] = []

    def block(route):
        external.append(route.request.url)
        route.abort()

    context.route(lambda u: urlsplit(u).hostname not in (HOST, None), block)
    page = context.new_page()
    page.add_init_script(INIT_SCRIPT)
    frames: list[bytes] = []
    finished = []
    requests = []

    def on_ws(ws):
        def received(payload):
            data = payload if isinstance(payload, bytes) else payload.encode()
            frames.append(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished != 2:
                finished.append(time.monotonic())

        ws.on("framereceived", received)

    page.on("websocket", on_ws)
    page.on("requestfinished", lambda r: requests.append(r))
    started = time.monotonic()
    page.goto(url, wait_until="commit", timeout=SETTLE_TIMEOUT_S * 1000)
    error = None
    try:
        while not finished:
            if time.monotonic() - started > SETTLE_TIMEOUT_S:
                raise TimeoutError("no script_finished")
            page.wait_for_timeout(25)
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=SETTLE_TIMEOUT_S * 1000)
        while True:
            quiet = page.evaluate("performance.now() - window.__lastMutation")
            if quiet >= QUIET_MS:
                break
            if time.monotonic() - started > SETTLE_TIMEOUT_S:
                raise TimeoutError("the page never settled")
            page.wait_for_timeout(max(25, int(QUIET_MS - quiet)))
        ready_ms = page.evaluate("window.__lastMutation")
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:200]
        ready_ms = None
    by_kind = {"frontend": 0, "app": 0, "external": 0}
    gz_kind = {"frontend": 0, "app": 0, "external": 0}
    app_urls = []
    for r in requests:
        try:
            size = r.sizes()["responseBodySize"]
        except Exception:
            size = 0
        kind = _category(r.url, url)
        by_kind[kind] += size
        body, content_type = _body(r)
        gz_kind[kind] += compressed_size(body, content_type)
        if kind == "app":
            app_urls.append(r.url)
    exceptions = page.locator('[data-testid="stException"]').count()
    context.close()
    signature, digests = [], []
    for data in frames:
        msg = ForwardMsg()
        msg.ParseFromString(data)
        line = describe(msg)
        if line:
            signature.append(line)
            d = element_digest(msg)
            if d:
                digests.append(d)
    ws_bytes = sum(len(f) for f in frames)
    ws_gz = len(gzip.compress(b"".join(frames), GZIP_LEVEL))
    return {
        "gz_frontend_bytes": gz_kind["frontend"],
        "gz_app_http_bytes": gz_kind["app"],
        "gz_ws_bytes": ws_gz,
        "gz_total_bytes": gz_kind["frontend"] + gz_kind["app"] + ws_gz,
        "ready_ms": ready_ms,
        "error": error or (f"{exceptions} exception(s) shown" if exceptions else None),
        "ws_bytes": ws_bytes,
        "app_http_bytes": by_kind["app"],
        "page_bytes": ws_bytes + by_kind["app"],
        "frontend_bytes": by_kind["frontend"],
        "external_requests": sorted(set(external)),
        "app_urls": app_urls[:10],
        "signature": signature,
        "digests": digests,
    }


def _url(server: Server, path: str, query: str) -> str:
    return f"{server.base}/{path}" + (f"?{query}" if query else "")


def measure(app: Server, bare: Server, pages: list[tuple[str, str, str]], reps: int = 6) -> dict:
    """Ready time of each page and of the bare page, alternating, `reps` times each; bytes; the first signature."""
    from playwright.sync_api import sync_playwright

    results = {label: [] for label, _, _ in pages}
    bare_runs: list[dict] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            load(browser, _url(bare, "", ""))  # one warm-up of the browser process itself (not counted)
            for _ in range(reps):
                for label, path, query in pages:
                    bare_runs.append(load(browser, _url(bare, "", "")))
                    results[label].append(load(browser, _url(app, path, query)))
        finally:
            browser.close()
    out = {"reps": reps, "quiet_ms": QUIET_MS, "pages": {}}
    bare_ready = [r["ready_ms"] for r in bare_runs if r["ready_ms"] is not None]
    out["bare"] = {
        "ready_median_ms": statistics.median(bare_ready) if bare_ready else None,
        "ready_iqr_ms": _iqr(bare_ready),
        "ws_bytes": bare_runs[0]["ws_bytes"] if bare_runs else None,
        "frontend_bytes": max((r["frontend_bytes"] for r in bare_runs), default=None),
        "gz_total_bytes": max((r["gz_total_bytes"] for r in bare_runs), default=None),
        "gz_frontend_bytes": max((r["gz_frontend_bytes"] for r in bare_runs), default=None),
        "gz_ws_bytes": max((r["gz_ws_bytes"] for r in bare_runs), default=None),
        "errors": sum(bool(r["error"]) for r in bare_runs),
    }
    for i, (label, path, query) in enumerate(pages):
        runs = results[label]
        ready = [r["ready_ms"] for r in runs if r["ready_ms"] is not None]
        # each app load against the bare load just before it (same moment of the machine)
        paired = [bare_runs[k * len(pages) + i]["ready_ms"] for k in range(reps)]
        ratios = [a / b for a, b in zip([r["ready_ms"] for r in runs], paired, strict=True) if a and b]
        out["pages"][label] = {
            "path": path,
            "query": query,
            "ready_median_ms": statistics.median(ready) if ready else None,
            "ready_iqr_ms": _iqr(ready),
            "ratio_median": statistics.median(ratios) if ratios else None,
            "ratio_min": min(ratios) if ratios else None,
            "ratio_max": max(ratios) if ratios else None,
            "page_bytes": max(r["page_bytes"] for r in runs),
            "ws_bytes": max(r["ws_bytes"] for r in runs),
            "app_http_bytes": max(r["app_http_bytes"] for r in runs),
            # everything the page loads, compressed as nginx sends it (the largest load), and against the bare page's
            "gz_total_bytes": max(r["gz_total_bytes"] for r in runs),
            "gz_frontend_bytes": max(r["gz_frontend_bytes"] for r in runs),
            "gz_app_http_bytes": max(r["gz_app_http_bytes"] for r in runs),
            "gz_ws_bytes": max(r["gz_ws_bytes"] for r in runs),
            "gz_ratio": max(r["gz_total_bytes"] for r in runs) / out["bare"]["gz_total_bytes"] if out["bare"]["gz_total_bytes"] else None,
            "external_requests": sorted({u for r in runs for u in r["external_requests"]}),
            "errors": [r["error"] for r in runs if r["error"]][:3],
            "signature": runs[0]["signature"],
            "digests": runs[0]["digests"],
        }
    return out


def verify_generator(app: Server, browser_pages: dict, pages: list[tuple[str, str, str]]) -> dict:
    """Compare Chromium's ForwardMsgs with the generator's for the same page and query."""

    async def generator(path: str, query: str):
        async with Session(app.ws_base, record=True) as s:
            r = await s.run(page_name=path, query=query)
            return r

    checks = {}
    for label, path, query in pages:
        seen = browser_pages.get(label)
        if not seen:
            continue
        r = asyncio.run(generator(path, query))
        same_structure = r.signature == seen["signature"]
        mine = list(zip([x for x in r.signature if x.startswith("element:")], r.payload_hashes, strict=False))
        theirs = list(zip([x for x in seen["signature"] if x.startswith("element:")], seen["digests"], strict=False))
        differing = [a[0] for a, b in zip(mine, theirs, strict=False) if a != b]
        first_diff = next((f"{a} vs {b}" for a, b in zip(r.signature, seen["signature"], strict=False) if a != b), None)
        checks[label] = {
            "messages_browser": len(seen["signature"]),
            "messages_generator": len(r.signature),
            "same_structure": same_structure,
            "elements": max(len(mine), len(theirs)),
            "elements_identical": max(len(mine), len(theirs)) - len(differing),
            "differing_elements": differing[:8],
            "first_difference": first_diff,
        }
    return checks


def _iqr(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    q = statistics.quantiles(values, n=4)
    return q[2] - q[0]
