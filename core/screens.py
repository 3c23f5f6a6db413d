"""The exhibition screens' reports: what each screen showed when it last reported, in one small SQLite file.

A kiosk or presenter opened with `?screen=NAME` reports about every 30 s (components.slides.reporter): the slide
it shows, how long its page has been running, how often it reconnected. The status page /screens lists them,
newest report first, and flags a screen whose last report is older than SILENT_AFTER.

The file (settings.screens_db()) is shared by every replica on the host, so a report that reached one replica is
listed by all: SQLite in WAL mode (readers never wait for the writer), a busy timeout for the writers, one row per
screen (an upsert), at most MAX_SCREENS rows (the longest silent dropped first). It is the app's only writable
state; the database of the plan stays read-only. Plain functions, no Streamlit: tested without a server.

Everything stored is bounded here, whatever the browser sends: the name (from the page's URL) to NAME_MAX
characters without control or formatting characters, numbers to their ranges, words to their vocabularies.
"""

from __future__ import annotations

import contextlib
import math
import sqlite3
import time
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from core import settings

SILENT_AFTER = 120.0  # seconds without a report before a screen is flagged (it reports every 30 s)
MAX_SCREENS = 200
NAME_MAX = 64
PAGES = ("kiosk", "present")
LANGS = ("zh", "en", "both")
STATES = ("playing", "paused", "sleeping")  # what the deck was doing: advancing, paused by a touch, in its quiet hours
VERSION_MAX = 40
BUSY_MS = 5000

SCHEMA = """CREATE TABLE IF NOT EXISTS screens (
    name TEXT PRIMARY KEY, page TEXT NOT NULL, lang TEXT NOT NULL, slide INTEGER, total INTEGER, state TEXT,
    version TEXT NOT NULL, uptime_s REAL, reconnects INTEGER, first_seen REAL NOT NULL, last_seen REAL NOT NULL,
    reports INTEGER NOT NULL DEFAULT 1)"""
UPSERT = """INSERT INTO screens (name, page, lang, slide, total, state, version, uptime_s, reconnects, first_seen, last_seen)
VALUES (:name, :page, :lang, :slide, :total, :state, :version, :uptime_s, :reconnects, :now, :now)
ON CONFLICT (name) DO UPDATE SET page = excluded.page, lang = excluded.lang, slide = excluded.slide, total = excluded.total,
    state = excluded.state, version = excluded.version, uptime_s = excluded.uptime_s, reconnects = excluded.reconnects,
    last_seen = excluded.last_seen, reports = screens.reports + 1"""
PRUNE = "DELETE FROM screens WHERE name NOT IN (SELECT name FROM screens ORDER BY last_seen DESC, name LIMIT ?)"


@dataclass(frozen=True)
class Report:
    """One report, as the server accepted it (`report()` builds it from what the browser sent)."""

    name: str
    page: str
    lang: str
    version: str
    slide: int | None = None
    total: int | None = None
    state: str | None = None
    uptime_s: float | None = None
    reconnects: int | None = None


@dataclass(frozen=True)
class Screen:
    """A screen as the status page lists it: its last report, when it was first and last seen, how many reports."""

    name: str
    page: str
    lang: str
    slide: int | None
    total: int | None
    state: str | None
    version: str
    uptime_s: float | None
    reconnects: int | None
    first_seen: float
    last_seen: float
    reports: int
    age_s: float  # seconds since the last report
    silent: bool  # no report for longer than SILENT_AFTER


def screen_name(raw: object) -> str | None:
    """The screen's name from the URL, bounded: Unicode NFC, no control or formatting characters (bidirectional
    overrides, zero-width marks), runs of white space as one space, at most NAME_MAX characters; None if nothing is left."""
    if raw is None:
        return None
    text = unicodedata.normalize("NFC", str(raw)[: NAME_MAX * 8])  # bound the work before the cleaning
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or not unicodedata.category(ch).startswith("C"))
    text = " ".join(text.split())[:NAME_MAX].strip()
    return text or None


def _count(value: object, high: int) -> int | None:
    """A whole number in 0..high from the browser, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    number = int(value)
    return number if 0 <= number <= high else None


def report(name: str, page: str, lang: str, sent: object, version: str) -> Report | None:
    """A report from what the browser sent (`sent`, a JSON object: slide, total, state, uptime, reconnects), with the
    name, page and language the server read from the URL and the server's version; None without a usable name."""
    name_ = screen_name(name)
    if name_ is None or page not in PAGES:
        return None
    sent = sent if isinstance(sent, Mapping) else {}
    uptime = sent.get("uptime")
    uptime_s = float(uptime) if _count(uptime, 10 * 365 * 86400) is not None else None
    state = sent.get("state")
    return Report(
        name=name_,
        page=page,
        lang=lang if lang in LANGS else LANGS[0],
        version=str(version)[:VERSION_MAX],
        slide=_count(sent.get("slide"), 999),
        total=_count(sent.get("total"), 999),
        state=state if isinstance(state, str) and state in STATES else None,
        uptime_s=uptime_s,
        reconnects=_count(sent.get("reconnects"), 10**6),
    )


@contextlib.contextmanager
def _connect(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    path = Path(path or settings.screens_db())
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)  # autocommit; writes in explicit transactions
    try:
        con.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        con.execute("PRAGMA journal_mode = WAL")  # stays set in the file; readers and the writer do not block each other
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute(SCHEMA)
        yield con
    finally:
        con.close()


def record(item: Report, *, now: float | None = None, path: Path | None = None) -> None:
    """Store a report (the screen's row replaced, its count of reports raised); keep at most MAX_SCREENS screens."""
    values = {**item.__dict__, "now": time.time() if now is None else now}
    with _connect(path) as con:
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute(UPSERT, values)
            con.execute(PRUNE, (MAX_SCREENS,))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def listing(*, now: float | None = None, path: Path | None = None) -> list[Screen]:
    """Every screen seen, newest report first, each flagged silent after SILENT_AFTER seconds without a report."""
    now = time.time() if now is None else now
    with _connect(path) as con:
        rows = con.execute(
            """SELECT name, page, lang, slide, total, state, version, uptime_s, reconnects, first_seen, last_seen, reports
               FROM screens ORDER BY last_seen DESC, name"""
        ).fetchall()
    return [Screen(*row, age_s=max(0.0, now - row[10]), silent=now - row[10] > SILENT_AFTER) for row in rows]
