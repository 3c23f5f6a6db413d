"""Story photos end to end: a photo dropped into the photos folder with its credit is checked by the build,
refused with the file and the reason when it is not fit to show, and shown with its caption and credit."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml
from PIL import Image

from pipeline import settings
from pipeline.build import build
from pipeline.errors import BuildError

CAPTION = "准能矿山生态旅游区"  # chapter 1's picture


def make_photo(path: Path, size=(1600, 1000), kind="JPEG") -> Path:
    """A generated photo: a gradient, so that it is a real image of the given size and format."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.save(path, kind)
    return path


@pytest.fixture
def curated(tmp_path):
    folder = tmp_path / "curated"
    shutil.copytree(settings.CURATED, folder)
    return folder


def with_photo(curated: Path, **fields) -> None:
    path = curated / "story_pictures.yaml"
    specs = yaml.safe_load(path.read_text(encoding="utf-8"))
    for spec in specs:
        if spec["caption_zh"] == CAPTION:
            spec.update(fields)
    path.write_text(yaml.safe_dump(specs, allow_unicode=True), encoding="utf-8")


CREDIT = {"credit_zh": "摄影：测试 / 准格尔旗委宣传部", "credit_en": "Photo: Test / Jungar Banner Publicity Department"}


def test_a_checked_photo_is_in_the_database_with_its_credit_and_size(tmp_path, curated):
    photos = tmp_path / "photos"
    photos.mkdir()
    make_photo(photos / "mine-park.jpg")
    with_photo(curated, photo="mine-park.jpg", **CREDIT)
    db = tmp_path / "ordos.duckdb"
    build(curated=curated, database=db, photos=photos)
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "SELECT chapter_no, photo_file, credit_zh, credit_en, photo_width, photo_height FROM story_pictures WHERE caption_zh = ?",
            [CAPTION],
        ).fetchone()
        others = con.execute("SELECT count(*) FROM story_pictures WHERE photo_file IS NULL").fetchone()[0]
    assert row == (1, "mine-park.jpg", CREDIT["credit_zh"], CREDIT["credit_en"], 1600, 1000)
    assert others == 3  # the pictures without a photo keep their caption alone


@pytest.mark.parametrize(
    ("setup", "fields", "reason"),
    [
        (None, {"photo": "missing.jpg", **CREDIT}, "is not in"),
        ("mine-park.jpg", {"photo": "mine-park.jpg"}, "needs its credit line in both languages"),
        ("mine-park.jpg", {"photo": "mine-park.jpg", "credit_zh": CREDIT["credit_zh"]}, "needs its credit line"),
        ("small.jpg", {"photo": "small.jpg", **CREDIT}, "the shorter side needs at least 600 px"),
        ("notes.jpg", {"photo": "notes.jpg", **CREDIT}, "is not a readable image"),
        ("picture.gif", {"photo": "picture.gif", **CREDIT}, "use JPEG, PNG or WebP"),
        (None, {"photo": "../raw/secret.jpg", **CREDIT}, "plain file name"),
        (None, {"photo": None, **CREDIT}, "a credit line is given but no photo"),
    ],
)
def test_a_photo_unfit_to_show_stops_the_build_and_keeps_the_old_database(tmp_path, curated, setup, fields, reason):
    photos = tmp_path / "photos"
    photos.mkdir()
    if setup == "small.jpg":
        make_photo(photos / setup, size=(800, 450))
    elif setup == "notes.jpg":
        (photos / setup).write_text("not a picture", encoding="utf-8")
    elif setup == "picture.gif":
        make_photo(photos / setup, kind="GIF")
    elif setup:
        make_photo(photos / setup)
    with_photo(curated, **fields)
    db = tmp_path / "ordos.duckdb"
    build(database=db)  # the previous, good database
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(BuildError, match=reason) as info:
        build(curated=curated, database=db, photos=photos)
    assert "story_pictures.yaml" in str(info.value) and CAPTION in str(info.value)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_the_story_page_shows_the_photo_with_caption_and_credit(tmp_path, curated, monkeypatch):
    from core import data
    from core import settings as app_settings
    from tests.conftest import open_page

    photos = tmp_path / "photos"
    photos.mkdir()
    make_photo(photos / "mine-park.jpg")
    with_photo(curated, photo="mine-park.jpg", **CREDIT)
    db = tmp_path / "ordos.duckdb"
    build(curated=curated, database=db, photos=photos)
    monkeypatch.setattr(app_settings, "DATABASE", db)
    monkeypatch.setattr(app_settings, "PHOTOS", photos)
    data.clear_caches()
    try:
        for lang, credit in (("zh", CREDIT["credit_zh"]), ("en", CREDIT["credit_en"])):
            at = open_page("pages/zhungeer.py", lang=lang, chapter=1)
            assert not at.exception
            images = at.get("image")
            assert len(images) == 1, "the chapter's photo is shown"
            caption = images[0].proto.imgs[0].caption
            assert credit in caption and (CAPTION in caption or lang == "en")
    finally:
        data.clear_caches()
