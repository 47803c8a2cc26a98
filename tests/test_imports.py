"""Imports from Kumu, Gephi (GraphML, GEXF), JSON and CSV: what maps, and a report of what does not."""
import warnings
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
    assert dataset.nodes["Innovatieproject"].type == "Project"  # Kumu's own type kept as the type
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
        "onbekende soort 'Project' bij Innovatieproject: als organisatie ingelezen, met 'Project' als type",
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
    assert report.render("en").startswith("Imported from gephi.graphml (graphml): 3 organisations, 1 person, 1 tie")


@pytest.mark.parametrize("name, content, message", [
    ("broken.graphml", "<graphml><graph>", "geen leesbaar XML-bestand: de opbouw klopt niet bij regel 1, teken 16"),
    ("broken.gexf", "not xml at all", "geen leesbaar XML-bestand: de opbouw klopt niet bij regel 1, teken 0"),
    ("other.gexf", "<graphml/>", "verwacht een <gexf>-bestand, maar het begint met <graphml>"),
    ("empty.graphml", "<graphml/>", "het GraphML-bestand bevat geen netwerk"),
    ("broken.json", "{\"nodes\": [1, 2", "bestand kan niet gelezen worden"),
])
def test_unreadable_files_give_a_clean_data_error(tmp_path, name, content, message):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=f"{name}: {message}"):
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


# -- GEXF of every version, GraphML as other tools write it (issue 15) ------------------------------------
GEXF_NAMESPACES = ["http://www.gephi.org/gexf/1.1draft", "http://gexf.net/1.1draft", "http://www.gexf.net/1.2draft",
                   "http://gexf.net/1.2draft", "http://www.gexf.net/1.2", "http://www.gexf.net/1.3",
                   "http://gexf.net/1.3"]


def gexf(namespace: str, graph: str, version: str = "1.3") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><gexf xmlns="{namespace}" xmlns:viz="{namespace}/viz" '
            f'version="{version}">{graph}</gexf>')


@pytest.mark.parametrize("namespace", GEXF_NAMESPACES)
def test_gexf_of_every_namespace_imports_with_labels(tmp_path, namespace):
    (tmp_path / "g.gexf").write_text(gexf(namespace, (
        '<graph defaultedgetype="directed"><attributes class="node"><attribute id="0" title="region" type="string"/>'
        '</attributes><nodes><node id="a" label="Gemeente A"><attvalues><attvalue for="0" value="Noord"/>'
        '</attvalues></node><node id="b" label="RKJ B"/></nodes>'
        '<edges><edge id="e" source="a" target="b" weight="2.5"/></edges></graph>')), encoding="utf-8")
    dataset, _ = import_file(tmp_path / "g.gexf")
    assert {n.id: n.name for n in dataset.nodes.values()} == {"a": "Gemeente A", "b": "RKJ B"}
    assert dataset.nodes["a"].region == "Noord"
    assert [(t.source_id, t.target_id, t.weight) for t in dataset.ties] == [("a", "b", 2.5)]


def test_gexf_null_values_are_missing_and_viz_is_reported(tmp_path):
    (tmp_path / "g.gexf").write_text(gexf("http://gexf.net/1.3", (
        '<graph><attributes class="node"><attribute id="v" title="value" type="double"/></attributes>'
        '<nodes><node id="1" label="Een"><attvalues><attvalue for="v" value="null"/></attvalues>'
        '<viz:color r="1" g="2" b="3"/><viz:position x="0" y="0"/></node>'
        '<node id="2" label="Twee"><attvalues><attvalue for="v" value="11.0"/></attvalues></node></nodes>'
        '<edges><edge source="1" target="2"/></edges></graph>')), encoding="utf-8")
    dataset, report = import_file(tmp_path / "g.gexf")
    assert dataset.nodes["1"].extra == {} and dataset.nodes["2"].extra == {"value": "11.0"}
    assert "1 lege waarde(n) (null) als ontbrekend ingelezen" in report.issues
    assert "opmaak (positie, kleur, grootte) niet overgenomen: viz:color, viz:position" in report.notes


def test_gexf_time_becomes_since_and_until_where_it_fits(tmp_path):
    (tmp_path / "g.gexf").write_text(gexf("http://www.gexf.net/1.2draft", (
        '<graph mode="dynamic" timeformat="date"><nodes><node id="a" label="A" start="2020-01-01"/>'
        '<node id="b" label="B"/></nodes><edges>'
        '<edge source="a" target="b" start="2021-03-01" endopen="2023-06-30"/>'
        '<edge source="b" target="a"><spells><spell start="2019-01-01"/><spell start="2022-01-01"/></spells></edge>'
        '<edge source="a" target="b" start="gisteren"/>'
        '</edges></graph>'), version="1.2"), encoding="utf-8")
    dataset, report = import_file(tmp_path / "g.gexf")
    assert [(t.since, t.until) for t in dataset.ties] == [("2021-03-01", "2023-06-30"), ("", ""), ("", "")]
    assert report.issues[:3] == [
        "tijd (start/einde) bij 1 knoop/knopen niet overgenomen: netmap kent tijd alleen bij lidmaatschappen en "
        "relaties",
        "1 verbinding(en) met meer dan één periode: de perioden zijn niet overgenomen (since/until kan er één "
        "bevatten)",
        "1 tijdwaarde(n) niet overgenomen: geen jaartal of datum (tijdformaat date); since/until vraagt JJJJ of "
        "JJJJ-MM-DD"]


def test_gexf_years_as_numbers_and_hierarchy_as_parent(tmp_path):
    (tmp_path / "g.gexf").write_text(gexf("http://gexf.net/1.3", (
        '<graph timeformat="double"><nodes><node id="koepel" label="Koepel"><nodes>'
        '<node id="lid" label="Lid"/></nodes></node></nodes>'
        '<edges><edge source="lid" target="koepel" start="2004.0" end="2006"/></edges></graph>')), encoding="utf-8")
    dataset, _ = import_file(tmp_path / "g.gexf")
    assert dataset.nodes["lid"].parent_id == "koepel"
    assert [(t.since, t.until) for t in dataset.ties] == [("2004", "2006")]


GRAPHML = ('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:y="http://www.yworks.com/xml/graphml">{}</graphml>')


def test_graphml_shared_key_ids_padded_booleans_and_desc(tmp_path):
    (tmp_path / "g.graphml").write_text(GRAPHML.format(
        '<key attr.name="label" attr.type="string" for="node" id="lbl"/>'
        '<key attr.name="label" attr.type="string" for="edge" id="lbl"/>'
        '<key attr.name="actief" attr.type="boolean" for="node" id="b"/>'
        '<graph edgedefault="directed"><node id="n0"><data key="lbl"><![CDATA[foo]]></data>'
        '<data key="b">  true   </data></node><node id="n1"><desc>Node One</desc><data key="b">fAlSe</data></node>'
        '<edge source="n0" target="n1"><data key="lbl">foobar</data></edge></graph>'), encoding="utf-8")
    dataset, report = import_file(tmp_path / "g.graphml")
    assert {n.id: (n.name, n.extra) for n in dataset.nodes.values()} == {
        "n0": ("foo", {"actief": "true"}), "n1": ("Node One", {"actief": "false"})}
    assert len(dataset.ties) == 1 and report.issues[-1].startswith("1 verbinding(en) zonder netmap-relatiesoort")


def test_graphml_from_yed_keeps_its_labels_and_reports_the_graphics(tmp_path):
    (tmp_path / "g.graphml").write_text(GRAPHML.format(
        '<key for="node" id="d6" yfiles.type="nodegraphics"/><graph edgedefault="directed">'
        '<node id="n0"><data key="d6"><y:ShapeNode><y:Geometry x="1" y="2"/>'
        '<y:NodeLabel fontSize="12">Wijkteam Oost<y:LabelModel/></y:NodeLabel></y:ShapeNode></data></node>'
        '<node id="n1"><data key="d6"><y:ShapeNode><y:NodeLabel>Gemeente</y:NodeLabel></y:ShapeNode></data></node>'
        '<edge source="n0" target="n1"/></graph>'), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dataset, report = import_file(tmp_path / "g.graphml")
    assert [n.name for n in dataset.nodes.values()] == ["Wijkteam Oost", "Gemeente"]
    assert "opmaak (positie, kleur, grootte) niet overgenomen: nodegraphics" in report.notes


def test_the_counts_of_one_import_agree(tmp_path):
    """The summary's tie count and the line about edges read as ties count the same edges."""
    (tmp_path / "g.graphml").write_text(GRAPHML.format(
        '<graph edgedefault="directed"><node id="a"/><node id="b"/>'
        '<edge source="a" target="b"/><edge source="a" target="a"/><edge source="b" target="a"/></graph>'),
        encoding="utf-8")
    dataset, report = import_file(tmp_path / "g.graphml")
    assert len(dataset.ties) == 2
    assert "2 verbinding(en) zonder netmap-relatiesoort zijn als relatie (ties) ingelezen" in report.render()
    assert report.render().splitlines()[0].endswith("2 organisaties, 2 relaties")


def test_gexf_a_weight_that_changes_over_time_keeps_its_latest_value(tmp_path):
    (tmp_path / "g.gexf").write_text(gexf("http://www.gexf.net/1.3", (
        '<graph mode="dynamic" timeformat="double"><attributes class="edge" mode="dynamic">'
        '<attribute id="weight" title="Weight" type="double"/></attributes>'
        '<nodes><node id="0" label="Hello"/><node id="1" label="Word"/></nodes><edges><edge source="0" target="1">'
        '<attvalues><attvalue for="weight" value="1" timestamp="2004"/><attvalue for="weight" value="2" '
        'timestamp="2005"/></attvalues></edge></edges></graph>')), encoding="utf-8")
    dataset, report = import_file(tmp_path / "g.gexf")
    assert [(t.weight, t.extra) for t in dataset.ties] == [(2.0, {})]
    assert report.issues[0] == "waarden die in de tijd veranderen: alleen de laatste is overgenomen (weight)"
