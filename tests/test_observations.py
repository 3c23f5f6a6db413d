"""Observed values: the department's file is checked line by line; the status rule on its edge cases."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from core.progress import expected_value, status
from pipeline.build import build
from pipeline.errors import BuildError

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
    # 32: 5.8 -> 15 by 2024; the straight line at 2023 is 12.7, observed 12.1 -> behind.
    assert statuses[32] == "off_track"
    # 17: lower is better, 2.08 -> 1.82; line at 2023 is 1.885, observed 1.95 -> behind.
    assert statuses[17] == "off_track"
    # 16 (ratio): 1.4 -> 2.5; line at 2023 is 2.225, observed 2.1 -> behind.
    assert statuses[16] == "off_track"
    assert statuses[18] == "not_assessable"
    # 7: ＞70 was met in 2020 (70.33); 69.2 in 2024 no longer meets it.
    assert statuses[7] == "off_track"
    assert statuses[1] == "no_data"
    # 29: '<4.5', lower is better, 3.1 -> achieved; 30: 0.047 -> ≤0.02, line at 2022 is 0.0335, 0.03 -> on track.
    assert statuses[29] == "achieved" and statuses[30] == "on_track" and statuses[33] == "on_track"
    assert con.execute("SELECT value_text FROM observations WHERE indicator_no = 16").fetchone() == ("2.1:1",)
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
        ("17,2023,1.95%,B,D,2024-01-01,\n", r"line 2: '1\.95%' is a percentage, but indicator 17 is measured in 吨标煤/万元"),
        ("32,2023,twelve,B,D,2024-01-01,\n", r"line 2: value 'twelve' is not a number"),
        ("16,2023,2.1,B,D,2024-01-01,\n", r"line 2: indicator 16 is a ratio; write the value as x:1"),
        ("32,2023,12.1,,D,2024-01-01,\n", r"line 2: source_title is empty \(required\)"),
        ("32,2023,12.1,B,D,1/3/2024,\n", r"line 2: published '1/3/2024' is not a date"),
        (GOOD_ROW + GOOD_ROW, r"line 3: indicator 32, year 2023 is already given on line 2"),
        ("32,2023,140,B,D,2024-01-01,\n", r"line 2: value 140 is outside 0–100"),
        ("14,2023,-5,B,D,2024-01-01,\n", r"line 2: value -5 is negative"),
        ("abc,2023,1,B,D,2024-01-01,\n", r"line 2: indicator_no 'abc' is not an indicator"),
        ("32,2023,12.1,B,,2024-01-01,\n", r"line 2: source_ref is empty \(required\)"),
        ("32,2023,12.1,B,D,,\n", r"line 2: published is empty \(required\)"),
        ("32,,12.1,B,D,2024-01-01,\n", r"line 2: year is empty \(required\)"),
        ("32,2023,,B,D,2024-01-01,\n", r"line 2: value is empty \(required\)"),
        ("32,2023,12.1,B,D,2022-12-31,\n", r"line 2: published 2022-12-31 is before the year 2023"),
        ("32,2023,12.1,B,D,2999-01-01,\n", r"line 2: published 2999-01-01 is in the future"),
        (
            "32,2023,12.1,B,D,2024-01-01,\n14,2023,50,306,B,D,2024-01-01,\n",
            r"line 3: the row has more cells than the header \(7\); write numbers without thousands separators",
        ),
        ("32,2023,2.1:1,B,D,2024-01-01,\n", r"line 2: value '2.1:1' is not a number"),
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


def test_full_width_digits_from_a_chinese_input_method_are_read(tmp_path):
    from pipeline.observations import load_observations

    folder = tmp_path / "obs"
    folder.mkdir()
    (folder / "observations.csv").write_text(HEADER + "32,2023,１２.１,公报,文号,2024-03-01,\n", encoding="utf-8")
    indicators = [{"indicator_no": 32, "unit_zh": "%", "baseline_kind": "number"}]
    (row,) = load_observations(folder, indicators)
    assert row["value"] == 12.1 and row["value_text"] == "１２.１"


def test_a_file_not_in_utf8_is_refused_with_the_fix(tmp_path, db_path):
    folder = tmp_path / "obs"
    folder.mkdir()
    (folder / "observations.csv").write_bytes((HEADER + "32,2023,12.1,统计公报,文号,2024-03-01,\n").encode("gbk"))
    with pytest.raises(BuildError, match=r"not UTF-8; in Excel use 'Save as → CSV UTF-8'"):
        build(database=tmp_path / "x.duckdb", observations=folder)


def test_csv_and_excel_side_by_side_are_refused(tmp_path):
    from openpyxl import Workbook

    from pipeline.observations import load_observations

    folder = tmp_path / "obs"
    folder.mkdir()
    (folder / "observations.csv").write_text(HEADER, encoding="utf-8")
    Workbook().save(folder / "observations.xlsx")
    with pytest.raises(BuildError, match=r"both observations\.csv and observations\.xlsx exist; keep one of them"):
        load_observations(folder, [])


def test_excel_percentage_cell_and_bad_row_are_refused_with_their_line(tmp_path, db_path):
    from openpyxl import Workbook

    folder = tmp_path / "obs"
    folder.mkdir()
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append([33, 2023, 34, "Bulletin", "DOC-9", "2024-02-01", None])
    sheet.append([32, 2023, 0.121, "Bulletin", "DOC-9", "2024-02-01", None])
    sheet["C3"].number_format = "0.0%"  # shows 12.1%, holds 0.121
    book.save(folder / "observations.xlsx")
    db = tmp_path / "ordos.duckdb"
    shutil.copy(db_path, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(BuildError, match=r"observations.xlsx, line 3: the value cell is formatted as a percentage in Excel"):
        build(database=db, observations=folder)
    sheet["C3"].number_format = "General"
    sheet["A3"] = 37
    book.save(folder / "observations.xlsx")
    with pytest.raises(BuildError, match=r"observations.xlsx, line 3: indicator_no '37' is not an indicator"):
        build(database=db, observations=folder)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


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
LOW_BOUND = {**IND, "baseline_2020": 0.047, "target_2024": 0.02, "target_cmp": "≤", "direction": "decrease"}  # indicator 30
HELD = {**IND, "baseline_2020": 70.33, "target_2024": 70.0, "target_cmp": ">", "met_in_2020": True}  # indicator 7


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
        # lower is better, after 2024: only the target counts, not the line
        ({**IND, "baseline_2020": 2.08, "target_2024": 1.82, "direction": "decrease"}, [{"year": 2025, "value": 1.82}], "achieved"),
        ({**IND, "baseline_2020": 2.08, "target_2024": 1.82, "direction": "decrease"}, [{"year": 2024, "value": 1.83}], "off_track"),
        # '≤0.02' from a 2020 bound of ≤0.047 (lower is better, comparator inclusive)
        (LOW_BOUND, [{"year": 2024, "value": 0.02}], "achieved"),
        (LOW_BOUND, [{"year": 2022, "value": 0.034}], "off_track"),  # the line at 2022 is 0.0335
        # '≥99' is inclusive; '>70' held since 2020 and still held before 2024 is achieved
        ({**IND, "baseline_2020": 98.43, "target_2024": 99.0, "target_cmp": "≥"}, [{"year": 2023, "value": 99.0}], "achieved"),
        (HELD, [{"year": 2022, "value": 70.1}], "achieved"),
        (HELD, [{"year": 2022, "value": 70.0}], "off_track"),  # '>70' is strict
        # a ratio compares its first term (1.4:1 -> 2.5:1)
        ({**IND, "baseline_2020": 1.4, "target_2024": 2.5, "target_kind": "ratio"}, [{"year": 2022, "value": 1.95}], "on_track"),
        # a text target stays not assessable whatever the value
        ({**IND, "target_2024": None, "target_kind": "text"}, [{"year": 2025, "value": 99}], "not_assessable"),
    ],
)  # fmt: skip
def test_status_rule_edge_cases(indicator, obs, expected):
    assert status(indicator, obs)[0] == expected


def test_expected_value_is_the_straight_line_capped_at_the_target():
    assert expected_value(5.8, 15.0, 2022) == pytest.approx(10.4)
    assert expected_value(5.8, 15.0, 2030) == 15.0
