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


# The glossary's English names of the nine county-level divisions (../shared/guide/GLOSSARY.md).
DISTRICT_NAMES_EN = {
    "150602": "Dongsheng District",
    "150603": "Kangbashi District",
    "150621": "Dalad Banner",
    "150622": "Jungar Banner",
    "150623": "Otog Front Banner",
    "150624": "Otog Banner",
    "150625": "Hanggin Banner",
    "150626": "Uxin Banner",
    "150627": "Ejin Horo Banner",
}


def load_curated(folder: Path) -> Curated:
    glossary = {(row["kind"], row["zh"]): row["en"] for row in _csv(folder / "glossary.csv")}
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
        district_names_en=DISTRICT_NAMES_EN,
        facts=_yaml(folder / "facts.yaml"),
        notes=_yaml(folder / "data_notes.yaml"),
        chapter_links=_yaml(folder / "chapter_links.yaml"),
        pictures=_yaml(folder / "story_pictures.yaml"),
        indicator_rules=_yaml(folder / "indicator_rules.yaml"),
        indicator_programs=_yaml(folder / "indicator_programs.yaml"),
        translations=load_translations(folder / "en"),
    )
