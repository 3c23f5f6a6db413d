"""Parse the Jungar Banner feature story into its lead, chapters, captions and source line.

The export keeps the magazine layout as blank-line-separated blocks: a paragraph ends with 。;
a chapter heading is two phrases separated by a space; the story's own title is a two-line block
without punctuation; picture captions are short lines without 。; the last line names the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.errors import BuildError
from pipeline.read import SourceText

MARKERS = ("准格尔旗", "数据来源：")
_HEADING = re.compile(r"^[^\s。，：、]{4,14}[ \u3000][^\s。，：、]{4,14}$")


@dataclass
class Chapter:
    no: int
    heading_zh: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Story:
    title_zh: str
    subtitle_zh: str
    lead_zh: str
    chapters: list[Chapter]
    closing_zh: str
    captions: list[str]
    source_line_zh: str
    publisher_zh: str


def parse_story(src: SourceText) -> Story:
    """Parse the story; the last paragraph (a look ahead, after the fourth chapter) is its closing."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", src.text) if b.strip()]
    lead, title, subtitle, source_line = None, None, None, None
    chapters: list[Chapter] = []
    captions: list[str] = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if block.startswith("数据来源："):
            source_line = block
        elif len(lines) == 2 and not any("。" in line for line in lines):
            title, subtitle = lines  # the headline is set over two lines: title, then subtitle
        elif len(lines) == 1 and _HEADING.match(block):
            chapters.append(Chapter(no=len(chapters) + 1, heading_zh=block))
        elif block.endswith("。"):
            if not chapters:
                if lead is not None:
                    raise BuildError(f"{src.name}: two paragraphs before the first chapter heading; expected one lead")
                lead = block
            else:
                chapters[-1].paragraphs.append(block)
        elif len(lines) == 1 and len(block) <= 30:
            captions.append(block)
        else:
            raise BuildError(f"{src.name}: cannot tell what this block is: {block[:30]!r}…")
    if lead is None or title is None or source_line is None:
        missing = [n for n, v in (("lead paragraph", lead), ("title", title), ("数据来源 line", source_line)) if v is None]
        raise BuildError(f"{src.name}: missing {', '.join(missing)}; the file looks truncated")
    if len(chapters) != 4:
        raise BuildError(f"{src.name}: expected 4 chapter headings, found {len(chapters)}")
    for ch in chapters:
        if not ch.paragraphs:
            raise BuildError(f"{src.name}: chapter {ch.no} ({ch.heading_zh}) has no paragraphs")
    closing = chapters[-1].paragraphs.pop()
    return Story(
        title_zh=title,
        subtitle_zh=subtitle,
        lead_zh=lead,
        chapters=chapters,
        closing_zh=closing,
        captions=captions,
        source_line_zh=source_line,
        publisher_zh=source_line.removeprefix("数据来源：").strip(),
    )
