"""Every damaged input is refused with its own clear message, and the previous database stays byte-for-byte."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import settings
from pipeline.build import build
from pipeline.errors import BuildError

ROOT = Path(__file__).resolve().parent.parent
PLAN, STORY = settings.PLAN_FILE, settings.STORY_FILE


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("good") / "ordos.duckdb"
    build(database=db)
    return db


@pytest.fixture
def workspace(tmp_path, good_db):
    """A copy of the raw documents and of a good database, to damage one at a time."""
    raw = tmp_path / "raw"
    shutil.copytree(settings.RAW, raw)
    db = tmp_path / "ordos.duckdb"
    shutil.copy(good_db, db)
    return raw, db


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _refused(raw: Path, db: Path, pattern: str) -> str:
    before = _sha(db)
    with pytest.raises(BuildError, match=pattern) as info:
        build(raw=raw, database=db)
    assert _sha(db) == before, "a failed build changed the previous database"
    assert not list(db.parent.glob(".ordos-build-*")), "a failed build left a temporary file behind"
    return str(info.value)


def test_wrong_encoding(workspace):
    raw, db = workspace
    text = (raw / PLAN).read_text(encoding="utf-8")
    (raw / PLAN).write_bytes(text.encode("gb18030"))
    _refused(raw, db, r"003_.*not valid UTF-8.*GBK")


def test_empty_file(workspace):
    raw, db = workspace
    (raw / STORY).write_bytes(b"")
    _refused(raw, db, r"000_.*the file is empty")


def test_truncated_file(workspace):
    raw, db = workspace
    data = (raw / PLAN).read_bytes()
    (raw / PLAN).write_bytes(data[: len(data) * 2 // 3].decode("utf-8", "ignore").encode("utf-8"))
    _refused(raw, db, r"003_.*looks truncated")


def test_missing_file(workspace):
    raw, db = workspace
    (raw / STORY).unlink()
    _refused(raw, db, r"source file not found")


def test_number_with_a_letter_in_the_annex(workspace):
    raw, db = workspace
    _edit(raw / PLAN, "\t16.5\n", "\t16.5a\n")
    _refused(raw, db, r"project 12, planned investment: '16\.5a' is not a number")


def test_number_with_a_letter_in_the_indicator_table(workspace):
    raw, db = workspace
    _edit(raw / PLAN, "\t0.81\n", "\t0.8l\n")
    _refused(raw, db, r"indicator 1, 2020 value: '0\.8l' is not a number")


def test_missing_project_row(workspace):
    raw, db = workspace
    text = (raw / PLAN).read_text(encoding="utf-8")
    start = text.index("\t39\n\t创新人才引进和培育工程")
    end = text.index("\t合计")
    (raw / PLAN).write_text(text[:start] + text[end:], encoding="utf-8")
    message = _refused(raw, db, r"projects: expected 39 rows, found 38")
    assert "project_no missing [39]" in message


def test_missing_indicator_row(workspace):
    raw, db = workspace
    _edit(raw / PLAN, "\t\n\t30\n\t亿元GDP生产安全事故死亡率（人/亿元）\n\t≤0.047\n\t≤0.02\n\t市应急管理局\n\n", "")
    _refused(raw, db, r"indicators: expected 36 rows, found 35(.|\n)*indicator_no missing \[30\]")


def test_total_no_longer_matches(workspace):
    raw, db = workspace
    _edit(raw / PLAN, "\t406.0\n", "\t407.0\n")
    _refused(raw, db, r"add up to 2049\.463 亿元 but the document's total \(合计\) is 2048\.463 亿元")


def test_years_in_the_wrong_order(workspace):
    raw, db = workspace
    _edit(raw / PLAN, "\t2022-2030\n", "\t2030-2022\n")
    _refused(raw, db, r"project 3: construction years '2030-2022' are in the wrong order")


def test_duplicate_project_number(workspace):
    raw, db = workspace
    _edit(raw / PLAN, "\t39\n\t创新人才引进和培育工程", "\t38\n\t创新人才引进和培育工程")
    _refused(raw, db, r"project_no repeated: \[38\]")


def test_story_figure_changed_so_its_quote_no_longer_matches(workspace):
    raw, db = workspace
    _edit(raw / STORY, "已建成绿色矿山48座", "已建成绿色矿山49座")
    _refused(raw, db, r"jungar_green_mines: quote '准格尔旗已建成绿色矿山48座' does not occur in the source")


def test_changed_sentence_makes_its_english_stale(workspace):
    raw, db = workspace
    _edit(raw / PLAN, "实施循环用水、废污水再生利用等工业节水工程60余项。\n", "实施循环用水、废污水再生利用等工业节水工程70余项。\n")
    _refused(raw, db, r"project:13:content \(projects\.yaml\): stale")


def test_unknown_place_is_named(workspace):
    raw, db = workspace
    _edit(raw / PLAN, "\t库布齐“两山”实践光伏发电基地项目\n\t杭锦旗\n", "\t库布齐“两山”实践光伏发电基地项目\n\t某某园区\n")
    _refused(raw, db, r"project 22, location '某某园区': no English for place")


def test_unknown_department_is_named(workspace):
    raw, db = workspace
    _edit(raw / PLAN, "\t市委网信办\n", "\t市数据局\n")
    _refused(raw, db, r"indicator 34: department '市数据局' is not in data/curated/glossary.csv")


def test_command_line_reports_and_exits_nonzero(workspace):
    raw, db = workspace
    (raw / STORY).write_bytes(b"")
    before = _sha(db)
    env = {"ORDOS_RAW_DIR": str(raw), "ORDOS_DB": str(db), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "pipeline"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "the file is empty" in result.stderr and "left unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert _sha(db) == before


def test_a_good_build_replaces_the_database(workspace):
    raw, db = workspace
    db.write_bytes(b"not a database")
    counts = build(raw=raw, database=db)
    assert counts["projects"] == 39 and db.read_bytes()[:100] != b"not a database"
