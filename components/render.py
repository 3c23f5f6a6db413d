"""The presentation layer's files: Jinja2 templates (components/templates/), stylesheets and the deck's
script (components/assets/), loaded once per process and shared by every front end (the Streamlit pages,
the phone edition, the kiosk and presenter).

Templates are autoescaped: every value a view hands in is escaped when it is rendered, so no builder
writes escape() itself; what reaches st.html is always a rendered template. Templates can call `t`
(the UI strings of core.i18n) and the number formats of core.fmt (`fmt.number`, `fmt.amount`…).

Stylesheets: `parts/` styles the templates' markup, whatever front end shows it; `streamlit/` holds
what only the Streamlit frame needs (its own elements, keyed containers). Both use the palette of
components.theme as CSS custom properties, which `stylesheet()` puts first.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from components import theme
from core import fmt
from core.i18n import col, t

TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"


@functools.cache
def environment() -> Environment:
    """The one Jinja2 environment of the process (templates are compiled once and cached by Jinja)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html", "svg", "xml"), default_for_string=True),
        undefined=StrictUndefined,  # a misspelt name in a template is an error, not an empty string
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates do not change while the server runs
    )
    env.globals.update(t=t, col=col, fmt=fmt)
    env.filters["css_colour"] = theme.css_colour
    return env


def render(name: str, /, **context) -> Markup:
    """A template rendered with `context`, as markup safe to hand to st.html (it is escaped already)."""
    return Markup(environment().get_template(name).render(**context))


def macro(name: str, macro_name: str):
    """One macro of a template, callable from Python: macro('parts/cards.html', 'cards')(cards, label)."""
    return getattr(environment().get_template(name).module, macro_name)


@functools.cache
def asset(relative: str) -> str:
    """The text of one asset file (a stylesheet, a script), read once per process."""
    return (ASSETS / relative).read_text(encoding="utf-8")


@functools.cache
def stylesheet(*folders: str) -> str:
    """The palette's custom properties and every .css file of `folders` (in order, files sorted), as one
    stylesheet text. stylesheet('parts', 'streamlit') is the Streamlit app's."""
    files = [path for folder in folders for path in sorted((ASSETS / folder).glob("*.css"))]
    return "\n".join([theme.css_variables(), *(asset(str(path.relative_to(ASSETS))) for path in files)])


class Finished(Markup):
    """Markup that st.html sends as it is. Any other text it dedents and strips on every run, line by line: for the
    app's stylesheet (19 KB, sent on every run) that was 0.5-0.8 ms of each run; an object with `_repr_html_` is
    taken unchanged."""

    def _repr_html_(self) -> str:
        return str(self)


@functools.cache
def style_block(*folders: str) -> Finished:
    """stylesheet(*folders) inside a <style> element, for st.html (made once per process, sent unchanged)."""
    return Finished(Markup("<style>\n") + Markup(stylesheet(*folders)) + Markup("\n</style>"))
