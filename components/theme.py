"""One visual identity: every colour of the app, defined once, and the Altair theme.

Python builders (charts, maps, the PowerPoint deck) take the colours from here; the stylesheets in
components/assets/ use the same colours as CSS custom properties (`css_variables()`: `--ink`,
`--action-3`, `--status-off_track`…), so a colour is changed in this file and nowhere else.

The action colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies); every
chart also labels what a colour means, so colour is never the only carrier of meaning.
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
JUNGAR_TINT = "#F4B98F"  # its one lighter tint: a second level of a Jungar whole, Jungar on a map's light ground
INK = "#1f2a30"  # text
SECONDARY = "#3d4a52"  # secondary text (second language lines, explanations)
MUTED = "#5b6770"  # captions, units, axes titles (4.5:1 on PAPER)
SOFT = "#8a969d"  # marks of lesser weight (the plan's 2020 point)
RULE = "#9aa5ab"  # axis domains and ticks
BORDER = "#c9ced1"  # dashed frames, inactive dots, table rules
GRID = "#e3e6e8"  # grid lines, card borders
CHIP = "#eef1f3"  # neutral badges and flags
STRIPE = "#f1f3f4"  # every other row of a table in the PowerPoint deck
PAPER = "#fbfaf7"  # the page
WHITE = "#ffffff"
LINK = "#0b5a8a"  # links, focus rings and observed values
PROGRESS = "#0b6e4f"  # the kiosk's progress line and current dot
NOTE = "#E69F00"  # the edge of a note (amber), on NOTE_BG
NOTE_BG = "#fff7e6"
REQUIRED = "#2f4b5a"  # dark slate: the change an indicator requires (not an action colour: categories are not actions)
HOLD = "#a7b3ba"  # light grey-blue: targets that the 2020 value already meets
# Progress statuses (core.progress): shown with icon and word, the colour only adds to them.
STATUS_COLORS = {"achieved": "#1f7a4d", "on_track": "#6f9f2f", "off_track": "#b8322a", "not_assessable": "#7d8a93",
                 "no_data": "#8a959c"}  # fmt: skip
# The district map's classes, light to dark (YlGnBu-like: readable under white label pills, distinct from Jungar).
MAP_CLASSES = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#225ea8")
MAP_ZERO = "#e9e7e1"  # a district no project names
MAP_NEUTRAL = "#dfe6df"  # a locator map's districts
# The deck's dark theme (?theme=dark, for dim halls): the same roles on a dark ground, each text colour at least
# 4.5:1 on DARK["paper"] and DARK["white"] (the cards); the brand colours (key actions, Jungar) stay as they are,
# and charts, maps and the QR code keep a light card of PAPER behind them.
DARK = {"paper": "#141b1f", "white": "#1d272d", "ink": "#eef1f3", "secondary": "#c9d1d6", "muted": "#a9b4ba",
        "grid": "#34424a", "border": "#65737b", "chip": "#2b373e", "note-bg": "#3b3018", "progress": "#3fbf8f",
        "card": PAPER}  # fmt: skip
NIGHT = "#000000"  # the quiet hours' screen: the panel all but off
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
                     "gridColor": GRID, "domainColor": RULE, "tickColor": RULE, "labelLimit": 260},
            "legend": {"labelFontSize": 13, "titleFontSize": 13, "titleFontWeight": 500, "orient": "bottom", "direction": "horizontal",
                       "columns": 2, "labelLimit": 320, "symbolType": "square"},
            "header": {"labelFontSize": 14, "titleFontSize": 14, "labelFontWeight": 600},
            "text": {"fontSize": 12, "color": INK},
            "bar": {"cornerRadiusEnd": 2},
            "range": {"category": list(ACTION_COLORS.values())},
        }
    }  # fmt: skip


def palette() -> dict[str, str]:
    """Every named colour, as the CSS custom property it becomes (without the leading '--')."""
    named = {
        "ink": INK, "secondary": SECONDARY, "muted": MUTED, "soft": SOFT, "rule": RULE, "border": BORDER, "grid": GRID,
        "chip": CHIP, "stripe": STRIPE, "paper": PAPER, "white": WHITE, "link": LINK, "progress": PROGRESS, "note": NOTE, "note-bg": NOTE_BG,
        "required": REQUIRED, "hold": HOLD, "jungar": JUNGAR, "jungar-tint": JUNGAR_TINT, "map-zero": MAP_ZERO,
        "map-neutral": MAP_NEUTRAL,
    }  # fmt: skip
    named |= {f"action-{no}": colour for no, colour in ACTION_COLORS.items()}
    named |= {f"status-{status}": colour for status, colour in STATUS_COLORS.items()}
    named |= {f"map-class-{i}": colour for i, colour in enumerate(MAP_CLASSES, start=1)}
    named |= {f"dark-{role}": colour for role, colour in DARK.items()} | {"night": NIGHT}
    return named


def css_colour(colour: str) -> str:
    """A colour of the palette as its custom property (INK -> 'var(--ink)'), so that a theme can change it; any other
    colour as it is."""
    for name, value in palette().items():
        if value.lower() == colour.lower() and not name.startswith("dark-"):
            return f"var(--{name})"
    return colour


def css_variables() -> str:
    """The palette and the font stack as one `:root { --name: value; }` rule, which every stylesheet relies on."""
    lines = [f"--{name}: {value};" for name, value in palette().items()] + [f"--font: {FONT};"]
    return ":root { " + " ".join(lines) + " }"
