"""The one data-access module: a cached read-only DuckDB connection and cached query functions.

Pages never open a connection or write SQL. A DuckDB connection is not thread-safe and Streamlit
serves each visitor from its own thread, so every query runs on its own cursor. Every query is
parameterised; table names come from a fixed list, never from a request.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import streamlit as st

from core import memo, settings

PUBLIC_TABLES = (
    "sources", "plan", "principles", "goals", "actions", "programs", "projects", "project_places",
    "project_districts", "districts", "indicators", "facts", "story", "story_chapters", "story_pictures",
    "chapter_links", "data_notes", "indicator_programs", "observations", "indicator_status",
)  # fmt: skip


R = TypeVar("R")


class DataUnavailable(RuntimeError):
    """The database is missing or unreadable; the app shows a friendly page instead of a traceback."""


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    if not Path(path).exists():
        raise DataUnavailable(f"database not found: {path}")
    try:
        con = duckdb.connect(path, read_only=True)
        con.execute("SELECT count(*) FROM projects").fetchone()
    except duckdb.Error as exc:
        raise DataUnavailable(f"database unreadable: {path}: {exc}") from None
    return con


def shared(func: Callable[..., R]) -> Callable[..., R]:
    """Cache a query's result once for all sessions (st.cache_resource), and hand each caller its own shallow copy.

    st.cache_data would unpickle a fresh copy on every call, a few percent of every run. The database is
    read-only for the life of the process, so one result object can be shared; with pandas' copy-on-write a
    caller that adds a column, sorts or edits values changes its own copy, never the shared frame.
    """
    cached = st.cache_resource(show_spinner=False)(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        value = cached(*args, **kwargs)
        return value.copy(deep=False) if isinstance(value, pd.DataFrame) else dict(value)

    return wrapper


def clear_caches() -> None:
    """Forget every cached result, view and the connection (tests that switch databases)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    memo.clear()
    _answered.clear()


def query(sql: str, params: list | tuple = ()) -> pd.DataFrame:
    """Run one parameterised query on its own cursor of the shared read-only connection."""
    cursor = _connection(str(settings.DATABASE)).cursor()
    try:
        return cursor.execute(sql, list(params)).df()
    except duckdb.Error as exc:
        raise DataUnavailable(f"query failed: {exc}") from None
    finally:
        cursor.close()


_answered: set[str] = set()  # databases whose connection opened and answered (it is then kept for the process)


def check() -> None:
    """Raise DataUnavailable unless the database opens and answers. Once it has, the connection is cached for the
    life of the process, so later checks return at once (asking st.cache_resource was 0.3 ms of every run)."""
    path = str(settings.DATABASE)
    if path not in _answered:
        _connection(path)
        _answered.add(path)


@shared
def table(name: str) -> pd.DataFrame:
    """A whole public table (for downloads and small lookups), in its natural order."""
    if name not in PUBLIC_TABLES:
        raise ValueError(f"not a public table: {name!r}")
    return query(f"SELECT * FROM {name} ORDER BY ALL")


@shared
def actions() -> pd.DataFrame:
    """The five key actions, with their investment, project count and share of the total."""
    return query(
        """SELECT a.*, count(p.project_no) AS projects, coalesce(sum(p.investment_yi), 0) AS investment_yi,
                  coalesce(sum(p.investment_yi), 0) / (SELECT sum(investment_yi) FROM projects) AS share
           FROM actions a LEFT JOIN projects p USING (action_no) GROUP BY ALL ORDER BY action_no"""
    )


@shared
def programs() -> pd.DataFrame:
    """The 24 key programs, with action names, investment, project count and share of the total."""
    return query(
        """SELECT g.*, a.name_zh AS action_name_zh, a.name_en AS action_name_en, count(p.project_no) AS projects,
                  coalesce(sum(p.investment_yi), 0) AS investment_yi,
                  coalesce(sum(p.investment_yi), 0) / (SELECT sum(investment_yi) FROM projects) AS share
           FROM programs g JOIN actions a USING (action_no) LEFT JOIN projects p USING (program_no)
           GROUP BY ALL ORDER BY program_no"""
    )


@shared
def projects() -> pd.DataFrame:
    """The 39 key projects with program/action names, district codes and share of the total investment."""
    return query(
        """SELECT p.*, g.name_zh AS program_name_zh, g.name_en AS program_name_en,
                  a.name_zh AS action_name_zh, a.name_en AS action_name_en,
                  p.investment_yi / sum(p.investment_yi) OVER () AS share,
                  coalesce((SELECT string_agg(d.district_code, ' ' ORDER BY d.district_code)
                            FROM project_districts d WHERE d.project_no = p.project_no), '') AS district_codes
           FROM projects p JOIN programs g USING (program_no) JOIN actions a ON a.action_no = p.action_no
           ORDER BY p.project_no"""
    )


@shared
def project_places(project_no: int) -> pd.DataFrame:
    """How one project's location text resolves, place by place (named, all_districts, unresolved…)."""
    return query("SELECT * FROM project_places WHERE project_no = ? ORDER BY place_no", [project_no])


@shared
def districts() -> pd.DataFrame:
    """The nine districts with geometry and, per district, the projects that name it (not whole-city ones)."""
    return query(
        """SELECT d.*, count(pd.project_no) AS projects, coalesce(sum(p.investment_yi), 0) AS investment_yi
           FROM districts d
           LEFT JOIN project_districts pd ON pd.district_code = d.district_code AND pd.basis IN ('named', 'gazetteer')
           LEFT JOIN projects p ON p.project_no = pd.project_no
           GROUP BY ALL ORDER BY d.district_code"""
    )


@shared
def district_projects(district_code: str) -> pd.DataFrame:
    """Projects whose location names this district (basis named/gazetteer), largest first."""
    return query(
        """SELECT p.project_no, p.name_zh, p.name_en, p.action_no, p.investment_yi, p.start_year, p.end_year, pd.basis
           FROM project_districts pd JOIN projects p USING (project_no)
           WHERE pd.district_code = ? AND pd.basis IN ('named', 'gazetteer')
           ORDER BY p.investment_yi DESC, p.project_no""",
        [district_code],
    )


@shared
def indicators() -> pd.DataFrame:
    """The 36 indicators in table order, with the number of data notes on each."""
    return query(
        """SELECT i.*, (SELECT count(*) FROM data_notes n WHERE n.subject = 'indicator:' || i.indicator_no) AS notes
           FROM indicators i ORDER BY indicator_no"""
    )


@shared
def facts(topic: str | None = None) -> pd.DataFrame:
    """Facts (figures with their source quote), optionally of one topic, in curated order."""
    if topic is None:
        return query("SELECT * FROM facts ORDER BY rowid")
    return query("SELECT * FROM facts WHERE topic = ? ORDER BY rowid", [topic])


@shared
def notes_for(subject: str) -> pd.DataFrame:
    """Data notes about one subject such as 'indicator:17' or 'project:16'."""
    return query("SELECT * FROM data_notes WHERE subject = ? ORDER BY note_id", [subject])


@shared
def chapter_links(chapter_no: int) -> pd.DataFrame:
    """The plan items (action, program, project, indicator) that a story chapter relates to."""
    return query(
        """SELECT l.target_kind, l.target_no, l.rank,
                  coalesce(a.name_zh, g.name_zh, p.name_zh, i.name_zh) AS name_zh,
                  coalesce(a.name_en, g.name_en, p.name_en, i.name_en) AS name_en,
                  coalesce(a.action_no, g.action_no, p.action_no) AS action_no
           FROM chapter_links l
           LEFT JOIN actions a ON l.target_kind = 'action' AND a.action_no = l.target_no
           LEFT JOIN programs g ON l.target_kind = 'program' AND g.program_no = l.target_no
           LEFT JOIN projects p ON l.target_kind = 'project' AND p.project_no = l.target_no
           LEFT JOIN indicators i ON l.target_kind = 'indicator' AND i.indicator_no = l.target_no
           WHERE l.chapter_no = ? ORDER BY l.target_kind, l.rank""",
        [chapter_no],
    )


@shared
def one(name: str) -> dict:
    """The single row of a one-row table (plan, story) as a dict."""
    return table(name).iloc[0].to_dict()


def database_bytes() -> bytes:
    """The database file itself, for the download on the About page."""
    return Path(settings.DATABASE).read_bytes()


@shared
def story_facts(chapter_no: int) -> pd.DataFrame:
    """One story chapter's figures: the story's own (topic 'jungar') and the plan's about Jungar Banner ('jungar_in_plan')."""
    return query("SELECT * FROM facts WHERE chapter_no = ? AND topic IN ('jungar', 'jungar_in_plan') ORDER BY rowid", [chapter_no])


@shared
def story_pictures(chapter_no: int) -> pd.DataFrame:
    """The story's picture captions (and photo file, once there is one) that belong to one chapter."""
    return query("SELECT * FROM story_pictures WHERE chapter_no = ? ORDER BY picture_no", [chapter_no])


@shared
def district_project_list(district_code: str) -> pd.DataFrame:
    """Every project that covers a district, with its basis and how many districts its location names.

    `named_districts` tells a project sited in this district alone (1) from one shared with others; the
    investment is always the whole project's, since the plan does not split it by district.
    """
    return query(
        """SELECT p.project_no, p.name_zh, p.name_en, p.action_no, p.program_no, p.investment_yi, p.start_year, p.end_year,
                  pd.basis, (SELECT count(*) FROM project_districts o WHERE o.project_no = p.project_no
                                                                      AND o.basis IN ('named', 'gazetteer')) AS named_districts
           FROM project_districts pd JOIN projects p USING (project_no)
           WHERE pd.district_code = ?
           ORDER BY pd.basis = 'all_districts', p.investment_yi DESC, p.project_no""",
        [district_code],
    )


@shared
def data_notes_readable() -> pd.DataFrame:
    """The data notes with their subject split (kind, number) and named in both languages."""
    return query(
        """WITH n AS (SELECT *, split_part(subject, ':', 1) AS subject_kind, split_part(subject, ':', 2) AS subject_ref,
                             try_cast(split_part(subject, ':', 2) AS INTEGER) AS subject_no FROM data_notes)
           SELECT n.*, coalesce(i.name_zh, p.name_zh, g.name_zh, a.name_zh, s.title_zh) AS subject_name_zh,
                  coalesce(i.name_en, p.name_en, g.name_en, a.name_en, s.title_en) AS subject_name_en
           FROM n
           LEFT JOIN indicators i ON n.subject_kind = 'indicator' AND i.indicator_no = n.subject_no
           LEFT JOIN projects p ON n.subject_kind = 'project' AND p.project_no = n.subject_no
           LEFT JOIN programs g ON n.subject_kind = 'program' AND g.program_no = n.subject_no
           LEFT JOIN actions a ON n.subject_kind = 'action' AND a.action_no = n.subject_no
           LEFT JOIN sources s ON n.subject_kind = 'source' AND s.source_id = n.subject_ref
           ORDER BY n.note_group, n.subject_kind, n.subject_no, n.note_id"""
    )


@shared
def build_info() -> dict:
    """When the database was built, from how many tables and rows."""
    return query("SELECT * FROM build_info").iloc[0].to_dict()


@shared
def district_citywide_projects(district_code: str) -> pd.DataFrame:
    """Whole-city projects whose location covers this district (basis all_districts), largest first."""
    return query(
        """SELECT p.project_no, p.name_zh, p.name_en, p.action_no, p.investment_yi, p.location_zh, p.location_en
           FROM project_districts pd JOIN projects p USING (project_no)
           WHERE pd.district_code = ? AND pd.basis = 'all_districts'
           ORDER BY p.investment_yi DESC, p.project_no""",
        [district_code],
    )


def story_photo(file_name: str | None) -> Path | None:
    """A story photo dropped into data/photos/, by bare file name; None when none is set or the file is missing.

    Only a plain file name inside the photos folder counts, so a curated value can never point elsewhere.
    """
    if not isinstance(file_name, str) or not file_name or Path(file_name).name != file_name:
        return None
    path = settings.PHOTOS / file_name
    return path if path.is_file() else None


@shared
def indicator_programs(indicator_no: int) -> pd.DataFrame:
    """Key programs whose text works towards one indicator (curated links), with the reason and the quoted phrase."""
    return query(
        """SELECT l.program_no, g.action_no, g.name_zh, g.name_en, l.reason_zh, l.reason_en, l.evidence_zh
           FROM indicator_programs l JOIN programs g USING (program_no)
           WHERE l.indicator_no = ? ORDER BY l.program_no""",
        [indicator_no],
    )


@shared
def indicator_chapters(indicator_no: int) -> pd.DataFrame:
    """Story chapters that relate to one indicator (chapter_links), in chapter order."""
    return query(
        """SELECT c.chapter_no, c.heading_zh, c.heading_en
           FROM chapter_links l JOIN story_chapters c USING (chapter_no)
           WHERE l.target_kind = 'indicator' AND l.target_no = ? ORDER BY c.chapter_no""",
        [indicator_no],
    )


@shared
def indicator_status() -> pd.DataFrame:
    """Each indicator's progress status from published observations (achieved, on_track, off_track, no_data…)."""
    return query("SELECT * FROM indicator_status ORDER BY indicator_no")


@shared
def mongolian_names() -> pd.DataFrame:
    """The places' names in Mongolian script that a second source confirmed; an unconfirmed name is not returned, so
    no view can show a guess."""
    return query("SELECT place_code, name_zh, name_en, name_mn FROM mongolian_names WHERE confirmed ORDER BY place_code")


def deck_tables() -> dict:
    """Everything the slides show (components.slides.build): one-row tables as dicts, the rest as DataFrames."""
    return {
        "plan": one("plan"),
        "story": one("story"),
        "sources": table("sources"),
        "chapters": table("story_chapters"),
        "pictures": table("story_pictures"),
        "chapter_links": table("chapter_links"),
        "facts": facts(),
        "actions": actions(),
        "projects": projects(),
        "districts": districts(),
        "indicators": indicators(),
        "indicator_status": indicator_status(),
        "observations": table("observations"),
        "mongolian": mongolian_names(),
    }
