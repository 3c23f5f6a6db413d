"""Observed values: the department's file is checked line by line; the status rule on its edge cases."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.build import build
from pipeline.errors import BuildError
from pipeline.progress import expected_value, status

FIXTURES = Path(__file__).parent / "fixtures" / "observations"
HEADER = "indicator_no,year,value,source_title,source_ref,published,note\n"
GOOD_ROW = "32,2023,12.1,Bulletin,DOC-1,2024-03-01,\n"


@pytest.fixture(scope="module")
def built_with_fixture(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("obs")
    shutil.copy(FIXTURES / "good.csv", folder / "observations.csv")
    db = folder / "ordos.duckdb"
    build(database=db, observations=folder)
    return db


def test_shipped_file_has_a_header_and_no_invented_rows():
    lines = (Path(__file__).parent.parent / "data" / "observations" / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [HEADER.strip()]


def test_good_file_loads_with_sources_and_statuses(built_with_fixture):
    con = duckdb.connect(str(built_with_fixture), read_only=True)
    rows = con.execute("SELECT indicator_no, year, value, source_title FROM observations ORDER BY 1, 2").fetchall()
    assert (16, 2023, 2.1, "Test bulletin B (fixture)") in rows and (32, 2023, 12.1, "Test bulletin B (fixture)") in rows
    statuses = dict(con.execute("SELECT indicator_no, status FROM indicator_status").fetchall())
    # 32: 5.8 -> 15 by 2024; the straight line at 2023 is 12.5, observed 12.1 -> behind.
    assert statuses[32] == "off_track"
    # 17: lower is better, 2.08 -> 1.82; line at 2023 is 1.885, observed 1.95 -> behind.
    assert statuses[17] == "off_track"
    # 16 (ratio): 1.4 -> 2.5; line at 2023 is 2.225, observed 2.1 -> behind.
    assert statuses[16] == "off_track"
    assert statuses[18] == "not_assessable"
    # 7: ＞70 was met in 2020 (70.33); 69.2 in 2024 no longer meets it.
    assert statuses[7] == "off_track"
    assert statuses[1] == "no_data"
    con.close()


def _build_with(tmp_path: Path, good_db: Path, body: str, name: str = "observations.csv") -> tuple[Path, str]:
    folder = tmp_path / "obs"
    folder.mkdir()
    (folder / name).write_text(HEADER + body, encoding="utf-8")
    db = tmp_path / "ordos.duckdb"
    shutil.copy(good_db, db)
    return folder, hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("99,2023,1,B,D,2024-01-01,\n", r"line 2: indicator_no '99' is not an indicator"),
        (GOOD_ROW + "32,2019,1,B,D,2024-01-01,\n", r"line 3: year '2019' must be a year from 2020 to 2035"),
        ("32,2036,1,B,D,2024-01-01,\n", r"line 2: year '2036'"),
        ("32,2023,12.1%,B,D,2024-01-01,\n", r"line 2: write '12\.1%' without the % sign"),
        ("32,2023,twelve,B,D,2024-01-01,\n", r"line 2: value 'twelve' is not a number"),
        ("16,2023,2.1,B,D,2024-01-01,\n", r"line 2: indicator 16 is a ratio; write the value as x:1"),
        ("32,2023,12.1,,D,2024-01-01,\n", r"line 2: source_title is empty \(required\)"),
        ("32,2023,12.1,B,D,1/3/2024,\n", r"line 2: published '1/3/2024' is not a date"),
        (GOOD_ROW + GOOD_ROW, r"line 3: indicator 32, year 2023 is already given on line 2"),
        ("32,2023,140,B,D,2024-01-01,\n", r"line 2: value 140 is outside 0–100"),
    ],
)
def test_bad_rows_are_refused_with_their_line_and_the_database_kept(tmp_path, db_path, body, message):
    folder, before = _build_with(tmp_path, db_path, body)
    with pytest.raises(BuildError, match=message):
        build(database=tmp_path / "ordos.duckdb", observations=folder)
    assert hashlib.sha256((tmp_path / "ordos.duckdb").read_bytes()).hexdigest() == before


def test_bad_header_is_named(tmp_path, db_path):
    folder = tmp_path / "obs"
    folder.mkdir()
    (folder / "observations.csv").write_text("indicator,year,value\n1,2023,1\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"line 1: the header lacks indicator_no"):
        build(database=tmp_path / "x.duckdb", observations=folder)


def test_excel_file_is_accepted(tmp_path):
    from openpyxl import Workbook

    folder = tmp_path / "obs"
    folder.mkdir()
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append([33, 2023, 34, "Bulletin", "DOC-9", "2024-02-01", None])  # line at 2023: 33.25
    book.save(folder / "observations.xlsx")
    db = tmp_path / "ordos.duckdb"
    build(database=db, observations=folder)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT value, status FROM observations JOIN indicator_status USING (indicator_no)").fetchone() == (34.0, "on_track")
    con.close()


IND = {
    "baseline_2020": 5.8,
    "target_2024": 15.0,
    "target_cmp": None,
    "target_kind": "number",
    "direction": "increase",
    "met_in_2020": False,
}


@pytest.mark.parametrize(
    ("indicator", "obs", "expected"),
    [
        (IND, [], "no_data"),
        (IND, [{"year": 2022, "value": 10.4}], "on_track"),  # line at 2022: 10.4 exactly
        (IND, [{"year": 2022, "value": 10.3}], "off_track"),
        (IND, [{"year": 2024, "value": 15.0}], "achieved"),
        (IND, [{"year": 2024, "value": 14.9}], "off_track"),
        (IND, [{"year": 2021, "value": 20}, {"year": 2023, "value": 6}], "off_track"),  # the latest year counts
        ({**IND, "baseline_2020": 2.08, "target_2024": 1.82, "direction": "decrease"}, [{"year": 2022, "value": 1.95}], "on_track"),
        ({**IND, "baseline_2020": 2.08, "target_2024": 1.82, "direction": "decrease"}, [{"year": 2022, "value": 1.96}], "off_track"),
        ({**IND, "baseline_2020": 3.02, "target_2024": 4.5, "target_cmp": "<", "direction": "decrease", "met_in_2020": True},
         [{"year": 2022, "value": 4.5}], "off_track"),  # '<4.5' is strict
        ({**IND, "baseline_2020": 3.02, "target_2024": 4.5, "target_cmp": "<", "direction": "decrease", "met_in_2020": True},
         [{"year": 2022, "value": 4.4}], "achieved"),
        # '>85.7' from 85.7: the line is flat, so holding 85.7 before 2024 is on it, but not yet '>85.7'
        ({**IND, "baseline_2020": 85.7, "target_2024": 85.7, "target_cmp": ">"}, [{"year": 2023, "value": 85.7}], "on_track"),
        ({**IND, "baseline_2020": 85.7, "target_2024": 85.7, "target_cmp": ">"}, [{"year": 2024, "value": 85.7}], "off_track"),
        ({**IND, "target_2024": None, "target_kind": "text"}, [{"year": 2023, "value": 20}], "not_assessable"),
    ],
)  # fmt: skip
def test_status_rule_edge_cases(indicator, obs, expected):
    assert status(indicator, obs)[0] == expected


def test_expected_value_is_the_straight_line_capped_at_the_target():
    assert expected_value(5.8, 15.0, 2022) == pytest.approx(10.4)
    assert expected_value(5.8, 15.0, 2030) == 15.0
