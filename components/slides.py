"""The slides, defined once: what each slide says, its figures, its chart or map, its source and notes.

Pure: the tables go in (`core.data.deck_tables()`), a list of `Slide` comes out; no st.* here. Three
renderers draw the same list: the kiosk and the presenter (components.deck_html) and the PowerPoint deck
(components.deck_pptx). Text is held in both languages (`Bi`), so one slide reads in Chinese, in English,
or in both together (lang 'both', for the forum's international visitors). A chart is a builder called
with the language it is drawn in ('zh', 'en' or 'both'), sized in pixels of a 1920×1080 slide.

Every number comes from the database: facts (with their source sentence), projects, actions, districts
and indicators. Nothing is typed in here but the choice of what to show.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from components.figures import fact_unit, fact_value
from components.indicators import values as ic
from components.maps import static as static_map
from components.theme import ACTION_COLORS, FONT, INK, JUNGAR, MUTED
from core import fmt
from core.fmt import amount, share_text
from core.i18n import t
from core.places import JUNGAR_CODE
from core.text import wrap_lines

LANGS = ("zh", "en")
DISPLAY_LANGS = ("zh", "en", "both")
# What the slides pick out of the plan and the story (the numbers themselves come from the tables).
CHAPTER_FACTS = {
    1: ("jungar_green_mines", "jungar_green_mines_rank", "jungar_reclaimed_area", "jungar_seedlings"),
    2: ("jungar_leading_industries",),
    3: (),
    4: ("jungar_sediment_dams",),
}
HIGHLIGHT_INDICATORS = (32, 33, 17, 1, 35, 36)
LARGEST = 8  # projects on the 'largest projects' slide
PROGRESS_PANELS = 4  # indicators drawn on the progress slide (2 × 2)
STATUS_ICONS = {"achieved": "✓", "on_track": "↗", "off_track": "⚠", "not_assessable": "?", "no_data": "–"}

# Type sizes of slide charts in pixels of a 1080-pixel-high slide (the kiosk's floor there is 20 px).
NAME_PX, SUB_PX, AMOUNT_PX = 26, 20, 22
CHART_WIDTH = 1160
NL = "\n"


# ------------------------------------------------------------------------------------------ the model


@dataclass(frozen=True)
class Bi:
    """A text in Chinese and English; `bi(lang)` picks one ('both' gives the Chinese, the leading language)."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


NO_TEXT = Bi("", "")


@dataclass(frozen=True)
class Figure:
    """A headline number: value and unit as the language writes them, its label, the source sentence."""

    value: Bi
    unit: Bi
    label: Bi
    quote_zh: str | None = None
    badge: Bi | None = None  # where a figure comes from, when that is not the slide's own source
    accent: str = INK


@dataclass(frozen=True)
class Chart:
    """A chart or map: `draw(lang)` is the picture as a slide shows it (the slide carries its title, source
    and colour key); `draw(lang, export=True)` stands alone with its own title, source line and key, for
    PNG/SVG files. `data` is what it shows (the CSV); `description` says it in words (alt text)."""

    name: str
    draw: Callable[..., alt.TopLevelMixin]
    data: pd.DataFrame
    description: Bi


@dataclass(frozen=True)
class Table:
    columns: tuple[Bi, ...]
    rows: tuple[tuple[Bi, ...], ...]
    note: Bi | None = None


@dataclass(frozen=True)
class Slide:
    key: str
    layout: str  # title | figures | chapter | chart | table | closing
    title: Bi
    source: Bi
    kicker: Bi | None = None
    lead: Bi | None = None
    figures: tuple[Figure, ...] = ()
    points: tuple[Bi, ...] = ()
    legend: tuple[tuple[str, Bi], ...] = ()  # (colour, what it stands for) of the chart's colours
    chart: Chart | None = None
    table: Table | None = None
    qr_url: str | None = None
    notes: Bi = field(default=NO_TEXT)  # speaker notes: the full paragraph, the source sentences


def text(key: str, **values) -> Bi:
    """A UI text of locales/*/slides.toml in both languages; a value may itself be a Bi."""
    return Bi(*(t(f"slides.{key}", lang, **{k: v(lang) if isinstance(v, Bi) else v for k, v in values.items()}) for lang in LANGS))


def both(fn: Callable[[str], str]) -> Bi:
    return Bi(fn("zh"), fn("en"))


def column(row: dict, name: str) -> Bi:
    return Bi(str(row[f"{name}_zh"]), str(row[f"{name}_en"]))


def join(parts: list[Bi], sep: Bi = Bi(NL, NL)) -> Bi:
    return Bi(sep.zh.join(p.zh for p in parts if p.zh), sep.en.join(p.en for p in parts if p.en))


def _fold(value: str | None) -> str:
    return " ".join(str(value or "").split())


def first_paragraph(body: str) -> str:
    blocks = [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in str(body).split("\n\n")]
    return next((b for b in blocks if b), "")


def _money(value_yi: float) -> Bi:
    """An amount at the document's precision; the plan's total as the headline writes it (CNY 204.8 billion)."""
    value = round(float(value_yi), 6)
    return both(lambda lang: fmt.money_yi(value, lang) if value >= 1000 else amount(value, lang))


# ------------------------------------------------------------------------------------------ the deck


def build(tables: dict, public_url: str) -> list[Slide]:
    """The whole deck from `core.data.deck_tables()`: title, headline figures, the four Jungar chapters,
    the map, the largest projects, investment by key action, indicator highlights, progress against the
    targets (observed values, or the designed empty state), closing with a QR code of `public_url`."""
    src = {key: text(f"source_{key}") for key in ("plan", "story", "both")}
    slides = [title_slide(tables, src), headline_slide(tables, src)]
    slides += [chapter_slide(tables, no, src) for no in sorted(tables["chapters"]["chapter_no"])]
    slides += [map_slide(tables, src), projects_slide(tables, src), actions_slide(tables, src)]
    slides += [indicators_slide(tables, src), progress_slide(tables, src), closing_slide(tables, src, public_url)]
    return slides


def title_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    plan, story = tables["plan"], tables["story"]
    points = (
        text("title_plan", title=column(plan, "title")),
        text("title_story", title=column(story, "title"), subtitle=column(story, "subtitle")),
    )
    description = text("locator_desc")
    chart = Chart(
        "ordos-locator",
        lambda lang, export=False: _titled(
            static_map.district_map(tables["districts"], lang, metric=None, size=(600, 560)),
            lang,
            text("locator_title"),
            src["plan"],
            export,
        ),
        tables["districts"][["district_code", "name_zh", "name_en"]],
        description,
    )
    notes = join([Bi(plan["preamble_zh"], plan["preamble_en"]), description])
    return Slide(
        "title",
        "title",
        text("deck_title"),
        src["both"],
        kicker=text("kicker"),
        points=points,
        chart=chart,
        notes=notes,
        legend=((JUNGAR, text("locator_key")),),
    )


def _fact_figure(row: dict, badge: Bi | None = None, accent: str = INK) -> Figure:
    if row["unit_en"] == "rank":  # '位居…第一' reads as a rank ('第一', 'No. 1'), not as '1 rank'
        value = Bi(row["unit_zh"], t("zhungeer.rank_value", "en", no=fmt.number(row["value"], "en")))
        unit = NO_TEXT
    else:
        value, unit = both(lambda lang: fact_value(row, lang)), both(lambda lang: fact_unit(row, lang))
    return Figure(value, unit, column(row, "label"), row["quote_zh"], badge, accent)


def _quotes(figures: tuple[Figure, ...] | list[Figure]) -> Bi:
    quoted = [f for f in figures if f.quote_zh]
    return Bi(
        NL.join(f"{f.label.zh}：「{_fold(f.quote_zh)}」" for f in quoted), NL.join(f"{f.label.en}: 「{_fold(f.quote_zh)}」" for f in quoted)
    )


def headline_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    facts = tables["facts"]
    figures = tuple(_fact_figure(r) for r in facts[facts["topic"] == "headline"].to_dict("records"))
    return Slide(
        "headline",
        "figures",
        text("headline_title"),
        src["plan"],
        kicker=text("headline_kicker"),
        lead=text("headline_lead"),
        figures=figures,
        notes=join([text("notes_quotes"), _quotes(figures)]),
    )


def chapter_slide(tables: dict, chapter_no: int, src: dict[str, Bi]) -> Slide:
    chapter = tables["chapters"].set_index("chapter_no").loc[chapter_no].to_dict()
    facts = tables["facts"].set_index("fact_id")
    figures, plan_figure = [], False
    for fact_id in CHAPTER_FACTS.get(chapter_no, ()):
        if fact_id not in facts.index:
            continue
        row = {"fact_id": fact_id, **facts.loc[fact_id].to_dict()}
        from_plan = row["source_id"] == "plan"
        plan_figure |= from_plan
        figures.append(_fact_figure(row, text("badge_plan_jungar") if from_plan else None, INK if from_plan else JUNGAR))
    points: tuple[Bi, ...] = ()
    if not figures:  # the story gives this chapter no number: one plan figure that the chapter links to, labelled as such
        links = tables["chapter_links"]
        links = links[(links["chapter_no"] == chapter_no) & (links["target_kind"] == "project")].sort_values("rank")
        if not links.empty:
            no = int(links.iloc[0]["target_no"])
            project = tables["projects"].set_index("project_no").loc[no].to_dict()
            label = text("linked_project", no=no, name=Bi(project["name_zh"], project["name_en"]))
            figures.append(Figure(_money(project["investment_yi"]), NO_TEXT, label, None, text("badge_plan_linked")))
            plan_figure = True
        pictures = tables["pictures"][tables["pictures"]["chapter_no"] == chapter_no]
        points = tuple(text("pictured", caption=column(p, "caption")) for p in pictures.to_dict("records"))
    lead = Bi(first_paragraph(chapter["body_zh"]), first_paragraph(chapter["body_en"]))
    kicker = text("chapter_kicker", no=chapter_no, total=len(tables["chapters"]))
    return Slide(
        f"chapter-{chapter_no}",
        "chapter",
        column(chapter, "heading"),
        src["both"] if plan_figure else src["story"],
        kicker=kicker,
        lead=lead,
        figures=tuple(figures),
        points=points,
        notes=join([lead, _quotes(figures)]),
    )


def map_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    districts, projects = tables["districts"], tables["projects"]
    jungar = districts.set_index("district_code").loc[JUNGAR_CODE].to_dict()
    citywide, unplaced = projects[projects["scope"] == "citywide"], projects[projects["scope"] == "unresolved"]
    points = (
        text("map_jungar", n=int(jungar["projects"]), amount=_money(jungar["investment_yi"])),
        text("map_citywide", n=len(citywide), amount=_money(citywide["investment_yi"].sum())),
        text(
            "map_unplaced",
            n=len(unplaced),
            amount=_money(unplaced["investment_yi"].sum()),
            nos=", ".join(str(n) for n in unplaced["project_no"]),
        ),
    )
    ranked = districts.sort_values(["investment_yi", "district_code"], ascending=[False, True]).to_dict("records")
    items = [text("map_desc_item", name=column(r, "name"), amount=_money(r["investment_yi"]), n=int(r["projects"])) for r in ranked]
    description = text("map_desc", items=join(items, Bi("；", "; ")))
    chart = Chart(
        "ordos-districts-investment",
        lambda lang, export=False: _titled(
            static_map.district_map(districts, lang, metric="investment", size=(640, 640)), lang, text("map_title"), src["plan"], export
        ),
        districts[["district_code", "name_zh", "name_en", "projects", "investment_yi"]],
        description,
    )
    return Slide(
        "map",
        "chart",
        text("map_title"),
        src["plan"],
        kicker=text("map_kicker"),
        points=points,
        chart=chart,
        legend=((JUNGAR, text("map_key_jungar")),),
        notes=join([description, *points]),
    )


def _action_key(actions: pd.DataFrame, numbers: list[int]) -> tuple[tuple[str, Bi], ...]:
    names = actions.set_index("action_no")
    return tuple((ACTION_COLORS[n], text("action_label", no=n, name=column(names.loc[n].to_dict(), "name"))) for n in sorted(set(numbers)))


def projects_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    projects = tables["projects"]
    top = projects.sort_values(["investment_yi", "project_no"], ascending=[False, True]).head(LARGEST)
    data = top[["project_no", "action_no", "name_zh", "name_en", "investment_yi", "share"]].reset_index(drop=True)
    first = data.iloc[0].to_dict()
    share = float(data["share"].sum())
    points = (
        text(
            "projects_share",
            n=len(data),
            total=len(projects),
            share=both(lambda lang: fmt.percent(share, lang)),
            amount=_money(projects["investment_yi"].sum()),
        ),
        text(
            "projects_first",
            no=int(first["project_no"]),
            name=column(first, "name"),
            amount=_money(first["investment_yi"]),
            share=both(lambda lang: share_text(first["share"], lang)),
        ),
    )
    key = _action_key(tables["actions"], data["action_no"].tolist())
    items = [
        text(
            "bar_item",
            name=Bi(f"{r['project_no']} · {r['name_zh']}", f"{r['project_no']} · {r['name_en']}"),
            amount=_money(r["investment_yi"]),
            share=both(lambda lang, r=r: share_text(r["share"], lang)),
        )
        for r in data.to_dict("records")
    ]
    title = text("projects_title", n=len(data))
    chart = Chart(
        "largest-projects",
        lambda lang, export=False: _titled(
            bars_chart(
                _rows(
                    data,
                    [(f"{r['project_no']} · {r['name_zh']}", f"{r['project_no']} · {r['name_en']}") for r in data.to_dict("records")],
                    lang,
                ),
                lang,
                key=key if export else (),
            ),
            lang,
            title,
            src["plan"],
            export,
        ),
        data,
        text("projects_desc", n=len(data), items=join(items, Bi("；", "; "))),
    )
    return Slide(
        "projects",
        "chart",
        title,
        src["plan"],
        kicker=text("projects_kicker", total=len(projects)),
        points=points,
        legend=key,
        chart=chart,
        notes=join([chart.description, *points]),
    )


def actions_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    actions = tables["actions"].sort_values(["investment_yi", "action_no"], ascending=[False, True]).reset_index(drop=True)
    data = actions[["action_no", "name_zh", "name_en", "projects", "investment_yi", "share"]]
    first = data.iloc[0].to_dict()
    points = (
        text(
            "actions_first",
            name=column(first, "name"),
            share=both(lambda lang: fmt.percent(first["share"], lang)),
            n=int(first["projects"]),
        ),
        text("actions_count", n=len(data), projects=int(data["projects"].sum()), amount=_money(data["investment_yi"].sum())),
    )
    items = [
        text(
            "bar_item",
            name=column(r, "name"),
            amount=_money(r["investment_yi"]),
            share=both(lambda lang, r=r: fmt.percent(r["share"], lang)),
        )
        for r in data.to_dict("records")
    ]
    title = text("actions_title")
    chart = Chart(
        "investment-by-key-action",
        lambda lang, export=False: _titled(
            bars_chart(
                _rows(
                    data,
                    [(f"{r['action_no']} · {r['name_zh']}", f"{r['action_no']} · {r['name_en']}") for r in data.to_dict("records")],
                    lang,
                ),
                lang,
            ),
            lang,
            title,
            src["plan"],
            export,
        ),
        data,
        text("actions_desc", items=join(items, Bi("；", "; "))),
    )
    return Slide(
        "actions",
        "chart",
        title,
        src["plan"],
        kicker=text("actions_kicker"),
        points=points,
        chart=chart,
        notes=join([chart.description, *points]),
    )


def indicators_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    indicators = tables["indicators"].set_index("indicator_no")
    status = tables["indicator_status"].set_index("indicator_no")["status"].to_dict()
    observed = any(s != "no_data" for s in status.values())
    columns = [text("col_indicator"), text("col_2020"), text("col_2024"), text("col_change"), text("col_status")]
    rows = []
    for no in HIGHLIGHT_INDICATORS:
        if no not in indicators.index:
            continue
        row = {"indicator_no": no, **indicators.loc[no].to_dict()}
        cells = [
            text("indicator_cell", no=no, name=column(row, "name"), unit=column(row, "unit")),
            both(lambda lang, r=row: ic.written(r["baseline_2020_text"], lang)),
            both(lambda lang, r=row: ic.target_text(r, lang)),
            both(lambda lang, r=row: _change(r, lang)),
        ]
        cells.append(status_text(status.get(no, "no_data")))
        rows.append(tuple(cells))
    table = Table(tuple(columns), tuple(rows), None if observed else text("no_observations"))
    notes = join([text("indicators_notes"), *(join(list(r), Bi("｜", " | ")) for r in rows)])
    return Slide(
        "indicators",
        "table",
        text("indicators_title"),
        src["plan"],
        kicker=text("indicators_kicker", total=len(indicators)),
        table=table,
        notes=notes,
    )


def status_text(state: str) -> Bi:
    """A status as an icon and a word ('✓ Achieved'): never a colour alone."""
    return text("status_cell", icon=STATUS_ICONS.get(state, "?"), word=text(f"status_{state}"))


def _value_text(row: dict, value: float, written_text: str | None, lang: str) -> str:
    """An observed value as the language writes numbers; a ratio as the department wrote it (2.1:1)."""
    if row["target_kind"] == "ratio" and written_text:
        return str(written_text)
    return ic.with_unit(fmt.number(value, lang), row, lang)


def progress_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    """Observed values against the plan's path from the 2020 value to the 2024 target, with each status as an
    icon and a word and each value's source; with no observations, the plan's paths and a plain statement that
    no observed value has been published yet (nothing is invented)."""
    indicators = tables["indicators"].set_index("indicator_no")
    status = tables["indicator_status"].set_index("indicator_no")["status"].to_dict()
    obs = tables["observations"].sort_values(["indicator_no", "year"])
    order = {no: i for i, no in enumerate(HIGHLIGHT_INDICATORS)}
    observed = sorted(set(int(n) for n in obs["indicator_no"]), key=lambda no: (order.get(no, len(order)), no))
    if observed:
        chosen = observed[:PROGRESS_PANELS]
    else:
        numeric = [no for no in HIGHLIGHT_INDICATORS if no in indicators.index and indicators.loc[no, "target_kind"] != "text"]
        chosen = numeric[:PROGRESS_PANELS]
    panels = []
    for no in chosen:
        row = {"indicator_no": no, **indicators.loc[no].to_dict()}
        panels.append((row, obs[obs["indicator_no"] == no], status.get(no, "no_data")))
    points: list[Bi] = []
    for row, rows, state in panels:
        if rows.empty:
            continue
        last = rows.iloc[-1].to_dict()
        points.append(
            text(
                "progress_item",
                status=status_text(state),
                no=row["indicator_no"],
                name=column(row, "name"),
                value=both(lambda lang, r=row, o=last: _value_text(r, o["value"], o["value_text"], lang)),
                year=int(last["year"]),
                source=_fold(last["source_title"]),
                ref=_fold(last["source_ref"]),
            )
        )
    if observed:
        more = len(observed) - len(chosen)
        lead = None  # the title and the items say it; the slide needs the room (the notes keep the sentence)
        notes_lead = text("progress_lead", n=len(observed))
        points.append(text("progress_more", n=more) if more > 0 else text("progress_rule"))
        titles = sorted({_fold(title) for title in obs["source_title"]})
        source = text("source_progress", sources=Bi("；".join(titles), "; ".join(titles)))
    else:
        lead = notes_lead = text("progress_none_lead")
        points = [text("progress_none", n=len(indicators))]
        source = src["plan"]
    items = [
        text(
            "progress_desc_item",
            no=row["indicator_no"],
            name=column(row, "name"),
            base=both(lambda lang, r=row: ic.written(r["baseline_2020_text"], lang)),
            target=both(lambda lang, r=row: ic.target_text(r, lang)),
            observed=join(
                [
                    both(
                        lambda lang, r=row, o=o: t(
                            "slides.progress_desc_obs", lang, year=int(o["year"]), value=_value_text(r, o["value"], o["value_text"], lang)
                        )
                    )
                    for o in rows.to_dict("records")
                ]
                or [text("status_no_data")],
                Bi("，", ", "),
            ),
            status=status_text(state),
        )
        for row, rows, state in panels
    ]
    description = text("progress_desc", items=join(items, Bi("；", "; ")))
    data = pd.concat([_panel_frame(row, rows, "zh") for row, rows, _ in panels], ignore_index=True)
    key = ((MUTED, text("progress_key_path")), (INK, text("progress_key_observed")))
    title = text("progress_title")
    chart = Chart(
        "indicator-progress",
        lambda lang, export=False: _titled(progress_chart(panels, lang), lang, title, source, export),
        data[["indicator_no", "kind", "year", "value"]],
        description,
    )
    return Slide(
        "progress",
        "chart",
        title,
        source,
        kicker=text("progress_kicker"),
        lead=lead,
        points=tuple(points),
        legend=key,
        chart=chart,
        notes=join([notes_lead, description, *points]),
    )


def _change(row: dict, lang: str) -> str:
    """The change the target asks for, or that the 2020 value already meets it."""
    state = ic.status_of(row)
    if state == "hold":
        return t("slides.change_hold", lang)
    if state == "text" or (change := ic.change_texts(row, lang)) is None:
        return t("slides.change_none", lang)
    if way := ic.any_change(row):
        return t(f"indicators.any_{way}_short", lang)
    return change[0]


def closing_slide(tables: dict, src: dict[str, Bi], public_url: str) -> Slide:
    sources = tables["sources"].set_index("source_id")
    points = tuple(
        text(f"closing_{sid}", title=column(sources.loc[sid].to_dict(), "title"), issuer=column(sources.loc[sid].to_dict(), "issuer"))
        for sid in ("plan", "story")
    )
    notes = join([Bi(tables["story"]["closing_zh"], tables["story"]["closing_en"]), text("draft_note")])
    return Slide(
        "closing",
        "closing",
        text("closing_title"),
        src["both"],
        kicker=text("closing_kicker"),
        lead=text("closing_lead"),
        points=(*points, text("draft_note")),
        qr_url=public_url,
        notes=notes,
    )


# ------------------------------------------------------------------------------------------ charts


def _rows(data: pd.DataFrame, names: list[tuple[str, str]], lang: str) -> pd.DataFrame:
    """Bar rows: the name (Chinese over English when lang is 'both'), the amount and share after the bar."""
    main = "en" if lang == "en" else "zh"
    money = [
        f"{amount(v, main)} · {share_text(s, main)}" + (f" ({amount(v, 'en')})" if lang == "both" else "")
        for v, s in zip(data["investment_yi"], data["share"], strict=True)
    ]
    return pd.DataFrame(
        {
            "key": [str(i) for i in range(len(data))],
            "name": [en if lang == "en" else zh for zh, en in names],
            "name_sub": [en if lang == "both" else "" for _, en in names],
            "plot": data["investment_yi"].to_numpy() / (10 if lang == "en" else 1),
            "money": money,
            "action_no": data["action_no"].astype(int).to_numpy(),
            "color": [ACTION_COLORS[int(n)] for n in data["action_no"]],
        }
    )


def bars_chart(rows: pd.DataFrame, lang: str, *, key: tuple[tuple[str, Bi], ...] = (), width: int = CHART_WIDTH) -> alt.LayerChart:
    """Horizontal bars for a slide, largest first: each row's name above its bar, amount · share after it.

    Big type (26 px names, 22 px amounts on a 1080p slide); with lang 'both' the English name is a second,
    smaller line. No axis: every bar carries its amount. Bars take their key action's colour; `key` adds
    a legend naming those colours (the slide shows the key beside the chart instead).
    """
    sub = lang == "both"
    step = 78 if sub else 72
    name_px, amount_px, bar_h = (24, 20, 20) if sub else ((24 if lang == "en" else NAME_PX), AMOUNT_PX, 24)
    top = float(rows["plot"].max()) or 1.0
    room = 450 if sub else (330 if lang == "en" else 290)  # the amount after the longest bar
    x_scale = alt.Scale(domain=[0, top * width / (width - room)], nice=False)
    y = alt.Y("key:N", sort=rows["key"].tolist(), axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0.05))
    base = alt.Chart(rows).encode(y=y)
    bar_y, name_y = (24, -13) if sub else (16, -4)  # from the middle of each row's band
    layers = [
        base.mark_bar(height=bar_h, yOffset=bar_y, cornerRadiusEnd=3).encode(
            x=alt.X("plot:Q", scale=x_scale, axis=None), color=alt.Color("color:N", scale=None)
        ),
        base.mark_text(align="left", baseline="bottom", yOffset=name_y, fontSize=name_px, fontWeight=600, color=INK, limit=width).encode(
            x=alt.datum(0, scale=x_scale), text="name:N"
        ),
        base.mark_text(align="left", baseline="middle", yOffset=bar_y, dx=10, fontSize=amount_px, color=INK).encode(
            x=alt.X("plot:Q", scale=x_scale), text="money:N"
        ),
    ]
    if sub:
        layers.append(
            base.mark_text(align="left", baseline="bottom", yOffset=name_y + 22, fontSize=SUB_PX, color=MUTED, limit=width).encode(
                x=alt.datum(0, scale=x_scale), text="name_sub:N"
            )
        )
    if key:
        labels = [NL.join(wrap_lines(label(lang), 70)) if lang != "both" else f"{label.zh}{NL}{label.en}" for _, label in key]
        colours = [colour for colour, _ in key]
        legend = alt.Legend(
            title=None,
            orient="bottom",
            direction="vertical",
            labelFontSize=AMOUNT_PX,
            symbolSize=500,
            symbolType="square",
            labelLimit=width,
            labelExpr="split(datum.label, '\\n')",
            labelColor=INK,
            rowPadding=8,
            offset=16,
        )
        layers.append(
            alt.Chart(pd.DataFrame({"label": labels}))
            .mark_point(opacity=0, size=0)
            .encode(color=alt.Color("label:N", scale=alt.Scale(domain=labels, range=colours), legend=legend))
        )
    return alt.layer(*layers).properties(width=width, height=alt.Step(step)).configure(font=FONT).configure_view(stroke=None)


def _panel_frame(row: dict, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One indicator's points: the plan's path (2020 value, 2024 target) and the observed values."""
    frames = []
    if row["target_kind"] != "text" and pd.notna(row["baseline_2020"]) and pd.notna(row["target_2024"]):
        frames.append(
            pd.DataFrame(
                {
                    "kind": ["path", "path"],
                    "year": [2020, 2024],
                    "value": [float(row["baseline_2020"]), float(row["target_2024"])],
                    "label": [
                        ic.written(row["baseline_2020_text"], lang),
                        t("slides.progress_target", lang, value=ic.target_text(row, lang)),
                    ],
                }
            )
        )
    if not rows.empty:
        # the axis carries the unit, so a label is the bare number, as the path's labels are
        labels = [
            str(w) if row["target_kind"] == "ratio" and w else fmt.number(v, lang)
            for v, w in zip(rows["value"], rows["value_text"], strict=True)
        ]
        observed = pd.DataFrame(
            {"kind": "observed", "year": rows["year"].astype(int), "value": rows["value"].astype(float), "label": labels}
        )
        if frames:  # the observed line starts from the 2020 value
            observed = pd.concat([frames[0].iloc[[0]].assign(kind="observed", label=""), observed], ignore_index=True)
        frames.append(observed)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["kind", "year", "value", "label"])
    out.insert(0, "indicator_no", int(row["indicator_no"]))
    return out


def progress_panel(row: dict, rows: pd.DataFrame, state: str, lang: str, *, width: int = 440, height: int = 170) -> alt.LayerChart:
    """One indicator: the plan's straight path from the 2020 value to the 2024 target (dashed, grey) and the
    observed values (solid, dark, each labelled); the title names the indicator and its status (icon and word)."""
    main = "en" if lang == "en" else "zh"
    frame = _panel_frame(row, rows, main)
    last_year = max(2024, int(frame["year"].max()) if not frame.empty else 2024)
    x = alt.X(
        "year:Q",
        scale=alt.Scale(domain=[2019.5, last_year + 0.5], nice=False),
        axis=alt.Axis(
            values=list(range(2020, last_year + 1)),
            format="d",
            title=None,
            labelFontSize=SUB_PX,
            grid=False,
            labelColor=INK,
            tickColor="#9aa5ab",
            domainColor="#9aa5ab",
        ),
    )
    unit_title = ic.unit(row, main) if row["target_kind"] != "ratio" else ""
    y = alt.Y(
        "value:Q",
        scale=alt.Scale(zero=False, padding=24),
        axis=alt.Axis(
            title=unit_title or None,
            titleFontSize=SUB_PX,
            labelFontSize=SUB_PX,
            tickCount=3,
            labelColor=INK,
            titleColor=MUTED,
            gridColor="#e3e6e8",
            domain=False,
            ticks=False,
        ),
    )
    base = alt.Chart(frame).encode(x=x, y=y)
    path, seen = base.transform_filter("datum.kind == 'path'"), base.transform_filter("datum.kind == 'observed'")
    layers = [
        path.mark_line(strokeDash=[10, 7], strokeWidth=3, color=MUTED),
        path.mark_point(size=160, strokeWidth=3, color=MUTED, filled=False),
        path.mark_text(dy=-22, fontSize=SUB_PX, color=MUTED, fontWeight=600).encode(text="label:N"),
        seen.mark_line(strokeWidth=4, color=INK),
        seen.transform_filter("datum.label != ''").mark_point(size=240, filled=True, color=INK, opacity=1),
        seen.mark_text(dy=24, fontSize=SUB_PX, color=INK, fontWeight=700).encode(text="label:N"),
    ]
    names = [f"{row['indicator_no']} · {row['name_zh']}", f"{row['indicator_no']} · {row['name_en']}"]
    if lang == "both":
        lines = _clip(names[0], 40, 2) + _clip(names[1], 48, 1)
        sub = f"{status_text(state).zh} · {status_text(state).en}"
    else:
        lines = _clip(names[1] if lang == "en" else names[0], 44, 2)
        sub = status_text(state)(lang)
    return alt.layer(*layers).properties(
        width=width,
        height=height,
        title=alt.TitleParams(
            lines,
            subtitle=[sub],
            fontSize=NAME_PX - 2,
            subtitleFontSize=SUB_PX + 2,
            anchor="start",
            color=INK,
            subtitleColor=INK,
            subtitleFontWeight=600,
            offset=10,
        ),
    )


def _clip(value: str, units: int, lines: int) -> list[str]:
    """At most `lines` lines of `units`, the last ending in an ellipsis when the text goes on (the slide's
    description and the Indicators page give the full name)."""
    wrapped = wrap_lines(value, units)
    return wrapped if len(wrapped) <= lines else [*wrapped[: lines - 1], wrapped[lines - 1].rstrip(" ,;:·") + "…"]


def progress_chart(panels: list[tuple[dict, pd.DataFrame, str]], lang: str) -> alt.VConcatChart:
    """The progress slide's picture: up to four indicators in a 2 × 2 grid (components.slides.progress_panel)."""
    charts = [progress_panel(row, rows, state, lang) for row, rows, state in panels]
    grid = [alt.hconcat(*charts[i : i + 2], spacing=56) for i in range(0, len(charts), 2)]
    return alt.vconcat(*grid, spacing=36).configure(font=FONT).configure_view(stroke=None).configure_concat(spacing=36)


def _titled(chart: alt.LayerChart, lang: str, title: Bi, source: Bi, export: bool) -> alt.LayerChart:
    """A stand-alone export carries its title and source line; on a slide the slide says them."""
    if not export:
        return chart
    lines = [title.zh, title.en] if lang == "both" else [title(lang)]
    subtitle = [source.zh, source.en] if lang == "both" else [source(lang)]
    return chart.properties(
        title=alt.TitleParams(
            lines, subtitle=subtitle, fontSize=30, subtitleFontSize=AMOUNT_PX, anchor="start", color=INK, subtitleColor=MUTED, offset=20
        )
    )


# ------------------------------------------------------------------------------------------ checks


def cjk_count(value: str) -> int:
    """How many Chinese characters a text has (tests: an English slide shows none outside quotes)."""
    return sum(1 for ch in value if unicodedata.east_asian_width(ch) in "WF" and ch.isalpha())
