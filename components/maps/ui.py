"""The map page's widgets: what shades the map and which district is chosen, each written to the URL, and a
district clicked on the map becoming the selection. This module calls st.* (the map builders beside it do not)."""

from __future__ import annotations

import streamlit as st

from core.i18n import t
from core.state import sync_to_url


def pick_district(key: str) -> None:
    """Map callback (st.pydeck_chart on_select): the clicked district goes into the URL (?district=150622)."""
    if picked := st.session_state[key].selection.objects.get("districts"):
        st.query_params["district"] = picked[0]["properties"]["district_code"]


def controls(metrics: dict[str, str], districts: dict[str, str], lang: str) -> None:
    """The metric (investment, the default, or project count) and the district picker ('' for none), side by side.
    Their values follow the URL (the page sets them); a change is written back to it."""
    with st.container(horizontal=True, gap="medium", vertical_alignment="bottom", key="map-controls"):
        st.segmented_control(
            t("map.metric_label", lang),
            list(metrics),
            format_func=metrics.get,
            required=True,
            key="map-metric",
            on_change=sync_to_url,
            args=("map-metric", "metric", "investment"),
        )
        st.selectbox(
            t("map.district_label", lang),
            list(districts),
            format_func=districts.get,
            key="map-district",
            on_change=sync_to_url,
            args=("map-district", "district"),
        )
