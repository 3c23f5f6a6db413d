"""The data notes as the About page shows them: gathered by note group (one problem may concern several
subjects), each subject named for people and linked where the app has a page for it, with the exact source
passages the note rests on.

Pure: the markup is components/templates/about/notes.html (autoescaped), styled by assets/parts/about.css.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup

from components.render import macro
from components.story.links import subject_link
from core.i18n import col, t
from core.text import fold

NOTE_KINDS = ("contradiction", "typo", "ambiguity", "status")  # the order the page lists them in


@dataclass(frozen=True)
class Subject:
    """What a data note is about, named for people, with the page that shows it (if any)."""

    kind: str
    ref: str
    label: str
    page: str | None = None
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NoteGroup:
    group: str
    kind: str
    text: str
    subjects: list[Subject]
    evidence: list[str]


def subject_of(row: dict, lang: str) -> Subject:
    """A note's subject ('indicator:17') as a readable label and, for indicators and projects, a link."""
    kind, ref = row["subject_kind"], str(row["subject_ref"])
    name = row.get(col(lang, "subject_name")) or row["subject"]
    named = kind in ("indicator", "project", "program", "action", "source")
    label = t(f"about.subject_{kind}", lang, no=ref, name=name) if named else name
    page, params = subject_link(kind, ref, lang)
    return Subject(kind, ref, label, page, params)


def note_groups(notes: pd.DataFrame, lang: str) -> list[NoteGroup]:
    """Data notes gathered by note group (one problem may concern several subjects), ordered by kind then group."""
    out = []
    for group, rows in notes.groupby("note_group", sort=True):
        records = rows.to_dict("records")
        texts = list(dict.fromkeys(r[col(lang, "note")] for r in records))
        evidence = list(dict.fromkeys(q for r in records for q in json.loads(r["evidence_zh"])))
        subjects = list({r["subject"]: subject_of(r, lang) for r in records}.values())
        out.append(NoteGroup(str(group), records[0]["kind"], " ".join(texts), subjects, evidence))
    rank = {kind: i for i, kind in enumerate(NOTE_KINDS)}
    return sorted(out, key=lambda g: (rank.get(g.kind, len(NOTE_KINDS)), g.group))


def note_html(group: NoteGroup, evidence_label: str) -> Markup:
    """A note's text and the exact source passages it rests on (Chinese, as written, whitespace folded)."""
    return macro("about/notes.html", "note")(group.text, [fold(q) for q in group.evidence], evidence_label)
