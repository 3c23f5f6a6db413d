"""Robustness and security: hostile URLs, hostile data, a missing database, errors, threads, uploads.

* URL fuzz: 1,002 seeded random and hostile query strings (unknown keys, non-numbers, huge numbers, SQL,
  HTML/script, odd Unicode, very long values) spread over all six pages (at least 110 each), in-process with AppTest, spread over
  two worker processes: no exception, no input markup in any HTML element, no input inside any SQL text.
* Unknown paths over real HTTP: the app shell or a 4xx, never a server error or a file outside the app.
* Planted markup: a copy of the database with markup in every display-text column; every page shows it as
  text (AppTest: escaped in every HTML element; Chromium: no planted element in the DOM, no script ran).
* The database missing, garbage or without tables: the friendly bilingual page, no exception, the error in
  the server log, and the app recovers by itself once the database is there.
* Errors: a visitor gets Streamlit's redacted notice (no message, no traceback); the log has the traceback.
* Threads: many threads querying through core.data at once get exactly the single-threaded answers.
* XSRF on, no upload widget on any page, the upload endpoint refuses a request without a token.
"""

from __future__ import annotations

import ast
import concurrent.futures
import contextlib
import multiprocessing
import os
import random
import re
import shutil
import threading
import time
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import open_expanders
from tests.helpers_server import ROOT, Visitor, http_get, serve

PAGES = ("home", "zhungeer", "indicators", "projects", "map", "about")
# 1,002 query strings in all, every page at least 100. A run costs what the page costs (AppTest runs the whole
# script), so the cheap pages take more of them and the suite stays within its time (bench/ measures the pages).
CASES = {"home": 230, "zhungeer": 130, "indicators": 110, "projects": 110, "map": 230, "about": 192}
CASES_PER_PAGE = 167  # the default of fuzz_cases() for a page not listed above
SEED = 20240601
WORKERS = max(1, min(2, os.cpu_count() or 1))
# Live markup in HTML: a script/frame/object tag, an event-handler attribute, a javascript: URL, a planted element.
# Escaped text (&lt;img onerror=…&gt;) has no raw "<", so none of these can match it.
LIVE_TAGS = {"script", "iframe", "object", "embed", "frame", "base", "meta", "link", "form"}


class _LiveMarkup(HTMLParser):
    """Parses markup as a browser would and collects what it would run or render as an injected element: a live
    tag, an event-handler attribute, a javascript: address, an element of the planted class; an SVG picture given
    as a data: address is parsed too (what it draws is markup of its own)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = "<" + " ".join([tag, *(f"{k}={(v or '')[:60]!r}" for k, v in attrs)]) + ">"
        if tag in LIVE_TAGS:
            self.found.append(shown)
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on") or (name == "class" and "ordos-planted" in value):
                self.found.append(shown)
            elif name in ("href", "src", "action", "xlink:href", "formaction"):
                if re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                    self.found.append(shown)
                elif value.startswith("data:image/svg+xml"):
                    self.found += [f"(in a picture) {piece}" for piece in live_markup(unquote(value.partition(",")[2]))]

    handle_startendtag = handle_starttag


def live_markup(body: str) -> list[str]:
    """The elements of `body` that a browser would run or render as injected elements (parsed, not pattern-matched:
    text inside an attribute or escaped as text is not an element)."""
    parser = _LiveMarkup()
    parser.feed(body)
    parser.close()
    return parser.found


# ------------------------------------------------------------------------------------------- fuzz values

VALID = {
    "lang": ["zh", "en", "EN", " en "],
    "indicator": ["1", "17", "36"],
    "category": ["1", "3"],
    "project": ["1", "16", "39"],
    "program": ["1", "24"],
    "action": ["1", "5"],
    "district": ["150602", "150622", "150627"],
    "chapter": ["1", "4"],
    "metric": ["investment", "projects", "count"],
}
NUMBERS = ["0", "-1", "-0", "40", "37", "999999", "1000000", "9" * 30, "99999999999999999999999", "1e308", "1.5", "NaN", "inf",
           "-inf", "0x10", "1_000", " 12 ", "１２", "٣", "²", "12\n", "0017", "+3", "1,000", "3.0", "2**64", "2147483648"]  # fmt: skip
SQL = ["1; DROP TABLE projects", "' OR 1=1 --", "1' UNION SELECT * FROM sources --", '"; DELETE FROM facts; --', "1 OR 1=1",
       "%' --", "$1", "?", "1); ATTACH 'x.db' AS x; --", "') OR ('a'='a", "150622' OR '1'='1", "'; COPY projects TO '/tmp/x.csv'; --",
       "1/*comment*/", "\\'; SELECT pg_sleep(5); --"]  # fmt: skip
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "javascript:alert(1)",
          "<iframe src=//evil.example>", "</div><script>alert(1)</script>", "<b>bold</b>", "[link](javascript:alert(1))",
          "**md** _x_ `code`", "{{7*7}}", "${7*7}", "<style>*{display:none}</style>", "&lt;script&gt;", "<!--", "]]>",
          "<object data=x>", "'\"><img src=x onerror=alert(document.cookie)>"]  # fmt: skip
UNICODE = ["\u202eevil", "a\u200bb", "\ufeff1", "🌱💥", "e\u0301", "\x00", "1\x00", "\x1b[31m", "\u2028", "\r\n", "中文", "ﷺ",
           "𝕏", "\u0000<script>", "ä" * 50, "\t", "%00", "%3Cscript%3E", "%", "+", "&", "=", "#", "\\", "/",
           "../../etc/passwd"]  # fmt: skip
UNKNOWN_KEYS = ["page", "q", "x", "<script>", "__proto__", "lang[]", "", "utm_source", "embed", "embed_options", "indicator ",
                "PROJECT", "🌱", "a" * 300, "' OR 1=1 --"]  # fmt: skip
KEYS = list(VALID)


def _value(rng: random.Random, key: str) -> str | list[str]:
    kind = rng.random()
    if kind < 0.12:
        return rng.choice(VALID.get(key, ["1"]))
    if kind < 0.30:
        return rng.choice(NUMBERS)
    if kind < 0.48:
        return rng.choice(SQL)
    if kind < 0.66:
        return rng.choice(MARKUP)
    if kind < 0.78:
        return rng.choice(UNICODE)
    if kind < 0.84:
        return rng.choice(["A" * 10_000, "9" * 5_000, "<script>" * 1_000, "\u200b" * 3_000, "中" * 4_000])
    if kind < 0.92:  # a valid value with something hostile around it
        return rng.choice(VALID.get(key, ["1"])) + rng.choice(SQL + MARKUP + UNICODE)
    if kind < 0.96:  # a repeated key
        return [rng.choice(VALID.get(key, ["1"])), rng.choice(MARKUP + SQL)]
    pool = "<>\"'&;=%#/\\\x00\u202e\u200b🌱中ab1-*_`[](){}"
    return "".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))


def fuzz_cases(page: str, count: int | None = None, seed: int = SEED) -> list[dict]:
    count = CASES.get(page, CASES_PER_PAGE) if count is None else count
    rng = random.Random(f"{seed}-{page}")
    cases = []
    for _ in range(count):
        params: dict = {}
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(KEYS) if rng.random() < 0.8 else rng.choice(UNKNOWN_KEYS)
            params[key] = _value(rng, key)
        cases.append(params)
    return cases


def _strings(params: dict) -> list[str]:
    out = []
    for key, value in params.items():
        out.append(key)
        out.extend(value if isinstance(value, list) else [value])
    return out


def hostile_markup(params: dict) -> list[str]:
    """The input strings that would be markup if a page emitted them unescaped."""
    return [s for s in _strings(params) if re.search(r"<[a-zA-Z!/]|javascript:", s)]


def hostile_sql(params: dict) -> list[str]:
    """Input strings distinctive enough that finding one inside an SQL text means it was pasted in."""
    return [s for s in _strings(params) if s in SQL or (len(s) >= 12 and not s.strip().isdigit())]


# ------------------------------------------------------------------------------- AppTest helpers (any process)


@contextlib.contextmanager
def routed_by_app_py():
    """AppTest runs as a warm server does: app.py routes every page (st.navigation), never Streamlit's MPA v1.

    Streamlit switches to its old multipage mode (run pages/<name>.py alone, without app.py) whenever a folder
    named `pages/` sits next to the main script and st.navigation has not yet run in the process; AppTest resets
    that flag before every run. See test_a_fresh_server_routes_the_first_visitor_through_app_py for the bug
    this causes on a real server.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    try:
        yield
    finally:
        PagesManager.__init__ = original


def run_page(page: str, params: dict, timeout: float = 60):
    """A fresh visitor opening `page` with these URL parameters: app.py runs, and routes to the page."""
    from streamlit.testing.v1 import AppTest

    global _bidi_components
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if _bidi_components is not None and hasattr(at, "_bidi_component_manager"):
        at._bidi_component_manager = _bidi_components  # skip re-scanning every installed package per visitor
    if page != "home":
        at.switch_page(f"pages/{page}.py")  # before the first run: the page's url path, as a URL would give
    at.query_params = params
    with routed_by_app_py():
        at.run()
    _bidi_components = getattr(at, "_bidi_component_manager", None)
    return at


_bidi_components = None


def html_bodies(at) -> list[str]:
    """Every piece of markup the browser would render as HTML: st.html bodies and markdown with HTML allowed."""
    bodies = [str(el.proto.body) for el in at.get("html")]
    bodies += [str(el.proto.body) for el in at.get("markdown") if el.proto.allow_html]
    return bodies


def all_text(at) -> str:
    """Every body a visitor can read (markdown of any kind, headings, alerts, HTML), joined."""
    parts = [str(el.proto.body) for kind in ("markdown", "html", "alert", "text") for el in at.get(kind)]
    parts += [str(el.value) for el in [*at.title, *at.header, *at.subheader, *at.caption]]
    return "\n".join(parts)


def exceptions(at) -> list[str]:
    return [f"{e.proto.type}: {e.proto.message}" for e in at.exception]


_recorded_sql: list[str] = []


def _record_sql() -> None:
    """Wrap core.data.query (every query of the app goes through it) to keep each SQL text it runs."""
    from core import data

    if getattr(data.query, "_recording", False):
        return
    original = data.query

    def recording(sql, params=()):
        _recorded_sql.append(sql)
        return original(sql, params)

    recording._recording = True
    data.query = recording


def fuzz_worker(page: str, cases: list[dict]) -> tuple[list[str], int, float]:
    """Run `cases` against `page` in this process: (problems, runs, seconds). Used by the process pool."""
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    _record_sql()
    problems, start = [], time.monotonic()
    for params in cases:
        _recorded_sql.clear()
        try:
            at = run_page(page, params)
        except Exception as exc:  # a timeout or a crash of the runner itself
            problems.append(f"{page} {params!r}: run failed: {exc!r}"[:600])
            continue
        if errors := exceptions(at):
            problems.append(f"{page} {params!r}: exception {errors}"[:600])
        for body in html_bodies(at):
            for piece in live_markup(body):
                problems.append(f"{page} {params!r}: live markup in an HTML element: …{piece}…"[:600])
            for value in hostile_markup(params):
                if value in body:
                    problems.append(f"{page} {params!r}: HTML element contains the input {value[:60]!r} unescaped"[:600])
        for sql in _recorded_sql:
            for value in hostile_sql(params):
                if value in sql:
                    problems.append(f"{page} {params!r}: input {value[:60]!r} inside SQL text"[:600])
    return problems, len(cases), time.monotonic() - start


@pytest.fixture(scope="module")
def pool():
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as executor:
        list(executor.map(_warm, range(WORKERS)))  # import Streamlit and fill the data caches in every worker
        yield executor


def _warm(_: int) -> bool:
    run_page("home", {})
    return True


# -------------------------------------------------------------------------------------------- URL fuzz


def test_fuzz_cases_are_many_and_hostile():
    cases = [c for page in PAGES for c in fuzz_cases(page)]
    assert len(cases) >= 1000 and min(len(fuzz_cases(page)) for page in PAGES) >= 100
    strings = [s for c in cases for s in _strings(c)]
    assert sum(1 for s in strings if s in SQL) > 100
    assert sum(1 for s in strings if "<script" in s or "onerror" in s) > 100
    assert sum(1 for s in strings if len(s) >= 1000) > 20
    assert sum(1 for c in cases if set(c) - set(KEYS)) > 100  # unknown keys


def test_the_detectors_catch_live_markup_and_pasted_sql():
    """The fuzz checks themselves: live markup is found, escaped markup is not, pasted SQL is found."""
    from html import escape

    for bad in ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "<a href='javascript:alert(1)'>x</a>",
                '<b class="ordos-planted">x</b>', "<IFRAME src=//x>", '<svg onload=alert(1)>']:  # fmt: skip
        assert live_markup(f"<div>{bad}</div>"), bad
        assert not live_markup(f"<div>{escape(bad)}</div>"), bad
    assert not live_markup('<div class="ordos-card" style="--accent:#009E73"><p style="margin:0">text</p></div>')
    # a server-drawn picture (an SVG as a data: address): a name escaped as its text is text; an element is caught
    from urllib.parse import quote

    from components.charts import svg_data_uri

    planted = '<img src=x onerror="alert(1)"> Jungar Banner'
    drawn = f'<svg xmlns="http://www.w3.org/2000/svg"><text>{escape(planted)}</text></svg>'
    assert not live_markup(f'<img class="ordos-picture-svg" alt="map" src="{svg_data_uri(drawn)}">')
    for bad in ["<script>alert(1)</script>", '<a href="javascript:alert(1)"><text>x</text></a>', '<g onclick="alert(1)"/>']:
        uri = "data:image/svg+xml," + quote(f'<svg xmlns="http://www.w3.org/2000/svg">{bad}</svg>', safe=" /=:;,.()-_!*'")
        assert live_markup(f'<img alt="map" src="{uri}">'), bad
    params = {"project": "1' UNION SELECT * FROM sources --", "lang": "en"}
    assert hostile_sql(params) == ["1' UNION SELECT * FROM sources --"]
    assert hostile_markup({"q": MARKUP[1]}) == [MARKUP[1]]


@pytest.mark.parametrize("page", PAGES)
def test_url_fuzz(pool, page):
    cases = fuzz_cases(page)
    chunks = [cases[i::WORKERS] for i in range(WORKERS)]
    results = list(pool.map(fuzz_worker, [page] * len(chunks), chunks))
    problems = [p for found, _, _ in results for p in found]
    runs = sum(n for _, n, _ in results)
    assert runs == len(cases)
    assert not problems, f"{len(problems)} problem(s) in {runs} runs of {page}:\n" + "\n".join(problems[:15])


# ------------------------------------------------------------------------ queries are parameterised (static)


def test_every_query_is_parameterised():
    """core/data.py: no SQL text is built from a value, except a table name checked against a fixed list."""
    tree = ast.parse((ROOT / "core" / "data.py").read_text(encoding="utf-8"))
    built = []
    for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        for call in (n for n in ast.walk(func) if isinstance(n, ast.Call)):
            name = getattr(call.func, "id", getattr(call.func, "attr", ""))
            if name in ("query", "execute", "sql") and call.args:
                sql = call.args[0]
                if not (isinstance(sql, ast.Constant) or (isinstance(sql, ast.Name) and sql.id == "sql")):
                    built.append((func.name, ast.unparse(sql)[:80]))
    assert built == [("table", "f'SELECT * FROM {name} ORDER BY ALL'")], built
    source = ast.get_source_segment((ROOT / "core" / "data.py").read_text(encoding="utf-8"), _function(tree, "table"))
    assert "if name not in PUBLIC_TABLES" in source


def _function(tree: ast.AST, name: str) -> ast.FunctionDef:
    return next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name)


def test_no_sql_outside_the_data_module():
    offenders = []
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "components").glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bimport duckdb\b|\bduckdb\.|\.execute\(|data\.query\(|data\._connection", text):
            offenders.append(path.name)
    assert not offenders


def test_hostile_values_reach_the_database_only_as_parameters(con):
    from core import data

    for value in SQL + MARKUP + ["150622' OR '1'='1"]:
        assert data.notes_for.__wrapped__(value).empty
        assert data.district_projects.__wrapped__(value).empty
    with pytest.raises(ValueError):
        data.table.__wrapped__("projects; DROP TABLE projects")
    assert con.execute("SELECT count(*) FROM projects").fetchone()[0] == 39


# ------------------------------------------------------------------------------- unknown paths (real HTTP)


@pytest.fixture(scope="module")
def server():
    with serve() as base_url:
        yield base_url


HOSTILE_PATHS = ["/nope", "/nope/deeper?lang=en", "/../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/static/../../etc/passwd",
                 "/app/static/..%2f..%2fapp.py", "/app/static/../../core/settings.py", "/indicators%00",
                 "/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                 "/indicators?indicator=%3Cscript%3E", "/projects?project=1%27%20OR%201%3D1--", "/" + "a" * 4000, "/%E2%80%AE",
                 "/media/../../etc/passwd", "/component/x/../../etc/passwd", "/_stcore/nope", "/.git/config", "/data/ordos.duckdb",
                 "/.streamlit/config.toml", "/about/../../app.py"]  # fmt: skip


def test_unknown_and_hostile_paths(server):
    index = http_get(server + "/")[2]
    for path in HOSTILE_PATHS:
        status, _, body = http_get(server + path)
        assert status in (200, 301, 400, 403, 404), (path, status)
        if status == 200:
            assert body == index, f"{path}: 200 but not the app shell"
        for secret in (b"root:x:0", b"[core]", b"DATABASE", b"enableXsrfProtection", b"DUCK", b"Traceback"):
            assert secret not in body, (path, secret)
    assert "Traceback" not in server.log()


def test_unknown_page_over_the_websocket(server):
    """A stale QR code (/nope) shows the home page, not an error."""
    with Visitor(server) as tab:
        run = tab.open("nope", "lang=en&project=<script>")
        assert run.status == "finished" and not run.exceptions, run.error
        assert not any("<script" in body for kind, el in run.elements if kind == "html" for body in [el.html.body])


# ------------------------------------------------------------------------------ XSRF, uploads, error details


def test_security_settings():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    assert config["server"]["maxUploadSize"] <= 1
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"].get("enableAgentApi", False) is False
    assert config["browser"]["gatherUsageStats"] is False


def test_no_page_accepts_uploads():
    upload_widgets = ("file_uploader", "camera_input", "audio_input", "chat_input", "data_editor")
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not [w for w in upload_widgets if f"{w}(" in text], path.name
    for page in PAGES:
        at = run_page(page, {"lang": "en"})
        assert not exceptions(at)
        for widget in upload_widgets:
            assert not at.get(widget), (page, widget)


def test_upload_endpoint_refuses_without_xsrf_token(server):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("PUT", "/_stcore/upload_file/some-session/some-file", body=b"x" * 100, headers={"Content-Type": "text/plain"})
        response = conn.getresponse()
        status, body = response.status, response.read()
    finally:
        conn.close()
    assert status == 403 and b"XSRF" in body, (status, body[:200])  # refused by the XSRF check itself


def test_visitors_never_see_tracebacks_but_the_log_has_them(tmp_path):
    """The project's own config (copied next to a throwaway script that fails) decides what a visitor sees."""
    (tmp_path / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", tmp_path / ".streamlit" / "config.toml")
    (tmp_path / "boom.py").write_text(
        "import streamlit as st\nst.title('before')\nsecret_path = '/srv/secret/ordos.duckdb'\n"
        "raise ZeroDivisionError(f'cannot open {secret_path}')\n",
        encoding="utf-8",
    )
    with serve(script="boom.py", cwd=tmp_path) as base_url, Visitor(base_url) as tab:
        run = tab.open()
        assert run.status == "finished" and len(run.exceptions) == 1
        shown = run.exceptions[0].exception
        assert not shown.stack_trace and "secret" not in shown.message and "ZeroDivision" not in shown.type + shown.message
        deadline = time.monotonic() + 10
        while "ZeroDivisionError" not in base_url.log() and time.monotonic() < deadline:
            time.sleep(0.1)
        log = base_url.log()
        assert "ZeroDivisionError: cannot open /srv/secret/ordos.duckdb" in log and "Traceback" in log


# ------------------------------------------------------------------------------------ the database missing


@pytest.fixture
def database_at(monkeypatch):
    """Point the app at another database file for one test, with Streamlit's caches emptied before and after."""
    from core import data, settings

    def point(path: Path) -> None:
        monkeypatch.setattr(settings, "DATABASE", Path(path))
        data.clear_caches()

    yield point
    monkeypatch.undo()
    data.clear_caches()


def _broken_databases(folder: Path) -> dict[str, Path]:
    import duckdb

    garbage = folder / "garbage.duckdb"
    garbage.write_bytes(os.urandom(64 * 1024))
    empty = folder / "empty.duckdb"
    empty.write_bytes(b"")
    no_tables = folder / "no-tables.duckdb"
    duckdb.connect(str(no_tables)).close()
    directory = folder / "a-folder.duckdb"
    directory.mkdir()
    return {"missing": folder / "missing.duckdb", "garbage": garbage, "empty": empty, "no tables": no_tables, "a folder": directory}


def _assert_friendly(at, lang: str, path: Path) -> None:
    from core.i18n import t

    assert not exceptions(at)
    text = all_text(at)
    other = "en" if lang == "zh" else "zh"
    for key in ("app.unavailable_title", "app.unavailable_body"):
        assert t(key, lang) in text and t(key, other) in text
    assert "Traceback" not in text and str(path) not in text and "DataUnavailable" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_database_missing_or_unreadable_shows_the_friendly_page(tmp_path, database_at, lang):
    for name, path in _broken_databases(tmp_path).items():
        database_at(path)
        for page in PAGES:
            at = run_page(page, {"lang": lang, "project": "1"})
            try:
                _assert_friendly(at, lang, path)
            except AssertionError as exc:
                raise AssertionError(f"database {name}, page {page}: {exc}") from None


def test_the_app_recovers_once_the_database_is_there(tmp_path, database_at, db_path):
    target = tmp_path / "later.duckdb"
    database_at(target)
    _assert_friendly(run_page("home", {"lang": "en"}), "en", target)
    shutil.copy(db_path, target)  # `make data` finished: no restart needed
    at = run_page("projects", {"lang": "en"})
    assert not exceptions(at)
    assert "unavailable" not in all_text(at).lower()


def test_database_missing_on_a_real_server(tmp_path):
    """The HTTP page loads; the visitor gets the friendly page over the websocket; the log names the problem."""
    from core.i18n import t

    with serve(env={"ORDOS_DB": str(tmp_path / "missing.duckdb")}) as base_url:
        assert http_get(base_url + "/projects?lang=en")[0] == 200
        for page in ("", "projects", "about"):
            with Visitor(base_url) as tab:
                run = tab.open(page, "lang=en")
            assert run.status == "finished" and not run.exceptions, (page, run.error, run.texts()[:2])
            text = "\n".join(run.texts())
            assert "Traceback" not in text and "missing.duckdb" not in text
            assert t("app.unavailable_title", "en") in text and t("app.unavailable_title", "zh") in text
        deadline = time.monotonic() + 10
        while "data unavailable" not in base_url.log() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "data unavailable: database not found:" in base_url.log()


def _frame_links(run) -> int:
    return sum(1 for kind, _ in run.elements if kind == "page_link")


def test_a_fresh_server_routes_the_first_visitor_through_app_py(tmp_path):
    """A QR code leads the first visitor of a just-started replica straight to /projects: app.py must still run
    (page config, header, language switch, the database check), and a missing database must give the friendly page.

    Streamlit runs pages/<name>.py alone (its old multipage mode, without app.py) while a folder named `pages/`
    sits next to app.py and no session of the process has run st.navigation yet.
    """
    from core.i18n import t

    problems = []
    with serve() as base_url, Visitor(base_url) as tab:
        run = tab.open("projects", "lang=en")
        if run.ok and _frame_links(run) < len(PAGES):
            problems.append(f"first visitor at /projects: {_frame_links(run)} header links (no app.py: no header, no page config)")
    with serve(env={"ORDOS_DB": str(tmp_path / "missing.duckdb")}) as base_url, Visitor(base_url) as tab:
        run = tab.open("projects", "lang=en")
        if run.exceptions or t("app.unavailable_title", "en") not in "\n".join(run.texts()):
            problems.append("first visitor at /projects with the database missing: Streamlit's error box, not the friendly page")
    assert not problems, "\n".join(problems) + (
        "\n(fix: core.routing.ensure_router() first thing in every page, or rename the pages/ folder, e.g. to views/)"
    )


# ------------------------------------------------------------------------------------- planted markup

MARK = '<script>alert("ordos")</script><b class="ordos-planted">planted</b><img src=x onerror="window.__ordosXSS=1">'
# Columns that are keys, codes, JSON or machine values (the pipeline validates those): everything else that
# is text gets the markup in front of its value.
NOT_TEXT = re.compile(
    r"(_id|_code|_no|_kind|_cmp|_file|_exact|_json|_geojson|^kind|^topic|^subject|^qualifier|^rule|^basis|^status|^direction|"
    r"^scope|^unit_basis|^note_group|^sha256|^evidence_zh|^source_ref|^target_kind)$"
)
SELECTIONS = {"home": {}, "zhungeer": {"chapter": "2"}, "indicators": {"indicator": "17"}, "projects": {"project": "16"},
              "map": {"district": "150622"}, "about": {}}  # fmt: skip


def plant_markup(source: Path, target: Path) -> list[str]:
    """A copy of the database with MARK in front of every display-text value; returns the planted columns."""
    import duckdb

    shutil.copy(source, target)
    planted = []
    with duckdb.connect(str(target)) as con:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR' ORDER BY ALL"
        ).fetchall()
        for table, column in columns:
            if NOT_TEXT.search(column):
                continue
            con.execute(f'UPDATE "{table}" SET "{column}" = ? || "{column}" WHERE "{column}" IS NOT NULL', [MARK + " "])
            planted.append(f"{table}.{column}")
    return planted


@pytest.fixture(scope="module")
def planted_db(db_path, tmp_path_factory):
    target = tmp_path_factory.mktemp("planted") / "planted.duckdb"
    planted = plant_markup(db_path, target)
    assert {"projects.name_en", "projects.name_zh", "data_notes.note_en", "indicators.name_en", "story_chapters.body_en"} <= set(planted)
    return target


def _reads_data(page: str) -> bool:
    return "data." in (ROOT / "pages" / f"{page}.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_planted_markup_is_shown_as_text(planted_db, database_at, lang):
    database_at(planted_db)
    problems = []
    for page in PAGES:
        at = run_page(page, {"lang": lang, **SELECTIONS[page]})
        if not exceptions(at):
            with routed_by_app_py():
                open_expanders(at)  # the lazy expanders' content too (drawn only while open)
        if errors := exceptions(at):
            problems.append(f"{page}: exception {errors}")
            continue
        for body in html_bodies(at):
            for piece in live_markup(body) + [body[max(0, i - 20) : i + 60] for i in _find_all(body, "<img src=x")]:
                problems.append(f"{page}: planted markup live in an HTML element: …{piece}…")
        if _reads_data(page) and "ordos-planted" not in all_text(at) + _chart_text(at):
            problems.append(f"{page}: the planted text is not shown anywhere")
    assert not problems, "\n".join(problems[:20])


def _settle(page, step_ms: int = 300, limit_s: float = 8) -> None:
    """Wait until the page's DOM is the same size twice in a row `step_ms` apart (at most `limit_s`)."""
    deadline, last = time.monotonic() + limit_s, None
    while time.monotonic() < deadline:
        page.wait_for_timeout(step_ms)
        now = page.evaluate("document.body.innerHTML.length + ':' + document.images.length")
        if now == last:
            return
        last = now


def _find_all(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle), text)]


def _chart_text(at) -> str:
    """Text inside chart specs and tables (Vega-Lite JSON, Arrow data, deck.gl JSON): shown as text by their renderers."""
    parts = [str(el.proto) for kind in ("vega_lite_chart", "deck_gl_json_chart", "dataframe") for el in at.get(kind)]
    return "\n".join(parts)


@pytest.mark.browser
def test_planted_markup_in_chromium(planted_db):
    """In a real browser: no planted element exists, no planted handler ran, and the planted text is visible."""
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = next((p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if Path(p).exists()), None)
    if chromium is None:
        pytest.skip("Chromium is not installed (make chromium)")
    problems = []
    with serve(env={"ORDOS_DB": str(planted_db)}) as base_url, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            dialogs = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for name in PAGES:
                query = "&".join(f"{k}={v}" for k, v in {"lang": "en", **SELECTIONS[name]}.items())
                page.goto(f"{base_url}/{'' if name == 'home' else name}?{query}")
                page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
                _settle(page)  # charts and images drawn (an onerror would have fired by then)
                found = page.evaluate(
                    """() => ({planted: document.querySelectorAll('.ordos-planted').length,
                               xss: window.__ordosXSS || 0,
                               scripts: [...document.scripts].filter(s => s.textContent.includes('ordos')).length,
                               text: document.body.textContent.includes('class="ordos-planted"'),
                               exception: document.querySelectorAll('[data-testid="stException"]').length})"""
                )
                if found["planted"] or found["xss"] or found["scripts"] or found["exception"]:
                    problems.append(f"{name}: {found}")
                if _reads_data(name) and not found["text"]:
                    problems.append(f"{name}: the planted text is not visible as text")
            if dialogs:
                problems.append(f"dialogs opened: {dialogs}")
        finally:
            browser.close()
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------- threads


def test_many_threads_query_at_once(db_path):
    """32 threads × 40 calls through core.data (direct queries and the cached functions): right answers only."""

    from core import data

    calls = [
        ("projects", lambda: data.projects.__wrapped__()),
        ("indicators", lambda: data.indicators.__wrapped__()),
        ("districts", lambda: data.districts.__wrapped__()),
        *[(f"places {n}", lambda n=n: data.project_places.__wrapped__(n)) for n in (1, 16, 39)],
        *[(f"district {c}", lambda c=c: data.district_projects.__wrapped__(c)) for c in ("150622", "150602")],
        *[(f"notes {s}", lambda s=s: data.notes_for.__wrapped__(s)) for s in ("indicator:17", "project:16")],
        ("facts headline", lambda: data.facts.__wrapped__("headline")),
        ("count", lambda: data.query("SELECT count(*) AS n, sum(investment_yi) AS s FROM projects")),
        ("cached projects", lambda: data.projects()),
        *[(f"cached chapter {n}", lambda n=n: data.chapter_links(n)) for n in (1, 2, 3, 4)],
    ]
    data.clear_caches()
    expected = {name: call() for name, call in calls}
    data.clear_caches()
    errors, wrong, done = [], [], []
    barrier = threading.Barrier(32)

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        barrier.wait(timeout=30)
        for _ in range(40):
            name, call = rng.choice(calls)
            try:
                got = call()
            except Exception as exc:
                errors.append(f"{name}: {exc!r}")
                continue
            if not got.equals(expected[name]):
                wrong.append(name)
            done.append(name)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "threads still running after 120 s"
    assert not errors, errors[:5]
    assert not wrong, wrong[:5]
    assert len(done) == 32 * 40
