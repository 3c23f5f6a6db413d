"""The Jungar Banner story page: the story's frame and, per chapter and language, everything the chapter shows
(its prose, pictures, figures and charts, its links to the city plan, the projects located in Jungar Banner)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from components.cards import cards_html, picture_html
from components.charts import kept_svg, svg_data_uri
from components.charts import spec as chart_spec
from components.maps.legend import with_review_no
from components.maps.static import district_map
from components.render import Finished, macro
from components.story import charts
from components.story.chapters import chapter_cards, chapter_label, prose_html, source_line_html
from components.story.links import WRAP_KEY, LinkItem, chips_html, link_items, located_items
from components.theme import JUNGAR
from core import data, memo, pages
from core.i18n import col, t
from core.places import JUNGAR_CODE
from views.home import source_titles

SCRIPT = pages.PAGES["zhungeer"].script  # the story page (the previous and next chapters link to it)
LOCATOR_PX = (560, 500)  # the locator map's drawing (slide pixels), shown at most that size and scaled to its column


@dataclass(frozen=True)
class Chart:
    """A chart as components.widgets.show_cached_chart takes it: key, what it varies with, file name, builder, inputs."""

    key: str
    variant: tuple
    name: str
    build: Callable[..., tuple]
    args: tuple


@dataclass(frozen=True)
class Picture:
    """One of the story's pictures: its photo file (if one is set), its caption under the photo, and the caption
    shown honestly, without a stand-in image, when the photo is not there."""

    file: str | None
    caption: str
    missing: Markup

    @property
    def photo(self) -> Path | None:
        """The photo, looked up on every run (not made once): a photo dropped into data/photos/ shows without a restart."""
        return data.story_photo(self.file)


@dataclass(frozen=True)
class LinkGroup:
    """A chapter's links of one kind: its heading, the items without a page as a list, the items with one as links."""

    kind: str
    title: str
    chips: Markup | None
    links: tuple[LinkItem, ...]

    @property
    def wrap_key(self) -> str:
        """The key of the links' container, whose page links wrap (components/assets/streamlit/story.css)."""
        return f"{WRAP_KEY}-{self.kind}"


@dataclass(frozen=True)
class ProjectList:
    """One list of the projects located in Jungar Banner ('named' or 'citywide'), drawn when opened."""

    group: str
    label: str
    links: tuple[LinkItem, ...]

    @property
    def wrap_key(self) -> str:
        return f"{WRAP_KEY}-{self.group}"


@dataclass(frozen=True)
class Step:
    """A link to the previous or next chapter."""

    label: str
    icon: str
    page: str
    params: dict[str, str]


@dataclass(frozen=True)
class Chapter:
    labels: dict[int, str]  # every chapter's label on the chapter switch, in order
    title: str
    subtitle: str
    lead: Markup  # the story's lead and source line
    heading: str
    position: str  # 'Chapter 2 of 4'
    body: Markup
    pictures: tuple[Picture, ...]
    figures: Markup | None  # the story's figures as cards (None: the chapter gives none)
    mines: Chart | None
    why: Markup  # why the chapter links to these plan items
    link_groups: tuple[LinkGroup, ...]
    plan_figures: Markup | None  # the city plan's figures about Jungar Banner, if the chapter has any
    projects_intro: str
    projects_chart: Chart | None
    project_lists: tuple[ProjectList, ...]
    steps: tuple[Step, ...]
    closing: Markup  # the story's closing and source line


@memo.per_process
def chapter_numbers() -> tuple[int, ...]:
    """The story's chapters, in order (?chapter= takes one of these)."""
    return tuple(int(n) for n in data.table("story_chapters")["chapter_no"])


@memo.per_process(maxsize=4)
def locator(lang: str) -> Markup:
    """The small map of Ordos City with Jungar Banner in its colour, named, as a picture (the static district map,
    drawn once per language): it shows where the banner is, and has nothing to click. A second deck.gl map made the
    page load deck.gl (820 KB compressed) and draw it in WebGL."""
    picture = kept_svg(locator_spec(lang))
    return Finished(macro("parts/chart.html", "picture")(svg_data_uri(picture), t("zhungeer.map_alt", lang), "ordos-locator"))


@memo.per_process(maxsize=16)
def view(chapter: int, lang: str) -> Chapter:
    story, row = data.one("story"), data.table("story_chapters").set_index("chapter_no").loc[chapter]
    numbers, sources, quote = chapter_numbers(), source_titles(lang), t("app.quote", lang)
    source = story[col(lang, "source_line")]
    located, actions = data.district_project_list(JUNGAR_CODE), data.actions()
    links = link_items(data.chapter_links(chapter), data.projects(), lang, set(located.query("basis != 'all_districts'").project_no))
    here = located_items(located, actions, lang, {item.number for item in links.get("project", [])})
    facts = data.story_facts(chapter)
    own, in_plan = facts[facts.topic == "jungar"], facts[facts.topic == "jungar_in_plan"]
    mines = Chart("zhungeer-mines", (lang, chapter), "jungar-green-mines", charts.green_mines_view, (own, lang, source))
    plan = (located, actions, lang, t("app.source_plan", lang))
    projects = Chart("zhungeer-projects", (lang,), "jungar-projects", charts.district_projects_view, plan)
    lists = (("named", "jungar_projects_list"), ("citywide", "citywide_expander"))
    steps = ((chapter - 1, ":material/arrow_back:", "prev_chapter"), (chapter + 1, ":material/arrow_forward:", "next_chapter"))
    return Chapter(
        labels={n: chapter_label(n, lang) for n in numbers},
        title=story[col(lang, "title")],
        subtitle=story[col(lang, "subtitle")],
        lead=prose_html(story[col(lang, "lead")]) + source_line_html(source),
        heading=row[col(lang, "heading")],
        position=t("zhungeer.chapter_of", lang, no=chapter, total=len(numbers)),
        body=prose_html(row[col(lang, "body")]),
        pictures=tuple(_picture(picture, lang) for picture in data.story_pictures(chapter).to_dict("records")),
        figures=None if own.empty else cards_html(chapter_cards(own, lang, sources, accent=JUNGAR), quote),
        mines=mines if chapter == 1 else None,
        why=prose_html(row[col(lang, "links_why")]),
        link_groups=tuple(_link_group(kind, items, lang) for kind, items in links.items()),
        plan_figures=None if in_plan.empty else cards_html(chapter_cards(in_plan, lang, sources), quote),
        projects_intro=t("zhungeer.jungar_projects_intro", lang, named=len(here["named"]), citywide=len(here["citywide"])),
        projects_chart=projects if chapter == 4 else None,
        project_lists=tuple(ProjectList(group, t(f"zhungeer.{key}", lang, n=len(here[group])), tuple(here[group])) for group, key in lists),
        steps=tuple(
            Step(t(f"zhungeer.{key}", lang, heading=chapter_label(n, lang)), icon, SCRIPT, pages.params(lang, chapter=n))
            for n, icon, key in steps
            if n in numbers
        ),
        closing=prose_html(story[col(lang, "closing")]) + source_line_html(source),
    )


def locator_spec(lang: str) -> dict:
    """The locator map's Vega-Lite spec (views.charts draws it ahead with the charts)."""
    return chart_spec(district_map(data.districts(), lang, metric=None, size=LOCATOR_PX))


def locator_caption(lang: str) -> str:
    """Under the locator map: what it shows, and the map review number when one is set."""
    return with_review_no(t("zhungeer.map_caption", lang), lang)


def _link_group(kind: str, items: list[LinkItem], lang: str) -> LinkGroup:
    """Actions and programs have no page of their own: they are listed; projects and indicators are linked."""
    chips = chips_html(items) if items[0].page is None else None
    return LinkGroup(kind, t(f"zhungeer.kind_{kind}", lang), chips, tuple(item for item in items if item.page))


def _picture(picture: dict, lang: str) -> Picture:
    caption = picture[col(lang, "caption")]
    credited = " · ".join(filter(None, [caption, picture[col(lang, "credit")]]))
    return Picture(picture["photo_file"], credited, picture_html(caption, t("zhungeer.picture_missing", lang)))
