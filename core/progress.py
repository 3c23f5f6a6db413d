"""Progress since 2020: the status vocabulary and the one rule that gives an indicator its status.

The build applies the rule (pipeline writes the `indicator_status` table); the app, the slides and the
phone edition show its result with this vocabulary: always the icon and the word (locales/*/progress.toml
`status_<status>`), never the colour alone. Plain Python, no Streamlit and no build code, so that both
sides import it.

The rule, stated here and on the About page:
- no data: no observed value yet;
- not assessable: the 2024 target is text (e.g. 完成自治区下达的目标任务), so no number to compare;
- achieved: the latest observed value satisfies the 2024 target (its comparator; without one, 'at least'
  the target when higher is better, 'at most' when lower is better);
- on track: not yet achieved, observed before 2024, and at least as far along as the straight line from
  the 2020 value to the 2024 target at the observation's year (in the direction of progress);
- off track: otherwise (behind that line, or not achieved in or after 2024, or a bound that was met in
  2020 and is no longer met).
"""

from __future__ import annotations

from core.i18n import t

BASE_YEAR, TARGET_YEAR = 2020, 2024
# The order in which pages, legends and slides list the statuses.
STATUSES = ("achieved", "on_track", "off_track", "not_assessable", "no_data")
# The order in which the rule checks them (the About page states it in this order).
RULE_ORDER = ("no_data", "not_assessable", "achieved", "on_track", "off_track")
ICONS = {"achieved": "✓", "on_track": "↗", "off_track": "⚠", "not_assessable": "?", "no_data": "–"}


def word(status: str, lang: str) -> str:
    """The status in words: 'Achieved', 'On track', 'Off track', 'Not assessable', 'No data' (locales progress.toml)."""
    return t(f"progress.status_{status}", lang)


def label(status: str, lang: str) -> str:
    """Icon and word together ('⚠ Off track'): the form every page and slide shows, never the colour alone."""
    return f"{ICONS[status]} {word(status, lang)}"


_OPS = {">": lambda v, t: v > t, "≥": lambda v, t: v >= t, "<": lambda v, t: v < t, "≤": lambda v, t: v <= t}


def expected_value(base: float, target: float, year: int) -> float:
    """The straight-line path from the 2020 value to the 2024 target, at `year` (capped at the target)."""
    share = min(max((year - BASE_YEAR) / (TARGET_YEAR - BASE_YEAR), 0.0), 1.0)
    return base + (target - base) * share


def status(indicator: dict, observations: list[dict]) -> tuple[str, dict | None]:
    """(status, latest observation or None) for one indicator row and its observation rows."""
    if not observations:
        return "no_data", None
    latest = max(observations, key=lambda o: o["year"])
    target, base = indicator["target_2024"], indicator["baseline_2020"]
    if indicator["target_kind"] == "text" or target is None or base is None:
        return "not_assessable", latest
    increase = indicator["direction"] == "increase"
    op = indicator["target_cmp"] or ("≥" if increase else "≤")
    value = latest["value"]
    if _OPS[op](value, target):
        return "achieved", latest
    if latest["year"] >= TARGET_YEAR or indicator.get("met_in_2020"):
        return "off_track", latest
    expected = expected_value(base, target, latest["year"])
    ahead = value >= expected if increase else value <= expected
    return ("on_track" if ahead else "off_track"), latest


def status_rows(indicators: list[dict], observations: list[dict]) -> list[dict]:
    """One `indicator_status` row per indicator: its status, how many values, the latest and the expected value."""
    rows = []
    for ind in indicators:
        own = [o for o in observations if o["indicator_no"] == ind["indicator_no"]]
        state, latest = status(ind, own)
        expected = None
        if latest and state in ("on_track", "off_track") and ind["target_2024"] is not None:
            expected = expected_value(ind["baseline_2020"], ind["target_2024"], latest["year"])
        rows.append({"indicator_no": ind["indicator_no"], "status": state, "observations": len(own),
                     "latest_year": latest["year"] if latest else None, "latest_value": latest["value"] if latest else None,
                     "expected_at_latest": expected})  # fmt: skip
    return rows
