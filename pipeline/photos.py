"""The story's photos: files the publicity department drops into data/photos/, named in story_pictures.yaml.

The documents carry only the pictures' captions. A photo shows wherever its caption does (the story page,
the kiosk's chapter slides, the decks, the phone edition) once it passes these checks; each failure stops
the build with the file and the reason, and the previous database stays as it was.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import BuildError

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_BYTES = 8 * 1024 * 1024  # a camera original is fine; larger files only slow the build and the decks
MIN_SIDE = 600  # pixels on the shorter side: sharp at half a 1080p slide
MAX_SIDE = 12_000


def check(spec: dict, folder: Path) -> dict:
    """The photo columns of one story_pictures.yaml entry: file name, credit lines, pixel size; None without a photo."""
    where = f"data/curated/story_pictures.yaml, caption {spec['caption_zh']!r}"
    name, credit_zh, credit_en = spec.get("photo"), _text(spec.get("credit_zh")), _text(spec.get("credit_en"))
    if not name:
        if credit_zh or credit_en:
            raise BuildError(f"{where}: a credit line is given but no photo")
        return {"photo_file": None, "credit_zh": None, "credit_en": None, "photo_width": None, "photo_height": None}
    if not isinstance(name, str) or Path(name).name != name or name.startswith("."):
        raise BuildError(f"{where}: photo must be a plain file name inside data/photos/, not {name!r}")
    path = folder / name
    if not path.is_file():
        raise BuildError(f"{where}: photo {name!r} is not in {folder}")
    if not (credit_zh and credit_en):
        raise BuildError(f"{where}: photo {name!r} needs its credit line in both languages (credit_zh and credit_en)")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BuildError(f"{where}: photo {name!r} is {size / 1e6:.1f} MB; at most {MAX_BYTES / 1e6:.0f} MB")
    width, height, kind = _image_size(path, where)
    if kind not in FORMATS:
        raise BuildError(f"{where}: photo {name!r} is {kind}; use JPEG, PNG or WebP")
    if min(width, height) < MIN_SIDE or max(width, height) > MAX_SIDE:
        raise BuildError(f"{where}: photo {name!r} is {width}×{height} px; the shorter side needs at least {MIN_SIDE} px")
    return {"photo_file": name, "credit_zh": credit_zh, "credit_en": credit_en, "photo_width": width, "photo_height": height}


def _text(value) -> str | None:
    return " ".join(str(value).split()) if value is not None and str(value).strip() else None


def _image_size(path: Path, where: str) -> tuple[int, int, str]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format or "unknown", image.size
            image.verify()  # a truncated or corrupt file fails here, not later in a visitor's browser
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise BuildError(f"{where}: {path.name!r} is not a readable image ({exc})") from None
    return width, height, kind
