"""Place names in traditional Mongolian script: the shared file, loaded as it is, and checked by the build."""

from __future__ import annotations

import re
import shutil

import pytest

from pipeline import settings
from pipeline.build import build
from pipeline.errors import BuildError

SHARED = settings.ROOT.parent / "shared" / "data" / "mongolian_names.csv"
CURATED = settings.CURATED / "mongolian_names.csv"
HEADER = "zh,en,district_code,mongolian,confirmed,sources\n"


def test_the_table_holds_the_nine_districts_the_city_and_the_region(con):
    rows = con.execute("SELECT place_code, name_zh, name_en, name_mn, confirmed, sources FROM mongolian_names").fetchall()
    districts = dict(con.execute("SELECT district_code, name_zh FROM districts").fetchall())
    places = districts | {"150600": "鄂尔多斯市", "150000": "内蒙古自治区"}
    assert {code: zh for code, zh, *_ in rows} == places
    assert all(re.fullmatch("[\u1800-\u18af]+(?:[ \u202f][\u1800-\u18af]+)*", mn) for *_, mn, _, _ in rows)
    assert all(isinstance(confirmed, bool) and sources for *_, confirmed, sources in rows)
    assert dict((code, en) for code, _, en, *_ in rows)["150622"] == "Jungar Banner"
    unconfirmed = {code for code, *_, confirmed, _ in rows if not confirmed}
    assert unconfirmed == {"150603", "150624", "150627"}  # as the file says: to be confirmed


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data/mongolian_names.csv is not beside the project")
def test_the_curated_file_is_the_shared_one_unchanged():
    assert CURATED.read_bytes() == SHARED.read_bytes()


@pytest.fixture
def curated(tmp_path):
    folder = tmp_path / "curated"
    shutil.copytree(settings.CURATED, folder)
    return folder


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [(",150622,", ",150699,", r"line 6: '150699' is not a district code, the city \(150600\) or the region \(150000\)"),
     ("准格尔旗,Jungar Banner", "准格尔旗,Zhungeer Banner", r"line 6: 准格尔旗 is 'Jungar Banner' in the glossary, not 'Zhungeer Banner'"),
     (",ᠵᠡᠭᠦᠨᠭᠠᠷ ᠬᠣᠰᠢᠭᠤ,", ",Jegunggar Hoshuu,", r"line 6: the Mongolian name 'Jegunggar Hoshuu' is not in Mongolian script"),
     (",ᠵᠡᠭᠦᠨᠭᠠᠷ ᠬᠣᠰᠢᠭᠤ,yes,", ",ᠵᠡᠭᠦᠨᠭᠠᠷ ᠬᠣᠰᠢᠭᠤ,maybe,", r"line 6: confirmed must be yes or no, not 'maybe'"),
     (",150622,", ",150621,", r"line 6: 150621 is listed twice")],
)  # fmt: skip
def test_a_wrong_row_is_refused_with_its_line(curated, tmp_path, old, new, message):
    path = curated / "mongolian_names.csv"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BuildError, match=message):
        build(curated=curated, database=tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()
