"""Step 2: the small hand-kept files in data/curated/ that hold what the text cannot give."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.errors import BuildError
from pipeline.translations import load_translations
from pipeline.yaml_load import safe_load


@dataclass
class Curated:
    glossary: dict[tuple[str, str], str]
    places: dict[str, dict]
    districts: list[dict]
    district_names_en: dict[str, str]
    facts: list[dict]
    notes: list[dict]
    chapter_links: list[dict]
    pictures: list[dict]
    indicator_rules: dict
    indicator_programs: list[dict]
    translations: dict[str, dict[str, str]]
    mongolian_names: list[dict]


def _yaml(path: Path):
    if not path.exists():
        raise BuildError(f"{path}: curated file missing")
    try:
        return safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise BuildError(f"{path}: not valid YAML: {exc}") from None


def _csv(path: Path) -> list[dict]:
    if not path.exists():
        raise BuildError(f"{path}: curated file missing")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


GLOSSARY_SCOPES = ("text", "cell")


def _glossary(path: Path) -> dict[tuple[str, str], str]:
    """(kind, Chinese) -> English: the one rendering of each term (../shared/guide/GLOSSARY.md plus the project's own)."""
    glossary: dict[tuple[str, str], str] = {}
    renderings: dict[str, str] = {}
    for line, row in enumerate(_csv(path), start=2):
        zh, en = (row.get("zh") or "").strip(), (row.get("en") or "").strip()
        if not zh or not en or row.get("scope") not in GLOSSARY_SCOPES:
            raise BuildError(f"{path}, line {line}: every term needs zh, en and a scope (text or cell)")
        if renderings.setdefault(zh, en) != en:
            raise BuildError(f"{path}, line {line}: {zh!r} has two renderings ({renderings[zh]!r} and {en!r}); keep one")
        glossary[(row["kind"], zh)] = en
    return glossary


def _district_names_en(features: list[dict], glossary: dict[tuple[str, str], str], path: Path) -> dict[str, str]:
    """The districts' English names, from the glossary (the single source of names)."""
    names = {}
    for f in features:
        name_zh = f["properties"]["name_zh"]
        if ("place", name_zh) not in glossary:
            raise BuildError(f"{path}: no English name for the district {name_zh!r}; add it to glossary.csv as a place")
        names[f["properties"]["district_code"]] = glossary[("place", name_zh)]
    return names


def load_curated(folder: Path) -> Curated:
    glossary = _glossary(folder / "glossary.csv")
    places = {row["place_zh"]: row for row in _csv(folder / "places.csv")}
    geo_path = folder / "districts.geojson"
    if not geo_path.exists():
        raise BuildError(f"{geo_path}: district boundaries missing (run scripts/extract_districts.py)")
    try:
        features = json.loads(geo_path.read_text(encoding="utf-8"))["features"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise BuildError(f"{geo_path}: not a GeoJSON FeatureCollection: {exc}") from None
    return Curated(
        glossary=glossary,
        places=places,
        districts=features,
        district_names_en=_district_names_en(features, glossary, folder / "glossary.csv"),
        facts=_yaml(folder / "facts.yaml"),
        notes=_yaml(folder / "data_notes.yaml"),
        chapter_links=_yaml(folder / "chapter_links.yaml"),
        pictures=_yaml(folder / "story_pictures.yaml"),
        indicator_rules=_yaml(folder / "indicator_rules.yaml"),
        indicator_programs=_yaml(folder / "indicator_programs.yaml"),
        translations=load_translations(folder / "en"),
        mongolian_names=_csv(folder / "mongolian_names.csv"),
    )
