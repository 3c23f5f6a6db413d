"""Step 5: write the tables to a temporary DuckDB file and swap it in only when all is well."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import duckdb

# The published schema. SCHEMA.md's contract columns come first in each table; the rest are additions
# documented in docs/SCHEMA.md. Constraints repeat the rules that validate.py enforces with messages.
DDL = """
CREATE TABLE sources (source_id TEXT PRIMARY KEY, file_name TEXT NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL,
  sha256 TEXT NOT NULL, issuer_zh TEXT, issuer_en TEXT, kind_en TEXT, chars INTEGER);
CREATE TABLE plan (title_zh TEXT, title_en TEXT, preamble_zh TEXT, preamble_en TEXT, goals_intro_zh TEXT, goals_intro_en TEXT,
  total_investment_text TEXT, total_investment_yi DOUBLE);
CREATE TABLE principles (principle_no INTEGER PRIMARY KEY, name_zh TEXT, name_en TEXT, body_zh TEXT, body_en TEXT);
CREATE TABLE goals (goal_no INTEGER PRIMARY KEY, name_zh TEXT, name_en TEXT, body_zh TEXT, body_en TEXT);
CREATE TABLE actions (action_no INTEGER PRIMARY KEY CHECK (action_no BETWEEN 1 AND 5), name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
  intro_zh TEXT, intro_en TEXT, annex_name_zh TEXT);
CREATE TABLE programs (program_no INTEGER PRIMARY KEY CHECK (program_no BETWEEN 1 AND 24), action_no INTEGER NOT NULL REFERENCES actions,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, body_zh TEXT NOT NULL, body_en TEXT NOT NULL, lead_depts_zh TEXT, lead_depts_en TEXT,
  partner_depts_zh TEXT, partner_depts_en TEXT);
CREATE TABLE projects (project_no INTEGER PRIMARY KEY CHECK (project_no BETWEEN 1 AND 39), program_no INTEGER NOT NULL REFERENCES programs,
  action_no INTEGER NOT NULL REFERENCES actions, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, location_zh TEXT NOT NULL,
  location_en TEXT NOT NULL, lead_dept_zh TEXT NOT NULL, lead_dept_en TEXT NOT NULL, start_year INTEGER NOT NULL, end_year INTEGER NOT NULL,
  investment_yi DOUBLE NOT NULL, content_zh TEXT NOT NULL, content_en TEXT NOT NULL, scope TEXT NOT NULL, lead_dept_norm_zh TEXT,
  annex_program_name_zh TEXT, investment_text TEXT NOT NULL, investment_exact TEXT NOT NULL, CHECK (start_year <= end_year));
CREATE TABLE districts (district_code TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, label_lon DOUBLE NOT NULL,
  label_lat DOUBLE NOT NULL, geometry_geojson TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE project_places (project_no INTEGER REFERENCES projects, place_no INTEGER, place_zh TEXT NOT NULL, place_en TEXT NOT NULL,
  rule TEXT NOT NULL, PRIMARY KEY (project_no, place_no));
CREATE TABLE project_districts (project_no INTEGER REFERENCES projects, district_code TEXT REFERENCES districts,
  basis TEXT NOT NULL CHECK (basis IN ('named', 'all_districts', 'gazetteer')), place_zh TEXT, PRIMARY KEY (project_no, district_code));
CREATE TABLE indicators (indicator_no INTEGER PRIMARY KEY CHECK (indicator_no BETWEEN 1 AND 36), category_zh TEXT NOT NULL,
  category_en TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, unit_zh TEXT NOT NULL, unit_en TEXT NOT NULL,
  baseline_2020_text TEXT NOT NULL, baseline_2020 DOUBLE, target_2024_text TEXT NOT NULL, target_2024 DOUBLE,
  target_cmp TEXT CHECK (target_cmp IN ('>', '≥', '<', '≤')), direction TEXT NOT NULL CHECK (direction IN ('increase', 'decrease')),
  depts_zh TEXT, name_as_written TEXT NOT NULL, unit_basis TEXT NOT NULL, baseline_kind TEXT NOT NULL, baseline_cmp TEXT,
  target_2024_en TEXT NOT NULL, target_kind TEXT NOT NULL, change_abs DOUBLE, change_pct DOUBLE, improvement_pct DOUBLE, met_in_2020 BOOLEAN, depts_en TEXT, depts_as_written TEXT);
CREATE TABLE facts (fact_id TEXT PRIMARY KEY, topic TEXT NOT NULL, label_zh TEXT NOT NULL, label_en TEXT NOT NULL, value DOUBLE NOT NULL,
  unit_zh TEXT NOT NULL, unit_en TEXT NOT NULL, quote_zh TEXT NOT NULL, source_id TEXT NOT NULL REFERENCES sources, chapter_no INTEGER,
  qualifier TEXT, unit_in_quote BOOLEAN, program_no INTEGER REFERENCES programs,
  value_cmp TEXT CHECK (value_cmp IN ('>', '≥', '<', '≤', '≈')));
CREATE TABLE story (title_zh TEXT, title_en TEXT, subtitle_zh TEXT, subtitle_en TEXT, lead_zh TEXT, lead_en TEXT, closing_zh TEXT,
  closing_en TEXT, source_line_zh TEXT, source_line_en TEXT);
CREATE TABLE story_chapters (chapter_no INTEGER PRIMARY KEY, heading_zh TEXT NOT NULL, heading_en TEXT NOT NULL, body_zh TEXT NOT NULL,
  body_en TEXT NOT NULL, links_why_zh TEXT, links_why_en TEXT);
CREATE TABLE story_pictures (picture_no INTEGER PRIMARY KEY, chapter_no INTEGER REFERENCES story_chapters, caption_zh TEXT NOT NULL,
  caption_en TEXT NOT NULL, photo_file TEXT, credit_zh TEXT, credit_en TEXT,
  photo_width INTEGER, photo_height INTEGER);
CREATE TABLE chapter_links (chapter_no INTEGER REFERENCES story_chapters, target_kind TEXT NOT NULL, target_no INTEGER NOT NULL,
  rank INTEGER NOT NULL, PRIMARY KEY (chapter_no, target_kind, target_no));
CREATE TABLE data_notes (note_id TEXT PRIMARY KEY, subject TEXT NOT NULL, note_zh TEXT NOT NULL, note_en TEXT NOT NULL,
  note_group TEXT NOT NULL, kind TEXT NOT NULL, evidence_zh TEXT NOT NULL);
CREATE TABLE observations (indicator_no INTEGER REFERENCES indicators, year INTEGER CHECK (year BETWEEN 2020 AND 2035),
  value DOUBLE NOT NULL, value_text TEXT NOT NULL, source_title TEXT NOT NULL, source_ref TEXT NOT NULL, published DATE NOT NULL,
  note TEXT, line_no INTEGER, PRIMARY KEY (indicator_no, year));
CREATE TABLE indicator_status (indicator_no INTEGER PRIMARY KEY REFERENCES indicators, status TEXT NOT NULL
  CHECK (status IN ('achieved', 'on_track', 'off_track', 'no_data', 'not_assessable')), observations INTEGER NOT NULL,
  latest_year INTEGER, latest_value DOUBLE, expected_at_latest DOUBLE);
CREATE TABLE indicator_programs (indicator_no INTEGER REFERENCES indicators, program_no INTEGER REFERENCES programs,
  reason_zh TEXT NOT NULL, reason_en TEXT NOT NULL, evidence_zh TEXT NOT NULL, PRIMARY KEY (indicator_no, program_no));
CREATE TABLE mongolian_names (place_code TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, name_mn TEXT NOT NULL,
  confirmed BOOLEAN NOT NULL, sources TEXT NOT NULL);
CREATE TABLE build_info (built_at TIMESTAMP, tables INTEGER, rows_total INTEGER);
"""


def write_database(tables: dict[str, list[dict]], target: Path) -> None:
    """Write all tables to a temporary file beside `target`, then atomically replace `target`.

    If anything fails before the replace, the temporary file is removed and `target` is untouched.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".ordos-build-", suffix=".duckdb", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB creates the file itself; an empty file is not a database
    try:
        try:
            _write(tables, tmp, fast=True)
        except duckdb.Error:
            # The one-statement insert converts each column as one typed list, which can refuse a column of
            # mixed Python types that row-by-row inserts accept: redo it row by row, so the outcome (database or
            # error) is exactly the row-by-row one.
            _remove(tmp)
            _write(tables, tmp, fast=False)
        os.replace(tmp, target)
    finally:
        _remove(tmp)


def _write(tables: dict[str, list[dict]], tmp: Path, fast: bool) -> None:
    con = duckdb.connect()
    try:
        # 16 KB blocks keep this small database under 1 MB (the default 256 KB blocks make it ~10 MB).
        con.execute(f"ATTACH '{_sql_string(tmp)}' AS out (BLOCK_SIZE 16384)")
        con.execute("USE out")
        if fast:
            con.execute("BEGIN")  # one commit instead of one per statement
        con.execute(DDL)
        for name, rows in tables.items():
            if not rows:
                continue
            columns = list(rows[0])
            insert = f"INSERT INTO {name} ({', '.join(columns)})"
            if fast:
                # One statement per table: each column goes in as one list parameter, unnested side by side
                # (row-by-row executemany cost ~60% of the build).
                con.execute(
                    f"{insert} SELECT {', '.join('UNNEST(?)' for _ in columns)}",
                    [[row[c] for row in rows] for c in columns],
                )
            else:
                placeholders = ", ".join("?" for _ in columns)
                con.executemany(f"{insert} VALUES ({placeholders})", [[row[c] for c in columns] for row in rows])
        total = sum(len(rows) for rows in tables.values())
        con.execute("INSERT INTO build_info VALUES (?, ?, ?)", [datetime.now(UTC).replace(tzinfo=None), len(tables), total])
        if fast:
            con.execute("COMMIT")
        con.execute("USE memory")
        con.execute("DETACH out")
    finally:
        con.close()


def _remove(tmp: Path) -> None:
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")
