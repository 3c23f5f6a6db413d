"""Past one machine: Debian's nginx with deploy/nginx.conf in front of two Streamlit replicas on loopback.

* The configuration: sticky sessions by cookie, websocket upgrade, long websocket timeouts, gzip, a long cache
  for hashed bundles and none for HTML, security headers on every response, no uploads, no version banner.
* Sticky sessions: every request and the websocket of one visitor reach the same replica; visitors spread
  over both.
* The Content-Security-Policy in Chromium: no violation on any page, and every page renders through nginx with
  its header, its styles, every chart drawn and the map drawn.
* Fail-over: load through nginx (new visitors all the time), one replica killed (SIGKILL) mid-run: sessions
  on the survivor carry on, every session started after the kill succeeds, and visitors whose replica died
  reconnect to the survivor, both the websocket client and a real Chromium tab (which then still works).

The fail-over test kills a replica of the module's cluster, so it is the last test of the file.
"""

from __future__ import annotations

import contextlib
import random
import re
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from core.i18n import t
from tests.helpers_server import DEPLOY_NGINX_CONF, HOST, NGINX, Visitor, http_get, serve_nginx, serve_replicas

pytestmark = pytest.mark.skipif(not NGINX.exists(), reason="Debian's nginx (/usr/sbin/nginx) is not installed: apt-get install nginx")

PAGES = [("", "lang=zh"), ("zhungeer", "lang=en&chapter=2"), ("indicators", "lang=en&indicator=17"), ("projects", "lang=zh&project=16"),
         ("map", "lang=en&district=150622"), ("about", "lang=en")]  # fmt: skip
CHROMIUM = next((p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if Path(p).exists()), None)
SECURITY_HEADERS = ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Permissions-Policy", "Content-Security-Policy")


def _warm(base_url: str) -> None:
    """One visit of every page, so that the test measures fail-over, not a replica's first imports."""
    with Visitor(base_url, timeout=60) as tab:
        for page, query in PAGES:
            run = tab.open(page, query)
            assert run.ok, (base_url, page, run.status, run.error)


@pytest.fixture(scope="module")
def cluster():
    with serve_replicas(2) as replicas, serve_nginx([f"{HOST}:{r.port}" for r in replicas]) as proxy:
        threads = [threading.Thread(target=_warm, args=(r,), daemon=True) for r in replicas]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        yield SimpleNamespace(proxy=proxy, replicas=replicas)


def _route_to(proxy, replica, limit: int = 60) -> str:
    """A sticky-session cookie value that nginx sends to `replica` (found by asking, as a new visitor would)."""
    for _ in range(limit):
        tab = Visitor(proxy)
        tab.get("_stcore/health")
        route = tab.cookies["ordos_route"]
        if _upstream_of(proxy, route) == f"{HOST}:{replica.port}":
            return route
    raise AssertionError(f"no route to {replica} in {limit} new visitors")


def _upstream_of(proxy, route: str, uri_prefix: str = "/", after: int = 0, timeout: float = 3) -> str | None:
    """The replica that answered the latest request of `route` (from nginx's access log, which it writes a
    moment after answering)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [r for r in proxy.requests()[after:] if r["route"] == route and r["uri"].startswith(uri_prefix)]
        if found:
            return found[-1]["upstream"]
        if time.monotonic() > deadline:
            return None
        time.sleep(0.05)


# ------------------------------------------------------------------------------------------ configuration


def test_deploy_nginx_conf_has_what_replicas_need():
    conf = DEPLOY_NGINX_CONF.read_text(encoding="utf-8")
    required = [
        r"hash \$ordos_route consistent;",  # sticky sessions by cookie (not ip_hash: one NAT, one replica)
        r"ordos_route=\$request_id; Path=/; HttpOnly; SameSite=Lax",
        r"proxy_http_version 1\.1;",
        r"proxy_set_header Upgrade \$http_upgrade;",
        r"proxy_set_header Connection \$ordos_connection;",
        r"proxy_set_header Host \$http_host;",
        r"location = /_stcore/stream \{[^}]*proxy_read_timeout 1h;",
        r"gzip_types [^;]*application/javascript[^;]*application/json",
        r"location \^~ /static/ \{[^}]*proxy_cache ordos_static;",
        r"server_tokens off;",
        r"client_max_body_size 64k;",
        r"location \^~ /_stcore/upload_file \{\s*return 403;",
        *[rf'add_header {h} "[^"]+" always;' for h in SECURITY_HEADERS],
        r"frame-ancestors 'self'",
    ]
    missing = [pattern for pattern in required if not re.search(pattern, conf)]
    assert not missing, missing
    assert "unsafe-eval'" not in conf.replace("wasm-unsafe-eval'", "")  # deck.gl runs without eval (tested below)


def test_csp_hash_matches_streamlits_inline_script():
    """The CSP allows Streamlit's one inline script by its hash: after a Streamlit upgrade this says what to change."""
    import base64
    import hashlib

    import streamlit

    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", index, re.S)
    hashes = {"sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    conf = DEPLOY_NGINX_CONF.read_text(encoding="utf-8")
    assert hashes and all(f"'{h}'" in conf for h in hashes), f"put {sorted(hashes)} in script-src of deploy/nginx.conf"


def test_headers_compression_and_caching(cluster):
    proxy = cluster.proxy
    status, headers, _ = http_get(proxy + "/projects?lang=en", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    for name in SECURITY_HEADERS:
        assert headers.get(name), name
    assert headers["Server"] == "nginx"  # no version
    assert "no-cache" in headers["Cache-Control"]
    assert headers.get("Content-Encoding") == "gzip"
    cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith("ordos_route="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    index = http_get(proxy + "/")[2].decode()
    bundle = re.search(r'src="\./(static/js/[^"]+\.js)"', index).group(1)
    before = len(proxy.requests())
    for _ in range(2):
        status, headers, body = http_get(f"{proxy}/{bundle}", headers={"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip" and body[:2] == b"\x1f\x8b"
        assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    time.sleep(0.3)
    caches = [r["cache"] for r in proxy.requests()[before:] if r["uri"] == f"/{bundle}"]
    assert caches[-1] == "HIT", caches  # the second request never reached a replica
    # Errors carry the headers too, and nothing accepts uploads or exposes the agent API.
    status, headers, _ = http_get(proxy + "/_stcore/upload_file/s/f")
    assert status == 403 and headers.get("Content-Security-Policy")
    assert http_get(proxy + "/_stcore/agent/openapi.json")[0] == 404


def test_sticky_sessions(cluster):
    proxy, replicas = cluster.proxy, cluster.replicas
    seen = set()
    for i in range(12):
        with Visitor(proxy) as tab:
            before = len(proxy.requests())
            run = tab.open(*PAGES[i % len(PAGES)])
            assert run.ok, run.error
            route = tab.cookies["ordos_route"]
        time.sleep(0.2)  # the websocket's line is written when it closes
        records = [r for r in proxy.requests()[before:] if r["route"] == route]
        upstreams = {r["upstream"] for r in records}
        assert len(upstreams) == 1, records  # page, health, websocket: one replica
        assert any(r["uri"] == "/_stcore/stream" and r["status"] == "101" for r in records)
        seen |= upstreams
    assert seen == {f"{HOST}:{r.port}" for r in replicas}  # and visitors spread over both


# ----------------------------------------------------------------------------------------- CSP in Chromium

_RENDERED = """() => ({
    h1: [...document.querySelectorAll('h1')].map(e => e.textContent.trim()).filter(Boolean),
    charts: [...document.querySelectorAll('figure.ordos-chart img, img.ordos-picture-svg')].filter(e => e.offsetParent).length,
    drawn: [...document.querySelectorAll('figure.ordos-chart img, img.ordos-picture-svg')]
        .filter(e => e.offsetParent && e.complete && e.naturalWidth > 0).length,
    maps: document.querySelectorAll('[data-testid="stDeckGlJsonChart"]').length,
    deck: document.querySelectorAll('[data-testid="stDeckGlJsonChart"] canvas').length,
    header: document.querySelectorAll('a[href*="lang="]').length,
    styled: [...document.querySelectorAll('.ordos-card')].filter(e => getComputedStyle(e).borderTopWidth === '4px').length,
    cards: document.querySelectorAll('.ordos-card').length,
    exception: document.querySelectorAll('[data-testid="stException"]').length,
})"""
_CSP_LISTENER = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation', "
    "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));"
)


def _render(page, url: str, maps: int = 0) -> tuple[dict, list]:
    """Load `url` and wait until the page has settled: the script done, everything it holds drawn (charts, at least
    `maps` deck.gl maps, styled cards) and the same elements twice in a row; or 30 s. (The map's bundle loads after
    the script has finished: on a busy machine two equal looks can both come before it.)"""
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    deadline, last = time.monotonic() + 30, None
    while True:
        page.wait_for_timeout(400)
        now = page.evaluate(_RENDERED)
        drawn = now["drawn"] >= now["charts"] and now["deck"] >= max(now["maps"], maps) and now["styled"] >= now["cards"]
        if (now == last and drawn) or time.monotonic() > deadline:
            return now, page.evaluate("window.__csp")
        last = now


@pytest.mark.browser
def test_csp_lets_every_page_render_in_chromium(cluster):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (make chromium)")
    from playwright.sync_api import sync_playwright

    proxy = cluster.proxy
    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_init_script(_CSP_LISTENER)
            page = context.new_page()
            console = []
            page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
            for path, query in PAGES:
                seen, violations = _render(page, f"{proxy}/{path}?{query}", maps=1 if path == "map" else 0)
                if violations:
                    problems.append(f"/{path}: CSP violations {violations}")
                if seen["exception"]:
                    logs = "\n".join(r.log()[-1500:] for r in cluster.replicas)
                    problems.append(f"/{path}: exception shown; replica logs:\n{logs}")
                if not seen["h1"] or seen["header"] < len(PAGES):
                    problems.append(f"/{path}: no heading or no header links: {seen}")
                if seen["drawn"] < seen["charts"] or seen["deck"] < seen["maps"] or seen["styled"] < seen["cards"]:
                    problems.append(f"/{path}: not everything drew (charts, maps, styled cards): {seen}")
                if path == "map" and not seen["deck"]:
                    problems.append("the map did not render")
            if console:
                problems.append(f"console: {console[:5]}")
        finally:
            browser.close()
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------------------------------------ fail-over


def _load(proxy, stop: threading.Event, results: list, seed: int) -> None:
    """A visitor after another through nginx: open a page, then follow a link; a dropped visitor reconnects once."""
    rng = random.Random(seed)
    while not stop.is_set():
        started = time.monotonic()
        tab = Visitor(proxy, timeout=30)
        first = tab.open(*rng.choice(PAGES))
        second = tab.run(*rng.choice(PAGES)) if first.ok else first
        retried = None
        if not (first.ok and second.ok):
            retried = tab.reconnect()
        tab.close()
        results.append(SimpleNamespace(started=started, ok=first.ok and second.ok, retried=retried, error=first.error or second.error))


def _stop_load(stop: threading.Event, threads: list[threading.Thread]) -> None:
    stop.set()
    for thread in threads:
        thread.join(timeout=60)


def test_one_replica_killed_mid_run(cluster):
    proxy, (victim, survivor) = cluster.proxy, cluster.replicas
    assert victim.alive and survivor.alive, "the fail-over test must run last (it kills a replica)"
    stop, results = threading.Event(), []
    load = [threading.Thread(target=_load, args=(proxy, stop, results, seed), daemon=True) for seed in range(3)]
    with contextlib.ExitStack() as cleanup:
        # Visitors already on each replica, each with an open session.
        on_victim = [Visitor(proxy, cookies={"ordos_route": _route_to(proxy, victim)}) for _ in range(3)]
        on_survivor = [Visitor(proxy, cookies={"ordos_route": _route_to(proxy, survivor)}) for _ in range(3)]
        for i, tab in enumerate(on_victim + on_survivor):
            cleanup.callback(tab.close)
            run = tab.open(*PAGES[i % len(PAGES)])
            assert run.ok, run.error
        sessions = {id(tab): tab.session_id for tab in on_survivor}

        page = None
        if CHROMIUM is not None:  # and a real browser tab on the replica that will die
            from playwright.sync_api import sync_playwright

            browser = cleanup.enter_context(sync_playwright()).chromium.launch(executable_path=CHROMIUM)
            cleanup.callback(browser.close)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            chromium_route = _route_to(proxy, victim)
            context.add_cookies([{"name": "ordos_route", "value": chromium_route, "url": proxy}])
            page = context.new_page()
            page.goto(f"{proxy}/projects?lang=en")
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
            assert page.locator("h1").first.inner_text().strip() == t("projects.title", "en")
            assert _upstream_of(proxy, chromium_route, "/_stcore/") == f"{HOST}:{victim.port}"

        # Load through nginx: new visitors all the time (stopped and joined, bounded, whatever happens below).
        for thread in load:
            thread.start()
        cleanup.callback(_stop_load, stop, load)
        time.sleep(4)
        before_kill = len(proxy.requests())
        killed_at = time.monotonic()
        victim.kill()  # SIGKILL: a crash, mid-run, with sessions open

        # Sessions on the survivor carry on: same session, next run fine.
        for tab in on_survivor:
            run = tab.run()
            assert run.ok and tab.session_id == sessions[id(tab)], run.error
        # Visitors whose replica died: the connection drops; they reconnect (through nginx) to the survivor.
        for tab in on_victim:
            assert not tab.run().ok  # the old websocket is gone
            run = tab.reconnect()
            assert run.ok, run.error
            assert _upstream_of(proxy, tab.cookies["ordos_route"], "/_stcore/health", before_kill) == f"{HOST}:{survivor.port}"

        if page is not None:
            # Chromium notices, asks /_stcore/health again (nginx now answers from the survivor), reconnects, and
            # the page works: the language switch in the header runs on the new session.
            deadline = time.monotonic() + 40
            while _upstream_of(proxy, chromium_route, "/_stcore/health", before_kill, timeout=0) != f"{HOST}:{survivor.port}":
                assert time.monotonic() < deadline, "Chromium did not reconnect through nginx within 40 s"
                page.wait_for_timeout(250)
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=30_000)
            page.get_by_role("link", name=re.compile("中文")).first.click()
            title_zh = t("projects.title", "zh")
            page.wait_for_function("t => document.querySelector('h1')?.textContent.trim() === t", arg=title_zh, timeout=30_000)
            page.wait_for_url(re.compile(r"lang=zh"), timeout=10_000)
            assert not page.locator('[data-testid="stException"]').count()

        time.sleep(max(0.0, killed_at + 8 - time.monotonic()))  # keep the load going a while after the kill

    assert not any(thread.is_alive() for thread in load), "load threads still running"
    after = [r for r in results if r.started >= killed_at]
    before = [r for r in results if r.started < killed_at]
    assert len(after) >= 5 and before, (len(before), len(after))
    dropped = [r for r in before if not r.ok]
    print(f"\nload through nginx: {len(before)} sessions before the kill ({len(dropped)} dropped, all reconnected: "
          f"{all(r.retried is not None and r.retried.ok for r in dropped)}), {len(after)} after it")  # fmt: skip
    assert all(r.ok for r in after), [r.error for r in after if not r.ok]  # new sessions all succeed
    assert all(r.ok or (r.retried is not None and r.retried.ok) for r in before), [r.error for r in before if not r.ok]
