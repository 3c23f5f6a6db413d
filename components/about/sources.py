"""What the About page says about the data themselves: each source document's card, what each public table
holds, and the progress-status rule as a list (core.progress's order, icons and words).

Pure: the card's markup is components/templates/about/sources.html (autoescaped), styled by assets/parts/about.css.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from components.render import macro
from core import fmt, progress
from core.i18n import col, t


def source_rows(source: dict, lang: str) -> list[tuple[str, str, str | None]]:
    """A source document's facts as (label, value, lang of the value or None): issuer, kind, file and size.

    In English the Chinese title comes first, marked lang="zh" (it is the document's own name).
    """
    rows: list[tuple[str, str, str | None]] = [(t("about.issuer", lang), str(source[col(lang, "issuer")]), None)]
    if lang == "en":
        rows.insert(0, (t("about.title_zh", lang), str(source["title_zh"]), "zh"))
        if source.get("kind_en"):
            rows.append((t("about.kind", lang), str(source["kind_en"]), None))
    rows += [(t("about.file", lang), str(source["file_name"]), None), (t("about.chars", lang), fmt.number(source["chars"], lang, 0), None)]
    return rows


def source_html(source: dict, lang: str) -> Markup:
    """A source document's card: title, issuer, kind, file, size and SHA-256 fingerprint."""
    return macro("about/sources.html", "source_card")(source[col(lang, "title")], source_rows(source, lang), source["sha256"])


def table_description(name: str, lang: str) -> str:
    """What a public table holds, in the page's language ('' for a table this page does not describe yet)."""
    key = f"about.table_{name}"
    text = t(key, lang)
    return "" if text == key else text


def status_rule_md(status: pd.DataFrame, lang: str) -> str:
    """The progress-status rule as a Markdown list: icon, word, condition and how many indicators have it now,
    in the order core.progress checks them (icons and words are core.progress's, so a status looks the same
    everywhere)."""
    counts = status["status"].value_counts()
    space, sep = (" ", ": ") if lang == "en" else ("", "：")
    rows = []
    for key in progress.RULE_ORDER:
        now = t("about.status_now", lang, n=fmt.number(int(counts.get(key, 0)), lang), total=fmt.number(len(status), lang))
        rows.append(f"- {progress.ICONS[key]} **{progress.word(key, lang)}**{space}{now}{sep}{t(f'about.rule_{key}', lang)}")
    return "\n".join(rows)
