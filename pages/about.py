"""About the data: the two sources, how the data were built, notes on the data, downloads, licences."""

import streamlit as st

from components import exports
from components import story as sb
from core import data, fmt
from core.i18n import t
from core.routing import ensure_router
from core.state import lang_of

ensure_router()  # a direct link on a fresh server must still go through app.py


@st.cache_data(show_spinner=False, max_entries=4)
def note_groups(lang: str) -> list:
    """The data notes grouped (the slowest step of a run, from cached data): once per language."""
    return sb.note_groups(data.data_notes_readable(), lang)


lang = lang_of(st.query_params)
tables = {name: data.table(name) for name in data.PUBLIC_TABLES}
info, plan = data.build_info(), data.one("plan")
counts = {name: fmt.number(len(tables[name]), lang) for name in ("actions", "programs", "projects", "indicators", "districts")}

st.title(t("about.title", lang))
st.write(t("about.intro", lang))
built = f"{info['built_at']:%Y-%m-%d %H:%M}"
st.caption(t("about.built_at", lang, when=built, tables=info["tables"], rows=fmt.number(info["rows_total"], lang)))

st.header(t("about.sources_heading", lang))
st.write(t("about.sources_intro", lang))
for column, source in zip(st.columns(2), tables["sources"].to_dict("records"), strict=False):
    column.html(sb.about_css() + sb.source_html(source, lang))  # with content: a style-only block displaces the frame's

st.header(t("about.method_heading", lang))
st.write(t("about.method_intro", lang))
steps = ("read", "parse", "curated", "validate", "publish")
st.markdown("\n".join(f"{i}. {t(f'about.step_{step}', lang)}" for i, step in enumerate(steps, start=1)))
total = plan["total_investment_yi"]
rules = [
    t("about.rule_counts", lang, **counts),
    t("about.rule_total", lang, total=fmt.number(total, lang), billion=fmt.number(total / 10, lang)),
]
rules += [t(f"about.rule_{key}", lang) for key in ("facts", "refs", "english")]
st.markdown(t("about.rules_intro", lang) + "\n" + "\n".join(f"- {rule}" for rule in rules))
st.subheader(t("about.tracing_heading", lang))
st.write(t("about.tracing_body", lang, n=len(tables["facts"])))
st.subheader(t("about.curated_heading", lang))
curated = ("en", "glossary", "places", "districts", "facts", "links", "indicator_programs", "notes", "rules", "pictures")
st.markdown(t("about.curated_intro", lang) + "\n" + "\n".join(f"- {t(f'about.curated_{key}', lang)}" for key in curated))
st.subheader(t("about.progress_heading", lang))
st.markdown(t("about.progress_body", lang, n=len(tables["observations"])) + "\n" + sb.status_rule_md(tables["indicator_status"], lang))
if tables["observations"].empty:
    st.caption(t("about.status_empty", lang, n=len(tables["indicators"])))

st.header(t("about.notes_heading", lang))
groups = note_groups(lang)
st.write(t("about.notes_intro", lang, groups=len(groups), subjects=len({s.label for g in groups for s in g.subjects})))
for kind in sb.NOTE_KINDS:
    of_kind = [g for g in groups if g.kind == kind]
    label = t("about.kind_count", lang, kind=t(f"about.kind_{kind}", lang), n=len(of_kind))
    # Content runs only while a kind is open (one rerun on opening): the notes are most of this page's elements.
    kind_box = st.expander(label, expanded=kind == "contradiction", key=f"about-notes-{kind}", on_change="rerun")
    if not kind_box.open:
        continue
    with kind_box:
        for group in of_kind:
            with st.container(border=True, key=f"{sb.WRAP_KEY}-note-{group.group}"):
                st.html(sb.note_html(group, t("about.evidence_label", lang)))
                st.caption(t("about.concerns", lang))
                for subject in group.subjects:
                    if subject.page:
                        st.page_link(subject.page, label=subject.label, query_params=subject.params, icon=":material/arrow_forward:")
                    else:
                        st.html(sb.chips_html([sb.LinkItem(subject.kind, 0, subject.label)]))

st.header(t("about.downloads_heading", lang))
st.write(t("about.downloads_intro", lang))
csv_box = st.expander(t("about.csv_label", lang, n=len(tables)), key="about-csv", on_change="rerun")  # drawn when opened
for name, frame in tables.items() if csv_box.open else ():
    with csv_box, st.container(horizontal=True, vertical_alignment="center", gap="small", key=f"about-table-{name}"):
        st.download_button(f"{name}.csv", data=lambda frame=frame: exports.to_csv_bytes(frame), file_name=f"ordos-{name}.csv",
                           mime="text/csv", key=f"about-csv-{name}", on_click="ignore", icon=":material/table:")  # fmt: skip
        rows = t(f"about.download_rows{'_one' if len(frame) == 1 else ''}", lang, n=fmt.number(len(frame), lang))
        st.caption(" · ".join(filter(None, [sb.table_description(name, lang), rows])))
st.download_button(t("about.download_xlsx", lang), data=lambda: exports.to_xlsx_bytes(tables), file_name="ordos-tables.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="about-xlsx",
                   on_click="ignore", icon=":material/grid_on:")  # fmt: skip
st.subheader(t("about.database_heading", lang))
st.write(t("about.database_body", lang))
st.download_button(t("about.database_button", lang), data=data.database_bytes, file_name="ordos.duckdb", mime="application/octet-stream",
                   key="about-database", on_click="ignore", icon=":material/database:", type="primary")  # fmt: skip

st.header(t("about.licences_heading", lang))
st.markdown("\n".join(f"- {t(f'about.licence_{key}', lang)}" for key in ("sources", "boundaries", "code")))
with st.expander(t("about.licence_mit_label", lang), key="about-mit"):
    st.code(t("about.licence_mit_text", lang), language=None, wrap_lines=True)
