"""The schema: one declaration per column, and everything that lists columns follows it.

The central tests add a column to the schema at run time, as a developer would add one line to
``netmap/schema.py``, and check that its values survive read -> validate -> graph -> export ->
re-read and that the template explains it. Before the schema, a column added to the optional
columns alone vanished silently, and ``netmap template`` crashed with a KeyError for it.
"""
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from netmap import schema
from netmap.cli import main
from netmap.dataset import read_dataset
from netmap.diff import diff_datasets
from netmap.errors import DataError
from netmap.graph import build_graph, dataset_from_graph
from netmap.i18n import has_text
from netmap.io.exports import DEFAULT_NAMES, write_export
from netmap.io.imports import import_file
from netmap.io.template import explanation_rows, write_template
from netmap.io.writers import to_tables, write_dataset
from netmap.model import PERSPECTIVES, level_name, perspective_label
from netmap.schema import Column

ROOT = Path(__file__).resolve().parent.parent
URL = "https://jeugdraad.example/?a=1&b=2"
LOSSLESS = ("graphml", "json", "csv", "kumu", "xlsx")


def add_column(monkeypatch, table: str, column: Column) -> None:
    """What a developer does in netmap/schema.py: one more column in one table."""
    declared = schema.SCHEMA[table]
    monkeypatch.setitem(schema.SCHEMA, table, replace(declared, columns=(*declared.columns, column)))


@pytest.fixture
def with_website(monkeypatch):
    add_column(monkeypatch, "organisations", Column("website", privacy=schema.IDENTIFYING))
    add_column(monkeypatch, "networks", Column("audience", schema.PERSPECTIVES, multi=True))
    add_column(monkeypatch, "ties", Column("started", schema.DATE))


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    (data / "organisations.csv").write_text(
        f"id;name;website;level\nnjr;NJR;{URL};I\nvws;VWS;;IV\n", encoding="utf-8")
    (data / "networks.csv").write_text("id;name;audience;extra_col\nrkj;RKJ;Ouders, jongeren;x\n", encoding="utf-8")
    (data / "memberships.csv").write_text("member_id;network_id\nnjr;rkj\n", encoding="utf-8")
    (data / "ties.csv").write_text("source_id;target_id;started\nnjr;vws;2024-03\n", encoding="utf-8")
    return data


def test_a_declared_column_survives_read_validate_graph(with_website, folder):
    ds = read_dataset(folder)
    njr, rkj = ds.nodes["njr"], ds.nodes["rkj"]
    assert schema.record_value(njr, schema.column("organisations", "website")) == URL
    assert schema.record_value(rkj, schema.column("networks", "audience")) == ("ouders", "jongeren")
    G = build_graph(ds)
    assert G.nodes["njr"]["website"] == URL and "website" not in G.nodes["njr"]["extra"]
    assert G.nodes["vws"]["website"] == "" and G.nodes["rkj"]["website"] == ""
    assert G.nodes["rkj"]["audience"] == ("ouders", "jongeren")
    assert G.nodes["rkj"]["extra"] == {"extra_col": "x"}  # an undeclared column stays an extra column
    (tie,) = [d for _, _, d in G.edges(data=True) if d["rel"] == "tie"]
    assert tie["started"] == "2024-03"
    assert to_tables(dataset_from_graph(G)) == to_tables(ds)
    assert to_tables(ds)["organisations"][0]["website"] == URL


@pytest.mark.parametrize("fmt", LOSSLESS)
def test_a_declared_column_survives_every_export_and_re_read(with_website, folder, tmp_path, fmt):
    ds = read_dataset(folder)
    back, report = import_file(write_export(ds, fmt, tmp_path / DEFAULT_NAMES[fmt]))
    assert to_tables(back) == to_tables(ds)
    assert schema.record_value(back.nodes["njr"], schema.column("organisations", "website")) == URL
    assert report.issues == [] and not any("website" in note for note in report.notes)


def test_a_declared_column_survives_the_input_writers(with_website, folder, tmp_path):
    ds = read_dataset(folder)
    for name in ("again.xlsx", "again.yaml", "again-csv"):
        assert to_tables(read_dataset(write_dataset(ds, tmp_path / name))) == to_tables(ds)


def test_a_declared_column_is_validated_by_its_kind(with_website, folder):
    (folder / "networks.csv").write_text("id;name;audience\nrkj;RKJ;marsmannetjes\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_dataset(folder)
    (problem,) = info.value.problems
    assert (problem.column, problem.value) == ("audience", "marsmannetjes")


def test_a_changed_declared_column_shows_in_the_diff(with_website, folder):
    old = read_dataset(folder)
    (folder / "organisations.csv").write_text("id;name;website\nnjr;NJR;https://elders.example\nvws;VWS;\n",
                                              encoding="utf-8")
    new = read_dataset(folder)
    changed = {n["id"]: n["changes"] for n in diff_datasets(old, new, with_analysis=False).changed["nodes"]}
    assert changed["njr"]["website"] == [URL, "https://elders.example"]


def test_template_explains_a_column_without_a_text(with_website, tmp_path):
    rows = {(r[0], r[1]): r for r in explanation_rows("nl") if len(r) > 1}
    assert rows[("organisations", "website")] == ("organisations", "website", "nee", "Kolom met vrije tekst.")
    assert rows[("networks", "audience")][3] == ("Kolom met perspectief of perspectieven uit de lijst hieronder; "
                                                 "meerdere gescheiden door ';'.")
    result = CliRunner().invoke(main, ["--lang", "en", "template", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert [c.value for c in book["organisations"][1]][-1] == "website"
    explained = {(r[0].value, r[1].value): r[3].value for r in book["explanation"].iter_rows()}
    assert explained[("ties", "started")] == "Column with a year or date."
    assert read_dataset(write_template(tmp_path / "again.xlsx")).counts()["organisations"] == 2


def test_every_shipped_column_has_its_own_explanation():
    for table in schema.TABLES:
        for col in schema.columns(table):
            assert has_text(f"schema.{col.name}") or has_text(f"schema.{table}.{col.name}"), (table, col.name)


def test_the_readme_column_table_is_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert schema.column_table_markdown() in readme, (
        "README.md's column table differs from netmap/schema.py; paste schema.column_table_markdown()")
    assert ", ".join(PERSPECTIVES) in readme.replace("\n", " ")


def test_privacy_classes():
    assert schema.columns_of_class("organisations", schema.IDENTIFYING) == ("id", "name", "parent_id")
    assert schema.columns_of_class("ties", schema.FREE_TEXT) == ("theme", "note")
    assert "level" in schema.columns_of_class("people", schema.STRUCTURAL)
    with pytest.raises(ValueError):
        schema.columns_of_class("ties", "secret")


def test_a_bad_declaration_is_refused():
    with pytest.raises(ValueError, match="unknown kind"):
        Column("x", "colour")
    with pytest.raises(ValueError, match="node kinds"):
        Column("x_id", schema.REF)


def test_vocabulary_names_come_from_the_catalogue():
    assert level_name("I") == "Gezin en professionals" and level_name("IV", "en") == "Governance and government"
    assert perspective_label("ouders", "en") == "parents and carers"
    assert perspective_label("onbekend") == "onbekend" and level_name("V") == "V"
    assert all(has_text(f"vocab.perspective_{p}") for p in PERSPECTIVES)


@pytest.mark.neo4j
def test_a_declared_column_survives_a_neo4j_load(with_website, folder, neo4j_clean):
    from netmap.neo4j import load_graph, open_driver, read_graph

    ds = read_dataset(folder)
    with open_driver(neo4j_clean.uri, None, None, max_retry_time=3) as driver:
        load_graph(driver, build_graph(ds))
        back = read_graph(driver)
    assert back.nodes["njr"]["website"] == URL and back.nodes["rkj"]["audience"] == ("ouders", "jongeren")
    assert to_tables(dataset_from_graph(back)) == to_tables(ds)
