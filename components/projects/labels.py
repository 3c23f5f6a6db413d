"""How the projects page names its rows: 'number · name', the key actions by number, a project in the picker."""

from __future__ import annotations

import pandas as pd

from core import fmt
from core.i18n import col


def row_label(no: int, name: str) -> str:
    """'21 · Huaxing …': a project, program or action named with its number."""
    return f"{no} · {name}"


def action_names(lang: str, actions: pd.DataFrame) -> dict[int, str]:
    """The key actions' names in the page's language, by number."""
    return {int(r["action_no"]): r[col(lang, "name")] for r in actions.to_dict("records")}


def project_option(project: dict, lang: str) -> str:
    """How a project reads in the picker: number, name and amount."""
    return f"{row_label(project['project_no'], project[col(lang, 'name')])} ({fmt.amount(project['investment_yi'], lang)})"
