"""Progress since 2020 on the indicators page: a status as a chip, the overview of the 36 indicators' statuses,
one indicator's status with the sentence that explains it, and its observed values with their sources.

The status vocabulary (order, icons, words) is core.progress, the rule that gives the status too; the markup
is components/templates/indicators/status.html, the colours come from the stylesheet (var(--status-…)).
Pure: (data, lang, …) -> Markup or str; no st.* here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from babel.dates import format_date
from markupsafe import Markup

from components.indicators.values import categories, target_text, with_unit
from components.render import macro
from core import fmt, pages, progress
from core.i18n import col, t
from core.progress import TARGET_YEAR, expected_value
from core.text import has_cjk, missing

TEMPLATE = "indicators/status.html"


@dataclass(frozen=True)
class Chip:
    """A status as the page shows it: icon and word, optionally a count."""

    status: str
    icon: str
    word: str
    count: int | None = None


@dataclass(frozen=True)
class Tile:
    """One indicator in the overview: its number and status icon, a link to its detail."""

    no: int
    status: str
    icon: str
    label: str  # '32 Share of non-fossil energy…: ⚠ Off track', for the title and screen readers
    href: str


@dataclass(frozen=True)
class Group:
    """One category in the overview: its name, its counts in one line and its indicators' tiles."""

    name: str
    line: str
    tiles: tuple[Tile, ...]


@dataclass(frozen=True)
class Observed:
    """One observed value with its source, as the list of sources shows it."""

    value: str
    year: int
    prefix: str
    title: str
    ref: str
    link: bool  # the reference is a web address
    published: str
    note: str
    title_zh: bool
    ref_zh: bool
    note_zh: bool


def chip(status: str, lang: str, count: int | None = None) -> Chip:
    return Chip(status, progress.ICONS[status], progress.word(status, lang), count)


def status_chip_html(status: str, lang: str, count: int | None = None) -> Markup:
    """A status as a small outlined chip: icon, word and optionally a count; the colour only repeats them."""
    return macro(TEMPLATE, "chip")(chip(status, lang, count))


def status_counts(indicators: pd.DataFrame, states: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Counts by category (table order) and status (core.progress.STATUSES order), zeros included; one row per pair."""
    by_no = states.set_index("indicator_no")["status"]
    rows = []
    for category in categories(indicators, lang):
        members = indicators[indicators[col(lang, "category")] == category]["indicator_no"]
        found = by_no.reindex(members).fillna("no_data")
        rows += [{"category": category, "status": s, "label": progress.label(s, lang), "indicators": int((found == s).sum())}
                 for s in progress.STATUSES]  # fmt: skip
    return pd.DataFrame(rows)


def progress_overview_html(
    indicators: pd.DataFrame, states: pd.DataFrame, lang: str, params: Mapping[str, str], addresses: pages.Addresses = pages.APP
) -> Markup:
    """The statuses of the 36 indicators: counts overall and per category, and a tile per indicator linking to it
    (the current page with `indicator=N` added to `params`, the rest of the URL state, as `addresses` writes links).

    Without any observed value (the shipped state) it says so in one line instead, and, a tap away, what will
    appear once values are published: the five statuses with what each means, and the rule on the About page.
    """
    observed = states[states["observations"] > 0]
    rule = (addresses.href("about", lang), t("indicators.progress_rule_link", lang))
    if observed.empty:
        defs = tuple((chip(s, lang), t(f"indicators.progress_means_{s}", lang)) for s in progress.STATUSES)
        title, body = t("indicators.progress_empty_title", lang), t("indicators.progress_empty_body", lang, n=len(indicators))
        return macro(TEMPLATE, "overview_empty")(title, t("indicators.progress_empty_more", lang), body, defs, *rule)
    counts = status_counts(indicators, states, lang)
    total = counts.groupby("status", sort=False)["indicators"].sum()
    legend = tuple(chip(s, lang, int(total[s])) for s in progress.STATUSES if total[s])
    summary = t("indicators.progress_summary", lang, n=len(observed), total=len(indicators), year=int(observed["latest_year"].max()))
    by_no = states.set_index("indicator_no")["status"]
    groups = []
    for category in categories(indicators, lang):
        mine = counts[(counts["category"] == category) & (counts["indicators"] > 0)]
        line = " · ".join(f"{r['label']} {r['indicators']}" for r in mine.to_dict("records"))
        tiles = []
        for r in indicators[indicators[col(lang, "category")] == category].to_dict("records"):
            no = int(r["indicator_no"])
            state = by_no.get(no, "no_data")
            label = f"{no} {r[col(lang, 'name')]}: {progress.label(state, lang)}"
            tiles.append(Tile(no, state, progress.ICONS[state], label, addresses.same_page("indicators", params, indicator=no)))
        groups.append(Group(category, line, tuple(tiles)))
    return macro(TEMPLATE, "overview")(summary, legend, tuple(groups), *rule)


def observed_text(obs: dict, row: dict, lang: str) -> str:
    """An observed value as the department wrote it, with the indicator's unit: '12.1%', '2.1:1', '1.95 tce …'."""
    return with_unit(unicodedata.normalize("NFKC", str(obs["value_text"])), row, lang)


def _number_text(value: float, row: dict, lang: str) -> str:
    text = fmt.number(round(value, 6), lang)  # exact (33.25, 0.0335); round(…, 6) only drops float noise
    return f"{text}:1" if row["baseline_kind"] == "ratio" else with_unit(text, row, lang)


def progress_reason(row: dict, status: str, latest: dict | None) -> str:
    """Why the status is what it is, as the key of its sentence (mirrors core/progress.py's rule)."""
    if status != "off_track":
        return status
    if row["met_in_2020"] is True:
        return "off_track_hold"
    return "off_track_late" if latest is not None and latest["year"] >= TARGET_YEAR else "off_track_line"


def expected_text(row: dict, latest: dict, lang: str) -> str | None:
    """The value on the straight path from the 2020 value to the 2024 target in the latest observation's year."""
    if row["target_kind"] == "text" or missing(row["target_2024"]) or missing(row["baseline_2020"]):
        return None
    value = expected_value(float(row["baseline_2020"]), float(row["target_2024"]), int(latest["year"]))
    return _number_text(value, row, lang)


def status_sentence(row: dict, status: str, observations: pd.DataFrame, lang: str) -> str:
    """The status explained in one sentence with the numbers it rests on."""
    latest = observations.sort_values("year").iloc[-1].to_dict() if not observations.empty else None
    reason = progress_reason(row, status, latest)
    if latest is None:
        return t(f"indicators.progress_why_{reason}", lang)
    return t(
        f"indicators.progress_why_{reason}",
        lang,
        value=observed_text(latest, row, lang),
        year=int(latest["year"]),
        target=with_unit(target_text(row, lang), row, lang),
        expected=expected_text(row, latest, lang) or "—",
    )


def progress_status_html(row: dict, status: str, observations: pd.DataFrame, lang: str) -> Markup:
    """One indicator's status (icon and word) and the sentence that explains it."""
    return macro(TEMPLATE, "status")(chip(status, lang), status_sentence(row, status, observations, lang))


def _published(value, lang: str) -> str:
    day = pd.Timestamp(value).date()
    return format_date(day, format="long", locale=fmt.LOCALES.get(lang, "zh_CN"))


def observed(obs: dict, row: dict, lang: str) -> Observed:
    """One observation row as the list of sources shows it; only a web address becomes a link."""
    title, ref = str(obs["source_title"]), str(obs["source_ref"])
    note = "" if missing(obs["note"]) or not obs["note"] else str(obs["note"])
    return Observed(
        value=observed_text(obs, row, lang),
        year=int(obs["year"]),
        prefix=t("indicators.obs_source_prefix", lang),
        title=title,
        ref=ref,
        link=bool(re.match(r"^https?://", ref, re.I)),
        published=t("indicators.obs_published", lang, date=_published(obs["published"], lang)),
        note=note,
        title_zh=has_cjk(title),
        ref_zh=has_cjk(ref),
        note_zh=has_cjk(note),
    )


def observations_html(observations: pd.DataFrame, row: dict, lang: str) -> Markup:
    """Each observed value with its source (latest first): title, address (a link) or document number, date, note."""
    items = tuple(observed(obs, row, lang) for obs in observations.sort_values("year", ascending=False).to_dict("records"))
    return macro(TEMPLATE, "observations")(items, t("indicators.obs_list_label", lang))
