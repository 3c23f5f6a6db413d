"""Jungar Banner's story in four chapters, each set against the city plan (?chapter=1–4)."""

import streamlit as st

from components import story as sb
from components.cards import cards_html, picture_html
from components.maps.deck import district_deck
from components.theme import JUNGAR
from components.widgets import cached_deck, show_cached_chart
from core import data
from core.i18n import col, t
from core.routing import ensure_router
from core.state import int_param, lang_of

ensure_router()  # a direct link on a fresh server must still go through app.py

KEY = "zhungeer-chapter"
lang = lang_of(st.query_params)
story, chapters = data.one("story"), data.table("story_chapters").set_index("chapter_no")
numbers = chapters.index.tolist()
chapter = int_param(st.query_params, "chapter", numbers) or numbers[0]
row = chapters.loc[chapter]
sources = {"story": t("app.source_story", lang), "plan": t("app.source_plan", lang)}
source_line = story[col(lang, "source_line")]
located = data.district_project_list(sb.JUNGAR_CODE)


@st.cache_data(show_spinner=False, max_entries=16)
def link_lists(chapter: int, lang: str) -> tuple[dict, dict]:
    """The chapter's links to the plan and Jungar Banner's projects as links: built once per chapter and language."""
    links = sb.link_items(data.chapter_links(chapter), data.projects(), lang, set(located.query("basis != 'all_districts'").project_no))
    return links, sb.located_items(located, data.actions(), lang, {item.number for item in links.get("project", [])})


links, projects_here = link_lists(chapter, lang)


def _chapter_to_url() -> None:
    st.query_params["chapter"] = str(st.session_state[KEY])


st.markdown(f'<p class="ordos-kicker">{t("zhungeer.kicker", lang)}</p>', unsafe_allow_html=True)
st.title(story[col(lang, "title")])
st.subheader(story[col(lang, "subtitle")])
lead, locator = st.columns([3, 2], gap="large")
# The link style rides with content: a style-only st.html here would displace the app frame's own style block.
lead.html(sb.story_css() + sb.prose_html(story[col(lang, "lead")]) + sb.source_line_html(source_line))
lead.caption(t("zhungeer.translation_note", lang))
with locator:
    st.markdown(f"**{t('zhungeer.map_title', lang)}**")
    deck = cached_deck("zhungeer-map", (lang,), lambda: district_deck(data.districts(), lang, metric=None, highlight=sb.JUNGAR_CODE))
    st.pydeck_chart(deck, height=300, key="zhungeer-map", alt=t("zhungeer.map_alt", lang))
    st.caption(t("zhungeer.map_caption", lang))

if st.session_state.get(KEY) != chapter:  # the URL leads (deep links, next/previous links)
    st.session_state[KEY] = chapter
st.segmented_control(t("zhungeer.chapter_nav", lang), numbers, format_func=lambda n: sb.chapter_label(n, lang), key=KEY,
                     required=True, on_change=_chapter_to_url, width="stretch")  # fmt: skip
st.header(row[col(lang, "heading")], anchor=f"chapter-{chapter}")
st.caption(t("zhungeer.chapter_of", lang, no=chapter, total=len(numbers)))
body, side = st.columns([3, 2], gap="large")
body.html(sb.prose_html(row[col(lang, "body")]))
for picture in data.story_pictures(chapter).to_dict("records"):
    if photo := data.story_photo(picture["photo_file"]):
        side.image(str(photo), caption=" · ".join(filter(None, [picture[col(lang, "caption")], picture[col(lang, "credit")]])))
    else:
        side.html(picture_html(picture[col(lang, "caption")], t("zhungeer.picture_missing", lang)))

facts = data.story_facts(chapter)
st.subheader(t("zhungeer.figures_story", lang))
if (own := facts[facts.topic == "jungar"]).empty:
    st.caption(t("zhungeer.no_figures", lang))
else:
    st.html(cards_html(sb.chapter_cards(own, lang, sources, accent=JUNGAR), t("app.quote", lang)))
if chapter == 1:
    show_cached_chart("zhungeer-mines", (lang, chapter), "jungar-green-mines", lang, sb.green_mines_view, own, lang, source_line)

st.header(t("zhungeer.plan_heading", lang))
st.write(t("zhungeer.plan_intro", lang))
with st.container(border=True):
    st.markdown(f"**{t('zhungeer.why_label', lang)}**")
    st.html(sb.prose_html(row[col(lang, "links_why")]))
    st.caption(t("zhungeer.links_file", lang))
for kind, items in links.items():
    st.markdown(f"**{t(f'zhungeer.kind_{kind}', lang)}**")
    if items[0].page is None:
        st.html(sb.chips_html(items))
    with st.container(key=f"{sb.WRAP_KEY}-{kind}"):
        for item in (i for i in items if i.page):
            st.page_link(item.page, label=item.label, query_params=item.params, icon=":material/arrow_forward:")
if not (plan_facts := facts[facts.topic == "jungar_in_plan"]).empty:
    st.markdown(f"**{t('zhungeer.figures_plan', lang)}**")
    st.caption(t("zhungeer.figures_plan_note", lang))
    st.html(cards_html(sb.chapter_cards(plan_facts, lang, sources), t("app.quote", lang)))

st.subheader(t("zhungeer.jungar_projects_heading", lang))
st.write(t("zhungeer.jungar_projects_intro", lang, named=len(projects_here["named"]), citywide=len(projects_here["citywide"])))
if chapter == 4:
    source = t("app.source_plan", lang)
    show_cached_chart(
        "zhungeer-projects", (lang,), "jungar-projects", lang, sb.district_projects_view, located, data.actions(), lang, source
    )
    st.caption(t("zhungeer.chart_projects_note", lang))
for group, title in (("named", "jungar_projects_list"), ("citywide", "citywide_expander")):
    # The lists are drawn when opened (one rerun): dozens of links are most of this page's elements.
    box = st.expander(t(f"zhungeer.{title}", lang, n=len(projects_here[group])), key=f"zhungeer-{group}", on_change="rerun")
    if box.open:
        with box, st.container(key=f"{sb.WRAP_KEY}-{group}"):
            for item in projects_here[group]:
                st.page_link(item.page, label=item.label, query_params=item.params, icon=":material/arrow_forward:")

with st.container(horizontal=True, gap="medium", key="zhungeer-steps"):
    for step, icon, key in ((-1, ":material/arrow_back:", "prev_chapter"), (1, ":material/arrow_forward:", "next_chapter")):
        if (target := chapter + step) in numbers:
            label = t(f"zhungeer.{key}", lang, heading=sb.chapter_label(target, lang))
            st.page_link("pages/zhungeer.py", label=label, icon=icon, query_params={"lang": lang, "chapter": str(target)})
st.divider()
st.subheader(t("zhungeer.closing_heading", lang))
st.html(sb.prose_html(story[col(lang, "closing")]) + sb.source_line_html(source_line))
