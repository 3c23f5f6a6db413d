"""Read a source document as text, refusing what is not a whole UTF-8 document."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import BuildError


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str
    sha256: str

    @property
    def name(self) -> str:
        return self.path.name


def read_source(path: Path, required_markers: tuple[str, ...], min_chars: int) -> SourceText:
    """Read `path` as UTF-8 and check that it is complete.

    `required_markers` are strings that a whole document contains (its title, its last table's
    total line); a missing one means the file is truncated or is another document.
    """
    if not path.exists():
        raise BuildError(f"{path}: source file not found")
    data = path.read_bytes()
    if not data.strip():
        raise BuildError(f"{path.name}: the file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BuildError(
            f"{path.name}: not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 4]!r}); "
            "save the document as UTF-8 (it may be GBK/GB18030)"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\ufffd" in text:
        raise BuildError(f"{path.name}: contains U+FFFD replacement characters; the file was damaged by a wrong conversion")
    if len(text) < min_chars:
        raise BuildError(f"{path.name}: only {len(text)} characters, expected at least {min_chars}; the file looks truncated")
    for marker in required_markers:
        if marker not in text:
            raise BuildError(f"{path.name}: {marker!r} not found; the file looks truncated or is not the expected document")
    return SourceText(path=path, text=text, sha256=hashlib.sha256(data).hexdigest())
