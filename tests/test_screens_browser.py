"""Screens report in, end to end in headless Chromium: a kiosk opened with ?screen=NAME appears on /screens with the
token (the list refreshing by itself) and not without it; a silent screen is flagged; a hostile name is listed as
text; and two replicas behind nginx (deploy/nginx.conf, its CSP included) share one store, so each lists what
reached the other."""

from __future__ import annotations

import sqlite3
import time
import urllib.parse
from pathlib import Path

import pytest

from core import screens
from tests.browser import ARTIFACTS, chromium
from tests.helpers_server import HOST, serve, serve_nginx, serve_replicas

pytestmark = pytest.mark.browser

TOKEN = "hall-staff-2026"
CSP_LISTENER = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation', "
    "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screens") / "screens.sqlite"


@pytest.fixture(scope="module")
def server(store):
    with serve(env={"ORDOS_SCREENS_DB": str(store), "ORDOS_SCREENS_TOKEN": TOKEN}) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _row(store: Path, name: str) -> dict | None:
    if not store.exists():
        return None
    with sqlite3.connect(store) as con:
        con.row_factory = sqlite3.Row
        row = con.execute("SELECT * FROM screens WHERE name = ?", [name]).fetchone()
    return dict(row) if row else None


def _wait_for_row(store: Path, name: str, timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if row := _row(store, name):
            return row
        time.sleep(0.5)
    raise AssertionError(f"no report of {name!r} in {store} after {timeout:.0f} s")


def _kiosk(browser, base: str, name: str, query: str = "lang=both&interval=2"):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.goto(f"{base}/kiosk?{query}&screen={urllib.parse.quote(name, safe='')}", wait_until="domcontentloaded")
    page.wait_for_selector("#ordos-deck .od-slide.on", timeout=90_000)
    return context, page


def _status(browser, base: str, query: str):
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base}/screens?{query}", wait_until="domcontentloaded")
    page.wait_for_selector(".sc-page", timeout=60_000)
    return context, page, dialogs


def _listed(page) -> dict[str, dict]:
    return {
        row["name"]: row
        for row in page.evaluate(
            """() => [...document.querySelectorAll('.sc-row')].map(r => ({name: r.querySelector('.sc-name').textContent,
                 silent: r.classList.contains('silent'), flag: r.querySelector('.sc-flag').textContent, cells: r.innerText}))"""
        )
    }


def test_a_kiosk_with_a_name_is_listed_with_the_token_and_not_without(server, store, browser):
    status, page, dialogs = _status(browser, server, f"lang=en&token={TOKEN}")  # open before the screen reports
    kiosk, screen = _kiosk(browser, server, "hall-a")
    try:
        row = _wait_for_row(store, "hall-a")
        assert row["page"] == "kiosk" and row["lang"] == "both" and row["total"] == 12 and 1 <= row["slide"] <= 12
        assert row["version"] and row["uptime_s"] is not None and row["reconnects"] == 0
        deck = screen.evaluate("() => { window.__ordosDeck.marker = 1; return +document.getElementById('ordos-deck').dataset.advances; }")
        screen.evaluate("window.__ordosReport.send()")
        screen.wait_for_timeout(2500)
        # the report reran the reporter's fragment only: the same deck, still advancing, its timers running
        assert screen.evaluate("() => window.__ordosDeck.marker") == 1
        assert int(screen.get_attribute("#ordos-deck", "data-advances")) > deck
        assert _row(store, "hall-a")["reports"] >= 2
        # the open status page lists it by itself (it refreshes every 15 s)
        page.wait_for_function("() => [...document.querySelectorAll('.sc-name')].some(e => e.textContent === 'hall-a')", timeout=40_000)
        listed = _listed(page)["hall-a"]
        assert not listed["silent"] and listed["flag"] == "✓ Reporting" and "kiosk · Chinese and English" in listed["cells"]
        page.screenshot(path=str(ARTIFACTS / "screenshots" / "screens-list.png"))
        assert screen.evaluate("window.__csp") == [] and dialogs == []
    finally:
        kiosk.close()
        status.close()
    for query in ("lang=en", "lang=en&token=", f"lang=en&token={TOKEN}x", f"token={TOKEN[:-1]}"):
        context, page, _ = _status(browser, server, query)
        try:
            assert page.locator(".sc-refusal").count() == 1 and page.locator(".sc-list, .sc-row").count() == 0, query
            assert "hall-a" not in page.inner_text("body")
        finally:
            context.close()


def test_a_silent_screen_is_flagged_and_a_hostile_name_is_text(server, store, browser):
    old = screens.report("hall-silent", "kiosk", "zh", {"slide": 4, "total": 12}, "0.1.0")
    screens.record(old, now=time.time() - 3 * 60, path=store)
    hostile = "<script>alert(1)</script>\u202eevil<img src=x onerror=alert(2)>" + "x" * 10_000
    kiosk, _ = _kiosk(browser, server, hostile, "lang=zh&interval=600")
    stored = screens.screen_name(hostile)
    try:
        _wait_for_row(store, stored)
    finally:
        kiosk.close()
    context, page, dialogs = _status(browser, server, f"token={TOKEN}")
    try:
        listed = _listed(page)
        assert listed["hall-silent"]["silent"] and listed["hall-silent"]["flag"] == "⚠ 失联"
        assert stored in listed and not listed[stored]["silent"]
        assert stored.startswith("<script>alert(1)</script>evil<img") and len(stored) == screens.NAME_MAX
        # shown as text: no element made of it, no script run, no bidirectional override left
        assert page.locator(".sc-page script, .sc-page img").count() == 0 and dialogs == []
        assert "\u202e" not in page.inner_text(".sc-page")
        assert page.evaluate("() => getComputedStyle(document.querySelector('.sc-row.silent td')).backgroundColor") == "rgb(255, 247, 230)"
    finally:
        context.close()


def test_two_replicas_behind_nginx_share_the_reports(browser, tmp_path):
    """A kiosk through nginx (its CSP applies) reports to the replica it was routed to; the other replica lists it,
    and a kiosk on that other replica is listed by the first."""
    store = tmp_path / "screens.sqlite"
    env = {"ORDOS_SCREENS_DB": str(store), "ORDOS_SCREENS_TOKEN": TOKEN}
    with serve_replicas(2, env) as replicas, serve_nginx([f"{HOST}:{r.port}" for r in replicas]) as proxy:
        context, page = _kiosk(browser, proxy, "via-nginx")
        try:
            _wait_for_row(store, "via-nginx")
            page.wait_for_function("() => +document.getElementById('ordos-deck').dataset.advances >= 2", timeout=10_000)
            assert page.evaluate("window.__csp") == []  # the deck's script and the reporter run under deploy/nginx.conf's CSP
        finally:
            context.close()
        # which replica served it: the page's own request (the sticky cookie sends its websocket to the same one)
        pages = {r["upstream"] for r in proxy.requests() if r["uri"].startswith("/kiosk?") and r["status"] == "200"}
        assert len(pages) == 1, proxy.requests()
        (served,) = pages
        other = next(r for r in replicas if f"{HOST}:{r.port}" != served)
        first = next(r for r in replicas if f"{HOST}:{r.port}" == served)
        context, page = _kiosk(browser, other, "direct-on-other")
        try:
            _wait_for_row(store, "direct-on-other")
        finally:
            context.close()
        for replica in (other, first):
            status, page, _ = _status(browser, replica, f"lang=en&token={TOKEN}")
            try:
                assert {"via-nginx", "direct-on-other"} <= set(_listed(page)), replica
            finally:
                status.close()
