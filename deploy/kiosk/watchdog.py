#!/usr/bin/env python3
"""Watchdog of an Ordos exhibition screen: reloads the kiosk page when its slides stop changing.

Polls Chromium's DevTools HTTP endpoint (http://127.0.0.1:PORT/json/list) every few seconds and keeps the
title of the page target. While the deck runs, the title ends with " · N/T" (current slide and total). It
reloads the page

* when that marker has not changed for longer than --freeze-after seconds (default: idle + 3 × interval,
  read from the kiosk address's ?interval= and ?idle=, defaults 12 and 60): a hung renderer, a crashed tab,
  a deck whose timer died;
* when the page is blank for longer than --grace seconds: no page target, about:blank, a chrome-error://
  page (the server was unreachable), an empty title or a title without the marker;
* once a night at --nightly HH:MM (local time).

Reloading opens a fresh target with the kiosk address (PUT /json/new?<url>) and then closes the others
(/json/close/<id>), in that order, so the window never loses its last tab. If DevTools does not answer at
all for --silent-after seconds, it asks the supervisor (--supervisor-pid, the ordos-kiosk script) to
restart Chromium by sending it SIGUSR1. One line per decision goes to stderr (journald picks it up).

`watchdog.py --prepare-profile DIR` is the script's other helper, run before every Chromium start: it sets
the profile's preferences so that Chromium shows no "restore pages?" prompt (last exit marked normal) and
offers no translation (translate.enabled false: Chromium 156 ignores --disable-features=Translate there).

Python 3 standard library only, so it runs on a stock Debian/Ubuntu exhibition PC. The decision is the
pure function `decide` (tested in tests/test_kiosk_player.py); `main` only observes and acts.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import re
import signal
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

MARKER = re.compile(r" · (\d+)/(\d+)$")
DEFAULT_INTERVAL, DEFAULT_IDLE = 12.0, 60.0
BLANK_SCHEMES = ("about:", "chrome-error:", "chrome:", "chrome-search:", "devtools:")


@dataclass(frozen=True)
class Page:
    """A page target of /json/list."""

    id: str
    url: str
    title: str


@dataclass(frozen=True)
class Settings:
    freeze_after: float  # seconds without a slide change before a reload
    grace: float  # seconds a page may be blank (or not yet show the marker) before a reload
    silent_after: float  # seconds without any DevTools answer before Chromium is restarted
    nightly: dt.time | None  # local time of the nightly reload, or None
    kiosk_url: str = ""  # used to pick the kiosk page if there are several


@dataclass(frozen=True)
class Observation:
    now: float  # monotonic seconds
    wall: dt.datetime  # local wall-clock time (for the nightly reload only)
    pages: list[Page] | None  # None: DevTools did not answer


@dataclass(frozen=True)
class State:
    since: float  # watchdog start or the last reload/restart: nothing is judged on what came before
    answered: float  # DevTools answered last at
    page_id: str | None = None
    marker: str | None = None  # "N/T" as last seen
    marker_at: float = 0.0  # when that marker was first seen
    bad_at: float | None = None  # when the page was first seen blank/without marker (None: it is fine)
    wall: dt.datetime | None = None  # the previous observation's wall-clock time
    nightly_done: dt.date | None = None  # the date whose nightly reload has been done


@dataclass(frozen=True)
class Decision:
    action: str  # "ok" (all well), "wait" (something is off, still within its allowance), "reload", "restart"
    reason: str
    kind: str = "ok"  # what the reason is about (ok, frozen, blank, silent, nightly): the log notes changes of it
    page: Page | None = None  # the page judged (reload: the one to replace)


def initial_state(now: float) -> State:
    return State(since=now, answered=now, marker_at=now)


def marker_of(title: str) -> tuple[str, int] | None:
    """'鄂尔多斯绿色转型 · 3/12' -> ('3/12', 12); None when the title has no slide marker."""
    m = MARKER.search(title or "")
    return (f"{int(m.group(1))}/{int(m.group(2))}", int(m.group(2))) if m else None


def blank_reason(page: Page | None) -> str | None:
    """Why this page is not a running deck (None if its title carries the marker)."""
    if page is None:
        return "no page target"
    url = page.url.strip()
    if not url or url.startswith(BLANK_SCHEMES):
        return f"blank page ({url or 'no address'})" if not url.startswith("chrome-error:") else f"error page ({url})"
    if not page.title.strip():
        return "empty title"
    if marker_of(page.title) is None:
        return f"no slide number in the title {page.title[:60]!r}"
    return None


def pick_page(pages: list[Page], kiosk_url: str) -> Page | None:
    """The kiosk page: the first page on the kiosk address's origin and path, else the first page."""
    if not pages:
        return None
    want = urllib.parse.urlsplit(kiosk_url)
    for page in pages:
        got = urllib.parse.urlsplit(page.url)
        if (got.scheme, got.netloc, got.path) == (want.scheme, want.netloc, want.path):
            return page
    return pages[0]


def nightly_due(prev: dt.datetime, now: dt.datetime, at: dt.time) -> dt.date | None:
    """The date whose `at` o'clock lies in (prev, now], if any (a clock going backwards crosses nothing)."""
    for day in sorted({prev.date(), now.date()}, reverse=True):
        moment = dt.datetime.combine(day, at, tzinfo=now.tzinfo)
        if prev < moment <= now:
            return day
    return None


def _acted(state: State, now: float, wall: dt.datetime, **changes) -> State:
    """The state after a reload or restart: a fresh start, judged from now on."""
    return replace(state, since=now, answered=now, page_id=None, marker=None, marker_at=now, bad_at=None, wall=wall, **changes)


def decide(state: State, obs: Observation, cfg: Settings) -> tuple[Decision, State]:
    """What to do about this observation, and the state to judge the next one by. Pure: no I/O, no clock."""
    now = obs.now
    pages = obs.pages
    page = pick_page(pages, cfg.kiosk_url) if pages is not None else None

    if cfg.nightly is not None and state.wall is not None:
        day = nightly_due(state.wall, obs.wall, cfg.nightly)
        if day is not None and day != state.nightly_done:
            action = "reload" if pages is not None else "restart"
            reason = f"nightly reload at {cfg.nightly:%H:%M}" + ("" if pages is not None else " (DevTools silent: restart)")
            return Decision(action, reason, "nightly", page), _acted(state, now, obs.wall, nightly_done=day)
    state = replace(state, wall=obs.wall)

    if pages is None:
        quiet = now - max(state.answered, state.since)
        if quiet > cfg.silent_after:
            return Decision("restart", f"DevTools silent for {quiet:.0f} s", "silent"), _acted(state, now, obs.wall)
        return Decision("wait", f"DevTools silent for {quiet:.0f} s", "silent"), state
    state = replace(state, answered=now)

    if page is not None and page.id != state.page_id:  # a new tab (or a restarted Chromium): its own clock
        state = replace(state, page_id=page.id, marker=None, marker_at=now)

    problem = blank_reason(page)
    if problem is not None:
        bad_at = state.bad_at if state.bad_at is not None else now
        state = replace(state, bad_at=bad_at, marker=None, marker_at=now)
        lasted = now - max(bad_at, state.since)
        if lasted > cfg.grace:
            return Decision("reload", f"{problem} for {math.ceil(lasted)} s", "blank", page), _acted(state, now, obs.wall)
        return Decision("wait", problem, "blank", page), state

    marker, total = marker_of(page.title) or ("", 0)  # blank_reason said it has one
    state = replace(state, bad_at=None)
    if marker != state.marker:
        return Decision("ok", f"slide {marker}", "ok", page), replace(state, marker=marker, marker_at=now)
    still = now - max(state.marker_at, state.since)
    if total > 1 and still > cfg.freeze_after:
        reason = f"frozen at slide {marker} for {math.ceil(still)} s (limit {cfg.freeze_after:g} s)"
        return Decision("reload", reason, "frozen", page), _acted(state, now, obs.wall)
    if total > 1 and still > cfg.freeze_after / 2:
        return Decision("wait", f"slide {marker} for {still:.0f} s", "frozen", page), state
    return Decision("ok", f"slide {marker}", "ok", page), state


# ------------------------------------------------------------------------------------------- observing, acting

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through a proxy


def devtools(port: int, path: str, method: str = "GET", timeout: float = 2.0) -> bytes:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method)
    with _OPENER.open(request, timeout=timeout) as response:
        return response.read()


def list_pages(port: int) -> list[Page] | None:
    """The page targets (tabs), or None if DevTools does not answer."""
    try:
        targets = json.loads(devtools(port, "/json/list"))
    except (OSError, ValueError):
        return None
    return [
        Page(str(t.get("id", "")), str(t.get("url", "")), str(t.get("title", "")))
        for t in targets
        if t.get("type") == "page" and not str(t.get("url", "")).startswith("devtools:")
    ]


def reload(port: int, url: str, pages: list[Page]) -> str:
    """A fresh tab with the kiosk address, then the other tabs closed. Returns what happened, for the log."""
    try:
        created = json.loads(devtools(port, "/json/new?" + urllib.parse.quote(url, safe=""), method="PUT"))
        new_id = str(created["id"])
    except (OSError, ValueError, KeyError) as exc:
        return f"could not open a new tab ({exc}); the old one stays"
    closed = 0
    for page in pages:
        if page.id != new_id:
            try:
                devtools(port, f"/json/close/{page.id}")
                closed += 1
            except OSError:
                pass
    with contextlib.suppress(OSError):
        devtools(port, f"/json/activate/{new_id}")
    return f"new tab {new_id[:8]}, closed {closed}"


def restart(supervisor_pid: int | None) -> str:
    if not supervisor_pid:
        return "no supervisor to restart Chromium (--supervisor-pid not given)"
    try:
        os.kill(supervisor_pid, signal.SIGUSR1)
    except OSError as exc:
        return f"could not signal the supervisor {supervisor_pid}: {exc}"
    return f"asked the supervisor (pid {supervisor_pid}) to restart Chromium"


def kiosk_timing(url: str) -> tuple[float, float]:
    """The deck's ?interval= and ?idle= in the kiosk address (defaults 12 and 60)."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)

    def number(key: str, default: float) -> float:
        try:
            value = float(query[key][-1])
            return value if value > 0 else default
        except (KeyError, ValueError):
            return default

    return number("interval", DEFAULT_INTERVAL), number("idle", DEFAULT_IDLE)


def parse_time(text: str) -> dt.time | None:
    text = text.strip()
    if text.lower() in ("", "off", "no", "none"):
        return None
    return dt.datetime.strptime(text, "%H:%M").time()


# ------------------------------------------------------------------------------------------- the profile

PROFILE_PREFS = {
    ("profile", "exit_type"): "Normal",  # no "Chromium didn't shut down correctly" / "Restore pages?"
    ("profile", "exited_cleanly"): True,
    ("translate", "enabled"): False,  # no "Translate this page?" bubble
    ("browser", "has_seen_welcome_page"): True,
}


def prepare_profile(profile_dir: Path) -> list[str]:
    """Set PROFILE_PREFS in the profile's Default/Preferences (created if missing; a corrupt file is replaced,
    as Chromium would do). Returns the names of the preferences it changed."""
    path = Path(profile_dir) / "Default" / "Preferences"
    try:
        prefs = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        prefs = None
    if not isinstance(prefs, dict):
        prefs = {}
    changed = []
    for (section, key), value in PROFILE_PREFS.items():
        if not isinstance(prefs.get(section), dict):
            prefs[section] = {}
        if prefs[section].get(key) != value:
            prefs[section][key] = value
            changed.append(f"{section}.{key}")
    if changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".ordos-kiosk")
        temporary.write_text(json.dumps(prefs, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, path)
    return changed


def log(message: str) -> None:
    stamp = "" if os.environ.get("JOURNAL_STREAM") else time.strftime("%Y-%m-%d %H:%M:%S ")
    print(f"{stamp}ordos-kiosk watchdog: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--prepare-profile"] and len(argv) == 2:
        print(" ".join(prepare_profile(Path(argv[1]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True, help="Chromium's --remote-debugging-port")
    parser.add_argument("--url", required=True, help="the kiosk address (its ?interval= and ?idle= set the freeze limit)")
    parser.add_argument("--freeze-after", type=float, help="seconds without a slide change (default: idle + 3 × interval)")
    parser.add_argument("--grace", type=float, default=45, help="seconds a page may be blank or without marker (default 45)")
    parser.add_argument("--silent-after", type=float, default=30, help="seconds without DevTools before a restart (default 30)")
    parser.add_argument("--nightly", default="04:00", help="local HH:MM of the nightly reload, or 'off' (default 04:00)")
    parser.add_argument("--poll", type=float, default=3, help="seconds between looks (default 3)")
    parser.add_argument("--heartbeat", type=float, default=600, help="seconds between 'alive' lines (default 600, 0: none)")
    parser.add_argument("--supervisor-pid", type=int, help="the ordos-kiosk script, which restarts Chromium on SIGUSR1")
    args = parser.parse_args(argv)

    interval, idle = kiosk_timing(args.url)
    try:
        nightly = parse_time(args.nightly)
    except ValueError:
        parser.error(f"--nightly {args.nightly!r}: write HH:MM (24 h) or off")
    cfg = Settings(args.freeze_after or idle + 3 * interval, args.grace, args.silent_after, nightly, args.url)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    log(
        f"watching 127.0.0.1:{args.port} for {args.url}: reload when the slide stays for {cfg.freeze_after:.0f} s, "
        f"a blank page stays for {cfg.grace:.0f} s, {f'nightly at {nightly:%H:%M}' if nightly else 'no nightly reload'}; "
        f"restart Chromium when DevTools is silent for {cfg.silent_after:.0f} s"
    )
    state = initial_state(time.monotonic())
    kind, reloads, restarts, beat = "start", 0, 0, time.monotonic()
    try:
        while True:
            pages = list_pages(args.port)
            decision, state = decide(state, Observation(time.monotonic(), dt.datetime.now().astimezone(), pages), cfg)
            line = None
            if decision.action == "reload":
                reloads += 1
                line = f"reload: {decision.reason}; {reload(args.port, args.url, pages or [])}"
            elif decision.action == "restart":
                restarts += 1
                line = f"restart: {decision.reason}; {restart(args.supervisor_pid)}"
            elif decision.kind != kind:
                line = f"{decision.action}: {decision.reason}"
            elif args.heartbeat and time.monotonic() - beat >= args.heartbeat:
                line = f"alive: {decision.reason}; {reloads} reloads, {restarts} restarts so far"
            if line:
                log(line)
                beat = time.monotonic()
            kind = decision.kind
            time.sleep(args.poll)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
