"""Reading numbers as the documents write them."""

import pytest

from pipeline.errors import BuildError
from pipeline.numbers import COMPARATORS, chinese_numeral, comparator_stated, english_cell, numbers_stated, parse_cell


@pytest.mark.parametrize(
    ("text", "kind", "value", "cmp"),
    [("0.81", "number", 0.81, None), ("＞70", "number", 70, ">"), ("≥99", "number", 99, "≥"), ("<4.5", "number", 4.5, "<"),
     ("≤0.047", "number", 0.047, "≤"), ("2.5:1", "ratio", 2.5, None), ("完成自治区下达的目标任务", "text", None, None),
     ("500以下", "number", 500, "≤"), ("78以上", "number", 78, "≥")],
)  # fmt: skip
def test_cells(text, kind, value, cmp):
    cell = parse_cell(text, "here")
    assert (cell.kind, cell.value, cell.cmp, cell.text) == (kind, value, cmp, text)


def test_yixia_and_yishang_include_the_bound():
    # Official usage: 以下 and 以上 include the number itself, so 以下 is ≤ (never <) and 以上 is ≥.
    assert COMPARATORS["以下"] == "≤" and COMPARATORS["以上"] == "≥"
    assert comparator_stated("十大孔兑洪水入黄粗泥沙含量减少到每立方米500公斤以下", pick=1) == "≤"  # 十 is the first
    assert comparator_stated("引导60万吨/年以下煤矿") == "≤"
    assert comparator_stated("非常规水资源（中水）利用率达到85%以上") == "≥"
    assert comparator_stated("自治区级以上研发机构达到240个以上") == "≥"  # the level's 以上 is not the number's


@pytest.mark.parametrize(
    ("quote", "pick", "cmp"),
    [("城市生活污水集中处理率超过99%", 0, ">"), ("累计种植各类苗木超百万株", 0, ">"), ("工业节水工程60余项", 0, ">"),
     ("力争引进培育50个左右", 0, "≈"), ("占全年的比重达到92%", 0, None), ("可申请10-30万元科研启动资金", 1, None),
     ("人工造乔木林3.4万亩、人工造灌木林22.63万亩", 1, None)],
)  # fmt: skip
def test_the_bound_a_sentence_puts_on_a_number(quote, pick, cmp):
    assert comparator_stated(quote, pick) == cmp


@pytest.mark.parametrize(("text", "english"), [("＞70", ">70"), ("≥99", "≥99"), ("<4.5", "<4.5"), ("500以下", "≤500"), ("2.5:1", "2.5:1")])
def test_english_writes_comparators_half_width_before_the_number(text, english):
    assert english_cell(parse_cell(text, "here")) == english


def test_two_comparators_are_refused():
    with pytest.raises(BuildError, match="two comparators"):
        parse_cell("≥78以上", "indicator 10, 2024 target")


@pytest.mark.parametrize("bad", ["16.5a", "0.8l", "1,5", "7O"])
def test_a_number_with_a_letter_is_refused(bad):
    with pytest.raises(BuildError, match="is not a number"):
        parse_cell(bad, "indicator 4, 2024 target")


@pytest.mark.parametrize(
    ("run", "value"), [("一", 1), ("三", 3), ("十", 10), ("四十", 40), ("百万", 1_000_000), ("二十四", 24), ("五六", None)]
)
def test_chinese_numerals(run, value):
    assert chinese_numeral(run) == value


def test_numbers_stated_in_order():
    assert numbers_stated("累计种植各类苗木超百万株") == [1_000_000]
    assert numbers_stated("其中国家级8座、自治区级40座") == [8, 40]
    assert numbers_stated("准格尔旗将杂粮产业列为六大主导产业之一")[0] == 6
