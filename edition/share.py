"""The pictures the edition makes at build time with Pillow: a share image per page (1200×630 PNG, what a link
shows in WeChat and other apps), the favicon, and the story's photos scaled for a phone.

Text is drawn with the system's Noto Sans CJK (Debian's fonts-noto-cjk), which has both scripts; without it
the build stops and says so, rather than drawing boxes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from components.theme import BORDER, INK, JUNGAR, MUTED, PAPER, PROGRESS, WHITE

SIZE = (1200, 630)
MARGIN = 72
PHOTO_WIDTH = 720  # px: a story photo as the edition sends it (twice a phone's column is not needed on 2G/3G)
_FONT_FILES = {
    "regular": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC:style=Regular"),
    "bold": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC:style=Bold"),
}
_TOKENS = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|\s+")


class FontMissing(RuntimeError):
    """Noto Sans CJK is not installed."""


@functools.cache
def _font_file(weight: str) -> str:
    path, pattern = _FONT_FILES[weight]
    if Path(path).exists():
        return path
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        found = ""
    if "NotoSansCJK" not in found.replace(" ", "") or not Path(found).exists():
        raise FontMissing("the share images need the font Noto Sans CJK: apt-get install fonts-noto-cjk")
    return found


@functools.cache
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK SC (Simplified Chinese forms, and Latin) at `size` px."""
    path = _font_file(weight)
    for index in range(10):
        try:
            face = ImageFont.truetype(path, size, index=index)
        except OSError:
            break
        if face.getname()[0].endswith(" SC"):
            return face
    return ImageFont.truetype(path, size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int, most: int) -> list[str]:
    """`text` in lines of at most `width` px (between words, or between any two Chinese characters), at most
    `most` lines, the last one ending in … when cut."""
    lines, line = [], ""
    for token in _TOKENS.findall(" ".join(text.split())):
        trial = line + token
        if line.strip() and face.getlength(trial.rstrip()) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = trial
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > most:
        last = lines[most - 1]
        while last and face.getlength(last + "…") > width:
            last = last[:-1]
        lines = [*lines[: most - 1], last.rstrip() + "…"]
    return lines


def share_image(title: str, section: str, site_name: str, figure: tuple[str, str] | None = None, accent: str = JUNGAR) -> bytes:
    """A page's share image: its section and title, its headline figure where it has one, the site's name."""
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, 16, SIZE[1]), fill=accent)
    draw.text((MARGIN, 52), section, font=font("bold", 30), fill=MUTED)
    y = 112
    title_face = font("bold", 56 if figure else 66)
    for line in wrap(title, title_face, width, 2 if figure else 4):
        draw.text((MARGIN, y), line, font=title_face, fill=INK)
        y += int(title_face.size * 1.3)
    if figure:
        value, label = figure
        y = max(y + 28, 290)
        fits = value_face_fits(value, width)
        value_face = font("bold", 92 if fits else 60)
        for line in wrap(value, value_face, width, 1 if fits else 2):
            draw.text((MARGIN, y), line, font=value_face, fill=INK)
            y += int(value_face.size * 1.25)
        y += int(value_face.size * 0.2)
        label_face = font("regular", 32)
        for line in wrap(label, label_face, width, 2):
            draw.text((MARGIN, y), line, font=label_face, fill=MUTED)
            y += int(label_face.size * 1.35)
    draw.line((MARGIN, SIZE[1] - 92, SIZE[0] - MARGIN, SIZE[1] - 92), fill=BORDER, width=2)
    draw.text((MARGIN, SIZE[1] - 72), site_name, font=font("bold", 30), fill=INK)
    return _png(image)


def value_face_fits(value: str, width: int) -> bool:
    """Whether the headline figure fits on one line at the large size."""
    return font("bold", 92).getlength(value) <= width


def _png(image: Image.Image) -> bytes:
    """As a 64-colour PNG: the image is flat colours and anti-aliased text, a third of the bytes of full colour."""
    out = io.BytesIO()
    image.quantize(64, method=Image.Quantize.FASTOCTREE).save(out, "PNG")
    return out.getvalue()


def favicon() -> bytes:
    """The site's icon (16, 32 and 48 px in one .ico): a white ring on green, Jungar Banner's vermilion on its east."""
    size = 256
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=52, fill=PROGRESS)
    draw.ellipse((52, 52, 204, 204), outline=WHITE, width=28)
    draw.ellipse((164, 100, 220, 156), fill=JUNGAR, outline=WHITE, width=8)
    out = io.BytesIO()
    image.save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def photo(path: Path) -> tuple[str, int, int, bytes]:
    """A story photo for the edition: at most PHOTO_WIDTH px wide, as JPEG; its file name (content hash),
    width, height and bytes."""
    with Image.open(path) as source:
        picture = source.convert("RGB")
    if picture.width > PHOTO_WIDTH:
        picture = picture.resize((PHOTO_WIDTH, round(picture.height * PHOTO_WIDTH / picture.width)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=78, optimize=True, progressive=True)
    data = out.getvalue()
    return f"{hashlib.sha256(data).hexdigest()[:12]}.jpg", picture.width, picture.height, data
