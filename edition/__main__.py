"""`python -m edition --out site` (what `make site OUT=site` runs): write the phone edition, or say why not.

Prints what it wrote (pages, files, sizes, time) and any warning on stderr; exits 1 with a one-line reason when
the build fails, leaving the previous edition in place.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition", description="Write the phone edition (a static site) of the app.")
    parser.add_argument("--out", default="site", help="the folder to write (replaced only when the build succeeds; default: site)")
    parser.add_argument("--site-url", help="the edition's public address (default: ORDOS_SITE_URL, or secrets' site_url)")
    parser.add_argument("--app-url", help="the interactive app's address (default: ORDOS_PUBLIC_URL, or secrets' public_url)")
    parser.add_argument("--base", help="the site's path on its server (default: the path of the site's address, or /)")
    parser.add_argument("--chart-cache", type=Path, help="a folder that keeps drawn charts between builds (by the hash of their spec)")
    parser.add_argument("--no-compress", action="store_true", help="no .gz/.br copies")
    args = parser.parse_args(argv)
    import streamlit  # noqa: F401  (creates its loggers)

    # st.cache_data outside a Streamlit server warns, for every cached function, that it caches in memory: true, and noise here.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").addFilter(lambda record: "No runtime found" not in record.getMessage())
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    from core import data, settings
    from edition.build import BuildFailed, build

    try:
        result = build(
            Path(args.out),
            site_url=(args.site_url or settings.site_url() or "").rstrip("/") or None,
            app_url=args.app_url,
            base=args.base,
            chart_cache=args.chart_cache,
            compress=not args.no_compress,
        )
    except (BuildFailed, data.DataUnavailable, OSError, RuntimeError) as exc:
        print(f"edition build failed: {exc}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result.steps.items())
    print(
        f"{result.folder}: {result.pages} pages, {result.files} files, {result.bytes / 2**20:.1f} MB "
        f"({result.gzip_bytes / 2**20:.1f} MB as .gz), {result.charts_drawn} charts drawn, in {result.seconds:.1f} s ({steps})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
