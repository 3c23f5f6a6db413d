"""About the data: the two sources, how the data were built, notes on the data, downloads, licences."""

import streamlit as st

from core.i18n import t
from core.routing import ensure_router
from core.state import lang_of
from views import about

ensure_router()

lang = lang_of(st.query_params)
view = about.view(lang)
ARROW = ":material/arrow_forward:"

st.title(t("about.title", lang))
st.write(t("about.intro", lang))
st.caption(view.built)

st.header(t("about.sources_heading", lang))
st.write(t("about.sources_intro", lang))
for column, card in zip(st.columns(2), view.sources, strict=False):
    column.html(card)

st.header(t("about.method_heading", lang))
st.write(t("about.method_intro", lang))
st.markdown(view.steps)
st.markdown(view.rules)
st.subheader(t("about.tracing_heading", lang))
st.write(view.tracing)
st.subheader(t("about.curated_heading", lang))
st.markdown(view.curated)
st.subheader(t("about.progress_heading", lang))
st.markdown(view.progress)
if view.status_empty:
    st.caption(view.status_empty)

st.header(t("about.notes_heading", lang))
st.write(view.notes_intro)
for kind in view.note_kinds:
    # Content runs only while a kind is open (one rerun on opening): the notes are most of this page's elements.
    kind_box = st.expander(kind.label, expanded=kind.kind == "contradiction", key=f"about-notes-{kind.kind}", on_change="rerun")
    for note in kind.notes if kind_box.open else ():
        with kind_box, st.container(border=True, key=note.wrap_key):
            st.html(note.body)
            st.caption(t("about.concerns", lang))
            for concern in note.concerns:
                if concern.page:
                    st.page_link(concern.page, label=concern.label, query_params=concern.params, icon=ARROW)
                else:
                    st.html(concern.chip)

st.header(t("about.downloads_heading", lang))
st.write(t("about.downloads_intro", lang))
csv_box = st.expander(t("about.csv_label", lang, n=len(view.tables)), key="about-csv", on_change="rerun")  # drawn when opened
for table in view.tables if csv_box.open else ():
    with csv_box, st.container(horizontal=True, vertical_alignment="center", gap="small", key=f"about-table-{table.name}"):
        st.download_button(**table.csv.button())
        st.caption(table.caption)
st.download_button(**view.workbook.button())
st.subheader(t("about.database_heading", lang))
st.write(t("about.database_body", lang))
st.download_button(**view.database.button())

st.header(t("about.licences_heading", lang))
st.markdown(view.licences)
mit_box = st.expander(t("about.licence_mit_label", lang), key="about-mit", on_change="rerun")  # drawn when opened: st.code
if mit_box.open:  # loads Streamlit's code highlighter (506 KB compressed, half of what the bare page loads)
    mit_box.code(t("about.licence_mit_text", lang), language=None, wrap_lines=True)
