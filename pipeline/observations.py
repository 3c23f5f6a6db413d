"""Observed values of the indicators, supplied by the publicity department from statistical bulletins.

One file, data/observations/observations.csv (or observations.xlsx instead, for those who prefer
Excel), with the columns below. Every row is checked; any problem stops the build with the file's
line number and the reason, and the previous database stays as it was.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date
from pathlib import Path

from pipeline.errors import BuildError

COLUMNS = ["indicator_no", "year", "value", "source_title", "source_ref", "published", "note"]
REQUIRED = ["indicator_no", "year", "value", "source_title", "source_ref", "published"]
YEARS = range(2020, 2036)
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_RATIO = re.compile(r"^(\d+(?:\.\d+)?)\s*[:：]\s*1$")


def _rows_from_csv(path: Path) -> list[tuple[int, dict]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BuildError(f"{path.name}: not UTF-8; in Excel use 'Save as → CSV UTF-8', or use observations.xlsx") from None
    reader = csv.DictReader(io.StringIO(text))
    _check_header(path, reader.fieldnames or [])
    rows = []
    for row in reader:
        # Cells beyond the header land under None: most often an unquoted thousands separator (50,306),
        # which would otherwise shift every later cell and give a misleading message.
        if None in row:
            raise BuildError(
                f"{path.name}, line {reader.line_num}: the row has more cells than the header ({len(COLUMNS)}); "
                "write numbers without thousands separators (50306, not 50,306) and put text with commas in quotes"
            )
        rows.append((reader.line_num, row))
    return rows


def _rows_from_xlsx(path: Path) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as exc:
        raise BuildError(f"{path.name}: cannot be read as an Excel workbook: {exc}") from None
    lines = list(sheet.iter_rows())
    header = [str(c.value).strip() if c.value is not None else "" for c in (lines[0] if lines else [])]
    _check_header(path, header)
    rows = []
    for n, cells in enumerate(lines[1:], start=2):
        if all(c.value is None or str(c.value).strip() == "" for c in cells):
            continue
        row = {h: ("" if c.value is None else _cell_text(c.value)) for h, c in zip(header, cells, strict=False)}
        value_cell = next((c for h, c in zip(header, cells, strict=False) if h == "value"), None)
        # A cell formatted as a percentage shows 12.1% but holds 0.121: the number would be read 100 times too small.
        if value_cell is not None and isinstance(value_cell.value, int | float) and "%" in (value_cell.number_format or ""):
            raise BuildError(
                f"{path.name}, line {n}: the value cell is formatted as a percentage in Excel (it holds {value_cell.value}); "
                "format it as a plain number and type the value in the indicator's unit, e.g. 12.1 for 12.1%"
            )
        rows.append((n, row))
    return rows


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _check_header(path: Path, header: list[str]) -> None:
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise BuildError(f"{path.name}, line 1: the header lacks {', '.join(missing)} (expected: {','.join(COLUMNS)})")


def load_observations(folder: Path, indicators: list[dict]) -> list[dict]:
    """Validated observation rows; [] when the file has a header and no rows (the shipped state)."""
    csv_path, xlsx_path = folder / "observations.csv", folder / "observations.xlsx"
    if csv_path.exists() and xlsx_path.exists():
        raise BuildError(f"{folder}: both observations.csv and observations.xlsx exist; keep one of them")
    if xlsx_path.exists():
        path, rows = xlsx_path, _rows_from_xlsx(xlsx_path)
    elif csv_path.exists():
        path, rows = csv_path, _rows_from_csv(csv_path)
    else:
        return []
    by_no = {row["indicator_no"]: row for row in indicators}
    seen: dict[tuple[int, int], int] = {}
    out = []
    for line, raw in rows:
        row = {k: (raw.get(k) or "").strip() for k in COLUMNS}
        if not any(row.values()):
            continue
        where = f"{path.name}, line {line}"
        for column in REQUIRED:
            if not row[column]:
                raise BuildError(f"{where}: {column} is empty (required)")
        if not row["indicator_no"].isdigit() or int(row["indicator_no"]) not in by_no:
            raise BuildError(f"{where}: indicator_no {row['indicator_no']!r} is not an indicator (1–36)")
        no = int(row["indicator_no"])
        indicator = by_no[no]
        if not row["year"].isdigit() or int(row["year"]) not in YEARS:
            raise BuildError(f"{where}: year {row['year']!r} must be a year from 2020 to 2035")
        year = int(row["year"])
        value = _value(row["value"], indicator, where)
        try:
            published = date.fromisoformat(row["published"])
        except ValueError:
            raise BuildError(f"{where}: published {row['published']!r} is not a date written as YYYY-MM-DD") from None
        if published.year < year:
            raise BuildError(f"{where}: published {published} is before the year {year} that the value is for")
        if published > date.today():
            raise BuildError(f"{where}: published {published} is in the future")
        if (no, year) in seen:
            raise BuildError(f"{where}: indicator {no}, year {year} is already given on line {seen[(no, year)]}")
        seen[(no, year)] = line
        out.append({"indicator_no": no, "year": year, "value": value, "value_text": row["value"],
                    "source_title": row["source_title"], "source_ref": row["source_ref"], "published": published,
                    "note": row["note"] or None, "line_no": line})  # fmt: skip
    return out


def _value(text: str, indicator: dict, where: str) -> float:
    """A number in the indicator's unit; a ratio indicator takes its ratio form (e.g. 2.1:1)."""
    unit = indicator["unit_zh"]
    text = unicodedata.normalize("NFKC", text)  # full-width digits and signs typed with a Chinese input method
    if indicator["baseline_kind"] == "ratio":
        m = _RATIO.match(text)
        if not m:
            raise BuildError(
                f"{where}: indicator {indicator['indicator_no']} is a ratio; write the value as x:1 (e.g. 2.1:1), not {text!r}"
            )
        return float(m.group(1))
    if text.endswith("%") and unit == "%":
        raise BuildError(f"{where}: write {text!r} without the % sign (the unit of indicator {indicator['indicator_no']} is {unit})")
    if text.endswith("%"):
        raise BuildError(
            f"{where}: {text!r} is a percentage, but indicator {indicator['indicator_no']} is measured in {unit}; write the number only"
        )
    if not _NUMBER.match(text.replace(",", "")):
        raise BuildError(f"{where}: value {text!r} is not a number (unit of indicator {indicator['indicator_no']}: {unit})")
    value = float(text.replace(",", ""))
    if unit == "%" and not 0 <= value <= 100:
        raise BuildError(f"{where}: value {text} is outside 0–100 for a percentage")
    if value < 0:
        raise BuildError(f"{where}: value {text} is negative; indicator {indicator['indicator_no']} cannot be")
    return value
