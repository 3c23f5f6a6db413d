"""One visual identity: the action colours, the Altair theme, and the page CSS.

Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies); every chart
also labels what a colour means, so colour is never the only carrier of meaning.
"""

from __future__ import annotations

import altair as alt

ACTION_COLORS = {
    1: "#009E73",  # desertification control: bluish green
    2: "#0072B2",  # water: blue
    3: "#E69F00",  # energy: orange
    4: "#CC79A7",  # agriculture and rural tourism: reddish purple
    5: "#56B4E9",  # innovation: sky blue
}
JUNGAR = "#D55E00"  # vermillion: Jungar Banner wherever it is highlighted
INK = "#1f2a30"
MUTED = "#5b6770"
GRID = "#e3e6e8"
PAPER = "#fbfaf7"
FONT = "'Source Sans', 'Source Sans Pro', 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"


def action_scale(lang_names: dict[int, str]) -> alt.Scale:
    """A colour scale keyed by action name (in the page's language), always in action order."""
    names = [lang_names[n] for n in sorted(lang_names)]
    return alt.Scale(domain=names, range=[ACTION_COLORS[n] for n in sorted(lang_names)])


@alt.theme.register("ordos", enable=True)
def ordos_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "transparent",
            "view": {"stroke": None},
            "title": {"fontSize": 17, "fontWeight": 600, "anchor": "start", "color": INK, "subtitleColor": MUTED,
                      "subtitleFontSize": 13, "offset": 10},
            "axis": {"labelFontSize": 13, "titleFontSize": 13, "titleFontWeight": 500, "labelColor": INK, "titleColor": MUTED,
                     "gridColor": GRID, "domainColor": "#9aa5ab", "tickColor": "#9aa5ab", "labelLimit": 260},
            "legend": {"labelFontSize": 13, "titleFontSize": 13, "titleFontWeight": 500, "orient": "bottom", "direction": "horizontal",
                       "columns": 2, "labelLimit": 320, "symbolType": "square"},
            "header": {"labelFontSize": 14, "titleFontSize": 14, "labelFontWeight": 600},
            "text": {"fontSize": 12, "color": INK},
            "bar": {"cornerRadiusEnd": 2},
            "range": {"category": list(ACTION_COLORS.values())},
        }
    }  # fmt: skip


PAGE_CSS = f"""
<style>
  /* No Streamlit boilerplate for visitors */
  [data-testid="stToolbar"], [data-testid="stAppDeployButton"], [data-testid="stMainMenu"], #MainMenu,
  [data-testid="stDecoration"], footer, [data-testid="stStatusWidget"] {{ display: none !important; }}
  header[data-testid="stHeader"] {{ display: none !important; }}
  .block-container, [data-testid="stMainBlockContainer"] {{ padding-top: 1.2rem; padding-bottom: 3rem; max-width: 1280px; }}
  html, body {{ overflow-x: hidden; }}
  /* Streamlit's default caption grey is 4.0:1 on our paper; WCAG AA needs 4.5:1 */
  [data-testid="stCaptionContainer"] {{ opacity: 1 !important; }}
  [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{ color: {MUTED} !important; }}
  .ordos-brand {{ font-weight: 700; font-size: 1.05rem; color: {INK}; line-height: 1.2; }}
  .ordos-brand small {{ display: block; font-weight: 400; color: {MUTED}; font-size: .8rem; }}
  .ordos-kicker {{ color: {MUTED}; font-size: .9rem; letter-spacing: .02em; text-transform: uppercase; margin: 0; }}
  .ordos-cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: .75rem; margin: .5rem 0 1rem; }}
  .ordos-card {{ background: #fff; border: 1px solid {GRID}; border-top: 4px solid var(--accent, {INK}); border-radius: 6px;
                 padding: .8rem .9rem .7rem; min-width: 0; }}
  .ordos-card .v {{ font-size: 2rem; font-weight: 700; color: {INK}; line-height: 1.1; overflow-wrap: anywhere; }}
  .ordos-card.long .v {{ font-size: 1.5rem; }}
  .ordos-card .u {{ display: inline-block; font-size: .95rem; font-weight: 500; color: {MUTED}; margin-left: .2rem; }}
  .ordos-card .l {{ font-size: .95rem; color: {INK}; margin-top: .35rem; line-height: 1.35; }}
  .ordos-card details {{ margin-top: .45rem; font-size: .85rem; color: {MUTED}; }}
  .ordos-card summary {{ cursor: pointer; color: #0b5a8a; }}
  .ordos-card blockquote {{ margin: .35rem 0 0; padding-left: .6rem; border-left: 3px solid {GRID}; color: {INK}; white-space: pre-wrap; }}
  .ordos-note {{ background: #fff7e6; border-left: 4px solid #E69F00; padding: .55rem .8rem; border-radius: 4px; margin: .4rem 0; font-size: .95rem; }}
  .ordos-picture {{ border: 2px dashed #c9ced1; border-radius: 6px; padding: 1rem; color: {MUTED}; text-align: center; background: #fff; }}
  .ordos-picture strong {{ color: {INK}; display: block; margin-bottom: .2rem; }}
  .ordos-source {{ color: {MUTED}; font-size: .85rem; }}
  .ordos-chip {{ display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; color: #fff; background: var(--accent, {MUTED}); }}
  @media (max-width: 640px) {{
    .block-container, [data-testid="stMainBlockContainer"] {{ padding-left: .8rem; padding-right: .8rem; }}
    .ordos-cards {{ grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .5rem; }}
    .ordos-card .v {{ font-size: 1.5rem; }}
    .ordos-card.long .v {{ font-size: 1.2rem; }}
    h1 {{ font-size: 1.6rem !important; }}
    h2 {{ font-size: 1.3rem !important; }}
    h3 {{ font-size: 1.15rem !important; }}
  }}
</style>
"""
