"""The deck, built from the tables: title, headline figures, the four Jungar chapters, the map, the largest
projects, investment by key action, indicator highlights, progress against the targets, closing.

Pure: the tables go in (`core.data.deck_tables()`), a list of `Slide` comes out; no st.* here. Every number
comes from the database: facts (with their source sentence), projects, actions, districts and indicators.
Nothing is typed in here but the choice of what to show. The plan's investment slides are
components.slides.investment, the indicators' components.slides.indicators.
"""

from __future__ import annotations

from components.figures import fact_unit, fact_value
from components.maps.static import district_map
from components.slides import charts, indicators, investment
from components.slides.model import NL, NO_TEXT, Bi, Chart, Figure, Photo, Slide, both, column, join, money, text
from components.theme import INK, JUNGAR
from core import data, fmt
from core.i18n import t
from core.places import CITY_CODE, JUNGAR_CODE
from core.text import first_paragraph, fold

# What the slides pick out of the story (the numbers themselves come from the tables).
CHAPTER_FACTS = {
    1: ("jungar_green_mines", "jungar_green_mines_rank", "jungar_reclaimed_area", "jungar_seedlings"),
    2: ("jungar_leading_industries",),
    3: (),
    4: ("jungar_sediment_dams",),
}


def build(tables: dict, qr_url: str, map_review_no: str | None = None) -> list[Slide]:
    """The whole deck from `core.data.deck_tables()`, ending with a QR code of `qr_url`; with no observed values, the
    progress slide shows the plan's paths and says so (nothing is invented). Every map carries `map_review_no`
    (审图号) when it is given; the title, closing and chapter slides the confirmed Mongolian name of their place."""
    src = {key: text(f"source_{key}") for key in ("plan", "story", "both")}
    review = text("map_review", no=map_review_no) if map_review_no else None
    names = mongolian(tables)
    slides = [title_slide(tables, src, review, names.get(CITY_CODE)), headline_slide(tables, src)]
    slides += [chapter_slide(tables, no, src, names.get(JUNGAR_CODE)) for no in sorted(tables["chapters"]["chapter_no"])]
    slides += [investment.map_slide(tables, src, review), investment.projects_slide(tables, src), investment.actions_slide(tables, src)]
    slides += [indicators.indicators_slide(tables, src), indicators.progress_slide(tables, src)]
    slides.append(closing_slide(tables, src, qr_url, names.get(CITY_CODE)))
    return slides


def mongolian(tables: dict) -> dict[str, str]:
    """Place code -> name in Mongolian script, confirmed names only (core.data.mongolian_names returns no other)."""
    frame = tables.get("mongolian")
    if frame is None or frame.empty:
        return {}
    if "confirmed" in frame:  # a table as stored: leave out what a second source has not confirmed
        frame = frame[frame["confirmed"].fillna(False).astype(bool)]
    return {str(code): str(name) for code, name in zip(frame["place_code"], frame["name_mn"], strict=True) if str(name).strip()}


def title_slide(tables: dict, src: dict[str, Bi], review: Bi | None = None, mongolian_name: str | None = None) -> Slide:
    plan, story = tables["plan"], tables["story"]
    points = (
        text("title_plan", title=column(plan, "title")),
        text("title_story", title=column(story, "title"), subtitle=column(story, "subtitle")),
    )
    description = text("locator_desc")
    chart = Chart(
        "ordos-locator",
        lambda lang, export=False: charts.titled(
            district_map(tables["districts"], lang, metric=None, size=(600, 560)), lang, text("locator_title"), src["plan"], export, review
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
        mongolian=mongolian_name,
        map_note=review,
    )


def fact_figure(row: dict, badge: Bi | None = None, accent: str = INK) -> Figure:
    """A fact of the database as a headline figure."""
    if row["unit_en"] == "rank":  # '位居…第一' reads as a rank ('第一', 'No. 1'), not as '1 rank'
        value = Bi(row["unit_zh"], t("zhungeer.rank_value", "en", no=fmt.number(row["value"], "en")))
        unit = NO_TEXT
    else:
        value, unit = both(lambda lang: fact_value(row, lang)), both(lambda lang: fact_unit(row, lang))
    return Figure(value, unit, column(row, "label"), row["quote_zh"], badge, accent)


def quotes(figures: tuple[Figure, ...] | list[Figure]) -> Bi:
    """The figures' source sentences, for the speaker notes."""
    quoted = [f for f in figures if f.quote_zh]
    return Bi(
        NL.join(f"{f.label.zh}：「{fold(f.quote_zh)}」" for f in quoted), NL.join(f"{f.label.en}: 「{fold(f.quote_zh)}」" for f in quoted)
    )


def headline_slide(tables: dict, src: dict[str, Bi]) -> Slide:
    facts = tables["facts"]
    figures = tuple(fact_figure(r) for r in facts[facts["topic"] == "headline"].to_dict("records"))
    return Slide(
        "headline",
        "figures",
        text("headline_title"),
        src["plan"],
        kicker=text("headline_kicker"),
        lead=text("headline_lead"),
        figures=figures,
        notes=join([text("notes_quotes"), quotes(figures)]),
    )


def chapter_photo(pictures: list[dict]) -> Photo | None:
    """The first of a chapter's pictures whose photo is in data/photos/ (core.data.story_photo), with its credit."""
    for picture in pictures:
        path = data.story_photo(picture.get("photo_file"))
        if path is None:
            continue
        zh, en = (v.strip() if isinstance(v := picture.get(f"credit_{lang}"), str) else "" for lang in ("zh", "en"))
        credit = Bi(zh or en, en or zh)  # the credit line as the department wrote it (the build requires one)
        return Photo(path, column(picture, "caption"), credit)
    return None


def chapter_slide(tables: dict, chapter_no: int, src: dict[str, Bi], mongolian_name: str | None = None) -> Slide:
    chapter = tables["chapters"].set_index("chapter_no").loc[chapter_no].to_dict()
    facts = tables["facts"].set_index("fact_id")
    figures, plan_figure = [], False
    for fact_id in CHAPTER_FACTS.get(chapter_no, ()):
        if fact_id not in facts.index:
            continue
        row = {"fact_id": fact_id, **facts.loc[fact_id].to_dict()}
        from_plan = row["source_id"] == "plan"
        plan_figure |= from_plan
        figures.append(fact_figure(row, text("badge_plan_jungar") if from_plan else None, INK if from_plan else JUNGAR))
    pictures = tables["pictures"][tables["pictures"]["chapter_no"] == chapter_no].to_dict("records")
    photo = chapter_photo(pictures)
    points: tuple[Bi, ...] = ()
    if not figures:  # the story gives this chapter no number: one plan figure that the chapter links to, labelled as such
        links = tables["chapter_links"]
        links = links[(links["chapter_no"] == chapter_no) & (links["target_kind"] == "project")].sort_values("rank")
        if not links.empty:
            no = int(links.iloc[0]["target_no"])
            project = tables["projects"].set_index("project_no").loc[no].to_dict()
            label = text("linked_project", no=no, name=Bi(project["name_zh"], project["name_en"]))
            figures.append(Figure(money(project["investment_yi"]), NO_TEXT, label, None, text("badge_plan_linked")))
            plan_figure = True
        shown = photo.caption if photo else None  # the photo's caption is under the photo
        points = tuple(text("pictured", caption=column(p, "caption")) for p in pictures if column(p, "caption") != shown)
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
        notes=join([lead, quotes(figures), *((photo.caption, photo.credit) if photo else ())]),
        mongolian=mongolian_name,
        photo=photo,
    )


def closing_slide(tables: dict, src: dict[str, Bi], qr_url: str, mongolian_name: str | None = None) -> Slide:
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
        qr_url=qr_url,
        notes=notes,
        mongolian=mongolian_name,
    )
