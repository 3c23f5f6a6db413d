"""How skewed the planned investment is, in figures: the skew computed from the projects table, told in one
sentence and shown as summary cards beside the plan's total. Pure: nothing typed in, no st.* here."""

from __future__ import annotations

import pandas as pd

from components.cards import Card
from core import fmt, pages
from core.i18n import col, t

BIG_YI = 100  # "large" projects: at least 100 亿元 each (the six that dominate the total)
SMALL_YI = 1  # "small" projects: below 1 亿元 each


def skew_summary(projects: pd.DataFrame) -> dict:
    """How concentrated the investment is, computed from the projects table (nothing typed in)."""
    ranked = projects.sort_values(["investment_yi", "project_no"], ascending=[False, True])
    cumulative = ranked["share"].cumsum().reset_index(drop=True)
    half_n = int((cumulative < 0.5).sum()) + 1
    big = ranked[ranked["investment_yi"] >= BIG_YI]
    small = ranked[ranked["investment_yi"] < SMALL_YI]
    return {
        "count": len(ranked),
        "half_n": half_n,
        "half_share": float(cumulative.iloc[half_n - 1]),
        "big_n": len(big),
        "big_share": float(big["share"].sum()),
        "big_nos": big["project_no"].tolist(),
        "small_n": len(small),
        "small_share": float(small["share"].sum()),
        "small_yi": float(small["investment_yi"].sum()),
    }


def skew_sentence(summary: dict, lang: str) -> str:
    """The concentration in one sentence, e.g. 'The 3 largest projects account for 53.9% of the total…'."""
    return t(
        "projects.skew_sentence",
        lang,
        half_n=summary["half_n"],
        half_share=fmt.percent(summary["half_share"], lang),
        big_n=summary["big_n"],
        big=fmt.amount(BIG_YI, lang),
        big_share=fmt.percent(summary["big_share"], lang),
        big_nos=t("projects.list_sep", lang).join(str(n) for n in summary["big_nos"]),
        count=summary["count"],
        small_n=summary["small_n"],
        small=fmt.amount(SMALL_YI, lang),
        small_share=fmt.share_text(summary["small_share"], lang),
    )


def largest(projects: pd.DataFrame, lang: str, addresses: pages.Addresses = pages.APP) -> list[dict]:
    """The projects of at least BIG_YI each, largest first: number, name, amount, share and a link to the detail."""
    ranked = projects.sort_values(["investment_yi", "project_no"], ascending=[False, True])
    return [
        {
            "no": int(row["project_no"]),
            "name": row[col(lang, "name")],
            "action_no": int(row["action_no"]),
            "amount": fmt.amount(row["investment_yi"], lang),
            "share": fmt.share_text(row["share"], lang),
            "href": addresses.href("projects", lang, project=int(row["project_no"])),
        }
        for row in ranked[ranked["investment_yi"] >= BIG_YI].to_dict("records")
    ]


def summary_cards(projects: pd.DataFrame, total_fact: dict, lang: str, source: str) -> list[Card]:
    """The total (exact, with its source sentence) and two cards that show how skewed the amounts are."""
    summary = skew_summary(projects)
    total_value = float(total_fact["value"])
    value, unit = fmt.money_yi(total_value, lang).rsplit(" ", 1)  # "CNY 204.8" + "billion", "2,048.463" + "亿元"
    # "CNY 204.8" stays on one line; the trailing space lets a narrow card wrap before the unit, not inside it
    value = value.replace(" ", "\u00a0") + " "
    if lang == "en":  # the card rounds; the plan's exact figure stays one click away, next to its source sentence
        source = f"{source}. " + t("projects.exact_total", lang, yi=fmt.number(total_value, lang), exact=fmt.amount(total_value, lang))
    return [
        Card(value, total_fact[col(lang, "label")], unit=unit, quote=total_fact["quote_zh"], source=source),
        Card(fmt.percent(summary["half_share"], lang), t("projects.card_half", lang, n=summary["half_n"])),
        Card(
            fmt.percent(summary["big_share"], lang),
            t(
                "projects.card_big",
                lang,
                n=summary["big_n"],
                big=fmt.amount(BIG_YI, lang),
                nos=t("projects.list_sep", lang).join(map(str, summary["big_nos"])),
            ),
        ),
        Card(
            fmt.share_text(summary["small_share"], lang),
            t("projects.card_small", lang, n=summary["small_n"], small=fmt.amount(SMALL_YI, lang)),
        ),
    ]
