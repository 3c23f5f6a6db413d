"""Parse the action plan: principles, 2024 goals, the indicator table, actions, programs, Annex 5."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pipeline.errors import BuildError
from pipeline.numbers import CellValue, parse_cell
from pipeline.read import SourceText
from pipeline.tables import table_rows

TITLE = "鄂尔多斯市国家可持续发展议程创新示范区建设三年行动方案"
INDICATOR_TABLE = "鄂尔多斯市国家可持续发展议程创新示范区建设方案指标体系"
ANNEX5 = "鄂尔多斯市国家可持续发展议程创新示范区建设方案重点行动及工程项目表"
MARKERS = (TITLE, "（二）基本原则", "二、任务目标", INDICATOR_TABLE, "三、主要任务", "四、保障措施", ANNEX5, "合计")
CN_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_TRAILING_UNIT = re.compile(r"[（(]([^（）()]+)[）)]$")
_PROGRAM_HEAD = re.compile(r"^(\d{1,2})\.(\S+?工程)。", re.M)
_ACTION_HEAD = re.compile(r"^（([一二三四五])）(\S+行动)$", re.M)
_YEARS = re.compile(r"^(\d{4})\s*[-–—~～至]\s*(\d{4})$")


@dataclass
class Indicator:
    no: int
    category_zh: str
    name_as_written: str
    name_zh: str
    unit_zh: str | None
    baseline: CellValue
    target: CellValue
    depts_zh: str


@dataclass
class Program:
    no: int
    action_no: int
    name_zh: str
    body_zh: str
    lead_zh: str | None = None
    partners_zh: str | None = None


@dataclass
class Action:
    no: int
    name_zh: str
    intro_zh: str
    programs: list[Program] = field(default_factory=list)


@dataclass
class Project:
    no: int
    action_no: int
    program_no: int
    program_name_zh: str
    name_zh: str
    location_zh: str
    lead_dept_zh: str
    start_year: int
    end_year: int
    investment_text: str
    investment_yi: Decimal
    content_zh: str


@dataclass
class Plan:
    title_zh: str
    preamble_zh: str
    principles: list[tuple[str, str]]
    goals_intro_zh: str
    goals: list[tuple[str, str]]
    indicators: list[Indicator]
    actions: list[Action]
    projects: list[Project]
    total_text: str
    total_yi: Decimal
    annex_action_names: dict[int, str]


def _between(text: str, start: str, end: str, name: str) -> str:
    i = text.find(start)
    j = text.find(end, i + len(start)) if i >= 0 else -1
    if i < 0 or j < 0:
        raise BuildError(f"plan: cannot find the {name} (between {start!r} and {end!r})")
    return text[i + len(start) : j]


def _dash_items(block: str, where: str) -> list[tuple[str, str]]:
    """Lines written as ——名称。正文 -> (name, body)."""
    items = []
    for line in block.split("\n"):
        line = line.strip()
        if not line.startswith("——"):
            continue
        name, sep, body = line[2:].partition("。")
        if not sep or not body:
            raise BuildError(f"plan, {where}: item {line[:20]!r}… has no '名称。正文' form")
        items.append((name, body))
    if not items:
        raise BuildError(f"plan, {where}: no ——items found")
    return items


def parse_indicators(block: str) -> list[Indicator]:
    rows = table_rows(block)
    if not rows or rows[0][:3] != ["类别", "序号", "指标"]:
        raise BuildError("plan, indicator table: header row 类别/序号/指标/2020年/2024年/责任单位 not found")
    indicators, category = [], ""
    for i, row in enumerate(rows[1:], start=1):
        where = f"plan, indicator table row {i}"
        if len(row) != 6:
            raise BuildError(f"{where}: expected 6 cells (类别, 序号, 指标, 2020年, 2024年, 责任单位), found {len(row)}: {row}")
        cat, no, name, base, target, depts = row
        category = cat or category
        if not category:
            raise BuildError(f"{where}: no category (类别) given or inherited")
        if not no.isdigit():
            raise BuildError(f"{where}: number (序号) {no!r} is not an integer")
        where = f"plan, indicator {no}"
        unit = _TRAILING_UNIT.search(name)
        indicators.append(
            Indicator(
                no=int(no),
                category_zh=category,
                name_as_written=name,
                name_zh=name[: unit.start()].strip() if unit else name,
                unit_zh=unit.group(1).strip() if unit else None,
                baseline=parse_cell(base, f"{where}, 2020 value"),
                target=parse_cell(target, f"{where}, 2024 target"),
                depts_zh=depts,
            )
        )
    return indicators


def _lead_and_partners(body: str) -> tuple[str, str | None, str | None]:
    """Split the closing （牵头部门：…，责任单位：…） off a program paragraph."""
    m = re.search(r"（牵头部门：([^）]*)）\s*$", body)
    if not m:
        return body, None, None
    parts = re.split(r"[,，]?\s*责任单位：", m.group(1), maxsplit=1)
    lead = parts[0].strip(" ,，")
    partners = parts[1].strip() if len(parts) > 1 else None
    return body[: m.start()].strip(), lead, partners


def parse_actions(block: str) -> list[Action]:
    heads = list(_ACTION_HEAD.finditer(block))
    if len(heads) != 5:
        raise BuildError(f"plan, section 三: expected 5 key actions （一）…（五）, found {len(heads)}")
    actions = []
    for k, head in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(block)
        part = block[head.end() : end]
        no = CN_ORDINALS[head.group(1)]
        if no != k + 1:
            raise BuildError(f"plan, section 三: key action （{head.group(1)}） is out of order")
        progs = list(_PROGRAM_HEAD.finditer(part))
        intro = part[: progs[0].start()].strip() if progs else part.strip()
        action = Action(no=no, name_zh=head.group(2), intro_zh=intro)
        for j, p in enumerate(progs):
            body = part[p.end() : progs[j + 1].start() if j + 1 < len(progs) else len(part)].strip()
            body_text, lead, partners = _lead_and_partners(body)
            action.programs.append(
                Program(no=int(p.group(1)), action_no=no, name_zh=p.group(2), body_zh=body_text, lead_zh=lead, partners_zh=partners)
            )
        actions.append(action)
    return actions


def _years(text: str, where: str) -> tuple[int, int]:
    m = _YEARS.match(text.strip())
    if not m:
        raise BuildError(f"{where}: construction years {text!r} are not of the form 2022-2024")
    start, end = int(m.group(1)), int(m.group(2))
    if start > end:
        raise BuildError(f"{where}: construction years {text!r} are in the wrong order (start {start} after end {end})")
    return start, end


def parse_annex5(block: str) -> tuple[list[Project], str, Decimal, dict[int, str]]:
    rows = table_rows(block)
    if not rows or rows[0][:2] != ["序号", "项目名称"]:
        raise BuildError("plan, Annex 5: header row 序号/项目名称/建设地点/… not found")
    projects: list[Project] = []
    action_no, program_no, program_name = 0, 0, ""
    action_names: dict[int, str] = {}
    total: tuple[str, Decimal] | None = None
    for row in rows[1:]:
        head = row[0]
        if m := re.fullmatch(r"重点行动([一二三四五])", head):
            action_no = CN_ORDINALS[m.group(1)]
            action_names[action_no] = row[1] if len(row) > 1 else ""
        elif m := re.fullmatch(r"重点工程(\d+)", head):
            program_no, program_name = int(m.group(1)), (row[1] if len(row) > 1 else "")
        elif head == "合计":
            if len(row) < 2:
                raise BuildError("plan, Annex 5: the total row (合计) has no amount")
            total = (row[1], _decimal(row[1], "plan, Annex 5, total (合计)"))
        elif head.isdigit() or re.fullmatch(r"\d+\S*", head):
            where = f"plan, Annex 5, project {head}"
            if not head.isdigit():
                raise BuildError(f"{where}: number (序号) {head!r} is not an integer")
            if len(row) != 7:
                raise BuildError(
                    f"{where}: expected 7 cells (序号, 项目名称, 建设地点, 牵头责任单位, 建设时间, 计划投资, 建设内容), found {len(row)}"
                )
            if not action_no or not program_no:
                raise BuildError(f"{where}: appears before any 重点行动/重点工程 row")
            start, end = _years(row[4], where)
            projects.append(
                Project(
                    no=int(head),
                    action_no=action_no,
                    program_no=program_no,
                    program_name_zh=program_name,
                    name_zh=row[1],
                    location_zh=row[2],
                    lead_dept_zh=row[3],
                    start_year=start,
                    end_year=end,
                    investment_text=row[5],
                    investment_yi=_decimal(row[5], f"{where}, planned investment"),
                    content_zh=row[6],
                )
            )
        else:
            raise BuildError(f"plan, Annex 5: unexpected row starting {head!r}")
    if total is None:
        raise BuildError("plan, Annex 5: the total row (合计) is missing; the table looks truncated")
    return projects, total[0], total[1], action_names


def _decimal(text: str, where: str) -> Decimal:
    t = text.strip()
    if not re.fullmatch(r"\d+(?:\.\d+)?", t):
        raise BuildError(f"{where}: {t!r} is not a number")
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - the pattern above already excludes this
        raise BuildError(f"{where}: {t!r} is not a number") from None


def parse_plan(src: SourceText) -> Plan:
    """Parse the whole plan; raises BuildError naming the section and row of any problem."""
    text = src.text
    title = text.strip().split("\n", 1)[0].strip()
    if title != TITLE:
        raise BuildError(f"{src.name}: first line {title!r} is not the plan's title {TITLE!r}")
    preamble = _between(text, "（征求意见稿）", "一、总体要求", "preamble").strip()
    principles = _dash_items(_between(text, "（二）基本原则", "二、任务目标", "principles (基本原则)"), "principles")
    goals_block = _between(text, "二、任务目标", INDICATOR_TABLE, "2024 goals (任务目标)")
    goals_intro = goals_block.strip().split("\n", 1)[0].strip()
    goals = _dash_items(goals_block, "2024 goals")
    indicators = parse_indicators(_between(text, INDICATOR_TABLE, "三、主要任务", "indicator table"))
    actions = parse_actions(_between(text, "三、主要任务", "四、保障措施", "key actions (section 三)"))
    annex = text[text.find(ANNEX5, text.find("附件5\n")) + len(ANNEX5) :]
    projects, total_text, total, annex_actions = parse_annex5(annex)
    return Plan(
        title_zh=title,
        preamble_zh=preamble,
        principles=principles,
        goals_intro_zh=goals_intro,
        goals=goals,
        indicators=indicators,
        actions=actions,
        projects=projects,
        total_text=total_text,
        total_yi=total,
        annex_action_names=annex_actions,
    )
