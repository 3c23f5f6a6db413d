"""Builders for the Jungar Banner story and the About page: charts, link lists and HTML pieces.

Pure functions: data in, chart or string or plain records out, no st.* calls. Every data value that
ends up in HTML is escaped here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from html import escape
from xml.sax.saxutils import quoteattr

import altair as alt
import pandas as pd

from components.cards import Card
from components.figures import fact_cards
from components.theme import ACTION_COLORS, GRID, INK, JUNGAR, MUTED
from core import fmt
from core.i18n import col, t
from core.places import JUNGAR_CODE  # noqa: F401  (pages read it from here until the story refactor)

JUNGAR_LIGHT = "#F4B98F"  # a tint of JUNGAR, so the two levels read as parts of one Jungar whole
LINK_KINDS = ("action", "program", "project", "indicator")
NOTE_KINDS = ("contradiction", "typo", "ambiguity", "status")
# Where a subject can be opened; actions, programs and sources have no page of their own.
SUBJECT_PAGES = {"indicator": "pages/indicators.py", "project": "pages/projects.py"}


# --- Story text -------------------------------------------------------------------------------------------


def paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a body text (separated by blank lines), each with its line breaks folded."""
    if not text or (isinstance(text, float) and pd.isna(text)):
        return []
    blocks = [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in str(text).split("\n\n")]
    return [block for block in blocks if block]


def prose_html(text: str | None) -> str:
    """Body text as escaped HTML paragraphs (never Markdown: the source's + and * are text, not syntax)."""
    items = "".join(f'<p style="margin:0 0 .9rem;line-height:1.75">{escape(p)}</p>' for p in paragraphs(text))
    return f'<div class="ordos-prose" style="font-size:1.05rem;max-width:46rem">{items}</div>'


def source_line_html(text: str) -> str:
    return f'<p class="ordos-source" style="margin:.2rem 0 .8rem">{escape(text)}</p>'


def chapter_cards(facts: pd.DataFrame, lang: str, source_titles: dict[str, str], accent: str | None = None) -> list[Card]:
    """Figure cards for a chapter; a rank ('位居…第一') reads as a rank ('第一', 'No. 1'), not as '1 rank'."""
    cards = fact_cards(facts, lang, source_titles, accent=accent)
    for i, row in enumerate(facts.to_dict("records")):
        if row["unit_en"] == "rank":
            value = row["unit_zh"] if lang != "en" else t("zhungeer.rank_value", lang, no=fmt.number(row["value"], lang))
            cards[i] = replace(cards[i], value=value, unit="")
    return cards


def chapter_label(chapter_no: int, lang: str) -> str:
    """Short label of a chapter for the chapter switch ('1 · 产业绿色转型')."""
    return f"{chapter_no} · {t(f'zhungeer.chapter_short_{chapter_no}', lang)}"


# --- Charts -----------------------------------------------------------------------------------------------

# Vega titles do not wrap: lines are cut to fit a phone (about 350 px; a CJK character counts as two units).
TITLE_UNITS, SUBTITLE_UNITS = 40, 52
# A fixed width for PNG/SVG exports; in the page Streamlit stretches it to the container (fit-x keeps heights).
EXPORT_WIDTH = 640
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")


def wrap_lines(text: str, units: int) -> list[str]:
    """Break a title into lines of at most `units` (CJK characters count twice), at spaces where there are any."""
    lines: list[str] = []
    line, size = "", 0
    for token in re.findall(r"[A-Za-z0-9'\".,:;()&%\-–/]+\s*|\s+|.", text):
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in token.rstrip())
        if line and size + width > units:
            lines.append(line.rstrip())
            line, size = "", 0
        if line or token.strip():
            line += token
            size += width + (len(token) - len(token.rstrip()))
    if line.strip():
        lines.append(line.rstrip())
    return lines or [text]


def _title(text: str, source: str) -> alt.TitleParams:
    return alt.TitleParams(wrap_lines(text, TITLE_UNITS), subtitle=wrap_lines(source, SUBTITLE_UNITS))


def green_mines_data(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The two levels of Jungar Banner's green mines, as parts of the stated total (from the facts table)."""
    values = facts.set_index("fact_id")["value"]
    rows = [
        ("national", t("zhungeer.level_national", lang), values["jungar_green_mines_national"], JUNGAR, "#ffffff"),
        ("regional", t("zhungeer.level_regional", lang), values["jungar_green_mines_regional"], JUNGAR_LIGHT, INK),
    ]
    df = pd.DataFrame(rows, columns=["level_id", "level", "mines", "color", "text_color"])
    df["start"] = df["mines"].cumsum() - df["mines"]
    df["end"] = df["start"] + df["mines"]
    df["middle"] = df["start"] + df["mines"] / 2
    df["label"] = [f"{level} {fmt.number(n, lang)}" for level, n in zip(df["level"], df["mines"], strict=True)]
    df["total"] = values["jungar_green_mines"]
    return df


def green_mines_view(facts: pd.DataFrame, lang: str, source: str) -> tuple[alt.LayerChart, pd.DataFrame]:
    """The green-mines chart and the data behind it (level and count; its description is the chart's own)."""
    return green_mines_chart(facts, lang, source), green_mines_data(facts, lang)[["level", "mines"]]


def green_mines_chart(facts: pd.DataFrame, lang: str, source: str) -> alt.LayerChart:
    """One bar of the stated total of green mines, split into national and autonomous-region level."""
    df = green_mines_data(facts, lang)
    total = float(df["total"].iloc[0])
    title = t("zhungeer.chart_mines_title", lang, total=fmt.number(total, lang))
    x = alt.X(
        "start:Q",
        title=t("zhungeer.chart_mines_x", lang),
        scale=alt.Scale(domain=[0, total], nice=False),
        axis=alt.Axis(values=[0, *df["start"].iloc[1:].tolist(), total], format="d", grid=False),
    )
    base = alt.Chart(df)
    bars = base.mark_bar(height=44, cornerRadiusEnd=0).encode(
        x=x,
        x2="end:Q",
        color=alt.Color(
            "level:N",
            scale=alt.Scale(domain=df["level"].tolist(), range=df["color"].tolist()),
            legend=alt.Legend(title=None, orient="bottom", columns=1),
        ),
        tooltip=[
            alt.Tooltip("level:N", title=t("zhungeer.chart_mines_level", lang)),
            alt.Tooltip("mines:Q", title=t("zhungeer.chart_mines_x", lang)),
        ],
    )
    labels = base.mark_text(fontSize=14, fontWeight=600).encode(
        x="middle:Q", text=alt.Text("mines:Q", format="d"), color=alt.Color("text_color:N", scale=None)
    )
    return (
        alt.layer(bars, labels)
        .properties(
            width=EXPORT_WIDTH,
            height=44,
            autosize=AUTOSIZE,
            title=_title(title, source),
            description=green_mines_description(df, lang),
        )
        .configure_view(stroke=None)
    )


def green_mines_description(df: pd.DataFrame, lang: str) -> str:
    values = dict(zip(df["level_id"], df["mines"], strict=True))
    return t(
        "zhungeer.chart_mines_desc",
        lang,
        total=fmt.number(df["total"].iloc[0], lang),
        national=fmt.number(values["national"], lang),
        regional=fmt.number(values["regional"], lang),
    )


def district_projects_data(projects: pd.DataFrame, actions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Projects whose location names Jungar Banner, largest first, with labels for the chart and lists."""
    df = projects[projects["basis"].isin(["named", "gazetteer"])].copy()
    df = df.sort_values(["investment_yi", "project_no"], ascending=[False, True]).reset_index(drop=True)
    action_names = dict(zip(actions["action_no"], actions[col(lang, "name")], strict=True))
    df["name"] = df[col(lang, "name")]
    df["action"] = [f"{n} · {action_names[n]}" for n in df["action_no"]]
    df["amount"] = [fmt.money_yi(v, lang) for v in df["investment_yi"]]
    df["where"] = [_where(n, lang) for n in df["named_districts"]]
    df["row_label"] = [
        t("zhungeer.item_project", lang, no=no, name=name) + f" · {where}"
        for no, name, where in zip(df["project_no"], df["name"], df["where"], strict=True)
    ]
    return df[["project_no", "name", "action_no", "action", "investment_yi", "amount", "named_districts", "where", "row_label"]]


def _where(named_districts: int, lang: str) -> str:
    """'Jungar Banner only', '… and 1 other district', '… and 3 other districts'."""
    if named_districts == 1:
        return t("zhungeer.only_jungar", lang)
    if named_districts == 2:
        return t("zhungeer.shared_jungar_one", lang)
    return t("zhungeer.shared_jungar", lang, n=named_districts, others=named_districts - 1)


def district_projects_view(located: pd.DataFrame, actions: pd.DataFrame, lang: str, source: str) -> tuple[alt.LayerChart, pd.DataFrame]:
    """The chart of Jungar Banner's projects (from `district_project_list`) and the data behind it."""
    named = district_projects_data(located, actions, lang)
    return district_projects_chart(named, lang, source), named[["project_no", "name", "action", "investment_yi", "where"]]


def district_projects_chart(df: pd.DataFrame, lang: str, source: str) -> alt.LayerChart:
    """Horizontal bars of the Jungar Banner projects by planned investment, coloured (and legended) by key action.

    Each project's name sits above its bar, so long names stay readable on a phone; the amount is written
    inside a long bar and after a short one.
    """
    order = df["row_label"].tolist()
    top = float(df["investment_yi"].max())
    actions = df.drop_duplicates("action_no").sort_values("action_no")
    y = alt.Y("row_label:N", sort=order, axis=None, title=None)
    base = alt.Chart(df).encode(y=y)
    bars = base.mark_bar(height=14, yOffset=9).encode(
        x=alt.X(
            "investment_yi:Q",
            title=t("zhungeer.chart_projects_x", lang),
            scale=alt.Scale(domain=[0, top]),
            axis=alt.Axis(gridColor=GRID, tickCount=4),
        ),
        color=alt.Color(
            "action:N",
            title=t("zhungeer.action_legend", lang),
            scale=alt.Scale(domain=actions["action"].tolist(), range=[ACTION_COLORS[n] for n in actions.action_no]),
            legend=alt.Legend(orient="bottom", direction="vertical", columns=1, labelLimit=alt.ExprRef("width - 30")),
        ),
        tooltip=[
            alt.Tooltip("name:N", title=t("zhungeer.kind_project", lang)),
            alt.Tooltip("amount:N", title=t("zhungeer.chart_projects_x", lang)),
            alt.Tooltip("where:N", title=t("zhungeer.chart_projects_where", lang)),
        ],
    )
    names = base.mark_text(align="left", baseline="middle", dy=-8, fontSize=13, color=INK, limit=alt.ExprRef("width")).encode(
        x=alt.datum(0), text="row_label:N"
    )
    long_bar = f"datum.investment_yi >= {top * 0.55}"
    inside = base.transform_filter(long_bar).mark_text(align="right", dx=-5, dy=9, fontSize=12, fontWeight=600, color="#ffffff")
    outside = base.transform_filter(f"!({long_bar})").mark_text(align="left", dx=5, dy=9, fontSize=12, color=INK)
    amounts = [layer.encode(x="investment_yi:Q", text="amount:N") for layer in (inside, outside)]
    return (
        alt.layer(bars, names, *amounts)
        .properties(
            width=EXPORT_WIDTH,
            height=alt.Step(46),
            autosize=AUTOSIZE,
            title=_title(t("zhungeer.chart_projects_title", lang, n=len(df)), source),
            description=district_projects_description(df, lang),
        )
        .configure_view(stroke=None)
    )


def district_projects_description(df: pd.DataFrame, lang: str) -> str:
    parts = [f"{row['name']} {row['amount']}" for row in df.to_dict("records")]
    return t("zhungeer.chart_projects_desc", lang, n=len(df), items="; ".join(parts) if lang == "en" else "；".join(parts))


# --- Links to the city plan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkItem:
    """One plan item a chapter relates to: its label and, where the app has a page for it, where it opens."""

    kind: str
    number: int
    label: str
    page: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    action_no: int | None = None
    in_jungar: bool = False


def link_items(links: pd.DataFrame, projects: pd.DataFrame, lang: str, jungar_projects: set[int]) -> dict[str, list[LinkItem]]:
    """A chapter's curated links grouped by kind (actions, programs, projects, indicators), in curated rank order.

    Projects carry their planned investment and say whether their location names Jungar Banner.
    """
    amounts = dict(zip(projects["project_no"], projects["investment_yi"], strict=True))
    groups: dict[str, list[LinkItem]] = {kind: [] for kind in LINK_KINDS}
    for row in links.sort_values(["target_kind", "rank"]).to_dict("records"):
        kind, number = row["target_kind"], int(row["target_no"])
        label = t(f"zhungeer.item_{kind}", lang, no=number, name=row[col(lang, "name")])
        page, params, in_jungar = None, {}, False
        if kind == "project":
            label += f" · {fmt.money_yi(amounts.get(number), lang)}"
            in_jungar = number in jungar_projects
            if in_jungar:
                label += f" · {t('zhungeer.in_jungar', lang)}"
        if kind in SUBJECT_PAGES:
            page, params = SUBJECT_PAGES[kind], {"lang": lang, kind: str(number)}
        action = row.get("action_no")
        action_no = int(action) if kind != "indicator" and action is not None and not pd.isna(action) else None
        groups.setdefault(kind, []).append(LinkItem(kind, number, label, page, params, action_no, in_jungar))
    return {kind: items for kind, items in groups.items() if items}


def located_items(located: pd.DataFrame, actions: pd.DataFrame, lang: str, linked: set[int]) -> dict[str, list[LinkItem]]:
    """The projects located in Jungar Banner as links: 'named' (its location names the banner) and 'citywide'.

    Each label carries the whole project's planned investment, and says when the chapter links to it.
    """
    named = district_projects_data(located, actions, lang)
    citywide = located[located["basis"] == "all_districts"]
    mark = f" · {t('zhungeer.linked_mark', lang)}"
    out: dict[str, list[LinkItem]] = {"named": [], "citywide": []}
    for r in named.to_dict("records"):
        label = f"{r['row_label']} · {r['amount']}" + (mark if r["project_no"] in linked else "")
        out["named"].append(_project_link(r["project_no"], label, r["action_no"], lang, in_jungar=True))
    for r in citywide.to_dict("records"):
        name = t("zhungeer.item_project", lang, no=r["project_no"], name=r[col(lang, "name")])
        label = f"{name} · {fmt.money_yi(r['investment_yi'], lang)}" + (mark if r["project_no"] in linked else "")
        out["citywide"].append(_project_link(r["project_no"], label, r["action_no"], lang, in_jungar=False))
    return out


def _project_link(number: int, label: str, action_no: int, lang: str, in_jungar: bool) -> LinkItem:
    params = {"lang": lang, "project": str(int(number))}
    return LinkItem("project", int(number), label, SUBJECT_PAGES["project"], params, int(action_no), in_jungar)


WRAP_KEY = "ordos-wrap"


def wrap_links_css() -> str:
    """Let page links inside containers keyed 'ordos-wrap…' wrap: plan items have long names, and a phone
    would otherwise cut them off with an ellipsis."""
    scope = f'[class*="st-key-{WRAP_KEY}"] [data-testid="stPageLink"]'
    return (
        f"<style>{scope} span, {scope} p {{white-space: normal !important; overflow: visible !important; "
        f"text-overflow: clip !important; line-height: 1.45;}} {scope} a {{align-items: flex-start;}}</style>"
    )


def story_css() -> str:
    """The story page's style, riding with its content: links that wrap on a phone."""
    return wrap_links_css()


def about_css() -> str:
    """The About page's style, riding with its content: wrapping links, and on a phone each table's download
    button above its description (side by side, only the short ones fit and the list looks ragged)."""
    rows = '[class*="st-key-about-table-"]'
    return wrap_links_css() + (
        f"<style>@media (max-width: 640px) {{{rows} {{flex-direction: column !important; align-items: flex-start !important; "
        f"gap: .15rem !important; margin-bottom: .35rem;}}}}</style>"
    )


def chips_html(items: list[LinkItem]) -> str:
    """Actions and programs (which have no page of their own) as a list, each marked with its action colour."""
    rows = []
    for item in items:
        color = ACTION_COLORS.get(item.action_no or 0, MUTED)
        rows.append(
            f'<li style="margin:.25rem 0;list-style:none;padding-left:.6rem;border-left:4px solid {escape(color)}">'
            f"{escape(item.label)}</li>"
        )
    return f'<ul style="padding:0;margin:.2rem 0 .6rem">{"".join(rows)}</ul>'


# --- About page -------------------------------------------------------------------------------------------


def source_html(source: dict, lang: str) -> str:
    """A source document's card: title, issuer, kind, file, size and SHA-256 fingerprint (all escaped).

    In English the Chinese title is added, marked lang="zh" (it is the document's own name).
    """
    rows = [(t("about.issuer", lang), source[col(lang, "issuer")], None)]
    if lang == "en":
        rows.insert(0, (t("about.title_zh", lang), source["title_zh"], "zh"))
        if source.get("kind_en"):
            rows.append((t("about.kind", lang), source["kind_en"], None))
    rows += [(t("about.file", lang), source["file_name"], None), (t("about.chars", lang), fmt.number(source["chars"], lang, 0), None)]
    dt, dd = f"color:{MUTED};font-size:.85rem", "margin:0 0 .4rem"
    items = "".join(
        f"<div><dt style='{dt}'>{escape(k)}</dt><dd style='{dd}'{f' lang={quoteattr(v_lang)}' if v_lang else ''}>"
        f"{escape(str(v))}</dd></div>"
        for k, v, v_lang in rows
    )
    sha = (
        f"<div><dt style='{dt}'>SHA-256</dt><dd style='margin:0'><code style='overflow-wrap:anywhere;"
        f"word-break:break-all;font-size:.85rem'>{escape(source['sha256'])}</code></dd></div>"
    )
    return (
        f'<div class="ordos-card" style="--accent:{MUTED}"><div style="font-weight:600;font-size:1.05rem;line-height:1.4">'
        f"{escape(source[col(lang, 'title')])}</div><dl style='margin:.5rem 0 0;padding:0'>{items}{sha}</dl></div>"
    )


@dataclass(frozen=True)
class Subject:
    """What a data note is about, named for people, with the page that shows it (if any)."""

    kind: str
    ref: str
    label: str
    page: str | None = None
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NoteGroup:
    group: str
    kind: str
    text: str
    subjects: list[Subject]
    evidence: list[str]


def subject_of(row: dict, lang: str) -> Subject:
    """A note's subject ('indicator:17') as a readable label and, for indicators and projects, a link."""
    kind, ref = row["subject_kind"], str(row["subject_ref"])
    name = row.get(col(lang, "subject_name")) or row["subject"]
    named = kind in ("indicator", "project", "program", "action", "source")
    label = t(f"about.subject_{kind}", lang, no=ref, name=name) if named else name
    if kind in SUBJECT_PAGES:
        return Subject(kind, ref, label, SUBJECT_PAGES[kind], {"lang": lang, kind: ref})
    return Subject(kind, ref, label)


def note_groups(notes: pd.DataFrame, lang: str) -> list[NoteGroup]:
    """Data notes gathered by note group (one problem may concern several subjects), ordered by kind then group."""
    out = []
    for group, rows in notes.groupby("note_group", sort=True):
        records = rows.to_dict("records")
        texts = list(dict.fromkeys(r[col(lang, "note")] for r in records))
        evidence = list(dict.fromkeys(q for r in records for q in json.loads(r["evidence_zh"])))
        subjects = list({r["subject"]: subject_of(r, lang) for r in records}.values())
        out.append(NoteGroup(str(group), records[0]["kind"], " ".join(texts), subjects, evidence))
    rank = {kind: i for i, kind in enumerate(NOTE_KINDS)}
    return sorted(out, key=lambda g: (rank.get(g.kind, len(NOTE_KINDS)), g.group))


def note_html(group: NoteGroup, evidence_label: str) -> str:
    """A note's text and the exact source passages it rests on (Chinese, as written, whitespace folded)."""
    quotes = "".join(
        f'<blockquote lang="zh" style="margin:.3rem 0;padding:.15rem .6rem;border-left:3px solid {GRID};color:{INK};'
        f'overflow-wrap:anywhere">{escape(" ".join(q.split()))}</blockquote>'
        for q in group.evidence
    )
    return (
        f'<div style="line-height:1.6">{escape(group.text)}</div>'
        f'<div style="margin-top:.35rem;font-size:.9rem;color:{MUTED}">{escape(evidence_label)}{quotes}</div>'
    )


STATUS_ORDER = ("no_data", "not_assessable", "achieved", "on_track", "off_track")  # the order pipeline/progress.py checks


def status_rule_md(status: pd.DataFrame, lang: str) -> str:
    """The progress-status rule as a Markdown list: icon, word, condition and how many indicators have it now.

    Icons are the slides' (components.slides.STATUS_ICONS), so a status looks the same everywhere.
    """
    from core.progress import ICONS as STATUS_ICONS

    counts = status["status"].value_counts()
    rows = []
    for key in STATUS_ORDER:
        now = t("about.status_now", lang, n=fmt.number(int(counts.get(key, 0)), lang), total=fmt.number(len(status), lang))
        space, sep = (" ", ": ") if lang == "en" else ("", "：")
        rows.append(f"- {STATUS_ICONS[key]} **{t(f'about.status_{key}', lang)}**{space}{now}{sep}{t(f'about.rule_{key}', lang)}")
    return "\n".join(rows)


def table_description(name: str, lang: str) -> str:
    """What a public table holds, in the page's language ('' for a table this page does not describe yet)."""
    key = f"about.table_{name}"
    text = t(key, lang)
    return "" if text == key else text
