"""A story photo made small enough to send: downscaled, turned upright (EXIF), as JPEG bytes or a data: URI.

The kiosk embeds the photo in the page (a data: URI, so the screen asks nothing of the server and keeps showing it
offline); the PowerPoint deck embeds the same JPEG. Made once per file and size (the file's change time is part
of the key, so a replaced photo is picked up by a new process or after core.data.clear_caches).
"""

from __future__ import annotations

import base64
import functools
import io
from pathlib import Path

from PIL import Image, ImageOps

SCREEN_PX = 1600  # the longest side on a slide: the photo fills at most half a 4K screen's width
QUALITY = 82


@functools.lru_cache(maxsize=16)
def _jpeg(path: str, changed: int, longest: int) -> tuple[bytes, int, int]:
    with Image.open(path) as image:
        image = ImageOps.exif_transpose(image)
        image = image.convert("RGB")
        image.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        return out.getvalue(), image.width, image.height


def jpeg(path: Path, longest: int = SCREEN_PX) -> tuple[bytes, int, int]:
    """The photo as JPEG bytes no larger than `longest` pixels on its longest side, with its width and height."""
    return _jpeg(str(path), path.stat().st_mtime_ns, longest)


def data_uri(path: Path, longest: int = SCREEN_PX) -> str:
    payload, _, _ = jpeg(path, longest)
    return "data:image/jpeg;base64," + base64.b64encode(payload).decode("ascii")
