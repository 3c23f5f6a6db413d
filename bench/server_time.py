"""Server time per page: one full script run of a page with warm caches, as one visitor sees it on the wire.

One websocket session per page (bench/wsclient.py) opens the page, runs it `warmup` times (st.cache_data and
st.cache_resource are then warm: they are shared by all sessions), then reruns it `runs` times with the same
query string; each figure is the time from sending the rerun BackMsg until the `script_finished` ForwardMsg,
over loopback — the script, Streamlit's serialisation of every element and the websocket, with nothing else
running. Median, p95 and spread over the runs; the bare two-page app is measured the same way in the same run.

`profile(...)` records the server with py-spy while one page is rerun, and reduces the samples to the functions
that take the time (inclusive and self), so that a slow page comes with its evidence.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections import Counter
from pathlib import Path

from bench.common import OUT, ROOT, Server, summary
from bench.wsclient import Session


async def _page_times(ws_base: str, page: str, query: str, runs: int, warmup: int) -> dict:
    async with Session(ws_base, timeout=60) as session:
        first = await session.run(page_name=page, query=query)
        if first.error or first.page_not_found:
            return {"error": first.error or "page not found"}
        for _ in range(warmup):
            await session.run(None, query)
        times, errors, sizes, elements = [], 0, [], 0
        for _ in range(runs):
            r = await session.run(None, query)
            times.append(r.seconds)
            sizes.append(r.bytes)
            elements = r.elements
            errors += bool(r.error)
        return {
            **summary(times, 1000),
            "errors": errors,
            "bytes_per_run": max(sizes),
            "elements": elements,
            "first_run_ms": first.seconds * 1000,
            "first_run_bytes": first.bytes,
        }


def page_times(server: Server, pages: list[tuple[str, str, str]], runs: int = 60, warmup: int = 5) -> dict[str, dict]:
    """{label: {median, p95, …} in ms} for each (label, url path, query)."""
    return {label: asyncio.run(_page_times(server.ws_base, path, query, runs, warmup)) for label, path, query in pages}


_WAITS = (
    "EpollSelector.select",
    "Condition.wait",
    "Event.wait",
    "_worker (concurrent/futures/thread.py:81)",
    "Thread.join",
    "select (",
    "sleep (",
)


def _is_project_frame(frame: str) -> bool:
    """py-spy names a frame `func (path:line)` with a shortened path; ours are the files of this repository."""
    path = frame.rpartition(" (")[2].rpartition(":")[0]
    return (
        bool(path) and not path.startswith((".venv", "<")) and any((ROOT / d / path).is_file() for d in ("", "pages", "components", "core"))
    )


def _reduce(raw: Path, top: int = 25) -> dict:
    """Collapsed py-spy stacks -> the functions with the most samples (inclusive, self, and in the project).

    Stacks that end in a wait (the event loop's select, a condition, an idle worker, the config-file poller's
    sleep) are left out, so shares are of the samples where a thread was working.
    """
    inclusive, own, total = Counter(), Counter(), 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = stack.split(";")
        if frames[-1].startswith(_WAITS) or "polling_path_watcher.py:90" in frames[-1]:
            continue  # a thread that waits (counted as active when it is runnable on a busy machine)
        total += n
        for frame in set(frames):
            inclusive[frame] += n
        own[frames[-1]] += n
    project = [(f, n) for f, n in inclusive.most_common() if _is_project_frame(f)]

    def pct(rows):
        return [{"share": round(n / total, 3), "frame": f} for f, n in rows]

    return {
        "samples": total,
        "inclusive": pct([r for r in inclusive.most_common(top * 3) if "threading.py" not in r[0]][:top]),
        "self": pct(own.most_common(top)),
        "project": pct(project[:top]),
    }


def profile(server: Server, page: str, query: str, seconds: float = 10, name: str | None = None) -> dict:
    """py-spy samples (100 Hz, active threads only) of the server while one session reruns `page` for `seconds`."""
    folder = OUT / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    raw = folder / f"{name or page or 'home'}.txt"
    spy = ROOT / ".venv" / "bin" / "py-spy"
    cmd = [
        str(spy if spy.exists() else "py-spy"),
        "record",
        "-p",
        str(server.pid),
        "-r",
        "100",
        "-d",
        str(int(seconds) + 1),
        "-f",
        "raw",
        "-o",
        str(raw),
        "--nonblocking",
    ]
    spy_proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    async def hammer() -> int:
        count = 0
        async with Session(server.ws_base, timeout=60) as session:
            await session.run(page_name=page, query=query)
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                await session.run(None, query)
                count += 1
        return count

    time.sleep(1.0)  # py-spy attaches
    runs = asyncio.run(hammer())
    try:
        _, err = spy_proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        spy_proc.kill()
        return {"error": "py-spy did not finish"}
    if not raw.exists():
        return {"error": f"py-spy failed: {err.decode()[-300:]}"}
    return {"page": name or page, "runs": runs, "file": str(raw.relative_to(ROOT)), **_reduce(raw)}
