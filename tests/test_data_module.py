"""The app's data module: read-only, one cursor per query, correct under many threads at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest

from core import data


def test_connection_is_read_only():
    with pytest.raises(duckdb.Error):
        data._connection(str(data.settings.DATABASE)).cursor().execute("DELETE FROM projects")


def test_queries_are_parameterised_and_table_names_whitelisted():
    assert data.notes_for("indicator:17' OR '1'='1").empty
    with pytest.raises(ValueError):
        data.table("projects; DROP TABLE projects")


def test_many_threads_get_the_right_answers():
    expected = {no: data.query("SELECT name_zh FROM projects WHERE project_no = ?", [no]).iloc[0, 0] for no in range(1, 40)}

    def ask(i: int) -> tuple[int, str, float]:
        no = i % 39 + 1
        name = data.query("SELECT name_zh FROM projects WHERE project_no = ?", [no]).iloc[0, 0]
        total = data.query("SELECT sum(investment_yi) AS s FROM projects").iloc[0, 0]
        return no, name, total

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(ask, range(800)))
    assert all(name == expected[no] for no, name, _ in results)
    assert all(abs(total - 2048.463) < 1e-9 for _, _, total in results)


def test_query_functions_return_expected_shapes():
    assert len(data.actions()) == 5 and abs(data.actions()["share"].sum() - 1) < 1e-9
    assert len(data.programs()) == 24 and len(data.projects()) == 39
    assert data.districts().set_index("district_code").loc["150622", "projects"] == 7
    assert len(data.facts("headline")) == 5


def test_missing_database_is_reported_not_crashed(tmp_path, monkeypatch):
    monkeypatch.setattr(data.settings, "DATABASE", tmp_path / "nope.duckdb")
    with pytest.raises(data.DataUnavailable):
        data.check()
    (tmp_path / "bad.duckdb").write_bytes(b"garbage" * 100)
    monkeypatch.setattr(data.settings, "DATABASE", tmp_path / "bad.duckdb")
    with pytest.raises(data.DataUnavailable):
        data.check()
