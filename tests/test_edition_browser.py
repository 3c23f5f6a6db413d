"""The phone edition in Chromium, served as plain files (Python's http.server), with scripts on and off:
nothing requested outside the site, no console error, nothing scrolls sideways at 390 px, no serious or critical
axe-core finding, English pages with Chinese only in parentheses, quotes or marked source text; and a reader's
way from the home page to an indicator, a project and a district and back, by tapping links, without scripts.
Screenshots are kept in artifacts/edition/."""

from __future__ import annotations

import re

import pytest

from tests.browser import ARTIFACTS, Recorder, chromium
from tests.helpers_edition import build_edition, serve_static
from tests.test_glossary import chinese_outside_quotes

pytestmark = pytest.mark.browser

PATHS = ["", "zhungeer/", "zhungeer/1/", "indicators/", "indicators/17/", "projects/", "projects/21/", "map/", "map/150622/", "about/"]
WIDE = ["", "indicators/17/", "projects/", "map/150622/"]
SHOTS = ARTIFACTS / "edition"
# Visible text of an English page outside what may be Chinese: elements marked lang="zh" (source wording, the
# language switch) and the figure cards' source sentences (quoted from the Chinese documents).
ENGLISH_TEXT = """() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const el = walk.currentNode.parentElement;
    if (!el || el.closest('[lang^="zh"], blockquote, style, [hidden]')) continue;
    if (!el.getClientRects().length && !el.closest('details')) continue;
    out.push(walk.currentNode.textContent);
  }
  return out.join(' ');
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The pages these tests open (and those a reader's way reaches) in both languages: test_edition.py builds the
    whole edition; a part of it is enough here, and a fraction of the time on a busy machine."""
    from core.pages import Folders

    wanted = {p for path in [*PATHS, "indicators/18/", "map/150623/"] for p in (path, f"en/{path}")}
    folder = tmp_path_factory.mktemp("edition-browser") / "site"
    build_edition(folder, compress=False, select=lambda address: address.path(Folders()) in wanted)
    with serve_static(folder) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _open(browser, server, path: str, width: int, height: int, scripts: bool, lang: str):
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=scripts,
                                  locale="zh-CN" if lang == "zh" else "en-US")  # fmt: skip
    page = context.new_page()
    recorder = Recorder(base=str(server))
    page.on("request", recorder.on_request)
    page.on("console", recorder.on_console)
    page.on("pageerror", lambda exc: recorder.console_errors.append(str(exc)))
    response = page.goto(f"{server}/{'en/' if lang == 'en' else ''}{path}", wait_until="load")
    assert response.status == 200
    return context, page, recorder


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts-on", "scripts-off"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_on_a_phone(server, browser, lang, scripts):
    from axe_playwright_python.sync_playwright import Axe

    SHOTS.mkdir(parents=True, exist_ok=True)
    for path in PATHS:
        context, page, recorder = _open(browser, server, path, 390, 844, scripts, lang)
        where = f"{lang}/{path}"
        try:
            assert recorder.outside == [], f"{where}: requests outside the site: {recorder.outside[:5]}"
            assert recorder.console_errors == [], f"{where}: console errors: {recorder.console_errors[:5]}"
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= 390, f"{where}: scrolls sideways ({scroll_width} px)"
            assert page.locator("h1").count() == 1 and page.locator("h1").is_visible()
            if lang == "en":
                bad = chinese_outside_quotes(page.evaluate(ENGLISH_TEXT))
                assert bad == [], f"{where}: Chinese outside parentheses or quotes: {bad[:5]}"
            if scripts:  # axe-core runs as a script in the page
                results = Axe().run(page)
                found = [
                    (v["id"], v["impact"], len(v["nodes"]))
                    for v in results.response["violations"]
                    if v["impact"] in ("serious", "critical")
                ]
                assert found == [], f"{where}: axe-core: {found}"
            else:
                name = (path.strip("/").replace("/", "-") or "home") + f"-{lang}-390"
                page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        finally:
            context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_on_a_wide_screen(server, browser, lang):
    for path in WIDE:
        context, page, recorder = _open(browser, server, path, 1920, 1080, False, lang)
        try:
            assert recorder.outside == [] and recorder.console_errors == [], (path, recorder.outside, recorder.console_errors)
            assert page.evaluate("document.documentElement.scrollWidth") <= 1920
            # the chart drawn for a wide column is the one shown
            if path == "projects/":
                assert page.locator("svg.ed-wide").first.is_visible() and not page.locator("svg.ed-narrow").first.is_visible()
            name = (path.strip("/").replace("/", "-") or "home") + f"-{lang}-1920"
            page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        finally:
            context.close()


def test_a_readers_way_without_scripts(server, browser):
    """Home → Indicators → indicator 17 → a related story chapter … → Projects → project 21 → its district → back."""
    context, page, recorder = _open(browser, server, "", 390, 844, False, "en")
    try:
        page.get_by_role("navigation", name="Sections").get_by_role("link", name="Indicators").click()
        assert page.url.endswith("/en/indicators/")
        page.locator("a.ind-item[href$='/en/indicators/17/']").click()
        assert page.url.endswith("/en/indicators/17/") and "2.08" in page.locator("main").inner_text()
        page.get_by_role("link", name=re.compile(r"^Next: 18")).click()
        assert page.url.endswith("/en/indicators/18/")
        page.go_back()
        assert page.url.endswith("/en/indicators/17/")
        page.get_by_role("link", name="Projects").first.click()
        page.locator("ul.ordos-plist a[href$='/en/projects/21/']").click()
        assert page.url.endswith("/en/projects/21/")
        page.locator("main a[href*='/en/map/']").first.click()
        assert re.search(r"/en/map/\d{6}/$", page.url)
        page.locator("main a[href$='/en/projects/21/']").first.click()  # the district lists the project
        assert page.url.endswith("/en/projects/21/")
        page.locator("a.ed-switch").click()
        assert page.url.endswith("/projects/21/") and "/en/" not in page.url and "368" in page.locator("main").inner_text()
        page.locator("p.ed-back a").click()
        assert page.url.endswith("/projects/")
        page.locator("a.ed-home").click()
        assert page.url.endswith(":" + server.rsplit(":", 1)[1] + "/")
        assert recorder.outside == [] and recorder.console_errors == []
    finally:
        context.close()


def test_source_sentences_open_without_scripts(server, browser):
    context, page, _ = _open(browser, server, "", 390, 844, False, "zh")
    try:
        card = page.locator(".ordos-card").first
        quote = card.locator("blockquote")
        assert not quote.is_visible()
        card.locator("summary").click()
        assert quote.is_visible() and quote.inner_text().strip()
    finally:
        context.close()
