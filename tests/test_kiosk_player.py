"""The exhibition player in deploy/kiosk/: the watchdog's decision (table-driven), the script's configuration
and shellcheck, the watchdog against a real headless Chromium (reloads a frozen page, leaves an advancing one
alone), and the supervisor (starts Chromium again after it was killed; stops it when stopped itself).
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import http.server
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, FLAGS
from tests.helpers_server import free_port

KIOSK_DIR = Path(__file__).resolve().parent.parent / "deploy" / "kiosk"
SCRIPT = KIOSK_DIR / "ordos-kiosk"
WATCHDOG = KIOSK_DIR / "watchdog.py"

_spec = importlib.util.spec_from_file_location("kiosk_watchdog", WATCHDOG)
wd = importlib.util.module_from_spec(_spec)
sys.modules["kiosk_watchdog"] = wd  # dataclasses look their module up while the class is made
_spec.loader.exec_module(wd)

# ----------------------------------------------------------------------------------------- the decision

KIOSK = "http://server:8501/kiosk?lang=both&screen=hall-a"
NOON = dt.datetime(2026, 12, 1, 12, 0, 0)
CFG = wd.Settings(freeze_after=60 + 3 * 12, grace=45, silent_after=30, nightly=None, kiosk_url=KIOSK)


def deck(slide: int, total: int = 12, id: str = "A", url: str = KIOSK) -> list:
    return [wd.Page(id, url, f"鄂尔多斯绿色转型 · {slide}/{total}")]


def page(title: str, url: str = KIOSK, id: str = "A") -> list:
    return [wd.Page(id, url, title)]


def run(steps, cfg=CFG, start: float = 0.0):
    """Feed (t, pages, wall) observations to decide(); the (t, action) of every reload and restart."""
    state, acted = wd.initial_state(start), []
    for t, pages, wall in steps:
        decision, state = wd.decide(state, wd.Observation(t, wall or NOON + dt.timedelta(seconds=t), pages), cfg)
        if decision.action in ("reload", "restart"):
            acted.append((t, decision.action))
    return acted


def every(seconds: float, until: float, pages_at) -> list:
    """Observations every `seconds` from 0 to `until`; pages_at(t) gives what DevTools shows at t."""
    steps, t = [], 0.0
    while t <= until:
        steps.append((t, pages_at(t), None))
        t = round(t + seconds, 3)
    return steps


def at(day: int, hh: int, mm: int, ss: int) -> dt.datetime:
    return dt.datetime(2026, 12, day, hh, mm, ss)


NIGHTLY = [
    # 03:59:57 → 04:00:00 crosses 04:00 once; the clock stepped back (NTP) and crossing again the same night does nothing
    (1, None, at(1, 3, 59, 57)), (2, None, at(1, 4, 0, 0)), (3, None, at(1, 4, 0, 3)),
    (4, None, at(1, 3, 59, 59)), (5, None, at(1, 4, 0, 2)), (6, None, at(1, 12, 0, 0)),
    # the next night: once more
    (7, None, at(2, 3, 59, 58)), (8, None, at(2, 4, 0, 1)), (9, None, at(2, 4, 0, 4)),
]  # fmt: skip

CASES = {
    # the slide number stays 3/12: reloaded once the limit (idle 60 + 3 × interval 12 = 96 s) is passed
    "frozen marker": (CFG, every(5, 120, lambda t: deck(3)), [(100, "reload")]),
    # a slide every 12 s for ten minutes: never
    "advancing marker": (CFG, every(3, 600, lambda t: deck(int(t // 12) % 12 + 1)), []),
    # a touch holds slide 5 for idle (60 s) + one interval, then the loop carries on: not frozen
    "paused within idle": (CFG, every(3, 300, lambda t: deck(5 if 24 <= t < 96 else int(t // 12) % 12 + 1)), []),
    # a touch and then nothing: frozen, reloaded after 96 s; the reloaded page stays on slide 5 too: again 96 s later
    "paused for too long": (CFG, every(3, 250, lambda t: deck(5 if t >= 24 else int(t // 12) % 12 + 1)),
                            [(123, "reload"), (225, "reload")]),
    "blank page": (CFG, every(5, 60, lambda t: page("about:blank", url="about:blank")), [(50, "reload")]),
    "error page": (CFG, every(5, 60, lambda t: page("server", url="chrome-error://chromewebdata/")), [(50, "reload")]),
    "no target": (CFG, every(5, 60, lambda t: []), [(50, "reload")]),
    "empty title": (CFG, every(5, 60, lambda t: page("")), [(50, "reload")]),
    "no marker in the title": (CFG, every(5, 60, lambda t: page("鄂尔多斯绿色转型")), [(50, "reload")]),
    # a slow start: no marker for 30 s (within the grace), then the deck runs
    "slow start within grace": (CFG, every(5, 200, lambda t: page("") if t < 30 else deck(int(t // 12) % 12 + 1)), []),
    # error pages keep being reloaded, a grace period apart (the server is down)
    "blank keeps reloading": (CFG, every(5, 160, lambda t: page("", url="chrome-error://chromewebdata/")),
                              [(50, "reload"), (105, "reload"), (160, "reload")]),
    # after a reload the new tab (another id) gets its own grace to show its first slide
    "grace after reload": (CFG, every(5, 200, lambda t: deck(3) if t <= 100 else page("loading", id="B") if t < 135 else deck(1, id="B")),
                           [(100, "reload")]),
    "one-slide deck never frozen": (CFG, every(5, 400, lambda t: deck(1, total=1)), []),
    # DevTools silent: a restart after 30 s, then judged afresh (no second restart until 30 s more)
    "DevTools silent": (CFG, every(5, 70, lambda t: None), [(35, "restart"), (70, "restart")]),
    "DevTools silent briefly": (CFG, every(5, 200, lambda t: None if 50 <= t < 75 else deck(int(t // 12) % 12 + 1)), []),
    "nightly time crossed once": (wd.Settings(96, 45, 1e9, dt.time(4, 0), KIOSK), [(t, deck(t), w) for t, _, w in NIGHTLY],
                                  [(2, "reload"), (8, "reload")]),
    "nightly with DevTools silent": (wd.Settings(96, 45, 1e9, dt.time(4, 0), KIOSK), [(t, None, w) for t, _, w in NIGHTLY[:3]],
                                     [(2, "restart")]),
    "nightly off": (wd.Settings(96, 45, 1e9, None, KIOSK), [(t, deck(t), w) for t, _, w in NIGHTLY], []),
    # the watchdog started at 04:00:30: no crossing seen, so no nightly reload that night
    "nightly after start": (wd.Settings(96, 45, 1e9, dt.time(4, 0), KIOSK),
                            [(1, deck(1), at(1, 4, 0, 30)), (2, deck(2), at(1, 4, 0, 33))], []),
    # midnight itself as the nightly time
    "nightly at midnight": (wd.Settings(96, 45, 1e9, dt.time(0, 0), KIOSK),
                            [(1, deck(1), at(1, 23, 59, 58)), (2, deck(2), at(2, 0, 0, 1)), (3, deck(3), at(2, 0, 0, 4))], [(2, "reload")]),
}  # fmt: skip


@pytest.mark.parametrize(("cfg", "steps", "expected"), list(CASES.values()), ids=list(CASES))
def test_decision(cfg, steps, expected):
    assert run(steps, cfg) == expected


def test_decision_reasons_and_page():
    state = wd.initial_state(0)
    decision, state = wd.decide(state, wd.Observation(0, NOON, deck(3)), CFG)
    assert (decision.action, decision.reason) == ("ok", "slide 3/12")
    decision, state = wd.decide(state, wd.Observation(97, NOON, deck(3)), CFG)
    assert decision.action == "reload" and decision.reason == "frozen at slide 3/12 for 97 s (limit 96 s)"
    assert decision.page == deck(3)[0]
    _, state = wd.decide(wd.initial_state(0), wd.Observation(0, NOON, page("x", url="chrome-error://chromewebdata/")), CFG)
    decision, _ = wd.decide(state, wd.Observation(46, NOON, page("x", url="chrome-error://chromewebdata/")), CFG)
    assert decision.reason == "error page (chrome-error://chromewebdata/) for 46 s"


def test_marker_timing_and_page_choice():
    assert wd.marker_of("鄂尔多斯绿色转型 · 3/12") == ("3/12", 12)
    assert wd.marker_of("Ordos · green transition · 10/12") == ("10/12", 12)
    for title in ("鄂尔多斯绿色转型", "x ·3/12", "x · 3/12 ", "x - 3/12", "x · 3/", ""):
        assert wd.marker_of(title) is None, title
    assert wd.kiosk_timing(KIOSK) == (12, 60)
    assert wd.kiosk_timing(KIOSK + "&interval=8&idle=30") == (8, 30)
    assert wd.kiosk_timing(KIOSK + "&interval=abc&idle=-1") == (12, 60)
    other = wd.Page("O", "http://elsewhere/", "x")
    kiosk = wd.Page("K", KIOSK + "&interval=12", "y · 1/12")
    assert wd.pick_page([other, kiosk], KIOSK) == kiosk
    assert wd.pick_page([other], KIOSK) == other and wd.pick_page([], KIOSK) is None
    assert wd.parse_time("04:30") == dt.time(4, 30) and wd.parse_time("off") is None


ALL_PREFS = ["profile.exit_type", "profile.exited_cleanly", "translate.enabled", "browser.has_seen_welcome_page"]
FINE = '"translate":{"enabled":false},"browser":{"has_seen_welcome_page":true}'


@pytest.mark.parametrize(
    ("before", "changed"),
    [
        (None, ALL_PREFS),
        ("{not json", ALL_PREFS),
        ('{"profile":{"exit_type":"Crashed","exited_cleanly":false,"name":"Kiosk"},"translate":{"enabled":true,"x":1},'
         '"browser":{"has_seen_welcome_page":true},"zoom":{"level":0}}', ALL_PREFS[:3]),
        ('{"profile":{"exit_type":"SessionEnded","exited_cleanly":true},' + FINE + "}", ["profile.exit_type"]),
        ('{"profile":{"exit_type":"Normal","exited_cleanly":true},' + FINE + "}", []),
    ],
    ids=["missing", "corrupt", "crashed", "session ended", "already fine"],
)  # fmt: skip
def test_prepare_profile(tmp_path, before, changed):
    prefs = tmp_path / "Default" / "Preferences"
    if before is not None:
        prefs.parent.mkdir(parents=True)
        prefs.write_text(before, encoding="utf-8")
    mtime = prefs.stat().st_mtime_ns if prefs.exists() else None
    result = subprocess.run([sys.executable, str(WATCHDOG), "--prepare-profile", str(tmp_path)], capture_output=True, text=True, timeout=20)
    assert result.returncode == 0 and result.stdout.split() == changed, result
    data = json.loads(prefs.read_text(encoding="utf-8"))
    assert data["profile"]["exit_type"] == "Normal" and data["profile"]["exited_cleanly"] is True
    assert data["translate"]["enabled"] is False and data["browser"]["has_seen_welcome_page"] is True
    if before and before.startswith('{"profile":{"exit_type":"Crashed"'):
        assert data["profile"]["name"] == "Kiosk" and data["translate"]["x"] == 1 and data["zoom"] == {"level": 0}  # the rest is kept
    if not changed:
        assert prefs.stat().st_mtime_ns == mtime  # nothing to do: not rewritten
    assert [p.name for p in prefs.parent.iterdir()] == ["Preferences"]


def test_watchdog_uses_the_standard_library_only():
    tree = ast.parse(WATCHDOG.read_text(encoding="utf-8"))
    names = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert names - sys.stdlib_module_names - {"__future__"} == set()


# --------------------------------------------------------------------------------------------- the script


def test_script_passes_shellcheck():
    if not shutil.which("shellcheck"):
        pytest.skip("shellcheck is not installed (make chromium installs it; or: apt-get install shellcheck)")
    result = subprocess.run(["shellcheck", str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _check(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    conf = tmp_path / "kiosk.conf"
    conf.write_text(text, encoding="utf-8")
    env = {**os.environ, "ORDOS_KIOSK_CONF": str(conf), "XDG_STATE_HOME": str(tmp_path / "state")}
    return subprocess.run([str(SCRIPT), "--check"], capture_output=True, text=True, env=env, timeout=20)


def test_script_reads_its_configuration(tmp_path):
    result = _check(tmp_path, '# a screen\nURL="http://10.0.0.2:8501/kiosk?lang=both&screen=hall-a"\nINTERVAL=8\nDEBUG_PORT=9333\r\n'
                              "EXTRA_FLAGS='--force-device-scale-factor=1 --disable-gpu'\nCOLOUR=blue\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "address: http://10.0.0.2:8501/kiosk?lang=both&screen=hall-a&interval=8&idle=60\n" in result.stdout
    assert "unknown key COLOUR" in result.stderr
    command = result.stdout.split("chromium: ", 1)[1]
    for flag in ("--kiosk", "--noerrdialogs", "--hide-crash-restore-bubble", "--disable-features=Translate", "--lang=zh-CN",
                 "--disable-component-update", "--disable-background-networking", "--no-first-run", "--disable-pinch",
                 "--remote-debugging-port=9333", f"--user-data-dir={tmp_path}/state/ordos-kiosk/profile",
                 "--force-device-scale-factor=1 --disable-gpu"):  # fmt: skip
        assert f" {flag} " in command, flag
    # an address that has its own interval keeps it
    result = _check(tmp_path, "URL=http://h/kiosk?interval=5\n")
    assert "address: http://h/kiosk?interval=5&idle=60\n" in result.stdout
    for text, error in [("INTERVAL=5\n", "URL is not set"), ("URL=ftp://h/\n", "must start with http"),
                        ("URL=http://h/\nDEBUG_PORT=80\n", "DEBUG_PORT must be"),
                        ("URL=http://h/\nNIGHTLY_RELOAD=4am\n", "NIGHTLY_RELOAD")]:  # fmt: skip
        result = _check(tmp_path, text)
        assert result.returncode == 2 and error in result.stderr, (text, result.stderr)


# ------------------------------------------------------------------------------------- with a real Chromium

# A stand-in for the kiosk page: its title ends with " · N/5", advanced every ?interval= seconds by script;
# after ?stop= advances it freezes.
DECK_HTML = """<!doctype html><meta charset="utf-8"><title>鄂尔多斯绿色转型 · 1/5</title><body>
<script>
const q = new URLSearchParams(location.search), stop = +(q.get('stop') || 1e9);
let n = 1, k = 0;
setInterval(() => { if (k >= stop) return; k++; n = n % 5 + 1; document.title = '鄂尔多斯绿色转型 · ' + n + '/5'; },
            +(q.get('interval') || 12) * 1000);
</script>"""


@contextlib.contextmanager
def deck_site(folder: Path):
    """The stand-in page at /deck.html on a free loopback port; yields (base url, GET count per path)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.html").write_text(DECK_HTML, encoding="utf-8")
    gets: Counter[str] = Counter()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def do_GET(self):
            gets[self.path.split("?")[0]] += 1
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", gets
    finally:
        server.shutdown()
        server.server_close()


def devtools(port: int, path: str, method: str = "GET"):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method), timeout=3) as response:
        body = response.read()
    return json.loads(body) if body[:1] in (b"{", b"[") else body.decode()  # /json/close answers "Target is closing"


def pages(port: int) -> list[dict]:
    return [t for t in devtools(port, "/json/list") if t["type"] == "page"]


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            value = predicate()
            if value:
                return value
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 15) -> int:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    return process.returncode


def watchdog(port: int, url: str, log: Path, freeze_after: float = 1.5) -> subprocess.Popen:
    args = [sys.executable, str(WATCHDOG), "--port", str(port), "--url", url, "--freeze-after", str(freeze_after), "--grace", "3",
            "--poll", "0.25", "--silent-after", "20", "--nightly", "off"]  # fmt: skip
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=log.open("wb"), stdin=subprocess.DEVNULL)


@pytest.mark.browser
def test_watchdog_reloads_a_frozen_page_and_leaves_an_advancing_one(tmp_path):
    port = free_port()
    with deck_site(tmp_path / "site") as (base, gets):
        advancing = f"{base}/deck.html?interval=0.3"
        frozen = f"{base}/deck.html?interval=0.3&stop=3"  # three advances, then it stays on 4/5
        args = [CHROMIUM, *FLAGS, "--headless", f"--remote-debugging-port={port}", f"--user-data-dir={tmp_path / 'profile'}", advancing]
        browser = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        dog = None
        try:
            first = wait_for(lambda: [p for p in pages(port) if " · " in p["title"]], 20, "Chromium shows the deck")[0]
            # 1. a deck that keeps advancing (every 0.3 s): watched for 5 s with a 3 s limit, never reloaded
            dog = watchdog(port, advancing, tmp_path / "advancing.log", freeze_after=3)
            time.sleep(5)
            stop(dog)
            log = (tmp_path / "advancing.log").read_text()
            assert gets["/deck.html"] == 1, log
            assert [p["id"] for p in pages(port)] == [first["id"]]
            assert "reload:" not in log and "ok: slide" in log, log

            # 2. the same tab replaced by a deck that freezes: reloaded (a new GET, a new tab, the old one closed)
            frozen_tab = devtools(port, "/json/new?" + urllib.parse.quote(frozen, safe=""), method="PUT")
            devtools(port, f"/json/close/{first['id']}")
            wait_for(lambda: gets["/deck.html"] == 2, 5, "the frozen deck loaded")
            dog = watchdog(port, frozen, tmp_path / "frozen.log")
            started = time.monotonic()
            wait_for(lambda: gets["/deck.html"] >= 3, 15, "the watchdog reloaded the frozen page")
            took = time.monotonic() - started
            tabs = wait_for(lambda: (lambda ps: ps if len(ps) == 1 else None)(pages(port)), 5, "one tab left")
            # the watchdog writes its line once the old tab is closed: on a busy machine a moment after
            wait_for(lambda: "reload:" in (tmp_path / "frozen.log").read_text(), 5, "the watchdog's reload line")
            stop(dog)
            log = (tmp_path / "frozen.log").read_text()
            assert re.search(r"reload: frozen at slide 4/5 for \d+ s \(limit 1.5 s\); new tab \w+, closed 1", log), log
            assert tabs[0]["id"] != frozen_tab["id"] and tabs[0]["url"] == frozen
            assert took < 12, took  # 0.9 s of slides, 1.5 s frozen, a poll (and a busy machine)
        finally:
            if dog is not None:
                stop(dog)
            stop(browser)


def _started(log: Path) -> list[int]:
    return [int(pid) for pid in re.findall(r"started Chromium \(pid (\d+)\)", log.read_text(errors="replace"))]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):  # a zombie (not reaped yet) is gone for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    return False


@pytest.mark.browser
def test_supervisor_restarts_chromium_and_stops_it_when_stopped(tmp_path):
    port = free_port()
    with deck_site(tmp_path / "site") as (base, gets):
        conf = tmp_path / "kiosk.conf"
        extra = " ".join([*FLAGS, "--headless"])
        conf.write_text(f'URL="{base}/deck.html?screen=hall-a"\nINTERVAL=0.5\nIDLE=2\nDEBUG_PORT={port}\n'
                        f'PROFILE_DIR={tmp_path / "profile"}\nEXTRA_FLAGS="{extra}"\nRESTART_DELAY=1\n')  # fmt: skip
        log = tmp_path / "kiosk.log"
        env = {**os.environ, "ORDOS_KIOSK_CONF": str(conf), "XDG_STATE_HOME": str(tmp_path / "state")}
        env.pop("DISPLAY", None)
        env.pop("JOURNAL_STREAM", None)
        script = subprocess.Popen([str(SCRIPT)], env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"), stdin=subprocess.DEVNULL)
        seen: set[int] = set()
        try:
            first = wait_for(lambda: _started(log), 10, "the script started Chromium")[0]
            seen.add(first)
            wait_for(lambda: pages(port), 20, "DevTools answers")
            wait_for(lambda: gets["/deck.html"] == 1, 10, "Chromium loaded the page")

            os.kill(first, signal.SIGKILL)  # as a crash would
            killed = time.monotonic()
            second = wait_for(lambda: [p for p in _started(log) if p != first], 10, "a new Chromium")[0]
            seen.add(second)
            wait_for(lambda: gets["/deck.html"] == 2, 15, "the new Chromium loaded the page")
            back = time.monotonic() - killed
            text = log.read_text()
            assert re.search(rf"Chromium \(pid {first}\) exited with status 137 after \d+ s; restart 1 in 1 s", text), text
            assert back < 15, back  # 1 s restart delay, Chromium's start, the page (on a busy machine)

            script.send_signal(signal.SIGUSR1)  # what the watchdog sends when DevTools is silent
            third = wait_for(lambda: [p for p in _started(log) if p not in seen], 15, "Chromium restarted on SIGUSR1")[0]
            seen.add(third)
            assert "restart requested (SIGUSR1)" in log.read_text()
            watchdog_pid = int(re.search(r"started the watchdog \(pid (\d+)\)", log.read_text()).group(1))
            assert _alive(watchdog_pid) and _alive(third)

            assert stop(script) == 0
            text = log.read_text()
            assert "stopping (signal): Chromium and the watchdog" in text and "stopped after 2 restarts" in text, text
            assert not any(_alive(pid) for pid in [*seen, watchdog_pid])
            time.sleep(1)  # the browser's helpers (renderer, GPU, zygote) follow it out
            profile = str(tmp_path / "profile")
            leftovers = [pid for pid in map(int, filter(str.isdigit, os.listdir("/proc"))) if _cmdline_has(pid, profile)]
            assert leftovers == [], leftovers
        finally:
            stop(script)
            for pid in seen:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)


def _cmdline_has(pid: int, text: str) -> bool:
    try:
        return text in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace") and _alive(pid)
    except OSError:
        return False
