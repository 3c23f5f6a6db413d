"""Write the briefing decks: `make deck OUT=folder` -> ordos-briefing-zh.pptx, ordos-briefing-en.pptx, and the
slides' charts (PNG, SVG, CSV) in charts/.

The same slide definitions and data as the kiosk and the presenter (components/slides/), read from the
database that the build wrote (ORDOS_DB, or data/ordos.duckdb). Prints what it wrote; exits non-zero on failure.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the PowerPoint briefing decks (Chinese and English) and their charts.")
    parser.add_argument("--out", default="out", help="folder to write to (created if missing; default: out)")
    parser.add_argument("--no-charts", action="store_true", help="only the two .pptx files")
    args = parser.parse_args(argv)
    import streamlit  # noqa: F401  (creates its loggers)

    # st.cache_data outside a Streamlit server warns, for every cached function, that it caches in memory: true, and noise here.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").addFilter(lambda record: "No runtime found" not in record.getMessage())
    from components.slides import pptx
    from components.slides.build import build
    from components.slides.model import LANGS
    from core import data, settings

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        deck = build(data.deck_tables(), settings.qr_url(), settings.map_review_no())
    except data.DataUnavailable as exc:
        print(f"make_deck: {exc} (run `make data` first)", file=sys.stderr)
        return 1
    for lang in LANGS:
        started = time.monotonic()
        path = out / pptx.file_name(lang)
        path.write_bytes(pptx.render(deck, lang))
        print(f"{path}  {len(deck)} slides  {path.stat().st_size / 1024:.0f} KB  {time.monotonic() - started:.1f} s")
        if not args.no_charts:
            folder = out / "charts"
            folder.mkdir(exist_ok=True)
            for name, payload in pptx.chart_files(deck, lang).items():
                (folder / name).write_bytes(payload)
            print(f"{folder}/  charts of the {lang} deck (PNG, SVG, CSV)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
