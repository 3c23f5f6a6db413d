"""Jungar Banner's story in four chapters, each set against the city plan (?chapter=1–4)."""

import streamlit as st

from components import chrome
from components.widgets import show_chart
from core.i18n import t
from core.routing import ensure_router
from core.state import int_param, lang_of, sync_to_url
from views import story

ensure_router()

KEY, ARROW = "zhungeer-chapter", ":material/arrow_forward:"
lang = lang_of(st.query_params)
chapter = int_param(st.query_params, "chapter", story.chapter_numbers()) or story.chapter_numbers()[0]
view = story.view(chapter, lang)
chrome.kicker(t("zhungeer.kicker", lang))
st.title(view.title)
chrome.subtitle(view.subtitle)
lead, locator = st.columns([3, 2], gap="large")
lead.html(view.lead)
lead.caption(t("zhungeer.translation_note", lang))
locator.markdown(f"**{t('zhungeer.map_title', lang)}**")
locator.html(story.locator(lang))
locator.caption(story.locator_caption(lang))
if st.session_state.get(KEY) != chapter:  # the URL leads (deep links, next/previous links)
    st.session_state[KEY] = chapter
st.segmented_control(t("zhungeer.chapter_nav", lang), list(view.labels), format_func=view.labels.get, key=KEY, required=True,
                     on_change=sync_to_url, args=(KEY, "chapter"), width="stretch")  # fmt: skip
st.header(view.heading, anchor=f"chapter-{chapter}")
st.caption(view.position)
body, side = st.columns([3, 2], gap="large")
body.html(view.body)
for picture in view.pictures:
    if photo := picture.photo:
        side.image(str(photo), caption=picture.caption)
    else:
        side.html(picture.missing)
st.subheader(t("zhungeer.figures_story", lang))
if view.figures:
    st.html(view.figures)
else:
    st.caption(t("zhungeer.no_figures", lang))
if mines := view.mines:
    show_chart(mines, lang)
st.header(t("zhungeer.plan_heading", lang))
st.write(t("zhungeer.plan_intro", lang))
with st.container(border=True):
    st.markdown(f"**{t('zhungeer.why_label', lang)}**")
    st.html(view.why)
    st.caption(t("zhungeer.links_file", lang))
for group in view.link_groups:
    st.markdown(f"**{group.title}**")
    if group.chips:
        st.html(group.chips)
    with st.container(key=group.wrap_key):
        for item in group.links:
            st.page_link(item.page, label=item.label, query_params=item.params, icon=ARROW)
if view.plan_figures:
    st.markdown(f"**{t('zhungeer.figures_plan', lang)}**")
    st.caption(t("zhungeer.figures_plan_note", lang))
    st.html(view.plan_figures)
st.subheader(t("zhungeer.jungar_projects_heading", lang))
st.write(view.projects_intro)
if chart := view.projects_chart:
    show_chart(chart, lang)
    st.caption(t("zhungeer.chart_projects_note", lang))
for projects in view.project_lists:
    box = st.expander(projects.label, key=f"zhungeer-{projects.group}", on_change="rerun")  # drawn when opened
    if box.open:
        with box, st.container(key=projects.wrap_key):
            for item in projects.links:
                st.page_link(item.page, label=item.label, query_params=item.params, icon=ARROW)
with st.container(horizontal=True, gap="medium", key="zhungeer-steps"):
    for step in view.steps:
        st.page_link(step.page, label=step.label, icon=step.icon, query_params=step.params)
st.divider()
st.subheader(t("zhungeer.closing_heading", lang))
st.html(view.closing)
