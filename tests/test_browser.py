"""Every public page in Chromium at 1920×1080 and 390×844, in Chinese and English: no error, nothing
requested from outside the server, nothing scrolls sideways, charts (pictures) and map drawn, no serious or critical
axe-core violations and no skipped heading level. Screenshots are kept in artifacts/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, Recorder, chromium, wait_for_app
from tests.helpers_server import serve

pytestmark = pytest.mark.browser

PAGES = {  # path -> (pictures drawn on the server at least: charts and the story's locator map; deck.gl maps at least)
    "": (0, 0),
    "zhungeer": (2, 0),
    "indicators": (0, 0),  # the list tab opens first; the chart is one tap away
    "projects": (2, 0),
    "map": (0, 1),
    "about": (0, 0),
}
# The pictures shown (one drawing of each chart fits the window) and decoded
DRAWN = """() => [...document.querySelectorAll('figure.ordos-chart img, img.ordos-picture-svg')]
    .filter(e => e.offsetParent && e.complete && e.naturalWidth > 0).length"""
SIZES = {"desktop": (1920, 1080), "phone": (390, 844)}


@pytest.fixture(scope="module")
def server():
    with serve() as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_in_chromium(server, browser, path, lang, size):
    from axe_playwright_python.sync_playwright import Axe

    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN" if lang == "zh" else "en-US")
    page = context.new_page()
    recorder = Recorder(base=str(server))
    page.on("request", recorder.on_request)
    page.on("console", recorder.on_console)
    try:
        page.goto(f"{server}/{path}?lang={lang}", wait_until="domcontentloaded")
        wait_for_app(page)
        shots = ARTIFACTS / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"{path or 'home'}-{lang}-{size}.png"))  # what a visitor sees first

        assert page.locator('[data-testid="stException"]').count() == 0
        assert recorder.outside == [], f"requests outside the server: {recorder.outside[:5]}"
        assert recorder.console_errors == [], f"console errors: {recorder.console_errors[:5]}"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"page scrolls sideways: {scroll_width} > {width}"
        charts, maps = PAGES[path]
        assert page.evaluate(DRAWN) >= charts
        assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= maps
        lang_attr_text = page.locator('[data-testid="stMain"]').inner_text()
        if lang == "en":
            assert "English" not in lang_attr_text.split("\n")[:3]  # the switch offers 中文 on English pages

        def violations() -> list:
            return [
                (v["id"], v["impact"], len(v["nodes"]))
                for v in Axe().run(page).response["violations"]
                if v["impact"] in ("serious", "critical") or v["id"] == "heading-order"  # headings go h1, h2, h3 without a gap
            ]

        # On a loaded machine axe can catch an element mid-transition (a caption fading in measured at its
        # faded colour); a real problem is still there a moment later.
        bad = violations()
        if bad:
            page.wait_for_timeout(1500)
            bad = violations()
        assert bad == [], f"axe-core: {bad}"
        # The whole page for people to look at: Streamlit scrolls inside its own container, so grow the window.
        tallest = page.evaluate("Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
        page.set_viewport_size({"width": width, "height": min(tallest, 12000)})
        page.wait_for_timeout(800)
        page.screenshot(path=str(shots / f"{path or 'home'}-{lang}-{size}-full.png"))
    finally:
        context.close()
