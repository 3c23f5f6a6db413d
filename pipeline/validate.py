"""Step 4: SCHEMA.md's rules. Every violation is collected; the build stops if there is any."""

from __future__ import annotations

import json
from decimal import Decimal

from pipeline.errors import BuildError
from pipeline.numbers import numbers_stated

EXPECTED_COUNTS = {
    "actions": ("action_no", 5),
    "programs": ("program_no", 24),
    "projects": ("project_no", 39),
    "indicators": ("indicator_no", 36),
}
DISTRICT_CODES = {"150602", "150603", "150621", "150622", "150623", "150624", "150625", "150626", "150627"}
# English columns and the Chinese column whose presence requires them.
ENGLISH = {
    "sources": [("title_en", "title_zh"), ("issuer_en", "issuer_zh")],
    "actions": [("name_en", "name_zh"), ("intro_en", "intro_zh")],
    "programs": [
        ("name_en", "name_zh"),
        ("body_en", "body_zh"),
        ("lead_depts_en", "lead_depts_zh"),
        ("partner_depts_en", "partner_depts_zh"),
    ],
    "projects": [("name_en", "name_zh"), ("location_en", "location_zh"), ("lead_dept_en", "lead_dept_zh"), ("content_en", "content_zh")],
    "districts": [("name_en", "name_zh")],
    "indicators": [
        ("category_en", "category_zh"),
        ("name_en", "name_zh"),
        ("unit_en", "unit_zh"),
        ("depts_en", "depts_zh"),
        ("target_2024_en", "target_2024_text"),
    ],
    "facts": [("label_en", "label_zh"), ("unit_en", "unit_zh")],
    "story_chapters": [("heading_en", "heading_zh"), ("body_en", "body_zh")],
    "story_pictures": [("caption_en", "caption_zh")],
    "data_notes": [("note_en", "note_zh")],
    "principles": [("name_en", "name_zh"), ("body_en", "body_zh")],
    "goals": [("name_en", "name_zh"), ("body_en", "body_zh")],
    "mongolian_names": [("name_en", "name_zh")],
}


def _numbering(tables, problems):
    for table, (key, n) in EXPECTED_COUNTS.items():
        numbers = [row[key] for row in tables[table]]
        if len(numbers) != n:
            problems.append(f"{table}: expected {n} rows, found {len(numbers)}")
        if len(set(numbers)) != len(numbers):
            dupes = sorted({x for x in numbers if numbers.count(x) > 1})
            problems.append(f"{table}: {key} repeated: {dupes}")
        missing = sorted(set(range(1, n + 1)) - set(numbers))
        extra = sorted(set(numbers) - set(range(1, n + 1)))
        if missing:
            problems.append(f"{table}: {key} missing {missing} (numbering must run 1–{n} without gaps)")
        if extra:
            problems.append(f"{table}: {key} out of range {extra} (expected 1–{n})")
    codes = {row["district_code"] for row in tables["districts"]}
    if codes != DISTRICT_CODES or len(tables["districts"]) != 9:
        problems.append(f"districts: expected the 9 codes {sorted(DISTRICT_CODES)}, found {sorted(codes)}")


def _total(tables, problems):
    total = Decimal(tables["plan"][0]["total_investment_text"])
    summed = sum(Decimal(row["investment_exact"]) for row in tables["projects"])
    if summed != total:
        problems.append(
            f"projects: planned investments add up to {summed} 亿元 but the document's total (合计) is {total} 亿元 "
            f"(difference {summed - total})"
        )


def _projects(tables, problems):
    programs = {row["program_no"]: row for row in tables["programs"]}
    actions = {row["action_no"] for row in tables["actions"]}
    for row in tables["projects"]:
        where = f"projects, project {row['project_no']}"
        if row["action_no"] not in actions:
            problems.append(f"{where}: action {row['action_no']} does not exist")
        program = programs.get(row["program_no"])
        if program is None:
            problems.append(f"{where}: program {row['program_no']} does not exist")
        elif program["action_no"] != row["action_no"]:
            problems.append(f"{where}: program {row['program_no']} belongs to action {program['action_no']}, not {row['action_no']}")
        elif program["name_zh"] != row["annex_program_name_zh"]:
            problems.append(
                f"{where}: Annex 5 names program {row['program_no']} {row['annex_program_name_zh']!r}, section 三 {program['name_zh']!r}"
            )
        if row["start_year"] > row["end_year"]:
            problems.append(f"{where}: start year {row['start_year']} is after end year {row['end_year']}")
    for row in tables["actions"]:
        if row["annex_name_zh"] != row["name_zh"]:
            problems.append(f"actions, action {row['action_no']}: Annex 5 names it {row['annex_name_zh']!r}, section 三 {row['name_zh']!r}")


# The qualifier a fact's card shows must say what its quote says: 以上/超过 -> more_than, 以下 -> less_than (at most:
# 以下 includes the bound), 左右 -> about, a plain number -> none.
QUALIFIER_OF = {">": "more_than", "≥": "more_than", "<": "less_than", "≤": "less_than", "≈": "about", None: None}


def _facts(tables, problems, sources):
    bodies = {row["program_no"]: row["body_zh"] for row in tables["programs"]}
    for row in tables["facts"]:
        where = f"facts, {row['fact_id']}"
        expected = QUALIFIER_OF[row["value_cmp"]]
        if expected != row["qualifier"]:
            said = f"bounds its number with {row['value_cmp']}" if row["value_cmp"] else "states a plain number"
            problems.append(f"{where}: qualifier {row['qualifier']!r}, but the quote {said} (qualifier: {expected or 'none'})")
        if row["program_no"] is not None:
            body = bodies.get(row["program_no"])
            if body is None:
                problems.append(f"{where}: program {row['program_no']} does not exist")
            elif row["quote_zh"] not in body:
                problems.append(f"{where}: quote {row['quote_zh']!r} is not in program {row['program_no']}'s paragraph")
        elif row["topic"] == "program":
            problems.append(f"{where}: a program quantity needs program_no")
        text = sources.get(row["source_id"])
        if text is None:
            problems.append(f"{where}: unknown source {row['source_id']!r}")
            continue
        if row["quote_zh"] not in text:
            problems.append(f"{where}: quote {row['quote_zh']!r} does not occur in the source")
        if not any(abs(v - row["value"]) < 1e-9 for v in numbers_stated(row["quote_zh"])):
            problems.append(f"{where}: value {row['value']:g} is not stated in the quote {row['quote_zh']!r}")
        if row["unit_in_quote"] and row["unit_zh"] not in row["quote_zh"]:
            problems.append(f"{where}: unit {row['unit_zh']!r} is not written in the quote")


def _english(tables, problems):
    for table, pairs in ENGLISH.items():
        for i, row in enumerate(tables[table], start=1):
            for en_col, zh_col in pairs:
                if row.get(zh_col) not in (None, "") and not str(row.get(en_col) or "").strip():
                    ident = next((f"{k}={row[k]}" for k in row if k.endswith(("_no", "_id", "_code"))), f"row {i}")
                    problems.append(f"{table}, {ident}: English column {en_col} is empty")


def _text_values(tables, problems):
    for row in tables["indicators"]:
        where = f"indicators, indicator {row['indicator_no']}"
        for prefix, year in (("baseline", "2020"), ("target", "2024")):
            kind, value, text = row[f"{prefix}_kind"], row[f"{prefix}_{year}"], row[f"{prefix}_{year}_text"]
            if kind == "text" and value is not None:
                problems.append(f"{where}: {year} value is text ({text!r}) but has a number")
            if kind != "text" and value is None:
                problems.append(f"{where}: {year} value {text!r} has no number")
            if not text:
                problems.append(f"{where}: {year} value as written is empty")
        if row["direction"] not in ("increase", "decrease"):
            problems.append(f"{where}: direction {row['direction']!r} is not increase/decrease")
        if row["target_cmp"] not in (None, ">", "≥", "<", "≤"):
            problems.append(f"{where}: comparator {row['target_cmp']!r} is not one of > ≥ < ≤")


def _references(tables, problems, sources):
    known = {"source": {"plan", "story"}}
    for table, key in (("indicators", "indicator_no"), ("projects", "project_no"), ("programs", "program_no"), ("actions", "action_no")):
        known[key.removesuffix("_no")] = {row[key] for row in tables[table]}
    for row in tables["data_notes"]:
        kind, _, ident = row["subject"].partition(":")
        ok = kind in known and (ident in known[kind] if kind == "source" else ident.isdigit() and int(ident) in known[kind])
        if not ok:
            problems.append(f"data_notes, {row['note_group']}: subject {row['subject']!r} does not exist")
        for quote in json.loads(row["evidence_zh"]):
            if not any(quote in text for text in sources.values()):
                problems.append(f"data_notes, {row['note_group']}: evidence {quote!r} no longer occurs in the sources (stale note?)")
    for row in tables["chapter_links"]:
        if row["target_no"] not in known.get(row["target_kind"], set()):
            problems.append(f"chapter_links, chapter {row['chapter_no']}: {row['target_kind']} {row['target_no']} does not exist")
    for row in tables["project_districts"]:
        if row["district_code"] not in DISTRICT_CODES:
            problems.append(f"project_districts, project {row['project_no']}: unknown district {row['district_code']}")


def _geometry(tables, problems):
    for row in tables["districts"]:
        geom = json.loads(row["geometry_geojson"])
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            problems.append(f"districts, {row['district_code']}: geometry is {geom.get('type')}, not a polygon")
        if not (106 < row["label_lon"] < 112 and 37 < row["label_lat"] < 41):
            problems.append(f"districts, {row['district_code']}: label point is outside Ordos")


def _indicator_programs(tables, problems):
    """Every curated indicator->program link names things that exist and quotes that program's own text."""
    indicators = {row["indicator_no"] for row in tables["indicators"]}
    bodies = {row["program_no"]: row["body_zh"] for row in tables["programs"]}
    seen = set()
    for row in tables.get("indicator_programs", []):
        where = f"indicator_programs, indicator {row['indicator_no']} -> program {row['program_no']}"
        if row["indicator_no"] not in indicators:
            problems.append(f"{where}: indicator {row['indicator_no']} does not exist")
        if row["program_no"] not in bodies:
            problems.append(f"{where}: program {row['program_no']} does not exist")
        elif row["evidence_zh"] not in bodies[row["program_no"]]:
            problems.append(f"{where}: evidence {row['evidence_zh']!r} does not occur in the program's text (stale link?)")
        if (row["indicator_no"], row["program_no"]) in seen:
            problems.append(f"{where}: listed twice")
        seen.add((row["indicator_no"], row["program_no"]))


def validate(tables: dict[str, list[dict]], sources: dict[str, str], translation_problems: list[str] = ()) -> None:
    """Raise BuildError listing every rule that the assembled tables break (structure first, then English)."""
    problems: list[str] = []
    _numbering(tables, problems)
    _total(tables, problems)
    _projects(tables, problems)
    _facts(tables, problems, sources)
    _english(tables, problems)
    _text_values(tables, problems)
    _references(tables, problems, sources)
    _geometry(tables, problems)
    _indicator_programs(tables, problems)
    if translation_problems:
        problems = [p for p in problems if "English column" not in p]  # the lines below say which and why
        problems += [f"English renderings: {p}" for p in translation_problems]
    if problems:
        raise BuildError("the data break the schema's rules:\n  " + "\n  ".join(problems))
