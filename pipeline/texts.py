"""Every Chinese text that the app shows, keyed, so that its English rendering can be kept beside it.

The English lives in data/curated/en/*.yaml as {key: {zh, en}}. The build checks that each `zh` there
is still exactly the parsed text: when a new version of a document changes a sentence, its old
translation is reported as stale instead of being shown next to text it does not translate.
"""

from __future__ import annotations

from pipeline.parse_plan import Plan
from pipeline.parse_story import Story


def plan_texts(plan: Plan) -> dict[str, str]:
    t = {"plan:title": plan.title_zh, "plan:preamble": plan.preamble_zh, "goals:intro": plan.goals_intro_zh}
    for n, (name, body) in enumerate(plan.principles, start=1):
        t[f"principle:{n}:name"], t[f"principle:{n}:body"] = name, body
    for n, (name, body) in enumerate(plan.goals, start=1):
        t[f"goal:{n}:name"], t[f"goal:{n}:body"] = name, body
    for a in plan.actions:
        t[f"action:{a.no}:name"], t[f"action:{a.no}:intro"] = a.name_zh, a.intro_zh
        for p in a.programs:
            t[f"program:{p.no}:name"], t[f"program:{p.no}:body"] = p.name_zh, p.body_zh
    for ind in plan.indicators:
        t[f"indicator:{ind.no}:name"] = ind.name_zh
        if ind.target.kind == "text":
            t[f"indicator:{ind.no}:target"] = ind.target.text
    for pj in plan.projects:
        t[f"project:{pj.no}:name"], t[f"project:{pj.no}:content"] = pj.name_zh, pj.content_zh
    return t


def story_texts(story: Story) -> dict[str, str]:
    t = {
        "story:title": story.title_zh,
        "story:subtitle": story.subtitle_zh,
        "story:lead": story.lead_zh,
        "story:closing": story.closing_zh,
        "story:source_line": story.source_line_zh,
    }
    for ch in story.chapters:
        t[f"chapter:{ch.no}:heading"] = ch.heading_zh
        for k, para in enumerate(ch.paragraphs, start=1):
            t[f"chapter:{ch.no}:para:{k}"] = para
    for k, caption in enumerate(story.captions, start=1):
        t[f"caption:{k}"] = caption
    return t
