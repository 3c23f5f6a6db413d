"""The parser on the real documents: counts, totals, and values checked by hand against the text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.sources import load_sources


@pytest.fixture(scope="module")
def parsed():
    return load_sources()


def test_plan_structure_counts(parsed):
    plan, _ = parsed
    assert len(plan.principles) == 5
    assert len(plan.goals) == 6
    assert len(plan.indicators) == 36
    assert [a.no for a in plan.actions] == [1, 2, 3, 4, 5]
    assert [len(a.programs) for a in plan.actions] == [6, 6, 5, 4, 3]
    assert [p.no for a in plan.actions for p in a.programs] == list(range(1, 25))
    assert [p.no for p in plan.projects] == list(range(1, 40))


def test_projects_add_up_to_the_documents_total(parsed):
    plan, _ = parsed
    assert plan.total_text == "2048.463"
    assert sum(p.investment_yi for p in plan.projects) == Decimal("2048.463")


@pytest.mark.parametrize(
    ("no", "name", "location", "dept", "years", "amount", "program", "action"),
    [
        (1, "鄂尔多斯市库布齐-毛乌素沙漠沙化地综合防治重点项目（一期）", "全市8个旗区、市造林总场", "林草局", (2022, 2024), "4.95", 1, 1),
        (
            2,
            "“光伏+生态治理”项目",
            "达拉特旗、\n东胜区、\n准格尔旗、\n杭锦旗、\n乌审旗、\n鄂托克旗、\n鄂托克前旗",
            "能源局",
            (2022, 2024),
            "406.0",
            1,
            1,
        ),
        (3, "黄河内蒙古段十大孔兑综合治理项目", "达拉特旗、东胜区、杭锦旗、准格尔旗", "水利局", (2022, 2030), "35.79", 2, 1),
        (15, "重点河湖水生态综合治理项目", "杭锦旗、东胜区、达拉特旗、准格尔旗", "水利局", (2021, 2035), "2.22", 10, 2),
        (21, "华星40亿立方米煤制天然气项目", "鄂托克前旗上海庙工业园区", "能源局", (2022, 2024), "368.0", 14, 3),
        (24, "煤制烯烃", "苏里格经济开发区", "工信局", (2022, 2025), "276", 16, 3),
        (33, "特色文化创作项目", "全市9个旗区", "文旅局", (2022, 2024), "0.1", 21, 4),
        (39, "创新人才引进和培育工程", "全市9个旗区", "科技局", (2022, 2024), "4.0", 24, 5),
    ],
)
def test_annex5_rows_as_written(parsed, no, name, location, dept, years, amount, program, action):
    project = parsed[0].projects[no - 1]
    assert (project.no, project.name_zh, project.location_zh, project.lead_dept_zh) == (no, name, location, dept)
    assert (project.start_year, project.end_year) == years
    assert project.investment_text == amount and project.investment_yi == Decimal(amount)
    assert (project.program_no, project.action_no) == (program, action)


@pytest.mark.parametrize(
    ("no", "category", "name", "unit", "base", "target", "cmp", "depts"),
    [
        (1, "创新驱动", "研究与试验发展（R&D）经费支出占地区生产总值比重", "%", "0.81", "1.8", None, "市科技局"),
        (7, "生态环境", "植被覆盖度", "%", "70.33", "＞70", ">", "市林草局"),
        (12, "生态环境", "城市生活污水集中处理率", "%", "98.43", "≥99", "≥", "市住建局"),
        (13, "生态环境", "生态保护和环境治理投资占GDP比重", "%", "1.16", "1.2", None, "市生态环境局市财政局"),
        (17, "生态环境", "单位国内生产总值能耗", "吨标煤/万元", "2.08", "1.82", None, "市发改委"),
        (25, "社会进步", "每千常住人口执业（助理）医师数", None, "3.09", "3.6", None, "市卫健委"),
        (29, "社会进步", "城镇登记失业率", "%", "3.02", "<4.5", "<", "市人社局"),
        (30, "社会进步", "亿元GDP生产安全事故死亡率", "人/亿元", "≤0.047", "≤0.02", "≤", "市应急管理局"),
        (32, "荒漠化防治与绿色发展特色指标", "非化石能源消费比重", "%", "5.8", "15", None, "市能源局\n市发改委"),
        (36, "荒漠化防治与绿色发展特色指标", "库布齐沙漠治理率", "%", "25.66", "＞25", ">", "市林草局"),
    ],
)
def test_indicator_rows_as_written(parsed, no, category, name, unit, base, target, cmp, depts):
    ind = parsed[0].indicators[no - 1]
    assert (ind.no, ind.category_zh, ind.name_zh, ind.unit_zh) == (no, category, name, unit)
    assert (ind.baseline.text, ind.target.text, ind.target.cmp, ind.depts_zh) == (base, target, cmp, depts)


def test_text_target_and_ratio_keep_their_text(parsed):
    plan, _ = parsed
    carbon, ratio = plan.indicators[17], plan.indicators[15]
    assert carbon.target.kind == "text" and carbon.target.value is None
    assert carbon.target.text == "完成自治区下达的目标任务"
    assert (ratio.baseline.text, ratio.target.text) == ("1.4:1", "2.5:1")
    assert (ratio.baseline.kind, ratio.baseline.value, ratio.target.value) == ("ratio", 1.4, 2.5)


def test_programs_carry_their_paragraph_and_departments(parsed):
    programs = {p.no: p for a in parsed[0].actions for p in a.programs}
    assert programs[5].name_zh == "绿色矿山工程"
    assert programs[5].body_zh.startswith("建立绿色矿山规划体系")
    assert programs[5].lead_zh == "市能源局、市自然资源局、市工信局" and programs[5].partners_zh is None
    assert programs[11].partners_zh == "市发改委、市农牧局、市自然资源局"
    assert "340万亩" in programs[20].body_zh and "（牵头部门" not in programs[20].body_zh


def test_story_chapters_captions_and_source(parsed):
    _, story = parsed
    assert [c.heading_zh for c in story.chapters] == [
        "推进产业绿色转型 筑牢生态发展根基",
        "打造特色绿色产业 助力群众增收致富",
        "发展特色生态产业 赋能乡村全面振兴",
        "加强生态系统治理 描绘绿水青山画卷",
    ]
    assert [len(c.paragraphs) for c in story.chapters] == [3, 4, 3, 3]
    assert story.closing_zh.startswith("当前，准格尔旗正继续坚持护绿")
    assert story.captions == ["准能矿山生态旅游区", "高原露品牌杏系列产品", "准格尔旗黄河稻渔生态观光园", "游客采摘准格尔旗暖水山地苹果"]
    assert (story.title_zh, story.subtitle_zh) == ("准格尔旗深耕『两山』实践", "走好生态优先、绿色发展协同之路")
    assert story.publisher_zh == "中共准格尔旗委宣传部"
