"""The database contract of ../shared/guide/SCHEMA.md, asked of the built database as an analyst would."""

from __future__ import annotations

import json

import pytest

from pipeline import settings

CONTRACT = {
    "sources": ["source_id", "file_name", "title_zh", "title_en", "sha256"],
    "actions": ["action_no", "name_zh", "name_en"],
    "programs": ["program_no", "action_no", "name_zh", "name_en", "body_zh"],
    "projects": ["project_no", "program_no", "action_no", "name_zh", "name_en", "location_zh", "lead_dept_zh", "start_year",
                 "end_year", "investment_yi", "content_zh"],
    "districts": ["district_code", "name_zh", "name_en", "label_lon", "label_lat", "geometry_geojson"],
    "project_districts": ["project_no", "district_code", "basis"],
    "indicators": ["indicator_no", "category_zh", "category_en", "name_zh", "name_en", "unit_zh", "baseline_2020_text",
                   "baseline_2020", "target_2024_text", "target_2024", "target_cmp", "direction", "depts_zh"],
    "facts": ["fact_id", "topic", "label_zh", "label_en", "value", "unit_zh", "unit_en", "quote_zh", "source_id"],
    "story_chapters": ["chapter_no", "heading_zh", "heading_en", "body_zh"],
    "data_notes": ["note_id", "subject", "note_zh", "note_en"],
}  # fmt: skip


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_columns_exist(con, table):
    columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    missing = [c for c in CONTRACT[table] if c not in columns]
    assert not missing, f"{table} lacks {missing}"


def test_counts(con):
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("actions", "programs", "projects", "indicators", "districts")
    }
    assert counts == {"actions": 5, "programs": 24, "projects": 39, "indicators": 36, "districts": 9}


def test_investment_adds_up_to_the_documents_total(con):
    total, stated = con.execute(
        "SELECT sum(investment_yi)::DECIMAL(10,3), (SELECT total_investment_text FROM plan) FROM projects"
    ).fetchone()
    assert str(total) == stated == "2048.463"


@pytest.mark.parametrize(
    ("no", "unit", "base", "target", "cmp", "direction"),
    [(1, "%", 0.81, 1.8, None, "increase"), (7, "%", 70.33, 70.0, ">", "increase"), (16, "比值", 1.4, 2.5, None, "increase"),
     (17, "吨标煤/万元", 2.08, 1.82, None, "decrease"), (18, "%", 18.0, None, None, "increase"),
     (29, "%", 3.02, 4.5, "<", "decrease"), (30, "人/亿元", 0.047, 0.02, "≤", "decrease"), (12, "%", 98.43, 99.0, "≥", "increase")],
)  # fmt: skip
def test_indicator_values_units_comparators_directions(con, no, unit, base, target, cmp, direction):
    row = con.execute(
        "SELECT unit_zh, baseline_2020, target_2024, target_cmp, direction FROM indicators WHERE indicator_no = ?", [no]
    ).fetchone()
    assert row == (unit, base, target, cmp, direction)


def test_text_target_keeps_its_text(con):
    assert con.execute("SELECT target_2024_text, target_2024, target_kind FROM indicators WHERE indicator_no = 18").fetchone() == (
        "完成自治区下达的目标任务", None, "text")  # fmt: skip


def test_every_english_column_is_filled(con):
    empty = []
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE column_name LIKE '%\\_en' ESCAPE '\\'"
    ).fetchall():
        zh = column[:-3] + "_zh"
        has_zh = con.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?", [table, zh]
        ).fetchone()[0]
        condition = f"{zh} IS NOT NULL AND {zh} <> '' AND" if has_zh else ""
        n = con.execute(f"SELECT count(*) FROM {table} WHERE {condition} ({column} IS NULL OR trim({column}) = '')").fetchone()[0]
        if n:
            empty.append(f"{table}.{column}: {n}")
    assert not empty


def test_facts_quotes_occur_verbatim_in_data_raw(con):
    texts = {"story": (settings.RAW / settings.STORY_FILE).read_text(encoding="utf-8"),
             "plan": (settings.RAW / settings.PLAN_FILE).read_text(encoding="utf-8")}  # fmt: skip
    rows = con.execute("SELECT fact_id, quote_zh, source_id FROM facts").fetchall()
    assert len(rows) >= 10
    assert [fid for fid, quote, src in rows if quote not in texts[src]] == []


def test_story_figures(con):
    facts = dict(con.execute("SELECT fact_id, value FROM facts WHERE topic = 'jungar'").fetchall())
    assert facts["jungar_green_mines"] == 48 and facts["jungar_green_mines_national"] == 8
    assert facts["jungar_green_mines_regional"] == 40 and facts["jungar_reclaimed_area"] == 100
    assert facts["jungar_seedlings"] == 1_000_000


def test_district_resolution_bases(con):
    jungar = {no: basis for no, basis in con.execute(
        "SELECT project_no, basis FROM project_districts WHERE district_code = '150622'").fetchall()}  # fmt: skip
    assert {no for no, b in jungar.items() if b == "named"} == {2, 3, 4, 5, 10, 15, 20}
    assert jungar[7] == "all_districts" and jungar[12] == "all_districts"
    assert con.execute("SELECT count(*) FROM project_districts WHERE project_no = 12").fetchone()[0] == 8
    assert con.execute("SELECT count(*) FROM project_districts WHERE project_no = 12 AND district_code = '150603'").fetchone()[0] == 0
    # Never guess: sites no document or documented gazetteer places stay unresolved.
    assert con.execute("SELECT count(*) FROM project_districts WHERE project_no IN (1, 19, 24)").fetchone()[0] == 0
    scopes = dict(con.execute("SELECT project_no, scope FROM projects WHERE project_no IN (1, 19, 24, 20)").fetchall())
    assert scopes == {1: "citywide", 19: "unresolved", 24: "unresolved", 20: "districts"}


def test_districts_have_glossary_names_and_polygons(con):
    rows = con.execute("SELECT district_code, name_en, geometry_geojson FROM districts ORDER BY 1").fetchall()
    assert rows[3][:2] == ("150622", "Jungar Banner") and rows[1][1] == "Kangbashi District"
    assert all(json.loads(g)["type"] in ("Polygon", "MultiPolygon") for _, _, g in rows)


def test_data_notes_cover_the_known_contradictions(con):
    subjects = {s for (s,) in con.execute("SELECT subject FROM data_notes").fetchall()}
    assert {"indicator:9", "indicator:17", "indicator:31", "project:16", "project:38"} <= subjects
    kinds = {k for (k,) in con.execute("SELECT DISTINCT kind FROM data_notes").fetchall()}
    assert {"contradiction", "typo", "ambiguity"} <= kinds


def test_sources_fingerprints_match_the_files(con):
    import hashlib

    for file_name, sha in con.execute("SELECT file_name, sha256 FROM sources").fetchall():
        assert hashlib.sha256((settings.RAW / file_name).read_bytes()).hexdigest() == sha
