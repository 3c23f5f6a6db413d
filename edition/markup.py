"""The little Markdown the app's texts use (what st.markdown and st.write make of them), as HTML for the edition.

The interface texts (locales/) and a few view fields (the About page's lists, the map's counting note) are
written for st.markdown: paragraphs, `- ` and `1. ` lists, **bold** and `code`. Nothing else is needed, so
nothing else is read: the text is escaped first, and only these marks become tags.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+\.\s+(.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> Markup:
    """One line: escaped, with **bold** and `code`."""
    html = str(escape(text))
    html = _CODE.sub(r"<code>\1</code>", html)
    return Markup(_BOLD.sub(r"<strong>\1</strong>", html))


def md(text: str) -> Markup:
    """Paragraphs (blank lines or a line that is not a list item end a list) and lists, as HTML."""
    blocks: list[tuple[str, list[str]]] = []  # (kind: p | ul | ol, lines)
    for line in str(text).splitlines():
        if not line.strip():
            blocks.append(("", []))
            continue
        for kind, pattern in (("ul", _BULLET), ("ol", _NUMBERED)):
            if found := pattern.match(line):
                if not blocks or blocks[-1][0] != kind:
                    blocks.append((kind, []))
                blocks[-1][1].append(found.group(1))
                break
        else:
            if not blocks or blocks[-1][0] != "p":
                blocks.append(("p", []))
            blocks[-1][1].append(line.strip())
    out = []
    for kind, lines in blocks:
        if kind == "p":
            out.append(Markup("<p>{}</p>").format(inline(" ".join(lines))))
        elif kind:
            items = Markup("").join(Markup("<li>{}</li>").format(inline(item)) for item in lines)
            out.append(Markup("<{0}>{1}</{0}>").format(Markup(kind), items))
    return Markup("\n").join(out)
