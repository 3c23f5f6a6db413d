"""`python -m pipeline`: build data/ordos.duckdb; exit 1 with a plain message on any problem."""

from __future__ import annotations

import sys

from pipeline.build import build
from pipeline.errors import BuildError


def main() -> int:
    try:
        build()
    except BuildError as exc:
        print(f"build failed: {exc}\nThe previous database (if any) was left unchanged.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
