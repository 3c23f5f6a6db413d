"""Facts: every figure with the sentence that states it, the bound the sentence puts on it, and the key
program whose paragraph states it; the build refuses a fact whose qualifier or program the quote belies."""

from __future__ import annotations

import shutil

import pytest

from pipeline import settings
from pipeline.build import build
from pipeline.errors import BuildError


def test_program_quantities_are_facts_quoted_from_their_programs_paragraph(con):
    rows = con.execute(
        """SELECT f.fact_id, f.quote_zh, p.body_zh FROM facts f JOIN programs p USING (program_no)
           WHERE f.topic = 'program'"""
    ).fetchall()
    assert len(rows) >= 20
    assert [fid for fid, quote, body in rows if quote not in body] == []
    assert con.execute("SELECT count(*) FROM facts WHERE topic = 'program' AND program_no IS NULL").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("fact_id", "program", "value", "unit", "qualifier", "cmp"),
    [("program1_tree_forest", 1, 3.4, "万亩", None, None), ("program1_fencing", 1, 200, "万米", None, None),
     ("program2_new_embankments", 2, 41.3, "公里", None, None), ("program5_goaf_coal_mines", 5, 13, "个", None, None),
     ("program8_water_saving_projects", 8, 60, "项", "more_than", ">"),
     ("program13_exit_capacity", 13, 60, "万吨/年", "less_than", "≤"), ("program15_otog_front_pv", 15, 250, "兆瓦", None, None),
     ("program17_unit_capacity", 17, 30, "万千瓦", "less_than", "≤"), ("program24_startup_funding_high", 24, 30, "万元", None, None),
     ("target_check_dams", 2, 147, "座", None, None), ("target_farmland", 20, 340, "万亩", None, None),
     ("target_sediment", None, 500, "公斤", "less_than", "≤"), ("goal_reclaimed_water", None, 85, "%", "more_than", "≥"),
     ("goal_sewage", None, 99, "%", "more_than", ">"), ("target_talent_teams", None, 50, "个", "about", "≈")],
)  # fmt: skip
def test_fact_values_bounds_and_programs(con, fact_id, program, value, unit, qualifier, cmp):
    row = con.execute("SELECT program_no, value, unit_zh, qualifier, value_cmp FROM facts WHERE fact_id = ?", [fact_id]).fetchone()
    assert row == (program, value, unit, qualifier, cmp)


def test_since_when_the_pisha_sandstone_is_governed(con):
    row = con.execute("SELECT topic, chapter_no, value, unit_zh, quote_zh FROM facts WHERE fact_id = 'jungar_pisha_since'").fetchone()
    assert row == ("jungar", 4, 20, "世纪五六十年代", "自20世纪五六十年代起")


@pytest.fixture
def curated(tmp_path):
    folder = tmp_path / "curated"
    shutil.copytree(settings.CURATED, folder)
    return folder


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _refused(curated, tmp_path, pattern):
    with pytest.raises(BuildError, match=pattern):
        build(curated=curated, database=tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()


def test_a_qualifier_the_quote_belies_is_refused(curated, tmp_path):
    # 以下 includes the bound: the sediment target is at most 500 kg, and its card must not say 'more than'.
    sediment = "  qualifier: {}\n  label_zh: 2024年十大孔兑"
    _edit(curated / "facts.yaml", sediment.format("less_than"), sediment.format("more_than"))
    _refused(curated, tmp_path, r"target_sediment: qualifier 'more_than', but the quote bounds its number with ≤ \(qualifier: less_than\)")


def test_a_quote_not_in_its_programs_paragraph_is_refused(curated, tmp_path):
    _edit(curated / "facts.yaml", "- fact_id: program1_grass\n  topic: program\n  program_no: 1\n",
          "- fact_id: program1_grass\n  topic: program\n  program_no: 2\n")  # fmt: skip
    _refused(curated, tmp_path, r"program1_grass: quote '人工种草9.8万亩' is not in program 2's paragraph")


def test_a_program_quantity_without_its_program_is_refused(curated, tmp_path):
    grass = "- fact_id: program1_grass\n  topic: program\n"
    _edit(curated / "facts.yaml", grass + "  program_no: 1\n", grass)
    _refused(curated, tmp_path, r"program1_grass: a program quantity needs program_no")
