"""Exports other tools accept as their own docs and schemas say (issue 15): Kumu, GEXF, spreadsheets."""
from __future__ import annotations

import json
import re
from collections import Counter

import openpyxl
import pytest

from netmap.dataset import example_path, read_dataset
from netmap.io.exports import write_export
from netmap.io.imports import import_file
from netmap.model import Dataset, Node, Tie
from tests.office import soffice_convert


@pytest.fixture(scope="module")
def kbl():
    return read_dataset(example_path())


def sheet_rows(path, title):
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[title].iter_rows(values_only=True))
    book.close()
    return [dict(zip(rows[0], row)) for row in rows[1:]]


# -- Kumu ----------------------------------------------------------------------------------------------------
def test_kumu_ids_are_searchable_and_unique(kbl, tmp_path):
    """Kumu's search cannot select an element whose ID holds '_'; the KBL example's ids are full of them."""
    assert sum("_" in node_id for node_id in kbl.nodes) > 50
    elements = sheet_rows(write_export(kbl, "kumu", tmp_path / "k.xlsx"), "Elements")
    ids = [row["ID"] for row in elements]
    assert not [i for i in ids if re.search(r"[_\s]", i)]
    assert len(set(ids)) == len(ids) == len(kbl.nodes)
    assert {row["netmap id"] for row in elements} == set(kbl.nodes)


def test_kumu_connections_have_ids_and_one_language(kbl, tmp_path):
    path = write_export(kbl, "kumu", tmp_path / "k.xlsx")
    elements = {row["ID"] for row in sheet_rows(path, "Elements")}
    connections = sheet_rows(path, "Connections")
    assert all(row["From"] in elements and row["To"] in elements for row in connections)
    assert len({row["ID"] for row in connections}) == len(connections)  # parallel connections stay apart
    types = Counter(row["Type"] for row in connections)
    assert {"leren", "lidmaatschap", "vertegenwoordiging", "thuisorganisatie"} <= set(types)
    assert not {"learning", "collaboration", "funding", "back_office"} & set(types)


def test_kumu_parallel_connections_come_back_as_two(tmp_path):
    dataset = Dataset(nodes={"a_1": Node("a_1", "organisation", "A"), "a-1": Node("a-1", "organisation", "B")},
                      ties=[Tie("a_1", "a-1", kind="funding"), Tie("a_1", "a-1", kind="collaboration"),
                            Tie("a-1", "a_1", kind="eigen soort")])
    path = write_export(dataset, "kumu", tmp_path / "k.xlsx")
    connections = sheet_rows(path, "Connections")
    assert [(c["ID"], c["From"], c["To"], c["Type"]) for c in connections] == [
        ("c1", "a-1-2", "a-1", "financiering"), ("c2", "a-1-2", "a-1", "samenwerking"),
        ("c3", "a-1", "a-1-2", "eigen soort")]
    back, report = import_file(path)
    assert [(t.source_id, t.target_id, t.kind) for t in back.ties] == [
        ("a_1", "a-1", "funding"), ("a_1", "a-1", "collaboration"), ("a-1", "a_1", "eigen soort")]
    assert report.issues == []


def test_a_kumu_made_workbook_with_dutch_types_reads_tie_kinds(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Elements"
    for row in (["Label", "Type"], ["Wijkteam", "Team"], ["Gemeente", "Organisatie"]):
        book["Elements"].append(row)
    connections = book.create_sheet("Connections")
    for row in (["From", "To", "Type"], ["Wijkteam", "Gemeente", "Samenwerking"]):
        connections.append(row)
    book.save(tmp_path / "k.xlsx")
    dataset, report = import_file(tmp_path / "k.xlsx")
    assert [t.kind for t in dataset.ties] == ["collaboration"]
    assert (dataset.nodes["Wijkteam"].kind, dataset.nodes["Wijkteam"].type) == ("organisation", "Team")
    assert "onbekende soort 'Team' bij Wijkteam: als organisatie ingelezen, met 'Team' als type" in report.issues


# -- Cypher script: the database `netmap load` builds ---------------------------------------------------------
def database_contents(uri: str) -> dict:
    """Everything in the database but the load's own stamps (ids, times): labels, properties, relationships."""
    from netmap.neo4j import open_driver

    stamps = {"_load", "started", "finished", "current", "pending", "source"}
    with open_driver(uri, None, None, max_retry_time=3) as driver:
        nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
        rels, _, _ = driver.execute_query(
            "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.key) AS a, type(r) AS t, properties(r) AS props, "
            "coalesce(b.id, b.key) AS b")
        schema, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")

    def clean(props):
        return tuple(sorted((k, repr(v)) for k, v in props.items() if k not in stamps))
    return {"nodes": sorted((tuple(sorted(r["labels"])), clean(r["props"])) for r in nodes),
            "rels": sorted((r["a"], r["t"], clean(r["props"]), r["b"]) for r in rels),
            "constraints": sorted(schema[0]["names"])}


def findings(output: str) -> dict:
    """`netmap analyse --format json` without what differs between two runs: the timings. The number of
    communities stays: GDS's Louvain runs on a projection made in load order, so two databases holding the
    same map give the same partition whatever their internal node order (netmap/neo4j/gds.py)."""
    data = json.loads(output)
    data["summary"].pop("timings")
    assert data["findings"] and data["summary"]["engine"]["neo4j_cypher"]
    return data


@pytest.mark.neo4j
def test_the_cypher_script_builds_the_database_netmap_load_builds(neo4j_clean, kbl, tmp_path):
    from click.testing import CliRunner

    from netmap.cli import main
    from tests.test_exports import run_script

    uri = neo4j_clean.uri
    runner = CliRunner()
    assert runner.invoke(main, ["load", "--uri", uri, "--no-save-run"]).exit_code == 0
    loaded = database_contents(uri)
    after_load = runner.invoke(main, ["analyse", "--neo4j", "--uri", uri, "--format", "json"])
    assert after_load.exit_code == 0, after_load.output

    from netmap.neo4j import open_driver

    with open_driver(uri, None, None) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    script = write_export(kbl, "cypher", tmp_path / "netmap.cypher").read_text(encoding="utf-8")
    run_script(uri, script)
    assert database_contents(uri) == loaded
    after_script = runner.invoke(main, ["analyse", "--neo4j", "--uri", uri, "--format", "json"])
    assert after_script.exit_code == 0, after_script.output
    script_result, load_result = findings(after_script.output), findings(after_load.output)
    assert script_result["summary"] == load_result["summary"]
    assert script_result == load_result

    run_script(uri, script)  # a second run: no unique-constraint error, the same database
    assert database_contents(uri) == loaded
    again = runner.invoke(main, ["analyse", "--neo4j", "--uri", uri, "--format", "json"])
    assert findings(again.output) == findings(after_load.output)


# -- Excel, LibreOffice and CSV -------------------------------------------------------------------------------
def dropdowns(sheet) -> dict[str, tuple[str, bool]]:
    """header -> (list formula, strict) of each column with a dropdown."""
    header = [c.value for c in sheet[1]]
    found = {}
    for check in sheet.data_validations.dataValidation:
        for cells in check.sqref.ranges:
            found[header[cells.min_col - 1]] = (check.formula1, bool(check.showErrorMessage))
    return found


def test_the_exported_workbook_is_typed_laid_out_and_has_dropdowns(kbl, tmp_path):
    book = openpyxl.load_workbook(write_export(kbl, "xlsx", tmp_path / "w.xlsx"))
    ties = book["ties"]
    header = [c.value for c in ties[1]]
    first = dict(zip(header, ties[2]))
    assert (first["cycle_step"].data_type, first["weight"].data_type) == ("n", "n")
    assert isinstance(first["weight"].value, (int, float)) and first["source_id"].data_type == "s"
    assert book["requirements"]["C2"].data_type == "n" and book["requirements"]["C1"].value == "min_count"
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and all(c.font.b for c in sheet[1])
        assert sheet.column_dimensions["A"].width > 8
    assert dropdowns(ties) == {"kind": ('"learning,collaboration,funding,back_office"', False),
                               "cycle_step": ('"1,2,3,4"', True)}
    assert dropdowns(book["organisations"])["level"] == ('"I,II,III,IV"', False)
    assert dropdowns(book["networks"])["scope"] == ('"regional,supraregional,national"', True)
    assert dropdowns(book["people"])["perspectives"][0].startswith('"jongeren,ouders,clienten')


def test_the_template_has_the_same_dropdowns_and_typed_examples(tmp_path):
    from netmap.io.template import write_template

    book = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    assert dropdowns(book["ties"])["cycle_step"] == ('"1,2,3,4"', True)
    assert dropdowns(book["requirements"])["perspective"][1] is True
    assert dropdowns(book["memberships"]) == {}
    ties = book["ties"]
    assert {c.value: ties.cell(2, c.column).data_type for c in ties[1]}["weight"] == "n"
    assert read_dataset(tmp_path / "t.xlsx").counts()["ties"] == 1


def test_the_workbook_survives_libreoffice_and_ods_is_read(kbl, tmp_path):
    from netmap.io.writers import to_tables

    exported = write_export(kbl, "xlsx", tmp_path / "kbl.xlsx")
    ods = soffice_convert(exported, "ods", tmp_path / "ods")
    back = soffice_convert(ods, "xlsx:Calc MS Excel 2007 XML", tmp_path / "back")
    for path in (ods, back):
        dataset = read_dataset(path)
        assert dataset.counts() == kbl.counts()
        assert to_tables(dataset) == to_tables(kbl)
    sheet = openpyxl.load_workbook(back)["ties"]
    assert "cycle_step" in dropdowns(sheet) and sheet["E2"].data_type == "n"


def test_an_unreadable_ods_says_save_as_xlsx(tmp_path):
    from netmap.errors import DataError

    (tmp_path / "kaart.ods").write_bytes(b"PK\x03\x04 niet echt")
    with pytest.raises(DataError) as err:
        read_dataset(tmp_path / "kaart.ods")
    assert str(err.value).splitlines()[-1] == (
        "  - kaart.ods: dit .ods-bestand kan niet gelezen worden (beschadigd of versleuteld); sla het op als .xlsx "
        "(LibreOffice: Bestand > Opslaan als > Excel 2007-365) en lees dat in")


@pytest.mark.parametrize("plain", [False, True])
def test_csv_export_opens_in_dutch_excel_or_plain(kbl, tmp_path, plain):
    from tests.test_exports import same_tables

    folder = tmp_path / "csv"
    write_export(kbl, "csv", folder, plain_csv=plain)
    data = (folder / "nodes.csv").read_bytes()
    if plain:
        assert not data.startswith(b"\xef\xbb\xbf") and data.startswith(b"Id,Label,")
    else:
        assert data.startswith(b"\xef\xbb\xbfId;Label;")  # ; and a BOM: Dutch Excel's columns and accents
    back, report = import_file(folder)
    assert same_tables(kbl, back) == {} and report.issues == []


def test_the_csv_table_folder_opens_in_dutch_excel(kbl, tmp_path):
    from netmap.io.writers import to_tables, write_csv_folder

    write_csv_folder(kbl, tmp_path / "tabellen")
    assert (tmp_path / "tabellen" / "organisations.csv").read_bytes().startswith(b"\xef\xbb\xbfid;name;")
    assert to_tables(read_dataset(tmp_path / "tabellen")) == to_tables(kbl)


def test_kumu_types_in_english_on_request(kbl, tmp_path):
    connections = sheet_rows(write_export(kbl, "kumu", tmp_path / "k.xlsx", lang="en"), "Connections")
    assert {"learning", "membership", "representation", "home organisation"} <= {c["Type"] for c in connections}
    assert not {"leren", "lidmaatschap"} & {c["Type"] for c in connections}
