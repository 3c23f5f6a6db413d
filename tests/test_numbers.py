"""Reading numbers as the documents write them."""

import pytest

from pipeline.errors import BuildError
from pipeline.numbers import chinese_numeral, numbers_stated, parse_cell


@pytest.mark.parametrize(
    ("text", "kind", "value", "cmp"),
    [("0.81", "number", 0.81, None), ("＞70", "number", 70, ">"), ("≥99", "number", 99, "≥"), ("<4.5", "number", 4.5, "<"),
     ("≤0.047", "number", 0.047, "≤"), ("2.5:1", "ratio", 2.5, None), ("完成自治区下达的目标任务", "text", None, None)],
)  # fmt: skip
def test_cells(text, kind, value, cmp):
    cell = parse_cell(text, "here")
    assert (cell.kind, cell.value, cell.cmp, cell.text) == (kind, value, cmp, text)


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
