"""Paths of the build, overridable for tests and for building from another copy of the sources."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = Path(os.environ.get("ORDOS_RAW_DIR", ROOT / "data" / "raw"))
CURATED = Path(os.environ.get("ORDOS_CURATED_DIR", ROOT / "data" / "curated"))
OBSERVATIONS = Path(os.environ.get("ORDOS_OBSERVATIONS_DIR", ROOT / "data" / "observations"))
PHOTOS = Path(os.environ.get("ORDOS_PHOTOS_DIR", ROOT / "data" / "photos"))
DATABASE = Path(os.environ.get("ORDOS_DB", ROOT / "data" / "ordos.duckdb"))
STORY_FILE = "000_304948338bd5cb19.txt"
PLAN_FILE = "003_8b42b4ed787054ed.txt"
