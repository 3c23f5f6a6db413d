"""Load the curated English renderings and check them against the parsed Chinese.

Run `python -m pipeline.translations` to list what is missing, stale or suspicious.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from pipeline.errors import BuildError
from pipeline.yaml_load import safe_load

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# An English rendering may restate 3.4万亩 as 34,000 mu or 406.0亿元 as CNY 40.6 billion.
_SCALES = (1, 1e4, 1e8, 1e-1, 1e1, 1e2, 1e-2, 1e-3, 1e-4, 1e3, 1e5, 1e6)


def load_translations(folder: Path) -> dict[str, dict[str, str]]:
    """All {key: {zh, en}} entries of the YAML files in `folder`; a key in two files is an error."""
    entries: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise BuildError(f"{path}: not valid YAML: {exc}") from None
        for key, entry in data.items():
            if key in entries:
                raise BuildError(f"{path}: translation key {key!r} is also defined in another file")
            if not isinstance(entry, dict) or "zh" not in entry or "en" not in entry:
                raise BuildError(f"{path}: entry {key!r} must have 'zh' and 'en'")
            entries[key] = {"zh": str(entry["zh"]), "en": str(entry["en"] or "").strip(), "file": path.name}
    return entries


def _numbers(text: str) -> list[float]:
    return [float(n) for n in _DIGITS.findall(text.replace(",", ""))]


def missing_numbers(zh: str, en: str) -> list[str]:
    """Numbers written in digits in `zh` that `en` does not restate (at any usual unit scale)."""
    en_numbers = _numbers(en)
    missing = []
    for z in _numbers(zh):
        if not any(abs(e - z * s) <= 1e-9 * max(1.0, abs(z * s)) for e in en_numbers for s in _SCALES):
            missing.append(f"{z:g}")
    return missing


def problems(texts: dict[str, str], entries: dict[str, dict[str, str]]) -> list[str]:
    """Every reason the English cannot be published as it is: missing, empty, stale or lost numbers."""
    found = []
    for key, zh in texts.items():
        entry = entries.get(key)
        if entry is None:
            found.append(f"{key}: no English rendering (add it to a file in data/curated/en/)")
        elif entry["zh"].strip() != zh.strip():
            found.append(f"{key} ({entry['file']}): stale: the Chinese text changed; re-translate it")
        elif not entry["en"]:
            found.append(f"{key} ({entry['file']}): the English is empty")
        elif lost := missing_numbers(zh, entry["en"]):
            found.append(f"{key} ({entry['file']}): the English does not restate {', '.join(lost)}")
    return found


def english(texts: dict[str, str], entries: dict[str, dict[str, str]]) -> dict[str, str]:
    """The English for every key of `texts`: empty where it is missing or stale (validation reports those)."""
    current = {}
    for key, zh in texts.items():
        entry = entries.get(key)
        current[key] = entry["en"] if entry and entry["zh"].strip() == zh.strip() else ""
    return current


def main() -> int:
    from pipeline.sources import load_sources

    plan, story = load_sources()
    from pipeline.texts import plan_texts, story_texts

    texts = plan_texts(plan) | story_texts(story)
    found = problems(texts, load_translations(Path(__file__).resolve().parent.parent / "data" / "curated" / "en"))
    print("\n".join(found) or "all English renderings present and current", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
