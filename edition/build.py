"""The edition's build: every page into a temporary folder beside the target, the checks, the precompressed
copies, then the swap. A build that fails (an exception, a failed check) leaves the previous edition exactly as
it was and says why in one line.

    folder/                       what `python -m edition --out folder` writes
      index.html, en/index.html   the pages: one folder per address, Chinese at the root, English under en/
      …/share.png                 each page's share image (Open Graph)
      assets/edition.<hash>.css   the one stylesheet, named by its content (cached for ever)
      downloads/                  the public tables (CSV), the workbook and the database
      404.html, robots.txt, sitemap.xml, favicon.ico
      *.gz, *.br                  precompressed copies of every text file (nginx gzip_static, brotli_static)
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from components import render
from core import data, pages, settings
from core.i18n import t
from edition import checks, share
from edition.charts import Charts
from edition.contexts import downloads
from edition.pages import render_page
from edition.site import HTML_LANGS, SHARE_IMAGE, Address, Site, addresses

TEXT = {".html", ".css", ".svg", ".xml", ".txt", ".csv"}  # precompressed (gzip, and brotli if installed)
try:  # Brotli (PyPI) is optional: without it the edition has .gz copies only
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None


class BuildFailed(RuntimeError):
    """The edition was not published; the message says why (the page and the link or check)."""


@dataclass
class Result:
    folder: Path
    pages: int
    files: int
    bytes: int
    gzip_bytes: int
    seconds: float
    charts_drawn: int
    warnings: list[str] = field(default_factory=list)
    steps: dict[str, float] = field(default_factory=dict)  # seconds per step


def base_path(site_url: str | None, base: str | None = None) -> str:
    """The site's path on its server: `base` if given, else the path of the site's address, else '/'."""
    path = base if base is not None else (urlsplit(site_url).path if site_url else "/")
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def build(
    out: Path,
    *,
    site_url: str | None = None,
    app_url: str | None = None,
    base: str | None = None,
    select: Callable[[Address], bool] | None = None,
    chart_cache: Path | None = None,
    compress: bool = True,
    workers: int | None = None,
) -> Result:
    """Write the edition to `out` (replacing what is there only if everything succeeds).

    site_url: the public address of the site (canonical links, Open Graph, sitemap); app_url: the interactive app
    (links to the same view); base: the site's path on its server (default: the path of site_url, or '/');
    select: build only the pages it accepts (the bench's growth measurement; links to the others count as resolved).
    """
    started = time.monotonic()
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    new.chmod(0o755)  # mkdtemp's 0700 would keep a web server's workers out
    try:
        result = _write(new, site_url, app_url, base, select, chart_cache, workers)
        checked = time.monotonic()
        problems = checks.check(new, base_path(site_url, base), site_url, planned=result.pop("planned"))
        result["steps"]["check"] = time.monotonic() - checked
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise BuildFailed(f"{problems[0]}{more}")
        packed = time.monotonic()
        gzip_bytes = precompress(new, workers) if compress else 0
        result["steps"]["compress"] = time.monotonic() - packed
        files = [p for p in new.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")]
        swap(new, out)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return Result(
        out, result["pages"], len(files), sum(p.stat().st_size for p in out.rglob("*") if p.suffix not in (".gz", ".br")), gzip_bytes,
        time.monotonic() - started, result["drawn"], result["warnings"], result["steps"],
    )  # fmt: skip


def _write(folder: Path, site_url, app_url, base, select, chart_cache, workers) -> dict:
    steps, warnings, clock = {}, [], time.monotonic()
    data.check()
    share.font("bold", 12)  # the font, before any page is written
    base = base_path(site_url, base)
    if not site_url:
        warnings.append(
            f"{settings.SITE_URL_ENV} is not set: canonical and hreflang links are relative, and og:url, og:image and "
            "sitemap.xml (which need absolute addresses) are left out"
        )
    if app_url is None and not settings.public_url_set():
        warnings.append(f"{settings.PUBLIC_URL_ENV} is not set: the links to the interactive app point at {settings.DEFAULT_PUBLIC_URL}")
    stylesheet = render.stylesheet("parts", "edition")
    css = f"assets/edition.{hashlib.sha256(stylesheet.encode()).hexdigest()[:12]}.css"
    _put(folder, css, stylesheet.encode())
    _put(folder, "favicon.ico", share.favicon())
    folders = pages.Folders(base)
    charts = Charts(base=base, cache=chart_cache, **({"workers": workers} if workers else {}))
    site = Site(folders, site_url, (app_url or settings.public_url()).rstrip("/"), base + css, base + "favicon.ico",
                f"{datetime.now():%Y-%m-%d}", settings.map_review_no(), charts)  # fmt: skip
    everything = addresses()
    chosen = [a for a in everything if select is None or select(a)]
    try:
        rendered = [render_page(site, address) for address in chosen]
        steps["pages"] = time.monotonic() - clock
        clock = time.monotonic()
        for page in rendered:
            page.html = charts.fill(page.html)
        steps["charts"] = time.monotonic() - clock
    finally:
        charts.close()
    clock = time.monotonic()
    for page in rendered:
        path = page.address.path(folders)
        _put(folder, path + "index.html", page.html.encode())
        for name, content in page.files.items():
            _put(folder, name, content)
    if any(a.kind == "about" for a in chosen):
        for name, content in downloads().items():
            _put(folder, name, content)
    with ThreadPoolExecutor(workers or max(1, min(4, os.cpu_count() or 1))) as pool:
        images = pool.map(lambda p: share.share_image(p.heading, p.section, t("edition.share_site", p.address.lang), p.figure), rendered)
        for page, png in zip(rendered, images, strict=True):
            _put(folder, page.address.path(folders) + SHARE_IMAGE, png)
    steps["write"] = time.monotonic() - clock
    home = {lang: folders.href("home", lang) for lang in settings.LANGS}
    not_found = render.render("edition/404.html", site=site, home_zh=home["zh"], home_en=home["en"])
    _put(folder, "404.html", str(not_found).encode())
    sitemap = f"Sitemap: {site_url}/sitemap.xml\n" if site_url else ""
    _put(folder, "robots.txt", f"User-agent: *\nAllow: /\n{sitemap}".encode())
    if site_url:
        _put(folder, "sitemap.xml", sitemap_xml(site, chosen).encode())
    planned = {base + a.path(folders) for a in everything} if select else set()
    return {"pages": len(rendered), "drawn": charts.drawn, "warnings": warnings, "steps": steps, "planned": planned}


def sitemap_xml(site: Site, chosen: Iterable[Address]) -> str:
    """Every page with its other-language version (hreflang), as search engines read it."""
    urls = []
    for address in chosen:
        pair = sorted((address, address.other()), key=lambda a: a.lang != "zh")
        alternates = [{"hreflang": HTML_LANGS[a.lang], "href": site.absolute(a.path(site.folders))} for a in pair]
        urls.append({"loc": site.absolute(address.path(site.folders)), "alternates": alternates})
    return str(render.render("edition/sitemap.xml", urls=urls))


def _put(folder: Path, relative: str, content: bytes) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def precompress(folder: Path, workers: int | None = None) -> int:
    """A .gz (gzip -9) and, with Brotli installed, a .br copy beside every text file; the .gz bytes in all."""
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT]

    def pack(path: Path) -> int:
        raw = path.read_bytes()
        packed = gzip.compress(raw, compresslevel=9, mtime=0)
        path.with_name(path.name + ".gz").write_bytes(packed)
        if brotli is not None:
            path.with_name(path.name + ".br").write_bytes(brotli.compress(raw, quality=10))
        return len(packed)

    with ThreadPoolExecutor(workers or max(1, min(4, os.cpu_count() or 1))) as pool:
        return sum(pool.map(pack, files))


def swap(new: Path, out: Path) -> None:
    """Put the finished edition `new` where `out` is: the old folder is renamed aside, the new one in, the old one
    deleted (both renames are within one parent folder, so each is atomic; between them there is no site for an
    instant)."""
    if out.exists():
        old = out.with_name(f".{out.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(out, old)
        os.rename(new, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, out)
