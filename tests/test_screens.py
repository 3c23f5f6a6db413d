"""The screens' reports (core.screens) and the status page /screens, without a browser: names bounded, numbers
bounded, one row per screen, a bounded number of screens, a silent screen flagged, two processes sharing one store;
the page answers only with the configured token, lists nothing otherwise, and shows hostile names as text."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from core import screens, settings
from tests.conftest import ROOT, html_of, open_page

EVIL = ("<script>alert(1)</script>", "hall\u202eevil\u202c-b", "x" * 10_000, "a\x00b\x1bc\r\nd", "  ")
TOKEN = "s3cret-token-\u00e4"


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "screens.sqlite"
    monkeypatch.setenv("ORDOS_SCREENS_DB", str(path))
    return path


def _report(name: str = "hall-a", **sent) -> screens.Report:
    sent = {"slide": 3, "total": 12, "state": "playing", "uptime": 61.5, "reconnects": 1, **sent}
    item = screens.report(name, "kiosk", "both", sent, "0.1.0+abc1234")
    assert item is not None
    return item


def test_names_are_bounded_and_without_control_characters():
    assert screens.screen_name("hall-a") == "hall-a"
    assert screens.screen_name("  展厅 A\t2  ") == "展厅 A 2"
    assert screens.screen_name(EVIL[0]) == "<script>alert(1)</script>"  # kept as text: the template escapes it
    assert screens.screen_name(EVIL[1]) == "hallevil-b"  # no bidirectional override
    assert screens.screen_name(EVIL[2]) == "x" * screens.NAME_MAX
    assert screens.screen_name(EVIL[3]) == "abc d"
    assert screens.screen_name(EVIL[4]) is None and screens.screen_name(None) is None and screens.screen_name("\u200b") is None


def test_what_the_browser_sends_is_bounded():
    sent = {"slide": 1e9, "total": "12", "state": "<b>", "uptime": -5, "reconnects": True}
    item = screens.report("hall-a", "kiosk", "en", sent, "v" * 99)
    assert (item.slide, item.total, item.state, item.uptime_s, item.reconnects) == (None, None, None, None, None)
    assert item.version == "v" * screens.VERSION_MAX and item.lang == "en"
    assert screens.report("hall-a", "kiosk", "xx", "not a dict", "1").lang == "zh"
    assert screens.report("hall-a", "admin", "zh", {}, "1") is None and screens.report("", "kiosk", "zh", {}, "1") is None
    assert screens.report("hall-a", "present", "zh", {"slide": float("nan")}, "1").slide is None


def test_one_row_per_screen_newest_first_silent_flagged(store):
    screens.record(_report("hall-a"), now=1000.0)
    screens.record(_report("hall-b", slide=5), now=1010.0)
    screens.record(_report("hall-a", slide=4), now=1020.0)
    listed = screens.listing(now=1030.0)
    assert [(s.name, s.slide, s.reports, s.first_seen, s.last_seen) for s in listed] == [
        ("hall-a", 4, 2, 1000.0, 1020.0),
        ("hall-b", 5, 1, 1010.0, 1010.0),
    ]
    assert not any(s.silent for s in listed)
    later = screens.listing(now=1010.0 + screens.SILENT_AFTER + 1)
    assert {s.name: s.silent for s in later} == {"hall-a": False, "hall-b": True}
    assert later[1].age_s == pytest.approx(screens.SILENT_AFTER + 1)


def test_the_store_keeps_a_bounded_number_of_screens(store, monkeypatch):
    monkeypatch.setattr(screens, "MAX_SCREENS", 5)
    for i in range(8):
        screens.record(_report(f"screen-{i}"), now=2000.0 + i)
    assert [s.name for s in screens.listing(now=2010.0)] == [f"screen-{i}" for i in (7, 6, 5, 4, 3)]


def test_two_processes_share_one_store(store):
    """What two replicas on one host do: each writes reports at once, and each reads the other's."""
    writer = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from core import screens
        for i in range(40):
            screens.record(screens.report(sys.argv[1], "kiosk", "zh", {{"slide": i % 12 + 1, "total": 12}}, "1"))
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", writer, name]) for name in ("replica-1-screen", "replica-2-screen")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    listed = {s.name: s.reports for s in screens.listing()}
    assert listed == {"replica-1-screen": 40, "replica-2-screen": 40}
    assert store.exists() and (store.with_name(store.name + "-wal").exists() or store.stat().st_size > 0)


# --------------------------------------------------------------------------------------------- the page


def _screens_page(query: dict[str, str]):
    return open_page("pages/screens.py", timeout=60, **query)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_page_without_a_configured_token_refuses_and_lists_nothing(store, monkeypatch, lang):
    monkeypatch.delenv("ORDOS_SCREENS_TOKEN", raising=False)
    screens.record(_report("hall-a"))
    for query in ({"lang": lang}, {"lang": lang, "token": ""}, {"lang": lang, "token": "anything"}):
        at = _screens_page(query)
        assert not at.exception
        page = html_of(at)
        assert "hall-a" not in page and 'class="sc-list' not in page
        assert ("未配置" if lang == "zh" else "not configured") in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_page_with_a_wrong_token_refuses_and_lists_nothing(store, monkeypatch, lang):
    monkeypatch.setenv("ORDOS_SCREENS_TOKEN", TOKEN)
    screens.record(_report("hall-a"))
    for token in (None, "", TOKEN[:-1], TOKEN + "x", TOKEN.upper(), f" {TOKEN}"):
        at = _screens_page({"lang": lang} | ({"token": token} if token is not None else {}))
        assert not at.exception
        page = html_of(at)
        assert "hall-a" not in page and 'class="sc-list' not in page, token
        assert ("无权查看" if lang == "zh" else "no access") in page.lower() or "无权" in page


def test_status_page_with_the_token_lists_screens_and_shows_hostile_names_as_text(store, monkeypatch):
    monkeypatch.setenv("ORDOS_SCREENS_TOKEN", TOKEN)
    screens.record(_report("hall-a", slide=7), now=1.0)  # long silent
    for name in EVIL:
        if screens.screen_name(name):
            screens.record(_report(name))
    at = _screens_page({"lang": "en", "token": TOKEN})
    assert not at.exception
    page = html_of(at)
    assert 'class="sc-list' in page and "hall-a" in page and "7 / 12" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\u202e" not in page and "hallevil-b" in page
    assert "x" * screens.NAME_MAX in page and "x" * (screens.NAME_MAX + 1) not in page
    assert page.count('class="sc-row silent"') == 1  # hall-a, and only it
    assert "when last heard: playing" in page and page.count("when last heard") == 1
    assert settings.app_version() in page


def test_status_page_in_chinese_lists_too(store, monkeypatch):
    monkeypatch.setenv("ORDOS_SCREENS_TOKEN", TOKEN)
    screens.record(_report("展厅-东"))
    page = html_of(_screens_page({"token": TOKEN}))
    assert "展厅-东" in page and "屏幕" in page
