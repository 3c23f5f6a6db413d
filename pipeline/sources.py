"""Step 1: read and parse the two source documents."""

from __future__ import annotations

from pathlib import Path

from pipeline import parse_plan, parse_story, settings
from pipeline.read import SourceText, read_source


def read_both(raw: Path | None = None) -> tuple[SourceText, SourceText]:
    raw = raw or settings.RAW
    plan = read_source(raw / settings.PLAN_FILE, parse_plan.MARKERS, min_chars=20_000)
    story = read_source(raw / settings.STORY_FILE, parse_story.MARKERS, min_chars=2_000)
    return plan, story


def load_sources(raw: Path | None = None) -> tuple[parse_plan.Plan, parse_story.Story]:
    plan_src, story_src = read_both(raw)
    return parse_plan.parse_plan(plan_src), parse_story.parse_story(story_src)
