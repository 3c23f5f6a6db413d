"""What the build checks before it publishes an edition: every page parses, asks for nothing outside the site
and runs no script, and every link and asset inside the site resolves (a file, or a folder with its index.html,
and the #fragment on that page).

`check(folder, base)` returns the problems found, each one line naming the page and what is wrong; the build
publishes nothing while there is one.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# A browser ends an open <p> at any of these: written inside a <p>, they would not be where the template put them.
BLOCKS = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form",
          "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"}  # fmt: skip
LOADS = {("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"), ("iframe", "src"), ("image", "href"), ("use", "href")}
LINKS = {("a", "href"), ("a", "xlink:href"), ("area", "href")}


class ParseError(ValueError):
    pass


@dataclass
class Parsed:
    """One page as the checks see it: what it loads, where it links, the ids it has and its structure."""

    loads: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    scripts: int = 0
    h1: int = 0
    title: str = ""
    lang: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # property/name -> content
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> href
    canonical: str = ""


class _Parser(HTMLParser):
    """A strict reading of the edition's HTML: every element that is opened is closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.page = Parsed()
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in BLOCKS and self.stack and self.stack[-1][0] == "p":
            raise ParseError(f"line {self.getpos()[0]}: <{tag}> inside the <p> of line {self.stack[-1][1]}")
        self._element(tag, values)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, {name: value or "" for name, value in attrs})  # <path …/> in SVG

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            opened = f"<{self.stack[-1][0]}> of line {self.stack[-1][1]}" if self.stack else "nothing"
            raise ParseError(f"line {self.getpos()[0]}: </{tag}> closes {opened}")
        self.stack.pop()
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page.title += data

    def _element(self, tag: str, values: dict[str, str]) -> None:
        page = self.page
        if "id" in values:
            if values["id"] in page.ids:
                raise ParseError(f"line {self.getpos()[0]}: id {values['id']!r} twice")
            page.ids.add(values["id"])
        for attr, value in values.items():
            if (tag, attr) in LOADS and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                page.loads.append(value)
            if (tag, attr) in LINKS:
                page.links.append(value)
        if tag == "script":
            page.scripts += 1
        if any(attr.startswith("on") for attr in values) or "javascript:" in " ".join(values.values()).lower():
            page.scripts += 1
        if tag == "h1":
            page.h1 += 1
        if tag == "title":
            self._in_title = True
        if tag == "html":
            page.lang = values.get("lang", "")
        if tag == "meta" and ("property" in values or "name" in values):
            page.meta[values.get("property") or values["name"]] = values.get("content", "")
        if tag == "link" and values.get("rel") == "alternate" and "hreflang" in values:
            page.alternates[values["hreflang"]] = values.get("href", "")
        if tag == "link" and values.get("rel") == "canonical":
            page.canonical = values.get("href", "")


def parse(html: str) -> Parsed:
    """The page's structure; ParseError when an element is closed out of order or left open."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    if parser.stack:
        tag, line = parser.stack[-1]
        raise ParseError(f"<{tag}> of line {line} is never closed")
    return parser.page


def page_url(folder: Path, file: Path, base: str) -> str:
    """The address a file is served at: '/en/indicators/17/' for en/indicators/17/index.html."""
    relative = file.relative_to(folder).as_posix()
    return base + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def resolve(folder: Path, base: str, here: str, link: str, site_url: str | None = None) -> tuple[Path | None, str, str] | None:
    """The file a link inside the site points at, its fragment and its path on the server; None for a link
    outside the site; (None, reason, path) when it is on the server but outside the site's base."""
    if site_url and link.startswith(site_url + "/"):
        link = base + link[len(site_url) + 1 :]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path) or urlsplit(here).path
    path = posixpath.normpath(posixpath.join(posixpath.dirname(here) + "/", path))
    path += "/" if parts.path.endswith("/") and not path.endswith("/") else ""
    if not (path + "/").startswith(base):
        return None, f"{link} is outside the site's base {base}", path
    target = folder / path[len(base) :]
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment, path


def check(folder: Path, base: str = "/", site_url: str | None = None, planned: set[str] | frozenset = frozenset()) -> list[str]:
    """Every problem of the edition in `folder` (served below `base`), one line each; [] when it may be published.

    `planned`: pages of a partial build that were left out on purpose (links to them count as resolved)."""
    problems: list[str] = []
    parsed: dict[Path, Parsed] = {}
    for file in sorted(folder.rglob("*.html")):
        try:
            parsed[file] = parse(file.read_text(encoding="utf-8"))
        except (ParseError, UnicodeDecodeError) as exc:
            problems.append(f"{page_url(folder, file, base)}: does not parse: {exc}")
    for file, page in parsed.items():
        here = page_url(folder, file, base)
        if page.scripts:
            problems.append(f"{here}: has a script")
        if page.h1 != 1:
            problems.append(f"{here}: {page.h1} <h1> headings (one wanted)")
        if not page.title.strip() or not page.lang:
            problems.append(f"{here}: no <title> or no lang")
        for kind, items in (("loads", page.loads), ("links to", page.links)):
            for link in items:
                found = resolve(folder, base, here, link, site_url)
                if found is None:
                    if kind == "loads":
                        problems.append(f"{here}: loads {link} from outside the site")
                    continue
                target, fragment, path = found
                if target is None:
                    problems.append(f"{here}: {fragment}")
                elif not target.is_file() and path not in planned:
                    problems.append(f"{here}: {kind} {link}, which does not exist")
                elif fragment and target.suffix == ".html" and target.is_file() and fragment not in _ids(parsed, target):
                    problems.append(f"{here}: links to {link}, which has no #{fragment}")
    for file in sorted(folder.rglob("*.svg")) + sorted(folder.rglob("*.xml")):
        try:
            ET.parse(file)
        except ET.ParseError as exc:
            problems.append(f"{page_url(folder, file, base)}: does not parse: {exc}")
    return problems


def _ids(parsed: dict[Path, Parsed], target: Path) -> set[str]:
    return parsed[target].ids if target in parsed else set()
