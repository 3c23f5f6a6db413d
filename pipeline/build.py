"""The build as one function: read -> parse -> curated -> assemble -> validate -> publish."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from core.progress import status_rows
from pipeline import settings
from pipeline.assemble import assemble
from pipeline.curated import load_curated
from pipeline.observations import load_observations
from pipeline.parse_plan import parse_plan
from pipeline.parse_story import parse_story
from pipeline.photos import check as check_photo
from pipeline.publish import write_database
from pipeline.sources import read_both
from pipeline.texts import plan_texts, story_texts
from pipeline.translations import problems
from pipeline.validate import validate


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(
    raw: Path | None = None,
    curated: Path | None = None,
    database: Path | None = None,
    observations: Path | None = None,
    photos: Path | None = None,
) -> dict[str, int]:
    """Build the database; returns row counts. Raises BuildError and leaves `database` as it was on any problem."""
    started = time.perf_counter()
    plan_src, story_src = read_both(raw or settings.RAW)
    log(f"read     {plan_src.name} ({len(plan_src.text)} chars), {story_src.name} ({len(story_src.text)} chars)")
    plan, story = parse_plan(plan_src), parse_story(story_src)
    counts = f"{len(plan.indicators)} indicators, {len(plan.actions)} actions, {len(plan.projects)} projects"
    log(f"parse    {counts}, {len(story.chapters)} chapters")
    cur = load_curated(curated or settings.CURATED)
    tables = assemble(plan, story, plan_src, story_src, cur)
    specs = {spec["caption_zh"]: spec for spec in cur.pictures}
    folder = photos or settings.PHOTOS
    tables["story_pictures"] = [row | check_photo(specs[row["caption_zh"]], folder) for row in tables["story_pictures"]]
    shown = sum(1 for row in tables["story_pictures"] if row["photo_file"])
    tables["observations"] = load_observations(observations or settings.OBSERVATIONS, tables["indicators"])
    tables["indicator_status"] = status_rows(tables["indicators"], tables["observations"])
    log(f"observe  {len(tables['observations'])} observed values, {shown} of {len(specs)} story photos")
    log(f"assemble {len(tables)} tables, {sum(len(r) for r in tables.values())} rows")
    texts = plan_texts(plan) | story_texts(story)
    validate(tables, {"plan": plan_src.text, "story": story_src.text}, problems(texts, cur.translations))
    log("validate all rules passed")
    target = database or settings.DATABASE
    write_database(tables, target)
    log(f"publish  {target} ({target.stat().st_size // 1024} KB) in {time.perf_counter() - started:.2f} s")
    return {name: len(rows) for name, rows in tables.items()}
