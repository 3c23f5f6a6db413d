"""Observed values of the indicators, supplied by the publicity department from statistical bulletins.

One file, data/observations/observations.csv (or observations.xlsx instead, for those who prefer
Excel), with the columns below. Every row is checked; any problem stops the build with the file's
line number and the reason, and the previous database stays as it was.
"""

from __future__ import annotations

import csv
import io
import re
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
    return [(reader.line_num, row) for row in reader]


def _rows_from_xlsx(path: Path) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as exc:
        raise BuildError(f"{path.name}: cannot be read as an Excel workbook: {exc}") from None
    lines = list(sheet.iter_rows(values_only=True))
    header = [str(c).strip() if c is not None else "" for c in (lines[0] if lines else [])]
    _check_header(path, header)
    rows = []
    for n, values in enumerate(lines[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        rows.append((n, {h: ("" if v is None else _cell_text(v)) for h, v in zip(header, values, strict=False)}))
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
    if indicator["baseline_kind"] == "ratio":
        m = _RATIO.match(text)
        if not m:
            raise BuildError(
                f"{where}: indicator {indicator['indicator_no']} is a ratio; write the value as x:1 (e.g. 2.1:1), not {text!r}"
            )
        return float(m.group(1))
    if text.endswith("%"):
        raise BuildError(f"{where}: write {text!r} without the % sign (the unit of indicator {indicator['indicator_no']} is {unit})")
    if not _NUMBER.match(text.replace(",", "")):
        raise BuildError(f"{where}: value {text!r} is not a number (unit of indicator {indicator['indicator_no']}: {unit})")
    value = float(text.replace(",", ""))
    if unit == "%" and not 0 <= value <= 100:
        raise BuildError(f"{where}: value {text} is outside 0–100 for a percentage")
    if value < 0:
        raise BuildError(f"{where}: value {text} is negative; indicator {indicator['indicator_no']} cannot be")
    return value
