"""What the status page /screens shows: the refusal without the right token, else every screen that reported in
(core.screens), newest report first, a silent one flagged with an icon and a word. Live data: made on every run,
never cached. Names and every other value reach the template as text (autoescaped; names set in <bdi>)."""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass

from markupsafe import Markup

from components import render
from core import screens, settings
from core.i18n import t
from core.text import lang_attr

REFRESH_SECONDS = 15


def access(given: object) -> str:
    """'ok' for the configured token, 'unconfigured' when the server has none (then nothing ever opens the page),
    'denied' otherwise. Compared in constant time."""
    expected = settings.screens_token()
    if expected is None:
        return "unconfigured"
    if isinstance(given, str) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        return "ok"
    return "denied"


def duration(seconds: float | None, lang: str) -> str:
    """'2 d 3 h', '3 h 12 min', '4 min 5 s', '45 s' (the two largest units); '–' when unknown."""
    if seconds is None:
        return "–"
    left = int(seconds)
    parts = []
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60), ("seconds", 1)):
        if left >= size or (unit == "seconds" and not parts):
            parts.append(t(f"screens.{unit}", lang, n=left // size))
            left %= size
        if len(parts) == 2 or (parts and unit != "seconds" and left == 0):
            break
    return " ".join(parts)


def clock(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))


@dataclass(frozen=True)
class Row:
    """One screen as a row of the list: every cell as the page's language writes it."""

    name: str
    silent: bool
    status: str
    state: str
    page: str
    lang: str
    slide: str
    last: str
    ago: str
    uptime: str
    reconnects: str
    version: str
    version_differs: bool
    first: str
    reports: str


def _state(screen: screens.Screen, lang: str) -> str:
    """What the deck was doing; for a silent screen, what it was doing when it last reported."""
    if not screen.state:
        return ""
    state = t(f"screens.state_{screen.state}", lang)
    return t("screens.last_state", lang, state=state) if screen.silent else state


def row(screen: screens.Screen, lang: str, version: str) -> Row:
    return Row(
        name=screen.name,
        silent=screen.silent,
        status=t("screens.status_silent" if screen.silent else "screens.status_ok", lang),
        state=_state(screen, lang),
        page=t(f"screens.page_{screen.page}", lang),
        lang=t(f"screens.lang_{screen.lang}", lang),
        slide=f"{screen.slide} / {screen.total}" if screen.slide and screen.total else "–",
        last=clock(screen.last_seen),
        ago=t("screens.ago", lang, ago=duration(screen.age_s, lang)),
        uptime=duration(screen.uptime_s, lang),
        reconnects="–" if screen.reconnects is None else str(screen.reconnects),
        version=screen.version,
        version_differs=screen.version != version,
        first=clock(screen.first_seen),
        reports=t("screens.reports", lang, n=screen.reports),
    )


def _page(template: str, lang: str, **context) -> Markup:
    return render.render(template, lang=lang, lang_attr=lang_attr(lang), stylesheet=Markup(render.stylesheet("screens")), **context)


def status(lang: str, now: float | None = None) -> Markup:
    """The list of screens (or that none has reported yet), with a summary and this server's version and time."""
    now = time.time() if now is None else now
    version = settings.app_version()
    listed = screens.listing(now=now)
    rows = [row(s, lang, version) for s in listed]
    minutes = int(screens.SILENT_AFTER // 60)
    return _page(
        "screens/status.html",
        lang,
        rows=rows,
        summary=t("screens.summary", lang, n=len(rows), silent=sum(r.silent for r in rows), minutes=minutes),
        refresh=t("screens.refresh", lang, seconds=REFRESH_SECONDS, minutes=minutes),
        server=t("screens.server", lang, version=version, time=clock(now)),
    )


def refusal(lang: str, reason: str) -> Markup:
    """No list: why (no token configured, or the token is missing or wrong), in the page's language and the other."""
    kind = "unconfigured" if reason == "unconfigured" else "refused"
    other = "en" if lang == "zh" else "zh"
    texts = [(code, t(f"screens.{kind}_title", code), t(f"screens.{kind}_body", code)) for code in (lang, other)]
    return _page("screens/refusal.html", lang, texts=[(lang_attr(code), title, body) for code, title, body in texts])
