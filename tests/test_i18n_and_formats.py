"""Visible text exists in both languages; numbers are formatted for the language."""

import re

import pytest

from core import fmt, i18n, settings


def test_both_languages_have_the_same_keys():
    zh, en = set(i18n.strings("zh")), set(i18n.strings("en"))
    assert zh == en, f"only in zh: {sorted(zh - en)}; only in en: {sorted(en - zh)}"
    assert len(zh) > 20


def test_english_strings_are_english():
    """Chinese may appear in English text only in parentheses, after the English (a name or term as the source writes it)."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    parenthesised = re.compile(r"\([^()]*\)")
    offenders = [k for k, v in i18n.strings("en").items() if cjk.search(parenthesised.sub("", v)) and "中文" not in v]
    assert offenders == []


def test_locale_files_per_page_exist_in_both_languages():
    assert sorted(p.name for p in (settings.LOCALES / "zh").glob("*.toml")) == sorted(
        p.name for p in (settings.LOCALES / "en").glob("*.toml")
    )


def test_money_formats():
    assert fmt.money_yi(2048.463, "zh") == "2,048.463 亿元"
    assert fmt.money_yi(2048.463, "en") == "CNY 204.8 billion"
    assert fmt.money_yi(406.0, "en") == "CNY 40.6 billion"
    assert fmt.money_yi(330.27, "en") == "CNY 33.03 billion"
    assert fmt.money_yi(0.28, "en") == "CNY 28 million"
    assert fmt.money_yi(7.873, "en") == "CNY 787.3 million"


def test_numbers_and_percents():
    assert fmt.number(50306, "en") == "50,306" and fmt.number(0.047, "zh") == "0.047"
    assert fmt.percent(0.1982, "en") == "19.8%"
    assert fmt.signed_percent(-12.5, "en") == "−12.5%" and fmt.signed_percent(122.2, "zh") == "+122.2%"


def test_missing_key_falls_back_to_the_key():
    assert i18n.t("no.such_key", "en") == "no.such_key"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_statuses_read_the_same_on_the_indicators_page_the_about_page_and_the_slides(lang):
    statuses = ("achieved", "on_track", "off_track", "not_assessable", "no_data")
    words = {
        page: [i18n.t(f"{page}.{prefix}_{status}", lang) for status in statuses]
        for page, prefix in (("indicators", "progress"), ("progress", "status"), ("slides", "status"))
    }
    assert words["indicators"] == words["progress"] == words["slides"]
    assert len(set(words["indicators"])) == len(statuses)
