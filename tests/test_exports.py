"""Table downloads: CSV that Excel opens with Chinese intact, and .xlsx workbooks with a styled header,
fitted column widths, numbers kept as numbers and bilingual sheet names."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from components.exports import MAX_WIDTH, display_width, sheet_name, to_csv_bytes, to_xlsx_bytes


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "序号": [2, 21, 33],
            "项目名称": ["“光伏+生态治理”项目", "华星40亿立方米煤制天然气项目", "特色文化创作项目"],
            "Investment (CNY 100 million)": [406.0, 368.0, 0.1],
            "note": ["x" * 200, None, "short"],
        }
    )


def test_csv_has_bom_and_round_trips_chinese(frame):
    raw = to_csv_bytes(frame)
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert back.columns.tolist() == frame.columns.tolist()
    assert back["项目名称"].tolist() == frame["项目名称"].tolist()
    assert back["Investment (CNY 100 million)"].tolist() == [406.0, 368.0, 0.1]


def test_sheet_name_is_bilingual_and_legal():
    assert sheet_name("重点项目", "Key projects") == "重点项目 Key projects"
    assert sheet_name("指标", "Indicators: 2020/2024 [draft]?") == "指标 Indicators 2020 2024 draft"
    long = sheet_name("重点项目", "Key projects of the three-year action plan")
    assert len(long) == 31 and long.startswith("重点项目 Key projects")


def test_display_width_counts_chinese_twice():
    assert display_width("abcd") == 4
    assert display_width("项目") == 4
    assert display_width(None) == 0
    assert display_width("ab\nabcdef") == 6  # the longest line


def test_xlsx_header_widths_and_numbers(frame):
    book = load_workbook(io.BytesIO(to_xlsx_bytes(frame, sheet_name("重点项目", "Key projects"))))
    assert book.sheetnames == ["重点项目 Key projects"]
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header == frame.columns.tolist()
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4"
    # numbers stay numbers at full precision; a missing value is an empty cell
    assert [sheet.cell(row=r, column=3).value for r in (2, 3, 4)] == [406.0, 368.0, 0.1]
    assert sheet.cell(row=2, column=1).value == 2 and isinstance(sheet.cell(row=2, column=1).value, int)
    assert sheet.cell(row=3, column=4).value is None
    widths = {col: sheet.column_dimensions[col].width for col in "ABCD"}
    # the Chinese name column: 15 characters of double width + padding
    assert widths["B"] == display_width("华星40亿立方米煤制天然气项目") + 2
    assert widths["C"] == len("Investment (CNY 100 million)") + 2
    assert widths["D"] == MAX_WIDTH and sheet.cell(row=2, column=4).alignment.wrap_text  # capped, wraps
    assert widths["A"] >= 6


def test_xlsx_several_sheets():
    frames = {
        sheet_name("项目", "Projects"): pd.DataFrame({"a": [1]}),
        sheet_name("指标", "Indicators"): pd.DataFrame({"b": ["x"]}),
    }
    book = load_workbook(io.BytesIO(to_xlsx_bytes(frames)))
    assert book.sheetnames == ["项目 Projects", "指标 Indicators"]
    assert book["指标 Indicators"]["B1"].value is None and book["指标 Indicators"]["A2"].value == "x"
