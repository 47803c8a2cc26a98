"""Imports from Kumu, Gephi (GraphML, GEXF), JSON and CSV: what maps, and a report of what does not."""
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from netmap.cli import main
from netmap.dataset import example_path, read_dataset
from netmap.errors import DataError
from netmap.io.exports import write_export
from netmap.io.imports import detect_format, import_file

EXCHANGE = Path(__file__).parent / "data" / "exchange"
JAN = 'Jan "de Brug" <script>'


def test_kumu_blueprint_maps_what_fits_and_reports_the_rest():
    dataset, report = import_file(EXCHANGE / "kumu-blueprint.json")
    assert report.format == "kumu"
    assert {n.id: n.kind for n in dataset.nodes.values()} == {
        "RKJ Friesland": "network", "Gemeente Leeuwarden": "organisation", JAN: "person",
        "Innovatieproject": "organisation", "Losse notitie": "organisation"}
    leeuwarden = dataset.nodes["Gemeente Leeuwarden"]
    assert (leeuwarden.type, leeuwarden.levels, leeuwarden.perspectives) == ("gemeente", ("II",), ("gemeenten",))
    assert leeuwarden.extra == {"tags": "Friesland"}  # a tag that is no perspective is kept, not lost
    assert dataset.nodes["RKJ Friesland"].levels == ("I", "II", "III")
    assert dataset.nodes[JAN].home_organisation_id == "Gemeente Leeuwarden"
    assert [(m.member_id, m.network_id) for m in dataset.memberships] == [("Gemeente Leeuwarden", "RKJ Friesland")]
    assert [(t.source_id, t.target_id, t.kind, t.cycle_step) for t in dataset.ties] == [
        ("Gemeente Leeuwarden", "Innovatieproject", "funding", None),
        ("Innovatieproject", "RKJ Friesland", "learning", None)]
    assert report.issues == [
        "1 knoop/knopen zonder soort (organisatie, netwerk of persoon) zijn als organisatie ingelezen: "
        "Losse notitie",
        "onbekende soort 'Project' bij Innovatieproject: als organisatie ingelezen",
        f"verbinding RKJ Friesland -> {JAN} (membership) past niet: het doel is geen netwerk; weggelaten",
        "2 verbinding(en) zonder netmap-relatiesoort zijn als relatie (ties) ingelezen, met hun type als soort "
        "relatie",
        f"onbekende waarde voor 'level' weggelaten: 'V' ({JAN})",
        "onbekende waarde voor 'cycle_step' weggelaten: '9' (Gemeente Leeuwarden -> Innovatieproject)",
    ]


def test_kumu_own_json_export_with_nested_attributes():
    dataset, report = import_file(EXCHANGE / "kumu-export.json")
    assert [(n.id, n.kind, n.name) for n in dataset.nodes.values()] == [
        ("elem-1", "organisation", "Ieder(in)"), ("elem-2", "network", "Met Andere Ogen")]
    assert dataset.nodes["elem-1"].perspectives == ("clienten",) and dataset.nodes["elem-2"].scope == "national"
    assert [(m.member_id, m.network_id, m.since) for m in dataset.memberships] == [("elem-1", "elem-2", "2023")]
    assert report.issues == []


def test_kumu_workbook_made_in_kumu_without_ids(tmp_path):
    book = openpyxl.Workbook()
    elements = book.active
    elements.title = "Elements"
    for row in (["Label", "Type", "Tags", "Level"], ["NJR", "Organisatie", "jongeren|bestuur", "I"],
                ["MAO", "Netwerk", "", "I|II|IV"]):
        elements.append(row)
    connections = book.create_sheet("Connections")
    for row in (["From", "To", "Type", "Strength"], ["NJR", "MAO", "lidmaatschap", "3"]):
        connections.append(row)
    book.create_sheet("Notes (ignore)").append(["anything"])
    book.save(tmp_path / "kumu.xlsx")
    assert detect_format(tmp_path / "kumu.xlsx") == "kumu"
    dataset, report = import_file(tmp_path / "kumu.xlsx")
    assert dataset.nodes["NJR"].perspectives == ("jongeren", "bestuur")
    assert dataset.nodes["MAO"].levels == ("I", "II", "IV")
    assert [(m.member_id, m.network_id, m.extra) for m in dataset.memberships] == [("NJR", "MAO", {"strength": "3"})]
    assert report.notes == ["extra kolommen overgenomen in 'memberships': strength"]


def test_gephi_graphml_undirected_with_layout_and_unknowns():
    dataset, report = import_file(EXCHANGE / "gephi.graphml")
    assert dataset.counts() == {"organisations": 3, "networks": 0, "people": 1, "memberships": 0,
                                "representation": 0, "ties": 1, "requirements": 0}
    assert dataset.nodes["njr"].levels == ("I",) and dataset.nodes["p1"].extra == {"email": "anna@example.org"}
    assert dataset.nodes["p1"].home_organisation_id == "njr"  # an undirected edge is turned the way that fits
    assert [(t.source_id, t.target_id, t.weight) for t in dataset.ties] == [("njr", "vws", 2.5)]
    assert "verbinding van p1 met zichzelf weggelaten" in report.issues
    assert any("(membership) past niet: het doel is geen netwerk" in line for line in report.issues)
    assert "opmaak (positie, kleur, grootte) niet overgenomen: r, x, y" in report.notes


def test_report_in_english():
    _, report = import_file(EXCHANGE / "gephi.graphml", lang="en")
    assert "edge from p1 to itself left out" in report.issues
    assert report.render("en").startswith("Imported from gephi.graphml (graphml): 3 organisations, 1 people, 1 ties")


@pytest.mark.parametrize("name, content", [
    ("broken.graphml", "<graphml><graph>"),
    ("broken.gexf", "not xml at all"),
    ("broken.json", "{\"nodes\": [1, 2"),
])
def test_unreadable_files_give_a_clean_data_error(tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=f"{name}: bestand kan niet gelezen worden"):
        import_file(tmp_path / name)


def test_unclear_private_flag_is_reported_and_left_off(tmp_path):
    (tmp_path / "g.json").write_text('{"nodes": [{"id": "a", "label": "A", "kind": "person", "private": "misschien"}], '
                                     '"links": []}', encoding="utf-8")
    dataset, report = import_file(tmp_path / "g.json")
    assert dataset.nodes["a"].private is False
    assert report.issues == ["onbekende waarde voor 'private' weggelaten: 'misschien' (a)"]


def test_what_still_does_not_validate_is_reported_with_its_place(tmp_path):
    (tmp_path / "g.json").write_text('{"graph": {"netmap_requirements": [{"body_id": "zz", "perspective": '
                                     '"jongeren"}]}, "nodes": [{"id": "a", "label": "A"}], "links": []}',
                                     encoding="utf-8")
    with pytest.raises(DataError) as err:
        import_file(tmp_path / "g.json")
    assert [p.render() for p in err.value.problems] == [
        "g.json [requirements], rij 1, kolom 'body_id': verwijst naar een id dat niet bestaat (waarde: 'zz')"]


def test_detect_format(tmp_path):
    assert detect_format(EXCHANGE / "gephi.graphml") == "graphml"
    assert detect_format(EXCHANGE / "kumu-blueprint.json") == "kumu"
    dataset = read_dataset(example_path())
    assert detect_format(write_export(dataset, "json", tmp_path / "n.json")) == "json"
    assert detect_format(write_export(dataset, "csv", tmp_path / "csv")) == "csv"
    assert detect_format(write_export(dataset, "xlsx", tmp_path / "w.xlsx")) == "netmap"
    assert detect_format(example_path()) == "netmap"


def test_import_command_writes_a_workbook_and_never_overwrites(tmp_path):
    runner = CliRunner()
    out = tmp_path / "mijn.xlsx"
    result = runner.invoke(main, ["import", str(EXCHANGE / "kumu-blueprint.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Niet overgenomen of aangepast:" in result.output and str(out) in result.output
    assert read_dataset(out).counts()["organisations"] == 3
    again = runner.invoke(main, ["import", str(EXCHANGE / "kumu-blueprint.json"), "-o", str(out)])
    assert again.exit_code == 1 and "bestaat al" in again.output
