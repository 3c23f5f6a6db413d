"""/kiosk and /present in headless Chromium, against a server whose database holds test observations
(tests/test_slides.py OBSERVATIONS_CSV), so the progress slide shows observed values and their status, and test
photos for chapters 1 and 3 (generated pictures, with credits), with a map review number set.

The kiosk: no Streamlit chrome, fits 1920×1080 and 3840×2160 with nothing outside the slide and no scrollbar,
smallest text ≥ 20 px at 1080p (charts included, at the size they are drawn), advances by itself, pauses on a
touch and resumes, asks nothing outside the server, survives a server restart; a soak of thousands of
advances with browser and server memory measured. The presenter: clicker keys, the slide number, ?slide=N.
Both: the page title ends with ' · N/T' (the slide shown and the total), which a watchdog reads.

For days of running: the dark theme fits and passes axe; quiet hours start and end by the screen's clock; the drift
stays within 4 px in 1 px steps; the title slide's Mongolian name is there, vertical, in Noto Sans Mongolian and
joined (shaped), at 1080p and 4K. The soak reports to the screens' store hundreds of times as it runs.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import psutil
import pytest

from tests.browser import ARTIFACTS, Recorder, chromium
from tests.helpers_server import serve
from tests.test_slides import MN_CITY, make_photo, observed_database

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


REVIEW_NO = "GS(2024)0650号"


def photo_database(folder: Path) -> tuple[Path, Path]:
    """The observed database with test photos for chapter 1 (landscape JPEG) and chapter 3 (its first picture, a
    portrait PNG): the database and the photos folder."""
    database = observed_database(folder)
    photos = folder / "photos"
    photos.mkdir()
    make_photo(photos / "mine-park.jpg", (3000, 2000), (200, 120, 40))
    make_photo(photos / "rice-fish.png", (1000, 1500), (40, 120, 200), "PNG")
    con = duckdb.connect(str(database))
    for no, name, zh, en in ((1, "mine-park.jpg", "摄影：测试一", "Photo: Test One"), (3, "rice-fish.png", "测试供图", "Test picture")):
        con.execute("UPDATE story_pictures SET photo_file = ?, credit_zh = ?, credit_en = ? WHERE picture_no = ?", [name, zh, en, no])
    con.close()
    return database, photos


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> tuple[Path, Path]:
    return photo_database(tmp_path_factory.mktemp("kiosk-obs"))


@pytest.fixture(scope="module")
def server_env(database, tmp_path_factory) -> dict[str, str]:
    db, photos = database
    store = tmp_path_factory.mktemp("kiosk-screens") / "screens.sqlite"
    return {"ORDOS_DB": str(db), "ORDOS_PHOTOS_DIR": str(photos), "ORDOS_MAP_REVIEW_NO": REVIEW_NO, "ORDOS_SCREENS_DB": str(store)}


@pytest.fixture(scope="module")
def server(server_env):
    with serve(env=server_env) as base_url:
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


BOTH_SIZES = [(1920, 1080), (3840, 2160)]


@pytest.mark.parametrize(
    ("lang", "theme", "sizes"),
    [("zh", "light", [(1920, 1080)]), ("en", "light", [(1920, 1080)]), ("both", "light", BOTH_SIZES), ("both", "dark", BOTH_SIZES)],
)
def test_kiosk_fits_the_screen_without_chrome(server, browser, lang, theme, sizes):
    recorder = Recorder(base=str(server))
    context, page = _open(browser, server, f"kiosk?lang={lang}&interval=600&theme={theme}", sizes[0], recorder)
    try:
        assert page.locator(".od-slide .od-photoimg").count() == 2  # chapters 1 and 3 have their photos
        assert page.locator(".od-slide .od-mapno").count() == 2  # the title's locator map and the map slide
        for width, height in sizes:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(400)
            floor = 20 * height / 1080  # about 20 px on a 1080p screen; type scales with the screen
            m = page.evaluate(MEASURE, CHROME)
            shots = ARTIFACTS / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / f"kiosk-{lang}-{theme}-{width}x{height}.png"))
            if lang == "both":  # a chapter with its photo, for people to look at
                page.evaluate("() => { const d = window.__ordosDeck; while (+d.root.dataset.index !== 3) d.tick(); }")
                page.wait_for_timeout(600)
                page.screenshot(path=str(shots / f"kiosk-{lang}-{theme}-{width}x{height}-chapter-1.png"))
                page.evaluate("() => { const d = window.__ordosDeck; while (+d.root.dataset.index !== 1) d.tick(); }")
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


def _reports(server_env, name: str) -> int:
    with sqlite3.connect(server_env["ORDOS_SCREENS_DB"]) as con:
        row = con.execute("SELECT reports FROM screens WHERE name = ?", [name]).fetchone()
    return row[0] if row else 0


def test_kiosk_soak_thousands_of_advances_memory_flat(server, browser, server_env):
    """3,000 advances through the timer's own step function (one frame drawn every 25) with reporting on
    (?screen=soak, a report sent every 15 advances: 200 fragment reruns on the server, each stored), browser heap
    and DOM size after a forced garbage collection, and the server's resident memory, at the start and the end."""
    context, page = _open(browser, server, "kiosk?lang=both&interval=600&screen=soak", (1920, 1080))
    cdp = context.new_cdp_session(page)
    server_process = psutil.Process(server.process.pid)

    def measure() -> dict:
        cdp.send("HeapProfiler.collectGarbage")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        return {"js_heap_mb": metrics["JSHeapUsedSize"] / 2**20, "nodes": metrics["Nodes"], "listeners": metrics["JSEventListeners"],
                "server_rss_mb": server_process.memory_info().rss / 2**20}  # fmt: skip

    try:
        cdp.send("Performance.enable")
        page.wait_for_function("() => window.__ordosReport && window.__ordosReport.sent >= 1", timeout=30_000)
        page.evaluate(  # warm up, reports included
            """async () => { for (let k = 0; k < 50; k++) { window.__ordosDeck.tick();
                               if (k % 10 === 9) { window.__ordosReport.send(); await new Promise(r => setTimeout(r, 40)); } } }"""
        )
        page.wait_for_timeout(1500)
        start = measure()
        reported = _reports(server_env, "soak")
        started = time.monotonic()
        advances = page.evaluate(
            """async (n) => {
                 const deck = window.__ordosDeck;
                 for (let k = 0; k < n; k++) {
                   deck.tick();
                   if (k % 15 === 14) { window.__ordosReport.send(); await new Promise(r => setTimeout(r, 30)); }
                   if (k % 25 === 24) await new Promise(r => requestAnimationFrame(r));
                 }
                 return [+document.getElementById('ordos-deck').dataset.advances, window.__ordosDeck === deck];
               }""",
            3000,
        )
        page.wait_for_timeout(2000)  # the last reports stored
        seconds = time.monotonic() - started
        end = measure()
        stored = _reports(server_env, "soak") - reported
        advances, same_deck = advances
        report = {"advances": advances, "reports_stored": stored, "seconds": round(seconds, 1), "start": start, "end": end}
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "kiosk-soak.json").write_text(json.dumps(report, indent=2))
        print("kiosk soak:", json.dumps(report))
        assert advances == 3050 and same_deck  # the reports reran the fragment only: the deck was never drawn again
        assert _index(page) == 3050 % SLIDES + 1
        assert stored >= 150, report  # of 200 sent (a report sent while the fragment still runs may replace one)
        assert end["js_heap_mb"] - start["js_heap_mb"] <= 30, report
        assert end["server_rss_mb"] - start["server_rss_mb"] <= 30, report
        assert end["nodes"] - start["nodes"] <= 100, report  # nothing is added to the page per advance
        assert end["listeners"] <= start["listeners"], report
    finally:
        context.close()


def test_presenter_keys_slide_number_deep_link_and_downloads(server, browser, server_env):
    recorder = Recorder(base=str(server))
    context, page = _open(browser, server, "present?lang=en&slide=3&screen=lectern", (1280, 720), recorder)
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
        page.evaluate("window.__ordosReport.send()")  # the presenter reports too: its page and the slide it shows
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _reports(server_env, "lectern") < 2:
            page.wait_for_timeout(300)
        with sqlite3.connect(server_env["ORDOS_SCREENS_DB"]) as con:
            assert con.execute("SELECT page, lang, slide FROM screens WHERE name = 'lectern'").fetchone() == ("present", "en", SLIDES)
    finally:
        context.close()


# ------------------------------------------------------------------------------------- care for the panels

SHANGHAI = "Asia/Shanghai"


def _fake_now(page) -> float:
    return page.evaluate("Date.now()")


def _forward_to(page, hour: int, minute: int, second: float = 0.5) -> None:
    """Move the page's (fake) clock forward to the next hour:minute:second in Shanghai, firing the timers due."""
    from zoneinfo import ZoneInfo

    now = datetime.fromtimestamp(_fake_now(page) / 1000, ZoneInfo(SHANGHAI))
    target = now.replace(hour=hour, minute=minute, second=int(second), microsecond=int(second % 1 * 1e6))
    if target <= now:
        target += timedelta(days=1)
    page.clock.fast_forward(int((target - now).total_seconds() * 1000))


def _sleeping(page) -> dict:
    return page.evaluate(
        """() => { const d = document.getElementById('ordos-deck'), night = d.querySelector('.od-sleep');
                   return {sleeping: d.hasAttribute('data-sleeping'), shown: !night.hidden && night.getBoundingClientRect().width > 0,
                           clock: d.querySelector('.od-clock').textContent, advances: +d.dataset.advances,
                           paused: d.hasAttribute('data-paused'), title: document.title,
                           cover: document.elementFromPoint(innerWidth / 2, innerHeight / 2).className}; }"""
    )


def test_quiet_hours_start_and_end_by_the_screens_clock(server, browser):
    """?sleep=22:00-07:00 in Shanghai: awake at 21:00, dark with a clock from 22:00 (the loop carrying on underneath,
    touches ignored), awake again at 07:00; malformed quiet hours are ignored."""
    from zoneinfo import ZoneInfo

    context = browser.new_context(viewport={"width": 1920, "height": 1080}, timezone_id=SHANGHAI)
    page = context.new_page()
    try:
        page.clock.install(time=datetime(2026, 5, 1, 21, 0, 0, tzinfo=ZoneInfo(SHANGHAI)))
        page.goto(f"{server}/kiosk?lang=both&interval=0.5&sleep=22:00-07:00", wait_until="domcontentloaded")
        page.wait_for_selector("#ordos-deck .od-slide.on", timeout=60_000)
        awake = _sleeping(page)
        assert not awake["sleeping"] and not awake["shown"]
        _forward_to(page, 22, 0)
        night = _sleeping(page)
        assert night["sleeping"] and night["shown"] and night["clock"] == "22:00" and "od-sleep" in night["cover"], night
        page.screenshot(path=str(ARTIFACTS / "screenshots" / "kiosk-quiet-hours.png"))
        page.mouse.click(960, 540)  # a touch in the night wakes nothing and pauses nothing
        page.wait_for_timeout(1500)
        later = _sleeping(page)
        assert later["sleeping"] and not later["paused"] and later["advances"] > night["advances"]  # the loop runs on
        assert MARKER.search(later["title"])
        _forward_to(page, 6, 59, 30)
        assert _sleeping(page)["sleeping"]
        _forward_to(page, 7, 0)
        morning = _sleeping(page)
        assert not morning["sleeping"] and not morning["shown"] and not morning["paused"]
        page.wait_for_timeout(1500)
        assert _sleeping(page)["advances"] > morning["advances"]
    finally:
        context.close()
    context, page = _open(browser, server, "kiosk?lang=en&interval=600&sleep=22:00-25:00", (1280, 720))
    try:
        assert "sleep" not in page.get_attribute("#ordos-deck", "data-config").replace('"sleep": null', "")
    finally:
        context.close()


def test_drift_moves_a_pixel_at_a_time_within_four(server, browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.clock.install(time=datetime(2026, 5, 1, 12, 0, 0))
        page.goto(f"{server}/kiosk?lang=zh&interval=600", wait_until="domcontentloaded")
        page.wait_for_selector("#ordos-deck .od-slide.on", timeout=60_000)
        path = page.evaluate("() => [...Array(3000).keys()].map(k => window.__ordosDeck.driftAt(k))")
        assert max(max(abs(x), abs(y)) for x, y in path) == 4
        assert max(max(abs(a[0] - b[0]), abs(a[1] - b[1])) for a, b in itertools.pairwise(path)) == 1
        assert len({tuple(p) for p in path}) >= 60  # over hours it visits most of the 9 × 9 pixels
        step = int(_fake_now(page) // 150_000)
        at = page.evaluate(
            """() => [document.getElementById('ordos-deck').dataset.drift,
                      getComputedStyle(document.querySelector('.od-slide.on')).translate]"""
        )
        x, y = (int(v) for v in at[0].split(","))
        assert [x, y] == page.evaluate("(k) => window.__ordosDeck.driftAt(k)", step)  # from the wall clock
        assert at[1] == ("none" if x == y == 0 else f"{x}px {y}px" if y else f"{x}px"), at
        page.clock.fast_forward(150_000)
        moved = page.get_attribute("#ordos-deck", "data-drift")
        nx, ny = (int(v) for v in moved.split(","))
        assert moved != at[0] and max(abs(nx - x), abs(ny - y)) == 1
    finally:
        context.close()
    for path, drifting in (("kiosk?lang=zh&drift=off", False), ("present?lang=zh", False), ("present?lang=zh&drift=on", True)):
        context, page = _open(browser, server, path, (1280, 720))
        try:
            assert (page.get_attribute("#ordos-deck", "data-drift") is not None) == drifting, path
        finally:
            context.close()


MONGOLIAN = """(isolated) => {
  const el = document.querySelector('.od-slide.on .od-mn'), cs = getComputedStyle(el);
  let shown = el;
  if (isolated) {  // the same letters, each on its own (U+200C ZERO WIDTH NON-JOINER between them): no joining
    shown = el.cloneNode(true); shown.textContent = [...el.textContent].join('\u200c');
    Object.assign(shown.style, {position: 'absolute', left: '0px', top: '0px', zIndex: 9,
                                background: getComputedStyle(document.querySelector('.od-stage')).backgroundColor});
    document.querySelector('.od-slide.on').appendChild(shown);
  }
  const r = shown.getBoundingClientRect(), title = document.querySelector('.od-slide.on .od-headtext').getBoundingClientRect();
  return {text: el.textContent, lang: el.lang, writing: cs.writingMode, family: cs.fontFamily, x: r.left, y: r.top, w: r.width, h: r.height,
          beside: r.right <= title.left && r.top < title.bottom, check: document.fonts.check('16px "Noto Sans Mongolian"', el.textContent)};
}"""


def _stem_runs(png: bytes) -> int:
    """Runs of ink along the text's stem (the column with the most ink, ±1 px): joined Mongolian letters share one
    stem per word, letters on their own (or boxes) break it at every letter."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        grey = image.convert("L")
        width, height = grey.size
        pixels = grey.load()
    ink = [[pixels[x, y] < 128 for y in range(height)] for x in range(width)]
    stem = max(range(width), key=lambda x: sum(ink[x]))
    band = [any(ink[x][y] for x in range(max(0, stem - 1), min(width, stem + 2))) for y in range(height)]
    return sum(1 for y in range(height) if band[y] and (y == 0 or not band[y - 1]))


@pytest.mark.parametrize("size", BOTH_SIZES, ids=["1080p", "4K"])
def test_mongolian_name_vertical_and_shaped_on_the_title_slide(server, browser, size):
    context, page = _open(browser, server, "kiosk?lang=both&interval=600", size)
    try:
        page.wait_for_timeout(500)
        joined = page.evaluate(MONGOLIAN, False)
        assert joined["text"] == MN_CITY and joined["lang"] == "mn-Mong" and joined["beside"], joined
        assert joined["writing"] == "vertical-lr" and joined["family"].startswith('"Noto Sans Mongolian"'), joined
        assert joined["h"] > 3 * joined["w"] and joined["w"] >= 30 * size[1] / 1080, joined  # vertical, and not tiny
        # the browser drew it with Noto Sans Mongolian itself, every glyph (not a fallback font, not boxes)
        cdp = context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": ".od-slide.on .od-mn"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        assert [f["familyName"] for f in fonts] == ["Noto Sans Mongolian"] and fonts[0]["glyphCount"] >= 9, fonts
        assert joined["check"]  # (true for any installed font: the two checks above are the ones that tell)
        clip = {k: joined[k] for k in ("x", "y")} | {"width": joined["w"], "height": joined["h"]}
        shot = page.screenshot(clip=clip)
        (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "screenshots" / f"mongolian-title-{size[0]}x{size[1]}.png").write_bytes(shot)
        # shaped: the joined name is shorter than its letters set apart, and its stem breaks only between words
        alone = page.evaluate(MONGOLIAN, True)
        apart = page.screenshot(clip={"x": alone["x"], "y": alone["y"], "width": alone["w"], "height": alone["h"]})
        assert joined["h"] < 0.9 * alone["h"], (joined, alone)
        runs, runs_apart = _stem_runs(shot), _stem_runs(apart)
        assert runs <= 0.7 * runs_apart, (runs, runs_apart)
        assert page.locator(".od-slide[data-key^='chapter'] .od-mn").count() == 4
        assert page.locator(".od-slide[data-key='closing'] .od-mn").text_content() == MN_CITY
    finally:
        context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_kiosk_themes_pass_axe_on_every_slide(server, browser, theme):
    """No serious or critical axe-core finding on any slide (contrast included), and the brand colours kept."""
    from axe_playwright_python.sync_playwright import Axe

    context, page = _open(browser, server, f"kiosk?lang=both&interval=600&theme={theme}", (1920, 1080))
    try:
        axe, bad = Axe(), []
        for no in range(1, SLIDES + 1):
            page.evaluate("(n) => { const d = window.__ordosDeck; while (+d.root.dataset.index !== n) d.tick(); }", no)
            page.wait_for_timeout(600)  # the slide's fade
            results = axe.run(page)
            found = results.response["violations"]
            bad += [(no, v["id"], v["impact"], len(v["nodes"])) for v in found if v["impact"] in ("serious", "critical")]
        assert bad == [], bad
        colours = page.evaluate(
            """() => ({swatch: getComputedStyle(document.querySelector('.od-slide[data-key="title"] .od-key i')).backgroundColor,
                       accent: getComputedStyle(document.querySelector('.od-slide[data-key="chapter-1"] .od-fig')).borderTopColor})"""
        )
        assert colours == {"swatch": "rgb(213, 94, 0)", "accent": "rgb(213, 94, 0)"}  # Jungar's vermillion in both themes
    finally:
        context.close()


# Last in the module: it kills the module's server (the one it starts again stops with it).
def test_kiosk_resumes_after_server_restart(server, browser, server_env):
    context, page = _open(browser, server, "kiosk?lang=en&interval=0.4&screen=restart-test", (1920, 1080))
    try:
        page.wait_for_function("() => +document.getElementById('ordos-deck').dataset.advances >= 2", timeout=5000)
        server.kill()
        before = int(page.get_attribute("#ordos-deck", "data-advances"))
        page.wait_for_timeout(1500)
        assert int(page.get_attribute("#ordos-deck", "data-advances")) > before  # the loop runs in the browser
        with serve(port=server.port, env=server_env):
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
            # the screen reported again to the new server (once its first run, the slides drawn cold, is done),
            # and counted the reconnection
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and not _reconnects(server_env, "restart-test"):
                page.wait_for_timeout(500)
            assert _reconnects(server_env, "restart-test") >= 1
    finally:
        context.close()


def _reconnects(server_env, name: str) -> int:
    with sqlite3.connect(server_env["ORDOS_SCREENS_DB"]) as con:
        row = con.execute("SELECT reconnects FROM screens WHERE name = ?", [name]).fetchone()
    return (row[0] or 0) if row else 0
