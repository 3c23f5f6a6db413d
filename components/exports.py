"""Downloads of tables: DataFrame -> CSV bytes (Excel-friendly UTF-8) or an .xlsx workbook.

Pure functions (no st.*), shared by the projects and About pages.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WIDTH = 60  # wider columns wrap instead of running off the screen
MIN_WIDTH = 6
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_HEADER_FILL = PatternFill("solid", fgColor="E3E6E8")


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with a byte-order mark (utf-8-sig): Excel then opens Chinese text correctly."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def sheet_name(zh: str, en: str) -> str:
    """A bilingual sheet name such as '重点项目 Key projects', within Excel's 31 characters and rules."""
    return _safe_title(f"{zh} {en}")


def _safe_title(title: str) -> str:
    name = " ".join(_SHEET_FORBIDDEN.sub(" ", str(title)).split())
    return name[:31].strip().strip("'") or "Sheet1"


def display_width(value: object) -> int:
    """Characters a value takes in a spreadsheet cell; a Chinese character counts twice."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    longest = max(text.splitlines() or [""], key=len)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def to_xlsx_bytes(frames: pd.DataFrame | Mapping[str, pd.DataFrame], name: str = "Sheet1") -> bytes:
    """An .xlsx workbook: one sheet per frame (a dict maps sheet names to frames; a single frame is sheet `name`).

    Each sheet has a bold, frozen header row with a filter, column widths fitted to the content
    (capped, long text wraps), and numbers kept as numbers.
    """
    sheets = frames if isinstance(frames, Mapping) else {name: frames}
    book = Workbook()
    book.remove(book.active)
    for title, frame in sheets.items():
        sheet = book.create_sheet(title=_safe_title(title))
        sheet.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        for index, column in enumerate(frame.columns, start=1):
            widest = max([display_width(column)] + [display_width(v) for v in frame[column]])
            width = min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = width
            if widest + 2 > MAX_WIDTH:
                for cell in sheet[letter][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        if len(frame.columns):
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: object) -> object:
    """A value openpyxl can store: numpy scalars become Python numbers, missing values empty cells."""
    if value is None or (not isinstance(value, str | bytes | list | tuple) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
