"""One English rendering per Chinese term, with data/curated/glossary.csv as the single source.

Asked of the built test database, over every pair of Chinese and English columns (`<x>_zh`/`<x>_en` in
every table, and the indicators' `target_2024_text`/`target_2024_en`):
- wherever the Chinese of a cell contains a glossary term (scope `text`) or the name of a key action, key
  program, key project or indicator, the English of that cell contains that term's rendering or that row's
  English name. The longest match wins, so a term inside a longer name (鄂尔多斯市 in a company's name,
  国家级 in a nature reserve's) is judged by the longer one;
- a name that two rows share (program 24 and project 39) has one English name, and a row whose name is in
  the glossary uses the glossary's rendering;
- English keeps Chinese only inside parentheses or quotes, writes comparators half-width (> not ＞), and
  follows American spelling; so do the locales (locales/*/*.toml).

How a rendering may appear (the only variants allowed, all of them grammatical):
- letter case and the kind of quotation marks and dashes do not matter ("Two Mountains" = “Two Mountains”,
  wind–solar = wind-solar);
- a rendering's parenthetical gloss may be left out (“Ten Kongdui” for the glossary's Ten Kongdui, and the
  Great Bend of the Yellow River after its first use), and so may an aside in parentheses in the English
  text itself;
- a rendering in the plural also matches its singular (coarse cereals: a coarse cereal industry), and one in
  the singular its plural in -ies (state key laboratory: state key laboratories; -s plurals contain the
  singular anyway);
- the glossary's `variants` column names the few other forms, each with its reason (national level as a
  noun beside national-level as an adjective).
"""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_CSV = ROOT / "data" / "curated" / "glossary.csv"
SHARED_GLOSSARY = ROOT.parent / "shared" / "guide" / "GLOSSARY.md"
LOCALES = ROOT / "locales"

# Pairs that the _zh/_en naming does not reveal.
EXTRA_PAIRS = [("indicators", "target_2024_text", "target_2024_en")]
# Tables whose names are the shared names of the plan (a name met in another text must keep its English).
NAMED_TABLES = ("actions", "programs", "projects", "indicators")
# GLOSSARY.md terms that glossary.csv does not match in running text, and why.
NOT_MATCHED_IN_TEXT = {"工程项目": "also means an engineering project in running text (火电灵活性改造配置新能源工程项目)"}
# Locale strings that are not English prose: the language switch names the other language in that language.
LOCALE_EXEMPT = {("app", "switch_lang")}

BRITISH = re.compile(
    r"\b(?:centre|centres|centred|kilometre|kilometres|metre|metres|centimetre|millimetre|cubic-metre|colour\w*|"
    r"programme\w*|labour\w*|licence\w*|fibre\w*|favour\w*|behaviour\w*|neighbour\w*|honour\w*|harbour\w*|"
    r"vigour|endeavour\w*|odour\w*|grey\w*|judgement\w*|catalogue\w*|fulfil|fulfils|fulfilment|defence|offence|"
    r"practise[sd]?|sulphur|aluminium|ageing|enrol|enrols|enrolment|whilst|amongst|learnt|travell\w+|modell\w+|"
    r"labell\w+|signall\w+|cancell(?:ed|ing)|levell\w+|analys(?:e|ed|es|ing)|catalys(?:e|ed|es|ing)|"
    r"(?:organi|utili|revitali|optimi|moderni|industriali|standardi|speciali|prioriti|mobili|minimi|maximi|recogni|"
    r"reali|characteri|summari|emphasi|stabili|subsidi|digitali|urbani|civili|harmoni|synchroni|commerciali|"
    r"centrali|capitali|decentrali|visuali|finali|authori|categori|globali|neutrali|normali|rationali|speciali|"
    r"publici|memori|symboli|marketi|localis)s(?:e|ed|es|ing|ation|ations))\b",
    re.IGNORECASE,
)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
FULL_WIDTH_COMPARATORS = re.compile("[＞＜≧≦]")
PAIRS = (("(", ")"), ("（", "）"), ("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("《", "》"), ("「", "」"), ("『", "』"))
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "『": '"', "』": '"', "「": '"', "」": '"', "‘": "'", "’": "'"})
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_ASIDE = re.compile(r"\s*\([^()]*\)")


# ----------------------------------------------------------------------------------------- the checker


def normalize(text: str) -> str:
    """Lower case, straight quotes, one kind of dash, single spaces."""
    text = _DASHES.sub("-", text.translate(_QUOTES)).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def without_asides(text: str) -> str:
    """The text with its parenthetical asides removed: 'Great Bend (“几”-shaped bend) of' -> 'Great Bend of'."""
    previous = None
    while previous != text:
        previous, text = text, _ASIDE.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def forms(rendering: str, variants: str = "") -> list[str]:
    """Every accepted form of a rendering, normalized (see the module's docstring)."""
    found = []
    for form in [rendering, *(v for v in variants.split(";") if v.strip())]:
        for f in (form, without_asides(form)):
            f = normalize(f)
            found.append(f)
            if f.endswith("s"):  # coarse cereals: a coarse cereal industry
                found.append(f[:-1])
            elif f.endswith("y"):  # state key laboratory: 2 state key laboratories
                found.append(f[:-1] + "ies")
    return [f for f in dict.fromkeys(found) if f]


def renders(english: str, accepted: list[str]) -> bool:
    texts = (normalize(english), normalize(without_asides(english)))
    return any(form in text for text in texts for form in accepted)


def terms_in(zh: str, terms: dict[str, object]) -> list[str]:
    """The terms that a Chinese text contains, longest match first, overlapping shorter matches dropped."""
    hits = []
    for term in terms:
        start = zh.find(term)
        while start >= 0:
            hits.append((start, start + len(term), term))
            start = zh.find(term, start + 1)
    taken: list[tuple[int, int]] = []
    chosen = []
    for start, end, term in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            chosen.append(term)
    return list(dict.fromkeys(chosen))


def misrendered(zh: str | None, en: str | None, terms: dict[str, tuple[str, list[str]]]) -> list[str]:
    """'term → rendering' for every term of `zh` whose rendering `en` lacks."""
    found = []
    for term in terms_in(zh or "", terms):
        rendering, accepted = terms[term]
        if not renders(en or "", accepted):
            found.append(f"{term} → {rendering!r}")
    return found


def chinese_outside_quotes(text: str) -> list[str]:
    """Runs of Chinese (or full-width forms) that no pair of parentheses or quotation marks encloses."""
    bad = []
    for m in CJK.finditer(text):
        if not _enclosed(text, m.start(), m.end()):
            bad.append(m[0])
    return bad


def _enclosed(text: str, i: int, j: int) -> bool:
    for opener, closer in PAIRS:
        left = text.rfind(opener, 0, i)
        if opener == "'":  # an apostrophe (the city's) is not an opening quote
            while left > 0 and text[left - 1].isalnum():
                left = text.rfind(opener, 0, left)
        if left < 0 or (opener != closer and text.find(closer, left + 1, i) >= 0):
            continue
        right = text.find(closer, j)
        if closer == "'":
            while right >= 0 and right + 1 < len(text) and text[right + 1].isalnum():
                right = text.find(closer, right + 1)
        if right >= 0:
            return True
    return False


# ----------------------------------------------------------------------------------------- the sources


def glossary_rows() -> list[dict]:
    with GLOSSARY_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def text_terms() -> dict[str, tuple[str, list[str]]]:
    return {r["zh"]: (r["en"], forms(r["en"], r["variants"])) for r in glossary_rows() if r["scope"] == "text"}


def language_pairs(con) -> list[tuple[str, str, str]]:
    columns: dict[str, list[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns ORDER BY table_name, ordinal_position"
    ).fetchall():
        columns.setdefault(table, []).append(column)
    pairs = [(t, c, c[:-3] + "_en") for t, cols in columns.items() for c in cols if c.endswith("_zh") and c[:-3] + "_en" in cols]
    return pairs + [p for p in EXTRA_PAIRS if p[0] in columns]


def english_columns(con) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE column_name LIKE '%\\_en' ESCAPE '\\' AND data_type = 'VARCHAR' ORDER BY 1, 2"
    ).fetchall()


def names(con) -> dict[str, tuple[str, list[str]]]:
    found = {}
    for table in NAMED_TABLES:
        for zh, en in con.execute(f"SELECT name_zh, name_en FROM {table}").fetchall():
            found.setdefault(zh, (en, forms(en)))
    return found


def _key(con, table: str) -> str:
    """The table's first column, which names a row in messages (program_no, fact_id, note_id…)."""
    sql = "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position LIMIT 1"
    return con.execute(sql, [table]).fetchone()[0]


def locale_strings() -> list[tuple[str, str, str, str]]:
    """(language, file, key, text) of every locale string."""
    rows = []
    for path in sorted(LOCALES.glob("*/*.toml")):
        for key, value in tomllib.loads(path.read_text(encoding="utf-8")).items():
            rows.append((path.parent.name, path.stem, key, str(value)))
    return rows


# ----------------------------------------------------------------------------------------- the checks


def test_every_glossary_term_and_shared_name_keeps_its_rendering_in_every_english_column(con):
    terms = names(con) | text_terms()  # the glossary wins where a name is also a glossary term
    problems = []
    for table, zh_col, en_col in language_pairs(con):
        key = _key(con, table)
        for ident, zh, en in con.execute(f"SELECT {key}, {zh_col}, {en_col} FROM {table}").fetchall():
            problems += [f"{table}.{en_col} ({key}={ident}): {p}" for p in misrendered(zh, en, terms)]
    assert not problems, f"{len(problems)} renderings differ from the glossary or the shared name:\n" + "\n".join(problems)


def test_a_name_two_rows_share_has_one_english_name(con):
    seen: dict[str, dict[str, list[str]]] = {}
    for table, zh_col, _ in language_pairs(con):
        if zh_col != "name_zh":
            continue
        key = _key(con, table)
        for ident, zh, en in con.execute(f"SELECT {key}, name_zh, name_en FROM {table}").fetchall():
            seen.setdefault(zh, {}).setdefault(en, []).append(f"{table} {ident}")
    differing = {zh: renderings for zh, renderings in seen.items() if len(renderings) > 1}
    assert not differing, differing


def test_rows_named_in_the_glossary_use_its_rendering(con):
    glossary = {r["zh"]: r["en"] for r in glossary_rows()}
    problems = []
    for table, zh_col, en_col in language_pairs(con):
        if zh_col not in ("name_zh", "place_zh"):
            continue
        for zh, en in con.execute(f"SELECT DISTINCT {zh_col}, {en_col} FROM {table}").fetchall():
            if zh in glossary and normalize(en) != normalize(glossary[zh]):
                problems.append(f"{table}: {zh} is {en!r}, the glossary says {glossary[zh]!r}")
    assert not problems, "\n".join(problems)


def test_the_glossary_gives_one_rendering_per_term():
    rows = glossary_rows()
    assert rows and all(r["scope"] in ("text", "cell") for r in rows), "scope is text (matched in running text) or cell"
    renderings: dict[str, set[str]] = {}
    for r in rows:
        assert r["zh"].strip() and r["en"].strip(), r
        renderings.setdefault(r["zh"], set()).add(normalize(r["en"]))
    assert not {zh: en for zh, en in renderings.items() if len(en) > 1}


@pytest.mark.skipif(not SHARED_GLOSSARY.exists(), reason="../shared/guide/GLOSSARY.md is not beside the project")
def test_the_glossary_carries_every_term_of_the_shared_guide():
    ours = {r["zh"]: r["en"] for r in glossary_rows()}
    missing = []
    for line in SHARED_GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not CJK.search(cells[0]) or cells[0] == "中文":
            continue
        zh_terms, en_text = cells[0].split(" / "), cells[1]
        for zh in zh_terms:
            zh = re.sub(r"\s*\([A-Z]+\)$", "", zh)  # 碳捕集、利用与封存 (CCUS)
            if zh in NOT_MATCHED_IN_TEXT:
                continue
            if zh not in ours:
                missing.append(f"{zh} ({en_text}) is not in glossary.csv")
            elif normalize(without_asides(ours[zh])) not in normalize(without_asides(en_text)):
                missing.append(f"{zh}: glossary.csv says {ours[zh]!r}, the guide {en_text!r}")
    assert not missing, "\n".join(missing)


def test_english_keeps_chinese_inside_parentheses_or_quotes_and_comparators_half_width(con):
    problems = []
    for table, column in english_columns(con):
        for (text,) in con.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL").fetchall():
            if FULL_WIDTH_COMPARATORS.search(text):
                problems.append(f"{table}.{column}: full-width comparator in {text[:80]!r}")
            if bad := chinese_outside_quotes(text):
                problems.append(f"{table}.{column}: Chinese outside parentheses or quotes {bad} in {text[:80]!r}")
    for lang, page, key, text in locale_strings():
        if lang == "en" and (page, key) not in LOCALE_EXEMPT and (bad := chinese_outside_quotes(text)):
            problems.append(f"locales/en/{page}.toml {key}: Chinese outside parentheses or quotes {bad}")
        if lang == "en" and FULL_WIDTH_COMPARATORS.search(text):
            problems.append(f"locales/en/{page}.toml {key}: full-width comparator")
    assert not problems, "\n".join(problems)


def test_american_spelling_in_every_english_column_and_locale(con):
    problems = []
    for table, column in english_columns(con):
        for (text,) in con.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL").fetchall():
            problems += [f"{table}.{column}: {m[0]!r}" for m in BRITISH.finditer(text)]
    for lang, page, key, text in locale_strings():
        problems += [f"locales/{lang}/{page}.toml {key}: {m[0]!r}" for m in BRITISH.finditer(text)]
    assert not problems, "British spellings (the convention is American: center, kilometer, program):\n" + "\n".join(problems)


# ------------------------------------------------------------------------ the checker on planted cases


def test_the_checker_catches_planted_inconsistencies():
    name = "Innovative Talent Attraction and Development Program"
    terms = text_terms() | {"创新人才引进和培育工程": (name, forms(name))}
    assert misrendered("地下水超采区治理", "control of groundwater overdraft areas", terms) == ["超采区 → 'overexploited area'"]
    assert misrendered("地下水超采区治理", "control of groundwater overexploited areas", terms) == []
    assert misrendered("创新人才引进和培育工程", "Innovative Talent Introduction and Cultivation Project", terms)
    assert misrendered("十大孔兑", "the “ten Kongdui”", terms) == []  # quotes and case do not matter
    assert misrendered("黄河“几字弯”文化旅游带", "a belt along the Great Bend of the Yellow River", terms) == []
    assert misrendered("国家级8座", "8 at the national level", terms) == []  # a documented variant
    assert misrendered("小杂粮产业园", "a minor grain industrial park", terms) == []  # singular of a plural rendering
    # The longest match decides: a company's name, not 鄂尔多斯市 (Ordos City) inside it.
    assert misrendered("鄂尔多斯市永煤矿业投资有限公司", "Ordos Yongmei Mining Investment Co., Ltd.", terms) == []
    assert misrendered("鄂尔多斯市的矿山", "the mines of Ordos", terms) == ["鄂尔多斯市 → 'Ordos City'"]


def test_the_text_checks_catch_planted_chinese_comparators_and_spelling():
    assert chinese_outside_quotes("The text says 毛乌素沙地 (Mu Us Sandy Land)") == ["毛乌素沙地"]
    assert chinese_outside_quotes("The text says '毛乌素沙地' (Mu Us Sandy Land), the city's name") == []
    assert chinese_outside_quotes("all nine banners and districts (全市9个旗区)") == []
    assert chinese_outside_quotes("“几”-shaped bend") == []
    assert FULL_WIDTH_COMPARATORS.search("＞70") and not FULL_WIDTH_COMPARATORS.search(">70")
    assert [m[0] for m in BRITISH.finditer("a data centre, 2 kilometres, a programme, organised; the center")] == [
        "centre", "kilometres", "programme", "organised"]  # fmt: skip
