"""The phone edition (python -m edition), built once for this module from the test database:

* every address of the app as a folder, in both languages, and the site's own files; nothing else;
* every page parses (read by lxml, independently of the build's own checks), runs no script, loads nothing from
  outside, and every link and asset inside the site resolves;
* the figures on a sample of pages are the database's, in both languages; every figure card keeps its source
  sentence one tap away;
* sharing: title, description, canonical address, hreflang alternates, Open Graph with a share image per page,
  sitemap, robots; the link to the same view in the interactive app; the language switch;
* precompressed copies identical to the files; a failed build keeps the previous site byte for byte and says why;
* nginx with deploy/nginx-edition.conf: precompressed files, caching and security headers, the 404 page.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import brotli
import lxml.html
import pytest

from core import data, fmt, pages
from core.i18n import t
from edition import checks
from edition.build import BuildFailed, build
from edition.markup import md
from tests.helpers_edition import APP_URL, CHART_CACHE, SITE_URL, build_edition, serve_edition_nginx
from tests.helpers_server import NGINX, ROOT, http_get

PAGES_PER_LANG = 1 + 1 + 4 + 1 + 36 + 1 + 39 + 1 + 9 + 1


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("edition") / "site"
    result = build_edition(folder)
    assert result.pages == 2 * PAGES_PER_LANG
    return folder


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(site: Path, path: str) -> str:
    """What a reader sees of a page's main part (tags removed, whitespace folded)."""
    main = lxml.html.fromstring(html(site, path)).get_element_by_id("main")
    return " ".join(" ".join(main.itertext()).split())


def test_every_address_and_the_sites_own_files(site):
    index = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    expected = set()
    for prefix in ("", "en/"):
        expected |= {f"{prefix}{p}".rstrip("/") or "." for p in ("", "zhungeer", "indicators", "projects", "map", "about")}
        expected |= {f"{prefix}zhungeer/{n}" for n in range(1, 5)}
        expected |= {f"{prefix}indicators/{n}" for n in range(1, 37)}
        expected |= {f"{prefix}projects/{n}" for n in range(1, 40)}
        expected |= {f"{prefix}map/{code}" for code in data.districts()["district_code"]}
    assert set(index) == expected and len(index) == 2 * PAGES_PER_LANG
    for name in ("404.html", "sitemap.xml", "robots.txt", "favicon.ico"):
        assert (site / name).is_file(), name
    css = list((site / "assets").glob("edition.*.css"))
    assert len(css) == 1 and re.fullmatch(r"edition\.[0-9a-f]{12}\.css", css[0].name)
    assert hashlib.sha256(css[0].read_bytes()).hexdigest()[:12] in css[0].name  # the name is the content's hash
    assert not list(site.parent.glob(".site.*")), "no temporary folder left beside the site"


def _resolve(site: Path, page_path: str, link: str) -> Path | None:
    if link.startswith(SITE_URL + "/"):
        link = link[len(SITE_URL) :]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("#"):
        return None
    target = Path(unquote(parts.path)) if parts.path.startswith("/") else Path("/", page_path, unquote(parts.path))
    file = site / target.as_posix().lstrip("/")
    return file / "index.html" if parts.path.endswith("/") or file.is_dir() else file


def test_every_page_parses_and_every_link_and_asset_resolves(site):
    broken, outside, scripts, seen = [], [], [], 0
    for file in sorted(site.rglob("*.html")):
        page_path = file.parent.relative_to(site).as_posix()
        source = file.read_text(encoding="utf-8")
        checks.parse(source)  # strict: every element closed in order
        doc = lxml.html.fromstring(source)
        scripts += [page_path] if doc.xpath("//script") or re.search(r"\son[a-z]+=", source) else []
        for element, attribute, link, _ in doc.iterlinks():
            if element.tag == "link" and element.get("rel") in ("canonical", "alternate"):
                continue
            target = _resolve(site, page_path, link)
            seen += 1
            if target is None:
                if element.tag in ("link", "img", "script", "source") or attribute == "src":
                    outside.append((page_path, link))
            elif not target.is_file():
                broken.append((page_path, link))
        for anchor in doc.iter("a"):  # the SVG map's links are xlink:href
            link = anchor.get("xlink:href")
            target = link and _resolve(site, page_path, link)
            seen += bool(link)
            if target and not target.is_file():
                broken.append((page_path, link))
    assert seen > 5000
    assert broken == [], broken[:10]
    assert outside == [], outside[:10]
    assert scripts == [], scripts[:10]
    assert checks.check(site, "/", SITE_URL) == []


def test_home_total_in_both_languages(site):
    total = data.facts("headline").set_index("fact_id").loc["plan_total_investment", "value"]
    assert total == pytest.approx(2048.463)
    assert "2,048.463亿元" in text(site, "").replace(" ", "")
    assert "CNY 204.8 billion" in text(site, "en")
    assert "204.8" in fmt.money_yi(total, "en")
    # every figure card keeps its source sentence one tap away
    doc = lxml.html.fromstring(html(site, "en"))
    cards = doc.xpath("//div[contains(@class,'ordos-card')]")
    assert cards and all(card.xpath(".//details/summary") and card.xpath(".//details/blockquote") for card in cards)
    assert t("app.quote", "en") in cards[0].text_content()


def test_indicator_17_in_both_languages(site):
    row = data.indicators().set_index("indicator_no").loc[17]
    assert (row["baseline_2020_text"], row["target_2024_text"]) == ("2.08", "1.82")
    for path, lang in (("indicators/17", "zh"), ("en/indicators/17", "en")):
        shown = text(site, path)
        assert "2.08" in shown and "1.82" in shown, path
        assert row[f"name_{lang}"] in shown
        assert t("indicators.progress_title", lang) in shown  # its status
        assert t("indicators.notes_title", lang) in shown  # its data notes
    assert "17" in lxml.html.fromstring(html(site, "en/indicators/17")).findtext(".//h1")


def test_project_21_in_both_languages(site):
    project = data.projects().set_index("project_no").loc[21]
    assert project["investment_yi"] == pytest.approx(368)
    assert "368 亿元" in text(site, "projects/21")
    assert fmt.amount(368, "en") in text(site, "en/projects/21") and "36.8" in fmt.amount(368, "en")
    for path, lang in (("projects/21", "zh"), ("en/projects/21", "en")):
        doc = lxml.html.fromstring(html(site, path))
        assert project[f"name_{lang}"] in doc.findtext(".//h1")
        district_links = {a.get("href") for a in doc.xpath("//main//a[contains(@href,'/map/')]")}
        codes = str(project["district_codes"] or "").split()
        assert district_links == {pages.Folders().href("map", lang, district=c) for c in codes}


def test_jungar_banners_district_page_in_both_languages(site):
    own = data.district_projects("150622")
    for path, lang in (("map/150622", "zh"), ("en/map/150622", "en")):
        doc = lxml.html.fromstring(html(site, path))
        assert "Jungar Banner" in doc.findtext(".//h1") and "准格尔旗" in doc.findtext(".//h1")
        items = doc.xpath("//main/ul[contains(@class,'ordos-plist')]/li")
        assert len(items) == len(own) > 0
        links = [a.get("href") for a in doc.xpath("//main/ul[contains(@class,'ordos-plist')]//a")]
        assert links == [pages.Folders().href("projects", lang, project=int(n)) for n in own["project_no"]]
        assert fmt.money_sum(own["investment_yi"], lang) in text(site, path)
        assert doc.xpath("//body[contains(@class,'ed-d-150622')]")  # its shape outlined on the map
        assert doc.xpath("//svg//a")  # the map's districts are links


def test_sharing_metadata_and_addresses(site):
    doc = lxml.html.fromstring(html(site, "en/indicators/17"))
    head = {m.get("property") or m.get("name"): m.get("content") for m in doc.xpath("//meta[@content]")}
    assert doc.findtext(".//title").startswith("17")
    assert head["description"] and head["og:title"] == doc.findtext(".//title")
    assert doc.xpath("//link[@rel='canonical']/@href") == [f"{SITE_URL}/en/indicators/17/"]
    alternates = {link.get("hreflang"): link.get("href") for link in doc.xpath("//link[@rel='alternate']")}
    zh, en = f"{SITE_URL}/indicators/17/", f"{SITE_URL}/en/indicators/17/"
    assert alternates == {"zh-CN": zh, "en": en, "x-default": zh}
    assert head["og:url"] == f"{SITE_URL}/en/indicators/17/" and head["og:locale"] == "en_US"
    assert head["og:image"] == f"{SITE_URL}/en/indicators/17/share.png" and (site / "en/indicators/17/share.png").is_file()
    assert doc.get("lang") == "en"
    # the other language and the same view in the interactive app
    switch = doc.xpath("//a[@class='ed-switch']")[0]
    assert switch.get("href") == "/indicators/17/" and switch.get("hreflang") == "zh"
    assert doc.xpath("//a[@class='ed-app']/@href") == [f"{APP_URL}/indicators?lang=en&indicator=17"]
    assert lxml.html.fromstring(html(site, "map/150622")).xpath("//a[@class='ed-app']/@href") == [f"{APP_URL}/map?lang=zh&district=150622"]


def test_share_images_sitemap_and_robots(site):
    from PIL import Image

    images = list(site.rglob("share.png"))
    assert len(images) == 2 * PAGES_PER_LANG
    with Image.open(site / "en" / "projects" / "21" / "share.png") as image:
        assert image.size == (1200, 630)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") == 2 * PAGES_PER_LANG
    assert f"<loc>{SITE_URL}/en/map/150622/</loc>" in sitemap
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in (site / "robots.txt").read_text()
    not_found = lxml.html.fromstring((site / "404.html").read_text(encoding="utf-8"))
    assert t("edition.not_found_title", "zh") in not_found.text_content() and t("edition.not_found_title", "en") in not_found.text_content()


def test_precompressed_copies_are_the_files(site):
    texts = [p for p in site.rglob("*") if p.suffix in (".html", ".css", ".xml", ".txt", ".csv")]
    assert texts
    for file in texts:
        raw = file.read_bytes()
        assert gzip.decompress(file.with_name(file.name + ".gz").read_bytes()) == raw, file
        assert brotli.decompress(file.with_name(file.name + ".br").read_bytes()) == raw, file


def test_page_weight_with_everything_it_loads(site):
    """Every page with its stylesheet and icon, as compressed files: ≤ 150 KB (the issue's budget)."""
    css = next((site / "assets").glob("edition.*.css.gz")).stat().st_size
    icon = (site / "favicon.ico").stat().st_size  # PNG inside: sent as it is
    heaviest = max((p.with_name("index.html.gz").stat().st_size, p) for p in site.rglob("index.html"))
    assert heaviest[0] + css + icon <= 150 * 1024, heaviest


def test_without_a_public_address_links_are_relative_and_it_says_what_it_leaves_out(tmp_path):
    result = build(tmp_path / "site", app_url=APP_URL, chart_cache=CHART_CACHE, base="/m/", select=lambda a: a.kind == "home")
    assert any("ORDOS_SITE_URL is not set" in w and "sitemap" in w for w in result.warnings)
    doc = lxml.html.fromstring((tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8"))
    assert doc.xpath("//link[@rel='canonical']/@href") == ["/m/en/"]
    assert set(doc.xpath("//link[@rel='alternate']/@href")) == {"/m/", "/m/en/"}
    assert not doc.xpath("//meta[@property='og:image' or @property='og:url']")
    assert doc.xpath("//link[@rel='stylesheet']/@href")[0].startswith("/m/assets/edition.")
    assert not (tmp_path / "site" / "sitemap.xml").exists() and "Sitemap" not in (tmp_path / "site" / "robots.txt").read_text()


# ------------------------------------------------------------------------------------------------ failures


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def old_site(site, tmp_path) -> Path:
    """A copy of the edition standing for the site that is online (what a failed build must leave alone)."""
    import shutil

    old = tmp_path / "live"
    shutil.copytree(site, old)
    return old


def test_a_failing_page_keeps_the_old_site(old_site, monkeypatch):
    from edition import contexts

    before = _fingerprint(old_site)

    def broken(site, address):
        if address.value == 17:
            raise ValueError("no such figure")
        return original(site, address)

    original = contexts.BUILDERS["indicator"]
    monkeypatch.setitem(contexts.BUILDERS, "indicator", broken)
    with pytest.raises(ValueError, match="no such figure"):
        build(old_site, site_url=SITE_URL, chart_cache=CHART_CACHE, select=lambda a: a.kind == "indicator")
    assert _fingerprint(old_site) == before
    assert [p.name for p in old_site.parent.iterdir()] == ["live"]  # the temporary folder is gone


def test_a_broken_link_keeps_the_old_site_and_says_which(old_site, monkeypatch):
    from edition import build as edition_build

    before = _fingerprint(old_site)
    original = edition_build.render_page

    def with_broken_link(site, address):
        page = original(site, address)
        if address.kind == "home" and address.lang == "en":
            page.html = page.html.replace("</main>", '<a href="/en/nowhere/">x</a></main>')
        return page

    monkeypatch.setattr(edition_build, "render_page", with_broken_link)
    with pytest.raises(BuildFailed, match=r"^/en/: links to /en/nowhere/, which does not exist"):
        build(old_site, site_url=SITE_URL, chart_cache=CHART_CACHE, select=lambda a: a.kind == "home")
    assert _fingerprint(old_site) == before
    assert [p.name for p in old_site.parent.iterdir()] == ["live"]


def test_the_command_says_why_in_one_line_and_exits_nonzero(old_site, tmp_path):
    before = _fingerprint(old_site)
    env = {"ORDOS_DB": str(tmp_path / "missing.duckdb"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    command = [sys.executable, "-m", "edition", "--out", str(old_site)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("edition build failed: "), done.stderr
    assert _fingerprint(old_site) == before


# ------------------------------------------------------------------------------------------------- parts


def test_folders_addresses_and_the_apps_unchanged():
    folders, app = pages.Folders(), pages.APP
    assert folders.href("indicators", "en", indicator=17) == "/en/indicators/17/"
    assert folders.href("home", "zh") == "/" and folders.href("home", "en") == "/en/"
    assert folders.href("map", "zh", district="150622", metric="projects") == "/map/150622/"
    assert pages.Folders("/m/").same_page("indicators", {"lang": "en", "category": "2"}, indicator=3) == "/m/en/indicators/3/"
    assert folders.target("pages/zhungeer.py", {"lang": "en", "chapter": "2"}) == "/en/zhungeer/2/"
    assert app.href("projects", "en", project=21) == pages.href("projects", "en", project=21) == "projects?lang=en&project=21"
    assert app.same_page("indicators", {"lang": "en"}, indicator=17) == pages.same_page({"lang": "en"}, indicator=17)
    assert app.same_page("indicators", {"lang": "en"}, indicator=17) == "?lang=en&indicator=17"


def test_markdown_subset_is_escaped():
    assert md("**Read**: <b>x</b>") == "<p><strong>Read</strong>: &lt;b&gt;x&lt;/b&gt;</p>"
    assert md("Intro\n- one\n- two\n1. first") == "<p>Intro</p>\n<ul><li>one</li><li>two</li></ul>\n<ol><li>first</li></ol>"


def test_the_checks_find_what_a_browser_would_misplace():
    with pytest.raises(checks.ParseError):
        checks.parse("<html><p><div>x</div></p></html>")
    with pytest.raises(checks.ParseError):
        checks.parse("<html><main><section></main></html>")


# ------------------------------------------------------------------------------------------------- nginx


@pytest.mark.skipif(not NGINX.exists(), reason="Debian's nginx (/usr/sbin/nginx) is not installed: apt-get install nginx")
def test_nginx_serves_precompressed_files_with_headers(site):
    with serve_edition_nginx(site) as base:
        status, headers, body = http_get(f"{base}/en/indicators/17/", {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (site / "en/indicators/17/index.html").read_bytes()
        assert headers["Cache-Control"] == "no-cache" and "text/html" in headers["Content-Type"]
        csp = headers["Content-Security-Policy"]
        assert "script-src 'none'" in csp and "default-src 'none'" in csp
        for name in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Permissions-Policy"):
            assert headers[name], name
        css = next((site / "assets").glob("edition.*.css")).name
        status, headers, _ = http_get(f"{base}/assets/{css}", {"Accept-Encoding": "br, gzip"})
        assert status == 200 and "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
        if (site / "assets" / f"{css}.br").exists() and "load_module" in (Path(base.log_path).parent / "nginx.conf").read_text():
            assert headers["Content-Encoding"] == "br"
        status, headers, body = http_get(f"{base}/en/no-such-page/")
        assert status == 404 and body == (site / "404.html").read_bytes() and headers["Content-Security-Policy"]
        assert http_get(f"{base}/")[0] == 200
