"""Data notes: the problems a critical reading of the two sources finds, each with its evidence, in the database."""

from __future__ import annotations

import json
import re

import yaml

from pipeline import settings

NOTES_FILE = settings.CURATED / "data_notes.yaml"


def test_every_curated_note_is_in_the_database_once_per_subject(con):
    curated = yaml.safe_load(NOTES_FILE.read_text(encoding="utf-8"))
    rows = con.execute("SELECT note_group, subject FROM data_notes").fetchall()
    assert sorted(rows) == sorted((n["note_id"], s) for n in curated for s in n["subjects"])
    assert len({n["note_id"] for n in curated}) == len(curated), "note ids are unique"


def test_every_note_quotes_its_evidence_from_the_sources(con):
    texts = [(settings.RAW / name).read_text(encoding="utf-8") for name in (settings.PLAN_FILE, settings.STORY_FILE)]
    for note_id, evidence in con.execute("SELECT DISTINCT note_group, evidence_zh FROM data_notes").fetchall():
        quotes = json.loads(evidence)
        assert quotes, note_id
        assert all(any(q in t for t in texts) for q in quotes), note_id


def test_the_second_reading_is_recorded(con):
    found = dict(con.execute("SELECT note_id, kind FROM data_notes").fetchall())
    expected = {
        "action1-program-names@action:1": "contradiction",  # an action's introduction names its programs otherwise
        "program3-project-names@project:7": "contradiction",  # a program's paragraph names a project otherwise
        "water-indicator-names@indicator:20": "ambiguity",  # an indicator named one way in the table, another in the text
        "project29-program@project:29": "ambiguity",  # a project whose content belongs to another program
        "key-lab-count@program:22": "ambiguity",  # a count that can be read two ways
        "coal-chem-no-year@program:16": "ambiguity",  # a target without a year
        "three-zero-clearings@project:36": "ambiguity",  # an undefined term
        "repeated-dual-control@program:11": "typo",  # a repeated clause
        "annexes-missing@source:plan": "status",
    }
    assert {k: found.get(k) for k in expected} == expected
    assert con.execute("SELECT count(DISTINCT note_group) FROM data_notes").fetchone()[0] >= 54


def test_notes_the_indicators_page_shows_as_they_are_have_no_chinese(con):
    # The indicators page shows the notes on an indicator and on the plan as a whole without marking Chinese.
    rows = con.execute("SELECT note_id, note_en FROM data_notes WHERE subject LIKE 'indicator:%' OR subject = 'source:plan'").fetchall()
    assert rows and [note_id for note_id, en in rows if re.search("[\u3400-\u9fff]", en)] == []
