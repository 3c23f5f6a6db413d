"""Step 3: parsed records + curated files -> rows of every published table (plain dicts)."""

from __future__ import annotations

import json
import re

from pipeline.curated import Curated
from pipeline.errors import BuildError
from pipeline.numbers import comparator_stated, english_cell, numbers_stated
from pipeline.parse_plan import Plan
from pipeline.parse_story import Story
from pipeline.read import SourceText
from pipeline.texts import plan_texts, story_texts
from pipeline.translations import english

_DEPT_SPLIT = re.compile(r"[、，,\n]+")
_PLACE_SPLIT = re.compile(r"[、，,\n]+|和")


def _en(cur: Curated, kind: str, zh: str, where: str) -> str:
    try:
        return cur.glossary[(kind, zh)]
    except KeyError:
        raise BuildError(f"{where}: no English for {kind} {zh!r}; add it to data/curated/glossary.csv") from None


def split_departments(text: str, cur: Curated, where: str) -> list[str]:
    """Department names in a cell; names run together without a separator are split on known names."""
    known = sorted((zh for kind, zh in cur.glossary if kind == "department"), key=len, reverse=True)
    found = []
    for token in filter(None, (t.strip() for t in _DEPT_SPLIT.split(text))):
        name = token if token.startswith(("市", "国家")) else f"市{token}"
        if ("department", name) in cur.glossary:
            found.append(name)
            continue
        rest = token
        while rest:
            match = next((k for k in known if rest.startswith(k)), None)
            if match is None:
                raise BuildError(f"{where}: department {token!r} is not in data/curated/glossary.csv")
            found.append(match)
            rest = rest[len(match) :]
    return found


def _dept_columns(text: str | None, cur: Curated, where: str) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    names = split_departments(text, cur, where)
    return "、".join(names), "; ".join(_en(cur, "department", n, where) for n in names)


def _district_by_name(cur: Curated) -> dict[str, str]:
    return {f["properties"]["name_zh"]: f["properties"]["district_code"] for f in cur.districts}


def resolve_location(project_no: int, location: str, cur: Curated) -> tuple[list[dict], list[dict], str]:
    """Places of a location cell, the (project, district) pairs they give, and the project's scope."""
    by_name = _district_by_name(cur)
    places, pairs = [], {}
    for k, part in enumerate(filter(None, (p.strip() for p in _PLACE_SPLIT.split(location))), start=1):
        where = f"plan, Annex 5, project {project_no}, location {part!r}"
        rule, codes = "unresolved", []
        if part in by_name:
            rule, codes, en = "named", [by_name[part]], cur.district_names_en[by_name[part]]
        elif prefix := next((n for n in by_name if part.startswith(n)), None):
            rule, codes, en = "named", [by_name[prefix]], _en(cur, "place", part, where)
        else:
            en = _en(cur, "place", part, where)
            entry = cur.places.get(part)
            if entry is None:
                raise BuildError(f"{where}: place not in data/curated/places.csv; add it (verified: no, if unknown)")
            if entry["verified"] == "yes" or entry["rule"] != "gazetteer":
                rule, codes = entry["rule"], entry["district_codes"].split()
            if entry["rule"] == "gazetteer" and entry["verified"] != "yes":
                rule, codes = "unresolved", []
        places.append({"project_no": project_no, "place_no": k, "place_zh": part, "place_en": en, "rule": rule})
        for code in codes:
            pairs.setdefault(code, {"project_no": project_no, "district_code": code, "basis": rule, "place_zh": part})
    rules = {p["rule"] for p in places}
    if rules & {"all_districts", "citywide_unspecified"}:
        scope = "citywide"
    elif "unresolved" in rules and not pairs:
        scope = "unresolved"
    else:
        scope = "districts"
    return places, list(pairs.values()), scope


def _direction(ind, rules: dict) -> str:
    override = (rules.get("direction_overrides") or {}).get(ind.no)
    if override:
        return override["direction"]
    cmp = ind.target.cmp
    if cmp in ("<", "≤"):
        return "decrease"
    if cmp in (">", "≥"):
        return "increase"
    if ind.target.value is None or ind.baseline.value is None:
        raise BuildError(f"plan, indicator {ind.no}: cannot tell which way is progress; add it to direction_overrides")
    return "decrease" if ind.target.value < ind.baseline.value else "increase"


def _met(base: float | None, target: float | None, cmp: str | None, direction: str) -> bool | None:
    """Whether the 2020 value already satisfies the 2024 target (a bound such as ＞70 often does)."""
    if base is None or target is None:
        return None
    op = cmp or ("≥" if direction == "increase" else "≤")
    return {">": base > target, "≥": base >= target, "<": base < target, "≤": base <= target}[op]


def _improvement_pct(base: float | None, target: float | None, direction: str) -> float | None:
    """Change from 2020 to the 2024 target in percent of 2020, signed so that positive means progress."""
    if base is None or target is None or not base:
        return None
    sign = 1 if direction == "increase" else -1
    return round(sign * (target - base) / base * 100, 4)


def indicator_rows(plan: Plan, cur: Curated, en: dict[str, str]) -> list[dict]:
    rows = []
    context_units = cur.indicator_rules.get("context_units") or {}
    for ind in plan.indicators:
        where = f"plan, indicator {ind.no}"
        unit, basis = ind.unit_zh, "name"
        if unit is None and ind.no in context_units:
            unit, basis = context_units[ind.no]["unit_zh"], "context"
        if unit is None:
            raise BuildError(f"{where}: no unit in the name and none in data/curated/indicator_rules.yaml")
        base, target = ind.baseline.value, ind.target.value
        change = None if base is None or target is None else round(target - base, 10)
        direction = _direction(ind, cur.indicator_rules)
        depts_zh, depts_en = _dept_columns(ind.depts_zh, cur, where)
        rows.append(
            {
                "indicator_no": ind.no,
                "category_zh": ind.category_zh,
                "category_en": _en(cur, "category", ind.category_zh, where),
                "name_zh": ind.name_zh,
                "name_en": en[f"indicator:{ind.no}:name"],
                "name_as_written": ind.name_as_written,
                "unit_zh": unit,
                "unit_en": _en(cur, "unit", unit, where),
                "unit_basis": basis,
                "baseline_2020_text": ind.baseline.text,
                "baseline_2020": base,
                "baseline_kind": ind.baseline.kind,
                "baseline_cmp": ind.baseline.cmp,
                "target_2024_text": ind.target.text,
                "target_2024_en": en[f"indicator:{ind.no}:target"] if ind.target.kind == "text" else english_cell(ind.target),
                "target_2024": target,
                "target_kind": ind.target.kind,
                "target_cmp": ind.target.cmp,
                "direction": direction,
                "change_abs": change,
                "change_pct": None if change is None or not base else round(change / base * 100, 4),
                "improvement_pct": _improvement_pct(base, target, direction),
                "met_in_2020": _met(base, target, ind.target.cmp, direction),
                "depts_zh": depts_zh,
                "depts_en": depts_en,
                "depts_as_written": ind.depts_zh,
            }
        )
    return rows


def fact_rows(cur: Curated, texts: dict[str, SourceText]) -> list[dict]:
    rows = []
    for spec in cur.facts:
        where = f"data/curated/facts.yaml, fact {spec.get('fact_id')!r}"
        src = texts.get(spec.get("source", ""))
        if src is None:
            raise BuildError(f"{where}: source must be 'story' or 'plan'")
        quote = spec["quote_zh"]
        stated = numbers_stated(quote)
        pick = spec.get("pick", 0)
        if len(stated) <= pick:
            raise BuildError(f"{where}: the quote states no number (at index {pick})")
        rows.append(
            {
                "fact_id": spec["fact_id"],
                "topic": spec["topic"],
                "chapter_no": spec.get("chapter_no"),
                "label_zh": spec["label_zh"],
                "label_en": spec["label_en"],
                "value": stated[pick],
                "unit_zh": spec["unit_zh"],
                "unit_en": spec["unit_en"],
                "unit_in_quote": spec.get("unit_in_quote", True),
                "qualifier": spec.get("qualifier"),
                "quote_zh": quote,
                "source_id": spec["source"],
                "program_no": spec.get("program_no"),
                "value_cmp": comparator_stated(quote, pick),
            }
        )
    return rows


def district_rows(cur: Curated) -> list[dict]:
    rows = []
    for f in cur.districts:
        p = f["properties"]
        code = p["district_code"]
        if code not in cur.district_names_en:
            raise BuildError(f"data/curated/districts.geojson: unknown district code {code!r}")
        rows.append(
            {
                "district_code": code,
                "name_zh": p["name_zh"],
                "name_en": cur.district_names_en[code],
                "kind": "district" if p["name_zh"].endswith("区") else "banner",
                "label_lon": float(p["label_lon"]),
                "label_lat": float(p["label_lat"]),
                "geometry_geojson": json.dumps(f["geometry"], separators=(",", ":")),
            }
        )
    return sorted(rows, key=lambda r: r["district_code"])


MONGOLIAN_COLUMNS = ("zh", "en", "district_code", "mongolian", "confirmed", "sources")
# The city and the region, beside the nine districts: the other places with a Mongolian name.
MONGOLIAN_PLACES = {"150600": "鄂尔多斯市", "150000": "内蒙古自治区"}
_MONGOLIAN = re.compile("^[\u1800-\u18af]+(?:[ \u202f][\u1800-\u18af]+)*$")


def mongolian_name_rows(cur: Curated) -> list[dict]:
    """Names in traditional Mongolian script (data/curated/mongolian_names.csv, with their sources), checked
    against the districts and the glossary: the code names a district, the city or the region; the Chinese
    and English are that place's; the script is Mongolian; confirmed is yes or no."""
    places = {f["properties"]["district_code"]: f["properties"]["name_zh"] for f in cur.districts} | MONGOLIAN_PLACES
    rows, seen = [], set()
    for line, row in enumerate(cur.mongolian_names, start=2):
        where = f"data/curated/mongolian_names.csv, line {line}"
        if missing := [c for c in MONGOLIAN_COLUMNS if not (row.get(c) or "").strip()]:
            raise BuildError(f"{where}: {', '.join(missing)} missing")
        code, zh, en, mn = row["district_code"].strip(), row["zh"].strip(), row["en"].strip(), row["mongolian"].strip()
        if code not in places:
            raise BuildError(f"{where}: {code!r} is not a district code, the city (150600) or the region (150000)")
        if code in seen:
            raise BuildError(f"{where}: {code} is listed twice")
        seen.add(code)
        if zh != places[code]:
            raise BuildError(f"{where}: {code} is {places[code]!r}, not {zh!r}")
        if en != cur.glossary.get(("place", zh)):
            raise BuildError(f"{where}: {zh} is {cur.glossary.get(('place', zh))!r} in the glossary, not {en!r}")
        if not _MONGOLIAN.match(mn):
            bad = sorted({f"U+{ord(ch):04X}" for ch in mn if not ("\u1800" <= ch <= "\u18af" or ch in " \u202f")})
            raise BuildError(f"{where}: the Mongolian name {mn!r} is not in Mongolian script ({', '.join(bad) or 'spacing'})")
        if row["confirmed"].strip() not in ("yes", "no"):
            raise BuildError(f"{where}: confirmed must be yes or no, not {row['confirmed']!r}")
        rows.append(
            {
                "place_code": code,
                "name_zh": zh,
                "name_en": en,
                "name_mn": mn,
                "confirmed": row["confirmed"].strip() == "yes",
                "sources": row["sources"].strip(),
            }
        )
    return rows


def note_rows(cur: Curated) -> list[dict]:
    rows = []
    for note in cur.notes:
        for subject in note["subjects"]:
            rows.append(
                {
                    "note_id": f"{note['note_id']}@{subject}",
                    "note_group": note["note_id"],
                    "subject": subject,
                    "kind": note["kind"],
                    "note_zh": note["note_zh"],
                    "note_en": note["note_en"],
                    "evidence_zh": json.dumps(note["evidence"], ensure_ascii=False),
                }
            )
    return rows


def indicator_program_rows(links: list[dict]) -> list[dict]:
    """Curated links from an indicator to the key programs whose text works towards it, each with its reason.

    The plan has no such table; data/curated/indicator_programs.yaml says why for each link and quotes the
    program's own words (validate.py checks that the quote occurs in that program's paragraph).
    """
    keys = ("indicator_no", "program_no", "reason_zh", "reason_en", "evidence_zh")
    for k, link in enumerate(links or [], start=1):
        if missing := [key for key in keys if not str(link.get(key) or "").strip()]:
            raise BuildError(f"data/curated/indicator_programs.yaml, link {k}: {', '.join(missing)} missing")
    return [{key: link[key] for key in keys} for link in links or []]


def assemble(plan: Plan, story: Story, plan_src: SourceText, story_src: SourceText, cur: Curated) -> dict[str, list[dict]]:
    """Every table of the database as a list of row dicts (validated afterwards by validate.py)."""
    en = english(plan_texts(plan) | story_texts(story), cur.translations)
    tables: dict[str, list[dict]] = {}
    tables["sources"] = [
        {
            "source_id": "story",
            "file_name": story_src.name,
            "title_zh": f"{story.title_zh}——{story.subtitle_zh}",
            "title_en": f"{en['story:title']}: {en['story:subtitle']}",
            "sha256": story_src.sha256,
            "issuer_zh": story.publisher_zh,
            "issuer_en": en["story:source_line"].split(":", 1)[-1].strip(),
            "kind_en": "feature story",
            "chars": len(story_src.text),
        },
        {
            "source_id": "plan",
            "file_name": plan_src.name,
            "title_zh": f"{plan.title_zh}（征求意见稿）",
            "title_en": f"{en['plan:title']} (draft for comment)",
            "sha256": plan_src.sha256,
            "issuer_zh": "鄂尔多斯市",
            "issuer_en": "Ordos City (as named in the title)",
            "kind_en": "action plan (draft for comment)",
            "chars": len(plan_src.text),
        },
    ]
    tables["plan"] = [
        {
            "title_zh": plan.title_zh,
            "title_en": en["plan:title"],
            "preamble_zh": plan.preamble_zh,
            "preamble_en": en["plan:preamble"],
            "goals_intro_zh": plan.goals_intro_zh,
            "goals_intro_en": en["goals:intro"],
            "total_investment_text": plan.total_text,
            "total_investment_yi": float(plan.total_yi),
        }
    ]
    tables["principles"] = [
        {"principle_no": n, "name_zh": name, "name_en": en[f"principle:{n}:name"], "body_zh": body, "body_en": en[f"principle:{n}:body"]}
        for n, (name, body) in enumerate(plan.principles, start=1)
    ]
    tables["goals"] = [
        {"goal_no": n, "name_zh": name, "name_en": en[f"goal:{n}:name"], "body_zh": body, "body_en": en[f"goal:{n}:body"]}
        for n, (name, body) in enumerate(plan.goals, start=1)
    ]
    tables["actions"] = [
        {
            "action_no": a.no,
            "name_zh": a.name_zh,
            "name_en": en[f"action:{a.no}:name"],
            "intro_zh": a.intro_zh,
            "intro_en": en[f"action:{a.no}:intro"],
            "annex_name_zh": plan.annex_action_names.get(a.no),
        }
        for a in plan.actions
    ]
    programs = []
    for a in plan.actions:
        for p in a.programs:
            where = f"plan, program {p.no}"
            lead_zh, lead_en = _dept_columns(p.lead_zh, cur, where)
            partners_zh, partners_en = _dept_columns(p.partners_zh, cur, where)
            programs.append(
                {
                    "program_no": p.no,
                    "action_no": p.action_no,
                    "name_zh": p.name_zh,
                    "name_en": en[f"program:{p.no}:name"],
                    "body_zh": p.body_zh,
                    "body_en": en[f"program:{p.no}:body"],
                    "lead_depts_zh": lead_zh,
                    "lead_depts_en": lead_en,
                    "partner_depts_zh": partners_zh,
                    "partner_depts_en": partners_en,
                }
            )
    tables["programs"] = programs
    tables["districts"] = district_rows(cur)
    projects, places, pairs = [], [], []
    for pj in plan.projects:
        where = f"plan, Annex 5, project {pj.no}"
        pj_places, pj_pairs, scope = resolve_location(pj.no, pj.location_zh, cur)
        places += pj_places
        pairs += pj_pairs
        lead_zh, lead_en = _dept_columns(pj.lead_dept_zh, cur, where)
        projects.append(
            {
                "project_no": pj.no,
                "program_no": pj.program_no,
                "action_no": pj.action_no,
                "annex_program_name_zh": pj.program_name_zh,
                "name_zh": pj.name_zh,
                "name_en": en[f"project:{pj.no}:name"],
                "location_zh": pj.location_zh,
                "location_en": ", ".join(p["place_en"] for p in pj_places),
                "scope": scope,
                "lead_dept_zh": pj.lead_dept_zh,
                "lead_dept_norm_zh": lead_zh,
                "lead_dept_en": lead_en,
                "start_year": pj.start_year,
                "end_year": pj.end_year,
                "investment_text": pj.investment_text,
                "investment_yi": float(pj.investment_yi),
                "investment_exact": str(pj.investment_yi),
                "content_zh": pj.content_zh,
                "content_en": en[f"project:{pj.no}:content"],
            }
        )
    tables["projects"], tables["project_places"], tables["project_districts"] = projects, places, pairs
    tables["indicators"] = indicator_rows(plan, cur, en)
    tables["facts"] = fact_rows(cur, {"story": story_src, "plan": plan_src})
    links = {link["chapter_no"]: link for link in cur.chapter_links}
    tables["story"] = [
        {
            "title_zh": story.title_zh,
            "title_en": en["story:title"],
            "subtitle_zh": story.subtitle_zh,
            "subtitle_en": en["story:subtitle"],
            "lead_zh": story.lead_zh,
            "lead_en": en["story:lead"],
            "closing_zh": story.closing_zh,
            "closing_en": en["story:closing"],
            "source_line_zh": story.source_line_zh,
            "source_line_en": en["story:source_line"],
        }
    ]
    tables["story_chapters"] = [
        {
            "chapter_no": ch.no,
            "heading_zh": ch.heading_zh,
            "heading_en": en[f"chapter:{ch.no}:heading"],
            "body_zh": "\n\n".join(ch.paragraphs),
            "body_en": "\n\n".join(en[f"chapter:{ch.no}:para:{k}"] for k in range(1, len(ch.paragraphs) + 1)),
            "links_why_zh": links.get(ch.no, {}).get("why_zh"),
            "links_why_en": links.get(ch.no, {}).get("why_en"),
        }
        for ch in story.chapters
    ]
    captions = {c: k for k, c in enumerate(story.captions, start=1)}
    pictures = []
    for spec in cur.pictures:
        k = captions.get(spec["caption_zh"])
        if k is None:
            raise BuildError(f"data/curated/story_pictures.yaml: caption {spec['caption_zh']!r} is not in the story")
        pictures.append(
            {
                "picture_no": k,
                "chapter_no": spec["chapter_no"],
                "caption_zh": spec["caption_zh"],
                "caption_en": en[f"caption:{k}"],
            }
        )
    missing = set(captions) - {p["caption_zh"] for p in pictures}
    if missing:
        raise BuildError(f"data/curated/story_pictures.yaml: captions not assigned to a chapter: {sorted(missing)}")
    tables["story_pictures"] = sorted(pictures, key=lambda p: p["picture_no"])
    tables["chapter_links"] = [
        {"chapter_no": link["chapter_no"], "target_kind": kind.rstrip("s"), "target_no": no, "rank": r}
        for link in cur.chapter_links
        for kind in ("actions", "programs", "projects", "indicators")
        for r, no in enumerate(link.get(kind) or [], start=1)
    ]
    tables["data_notes"] = note_rows(cur)
    tables["indicator_programs"] = indicator_program_rows(cur.indicator_programs)
    tables["mongolian_names"] = mongolian_name_rows(cur)
    return tables
