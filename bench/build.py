"""Build: `python -m pipeline` (the whole database build) against the floor of starting Python and importing its libraries.

The floor is `python -c "import <every third-party library the build imports>"`; the list is taken from a build
itself (the top-level modules in sys.modules that live in site-packages afterwards), so it follows the code.
Build and floor run alternately, `runs` times each, as fresh processes; each build writes a new database into a
temporary folder (ORDOS_DB), never data/ordos.duckdb. The ratio is median(build) / median(floor), and the ratio
of each adjacent pair gives its spread.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import OUT, PYTHON, ROOT, summary

_LIBS_PROBE = """
import json, sys, sysconfig
from pathlib import Path
from pipeline.build import build
build(database=Path(sys.argv[1]))
site = sysconfig.get_paths()["purelib"]
names = sorted({n.split(".")[0] for n, m in list(sys.modules.items())
                if getattr(m, "__file__", None) and m.__file__.startswith(site) and not n.startswith("_")})
print(json.dumps(names))
"""


def _env(db: Path) -> dict:
    env = {**os.environ, "ORDOS_DB": str(db)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def libraries() -> list[str]:
    """The third-party top-level packages that a build imports."""
    with tempfile.TemporaryDirectory(prefix="ordos-bench-build-") as tmp:
        db = Path(tmp) / "probe.duckdb"
        out = subprocess.run(
            [PYTHON, "-c", _LIBS_PROBE, str(db)], cwd=ROOT, env=_env(db), capture_output=True, text=True, timeout=300, check=True
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _timed(cmd: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    return time.perf_counter() - started


def measure(runs: int = 7) -> dict:
    """Median and spread of the build and of the floor, alternating; their ratio."""
    libs = libraries()
    floor_cmd = [PYTHON, "-c", "import " + ", ".join(libs)]
    build_cmd = [PYTHON, "-m", "pipeline"]
    builds, floors = [], []
    with tempfile.TemporaryDirectory(prefix="ordos-bench-build-") as tmp:
        for i in range(runs + 1):  # the first pair warms the disk cache and the bytecode; not counted
            db = Path(tmp) / f"ordos-{i}.duckdb"
            f = _timed(floor_cmd, _env(db))
            b = _timed(build_cmd, _env(db))
            if i:
                floors.append(f)
                builds.append(b)
            db.unlink(missing_ok=True)
    pair_ratios = [b / f for b, f in zip(builds, floors, strict=True)]
    return {
        "libraries": libs,
        "floor_command": " ".join(floor_cmd[:2]) + f' "{floor_cmd[2]}"',
        "build_ms": summary(builds, 1000),
        "floor_ms": summary(floors, 1000),
        "ratio": statistics.median(builds) / statistics.median(floors),
        "ratio_pairs_min": min(pair_ratios),
        "ratio_pairs_max": max(pair_ratios),
        "goal": 1.5,
    }


def profile() -> dict:
    """Where a build spends its time: py-spy samples of one `python -m pipeline`, reduced to the top functions."""
    from bench.server_time import _reduce

    folder = OUT / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    raw = folder / "build.txt"
    spy = ROOT / ".venv" / "bin" / "py-spy"
    with tempfile.TemporaryDirectory(prefix="ordos-bench-build-") as tmp:
        db = Path(tmp) / "profile.duckdb"
        subprocess.run(
            [str(spy), "record", "-r", "250", "-f", "raw", "-o", str(raw), "--", PYTHON, "-m", "pipeline"],
            cwd=ROOT,
            env=_env(db),
            capture_output=True,
            timeout=600,
        )
    if not raw.exists():
        return {"error": "py-spy failed"}
    return {"file": str(raw.relative_to(ROOT)), **_reduce(raw, top=15)}
