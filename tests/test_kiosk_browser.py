"""/kiosk and /present in headless Chromium, against a server whose database holds test observations
(tests/test_slides.py OBSERVATIONS_CSV), so the progress slide shows observed values and their status.

The kiosk: no Streamlit chrome, fits 1920×1080 and 3840×2160 with nothing outside the slide and no scrollbar,
smallest text ≥ 20 px at 1080p (charts included, at the size they are drawn), advances by itself, pauses on a
touch and resumes, asks nothing outside the server, survives a server restart; a soak of thousands of
advances with browser and server memory measured. The presenter: clicker keys, the slide number, ?slide=N.
Both: the page title ends with ' · N/T' (the slide shown and the total), which a watchdog reads.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import psutil
import pytest

from tests.browser import ARTIFACTS, Recorder, chromium
from tests.helpers_server import serve
from tests.test_slides import observed_database

pytestmark = pytest.mark.browser

SLIDES = 12
CHROME = ["stHeader", "stToolbar", "stDecoration", "stStatusWidget", "stAppDeployButton", "stMainMenu", "stSidebar",
          "stSidebarCollapsedControl", "stConnectionStatus"]  # fmt: skip

# Every slide at once (inactive ones are laid out too): what lies outside its slide, the smallest text and
# the smallest chart text at the size the picture is shown, the page's scroll size, the Streamlit chrome shown.
MEASURE = """(chrome) => {
  const root = document.getElementById('ordos-deck');
  const out = {overflow: [], minText: 1e9, minTextWhat: '', minChart: 1e9, chrome: [], slides: 0,
               scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight,
                        document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight],
               scrollbar: window.innerWidth - document.documentElement.clientWidth};
  const stage = root.querySelector('.od-stage').getBoundingClientRect();
  out.stage = [stage.left, stage.top, stage.width, stage.height];
  for (const slide of root.querySelectorAll('.od-slide')) {
    out.slides += 1;
    const box = slide.getBoundingClientRect();
    for (const el of slide.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(el).display === 'none') continue;
      if (r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1)
        out.overflow.push(slide.dataset.key + ' ' + el.tagName + '.' + el.className);
      if (el.matches('img[data-font-min]')) {
        const scale = Math.min(r.width / parseFloat(el.dataset.width), r.height / parseFloat(el.dataset.height));
        out.minChart = Math.min(out.minChart, parseFloat(el.dataset.fontMin) * scale);
      }
    }
    const source = slide.querySelector('.od-source').getBoundingClientRect();
    for (const el of slide.querySelectorAll('.od-body *')) {
      const r = el.getBoundingClientRect();
      if (r.height && getComputedStyle(el).display !== 'none' && r.bottom > source.top + 1)
        { out.overflow.push(slide.dataset.key + ' over the source line: ' + el.className); break; }
    }
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest('[hidden]') || !el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < out.minText) { out.minText = size; out.minTextWhat = node.textContent.trim().slice(0, 40); }
  }
  for (const id of chrome) {
    for (const el of document.querySelectorAll('[data-testid="' + id + '"]')) {
      const r = el.getBoundingClientRect();
      if (r.width && r.height && getComputedStyle(el).visibility !== 'hidden') out.chrome.push(id);
    }
  }
  for (const [x, y] of [[2, 2], [innerWidth - 3, 2], [2, innerHeight - 3], [innerWidth - 3, innerHeight - 3]]) {
    const el = document.elementFromPoint(x, y);
    if (!el || !el.closest('#ordos-deck')) out.chrome.push('not the deck at ' + x + ',' + y);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    return observed_database(tmp_path_factory.mktemp("kiosk-obs"))


@pytest.fixture(scope="module")
def server(database):
    with serve(env={"ORDOS_DB": str(database)}) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _open(browser, server, path: str, size: tuple[int, int], recorder: Recorder | None = None):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    if recorder:
        page.on("request", recorder.on_request)
        page.on("console", recorder.on_console)
    page.goto(f"{server}/{path}", wait_until="domcontentloaded")
    page.wait_for_selector("#ordos-deck .od-slide.on", timeout=60_000)
    return context, page


def _index(page) -> int:
    return int(page.get_attribute("#ordos-deck", "data-index"))


MARKER = re.compile(r" \u00b7 (\d+)/(\d+)$")  # ' · 3/12' at the end of the page title


def _assert_title_marks(title: str, no: int) -> None:
    """The page's own title, then one marker ' · N/T' (a space, U+00B7, a space) naming slide `no` of SLIDES."""
    own = MARKER.sub("", title)
    assert title == f"{own} \u00b7 {no}/{SLIDES}", title
    assert own.strip() and not MARKER.search(own), title


def _wait_for_title(page, no: int) -> None:
    page.wait_for_function("(end) => document.title.endsWith(end)", arg=f" \u00b7 {no}/{SLIDES}", timeout=3000)
    _assert_title_marks(page.title(), no)


@pytest.mark.parametrize(("lang", "sizes"), [("zh", [(1920, 1080)]), ("en", [(1920, 1080)]), ("both", [(1920, 1080), (3840, 2160)])])
def test_kiosk_fits_the_screen_without_chrome(server, browser, lang, sizes):
    recorder = Recorder(base=str(server))
    context, page = _open(browser, server, f"kiosk?lang={lang}&interval=600", sizes[0], recorder)
    try:
        for width, height in sizes:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(400)
            floor = 20 * height / 1080  # about 20 px on a 1080p screen; type scales with the screen
            m = page.evaluate(MEASURE, CHROME)
            shots = ARTIFACTS / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / f"kiosk-{lang}-{width}x{height}.png"))
            assert m["slides"] == SLIDES
            assert m["chrome"] == [], m["chrome"]
            assert m["stage"] == [0, 0, width, height]  # 16:9 screens: the stage is the whole screen
            assert m["scroll"] == [width, height] * 2 and m["scrollbar"] == 0
            assert m["overflow"] == [], m["overflow"][:5]
            assert m["minText"] >= floor, (m["minText"], m["minTextWhat"])
            assert m["minChart"] >= floor * 0.99, m["minChart"]
        assert page.locator('[data-testid="stException"]').count() == 0
        assert recorder.outside == [], recorder.outside[:5]
        assert recorder.console_errors == [], recorder.console_errors[:5]
    finally:
        context.close()


def test_kiosk_advances_shows_progress_pauses_on_touch_and_resumes(server, browser):
    context, page = _open(browser, server, "kiosk?lang=en&interval=0.4&idle=1.5", (1920, 1080))
    try:
        seen, advances = [], 0
        for _ in range(4):  # a fresh tab starts at slide 1: after n advances it shows slide n + 1
            page.wait_for_function("(n) => +document.getElementById('ordos-deck').dataset.advances > n", arg=advances, timeout=5000)
            state = page.evaluate("() => { const d = document.getElementById('ordos-deck'); return [+d.dataset.advances, +d.dataset.index,"
                                  " document.querySelector('.od-count').textContent, document.title] }")  # fmt: skip
            seen.append(state[1])
            advances = state[0]
            assert state[1] == state[0] % SLIDES + 1 and state[2] == f"{state[1]} / {SLIDES}", state
            _assert_title_marks(state[3], state[1])
        assert len(set(seen)) >= 3, seen
        assert page.locator(".od-dot.on").count() == 1 and page.locator(".od-bar i").count() == 1
        page.mouse.click(900, 500)
        assert page.get_attribute("#ordos-deck", "data-paused") == "1"
        assert page.locator(".od-paused").is_visible()
        held = page.get_attribute("#ordos-deck", "data-advances")
        page.wait_for_timeout(1000)
        assert page.get_attribute("#ordos-deck", "data-advances") == held  # paused: no advance
        page.wait_for_function("() => !document.getElementById('ordos-deck').hasAttribute('data-paused')", timeout=3000)
        page.wait_for_function("(n) => +document.getElementById('ordos-deck').dataset.advances > n", arg=int(held), timeout=3000)
    finally:
        context.close()


def test_kiosk_soak_thousands_of_advances_memory_flat(server, browser):
    """3,000 advances through the timer's own step function (one frame drawn every 25), browser heap and DOM
    size after a forced garbage collection, and the server's resident memory, at the start and the end."""
    context, page = _open(browser, server, "kiosk?lang=both&interval=600", (1920, 1080))
    cdp = context.new_cdp_session(page)
    server_process = psutil.Process(server.process.pid)

    def measure() -> dict:
        cdp.send("HeapProfiler.collectGarbage")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        return {"js_heap_mb": metrics["JSHeapUsedSize"] / 2**20, "nodes": metrics["Nodes"], "listeners": metrics["JSEventListeners"],
                "server_rss_mb": server_process.memory_info().rss / 2**20}  # fmt: skip

    try:
        cdp.send("Performance.enable")
        page.evaluate("async () => { for (let k = 0; k < 50; k++) { window.__ordosDeck.tick(); } }")  # warm up
        start = measure()
        started = time.monotonic()
        advances = page.evaluate(
            """async (n) => {
                 for (let k = 0; k < n; k++) {
                   window.__ordosDeck.tick();
                   if (k % 25 === 24) await new Promise(r => requestAnimationFrame(r));
                 }
                 return +document.getElementById('ordos-deck').dataset.advances;
               }""",
            3000,
        )
        seconds = time.monotonic() - started
        end = measure()
        report = {"advances": advances, "seconds": round(seconds, 1), "start": start, "end": end}
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "kiosk-soak.json").write_text(json.dumps(report, indent=2))
        print("kiosk soak:", json.dumps(report))
        assert advances == 3050
        assert _index(page) == 3050 % SLIDES + 1
        assert end["js_heap_mb"] - start["js_heap_mb"] <= 30, report
        assert end["server_rss_mb"] - start["server_rss_mb"] <= 30, report
        assert end["nodes"] - start["nodes"] <= 100, report  # nothing is added to the page per advance
        assert end["listeners"] <= start["listeners"], report
    finally:
        context.close()


def test_presenter_keys_slide_number_deep_link_and_downloads(server, browser):
    recorder = Recorder(base=str(server))
    context, page = _open(browser, server, "present?lang=en&slide=3", (1280, 720), recorder)
    try:
        assert _index(page) == 3 and page.inner_text(".od-count") == f"3 / {SLIDES}"
        assert page.locator(".od-slide.on").get_attribute("data-key") == "chapter-1"
        _wait_for_title(page, 3)
        steps = [("PageDown", 4), ("PageUp", 3), ("ArrowRight", 4), ("ArrowDown", 5), ("ArrowLeft", 4), ("ArrowUp", 3), (" ", 4),
                 ("End", SLIDES), ("PageDown", SLIDES), ("Home", 1), ("PageUp", 1)]  # fmt: skip
        for key, expected in steps:
            page.keyboard.press(key)
            assert _index(page) == expected, key
            assert page.inner_text(".od-count") == f"{expected} / {SLIDES}"
            _wait_for_title(page, expected)
        assert "slide=1" in page.url
        downloads = page.locator(".st-key-deck-downloads")
        assert downloads.is_visible() and downloads.locator("button").count() == 3  # first slide: the decks on offer
        page.keyboard.press("PageDown")
        assert not downloads.is_visible()
        page.keyboard.press("End")
        assert downloads.is_visible()
        m = page.evaluate(MEASURE, CHROME)
        assert m["chrome"] == [] and m["overflow"] == [], (m["chrome"], m["overflow"][:5])
        assert page.get_attribute("#ordos-deck", "data-advances") == "0"  # no auto-advance
        assert recorder.outside == []
    finally:
        context.close()


def test_kiosk_resumes_after_server_restart(server, browser, database):
    context, page = _open(browser, server, "kiosk?lang=en&interval=0.4", (1920, 1080))
    try:
        page.wait_for_function("() => +document.getElementById('ordos-deck').dataset.advances >= 2", timeout=5000)
        server.kill()
        before = int(page.get_attribute("#ordos-deck", "data-advances"))
        page.wait_for_timeout(1500)
        assert int(page.get_attribute("#ordos-deck", "data-advances")) > before  # the loop runs in the browser
        with serve(port=server.port, env={"ORDOS_DB": str(database)}):
            page.wait_for_function(
                """() => window.__ordosDeck && document.querySelector('[data-testid="stApp"]')
                           .getAttribute('data-test-connection-state') === 'CONNECTED'""",
                timeout=30_000,
            )
            at = int(page.get_attribute("#ordos-deck", "data-advances") or 0)
            page.wait_for_function("(n) => +document.getElementById('ordos-deck').dataset.advances > n + 1", arg=at, timeout=5000)
            # the page title was set again by the new session: the deck's marker is back, once
            state = page.evaluate("() => [+document.getElementById('ordos-deck').dataset.index, document.title]")
            _assert_title_marks(state[1], state[0])
            m = page.evaluate(MEASURE, CHROME)
            assert m["chrome"] == [], m["chrome"]
            assert page.locator('[data-testid="stException"], [role="dialog"]:visible').count() == 0
    finally:
        context.close()
