"""The About page: the sources, how the data were built (with the numbers from the database), the data notes
grouped by kind with their subjects, the public tables for download and the licences, per language."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from components import exports
from components.about.notes import NOTE_KINDS, NoteGroup, note_groups, note_html
from components.about.sources import source_html, status_rule_md, table_description
from components.story.links import WRAP_KEY, LinkItem, chips_html
from core import data, fmt, memo
from core.i18n import t

STEPS = ("read", "parse", "curated", "validate", "publish")
CHECKS = ("facts", "refs", "english")  # the rules stated after the counts and the total
CURATED = ("en", "glossary", "places", "districts", "facts", "links", "indicator_programs", "notes", "rules", "pictures")
LICENCES = ("sources", "boundaries", "code")
COUNTED = ("actions", "programs", "projects", "indicators", "districts")
# The downloads besides the tables' CSV files: file name, type, widget key, icon.
WORKBOOK = ("ordos-tables.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "about-xlsx", ":material/grid_on:")
DATABASE = ("ordos.duckdb", "application/octet-stream", "about-database", ":material/database:")


@dataclass(frozen=True)
class Download:
    """A download: its button's label, the file's contents (made only when the button is clicked), name and type."""

    label: str
    data: Callable[[], bytes]
    file_name: str
    mime: str
    key: str  # the button's widget key
    icon: str
    primary: bool = False

    def button(self) -> dict:
        """The arguments of st.download_button: the file is made when clicked, and the click does not rerun the page."""
        kind = "primary" if self.primary else "secondary"
        names = {"label": self.label, "data": self.data, "file_name": self.file_name, "mime": self.mime, "key": self.key}
        return {**names, "on_click": "ignore", "icon": self.icon, "type": kind}


@dataclass(frozen=True)
class Concern:
    """A subject a note concerns: a link where the app has a page for it, otherwise named in a list (`chip`)."""

    label: str
    page: str | None
    params: dict[str, str]
    chip: Markup | None


@dataclass(frozen=True)
class Note:
    """One note group: its text and evidence, and the subjects it concerns."""

    group: str
    body: Markup
    concerns: tuple[Concern, ...]

    @property
    def wrap_key(self) -> str:
        """The key of the note's container, whose page links wrap (components/assets/streamlit/story.css)."""
        return f"{WRAP_KEY}-note-{self.group}"


@dataclass(frozen=True)
class NoteKind:
    """The notes of one kind (contradictions, typos…), under one expander."""

    kind: str
    label: str  # 'Contradictions (5)'
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Table:
    """A public table for download: its name, its rows, what it holds and its CSV file."""

    name: str
    frame: pd.DataFrame
    caption: str  # what it holds · how many rows
    csv: Download


@dataclass(frozen=True)
class About:
    built: str
    sources: tuple[Markup, ...]  # a card per source document
    steps: str  # the build's steps, as a Markdown list
    rules: str  # the rules the build checks, with the numbers from the database (Markdown)
    tracing: str
    curated: str  # the curated files (Markdown)
    progress: str  # the progress rule, with today's counts (Markdown)
    status_empty: str | None  # said while no observed value is published
    notes_intro: str
    note_kinds: tuple[NoteKind, ...]
    tables: tuple[Table, ...]
    workbook: Download  # every table, a sheet each
    database: Download  # the database file
    licences: str  # Markdown


def bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


@memo.per_process(maxsize=4)
def view(lang: str) -> About:
    tables = {name: data.table(name) for name in data.PUBLIC_TABLES}
    info, plan = data.build_info(), data.one("plan")
    counts = {name: fmt.number(len(tables[name]), lang) for name in COUNTED}
    total = plan["total_investment_yi"]
    rules = [
        t("about.rule_counts", lang, **counts),
        t("about.rule_total", lang, total=fmt.number(total, lang), billion=fmt.number(total / 10, lang)),
        *(t(f"about.rule_{key}", lang) for key in CHECKS),
    ]
    groups = note_groups(data.data_notes_readable(), lang)
    subjects = len({s.label for g in groups for s in g.subjects})
    observations, built = tables["observations"], f"{info['built_at']:%Y-%m-%d %H:%M}"
    return About(
        built=t("about.built_at", lang, when=built, tables=info["tables"], rows=fmt.number(info["rows_total"], lang)),
        sources=tuple(source_html(source, lang) for source in tables["sources"].to_dict("records")),
        steps="\n".join(f"{i}. {t(f'about.step_{step}', lang)}" for i, step in enumerate(STEPS, start=1)),
        rules=t("about.rules_intro", lang) + "\n" + bullets(rules),
        tracing=t("about.tracing_body", lang, n=len(tables["facts"])),
        curated=t("about.curated_intro", lang) + "\n" + bullets([t(f"about.curated_{key}", lang) for key in CURATED]),
        progress=t("about.progress_body", lang, n=len(observations)) + "\n" + status_rule_md(tables["indicator_status"], lang),
        status_empty=t("about.status_empty", lang, n=len(tables["indicators"])) if observations.empty else None,
        notes_intro=t("about.notes_intro", lang, groups=len(groups), subjects=subjects),
        note_kinds=tuple(_kind(kind, [g for g in groups if g.kind == kind], lang) for kind in NOTE_KINDS),
        tables=tuple(_table(name, frame, lang) for name, frame in tables.items()),
        workbook=Download(t("about.download_xlsx", lang), functools.partial(exports.to_xlsx_bytes, tables), *WORKBOOK),
        database=Download(t("about.database_button", lang), data.database_bytes, *DATABASE, primary=True),
        licences=bullets([t(f"about.licence_{key}", lang) for key in LICENCES]),
    )


def _kind(kind: str, groups: list[NoteGroup], lang: str) -> NoteKind:
    label = t("about.kind_count", lang, kind=t(f"about.kind_{kind}", lang), n=len(groups))
    evidence = t("about.evidence_label", lang)
    notes = (Note(g.group, note_html(g, evidence), tuple(_concern(s.kind, s.label, s.page, s.params) for s in g.subjects)) for g in groups)
    return NoteKind(kind, label, tuple(notes))


def _concern(kind: str, label: str, page: str | None, params: dict[str, str]) -> Concern:
    """A subject without a page is named in the list style of the story's plan items (without an action colour)."""
    return Concern(label, page, params, None if page else chips_html([LinkItem(kind, 0, label)]))


def _table(name: str, frame: pd.DataFrame, lang: str) -> Table:
    rows = t(f"about.download_rows{'_one' if len(frame) == 1 else ''}", lang, n=fmt.number(len(frame), lang))
    csv = functools.partial(exports.to_csv_bytes, frame)
    download = Download(f"{name}.csv", csv, f"ordos-{name}.csv", "text/csv", f"about-csv-{name}", ":material/table:")
    return Table(name, frame, " · ".join(filter(None, [table_description(name, lang), rows])), download)
