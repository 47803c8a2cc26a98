"""The same tables as xlsx, CSV (both separators, both encodings) and YAML give identical graphs."""
import csv
import io

import openpyxl
import pytest
import yaml

from netmap.dataset import read_dataset
from netmap.graph import build_graph
from netmap.io.readers import read_tables

NASTY = 'Cliëntenraad "De Brug" <script>alert(1)</script> & Ieder(in)'
TABLES = {
    "organisations": [
        {"id": "iederin", "name": "Ieder(in)", "type": "cliëntenorganisatie", "level": "I",
         "perspectives": "clienten;ouders", "region": "landelijk"},
        {"id": "brug", "name": NASTY, "type": "cliëntenorganisatie", "level": "1",
         "perspectives": "cliënten", "region": "Utrecht", "parent_id": "iederin"},
        {"id": "vws", "name": "Ministerie van VWS", "level": "IV", "perspectives": "rijk"},
    ],
    "networks": [
        {"id": "rkj", "name": "Kenniswerkplaats Jeugd Zuid-Limburg", "type": "rkj", "level": "I;II;III",
         "themes": "ouderschap;jeugdhulp in de wijk", "host_id": "vws"},
    ],
    "people": [
        {"id": "p1", "name": "Anna de Vries", "role": "voorzitter", "perspectives": "bestuur",
         "home_organisation_id": "vws", "level": "IV", "private": "ja"},
    ],
    "memberships": [{"member_id": "brug", "network_id": "rkj", "role": "member", "since": "2023"}],
    "representation": [{"person_id": "p1", "constituency_id": "iederin", "body_id": "rkj", "seat": "cliënten"}],
    "ties": [{"source_id": "brug", "target_id": "vws", "kind": "learning", "theme": "participatie",
              "cycle_step": "2", "weight": "1,5", "note": "eerste gesprek"}],
    "requirements": [{"body_id": "rkj", "perspective": "ouders", "min_count": "2"}],
}


def columns(rows):
    return list(dict.fromkeys(k for row in rows for k in row))


def write_csv(folder, delimiter, encoding):
    folder.mkdir()
    for name, rows in TABLES.items():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, columns(rows), delimiter=delimiter, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode(encoding))
    return folder


def write_xlsx(path):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in TABLES.items():
        sheet = book.create_sheet(name)
        cols = columns(rows)
        sheet.append(cols)
        for row in rows:
            sheet.append([int(row[c]) if row.get(c, "").isdigit() else row.get(c) for c in cols])
    book.create_sheet("Toelichting").append(["Dit blad wordt genegeerd"])
    book.save(path)
    return path


def write_yaml(path):
    data = {name: [{k: (v.split(";") if k in ("level", "perspectives", "themes") else v)
                    for k, v in row.items()} for row in rows] for name, rows in TABLES.items()}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def sources(tmp_path):
    return {
        "csv-comma-utf8": write_csv(tmp_path / "a", ",", "utf-8"),
        "csv-semicolon-bom": write_csv(tmp_path / "b", ";", "utf-8-sig"),
        "csv-semicolon-1252": write_csv(tmp_path / "c", ";", "cp1252"),
        "xlsx": write_xlsx(tmp_path / "kaart.xlsx"),
        "yaml": write_yaml(tmp_path / "kaart.yaml"),
    }


def graph_signature(G):
    nodes = sorted((n, sorted(d.items(), key=str)) for n, d in G.nodes(data=True))
    edges = sorted((u, v, sorted(d.items(), key=str)) for u, v, d in G.edges(data=True))
    return nodes, edges


def test_all_formats_give_identical_graphs(sources):
    graphs = {name: build_graph(read_dataset(path)) for name, path in sources.items()}
    reference = graph_signature(graphs["yaml"])
    for name, G in graphs.items():
        assert graph_signature(G) == reference, name
        assert G.graph["requirements"] == graphs["yaml"].graph["requirements"], name


def test_unicode_and_markup_survive_unchanged(sources):
    for path in sources.values():
        dataset = read_dataset(path)
        assert dataset.nodes["brug"].name == NASTY
        assert dataset.nodes["brug"].perspectives == ("clienten",)
        assert dataset.nodes["brug"].levels == ("I",)
        assert dataset.representation[0].seat == "cliënten"


def test_values_are_parsed(sources):
    dataset = read_dataset(sources["csv-semicolon-1252"])
    (tie,) = dataset.ties
    assert (tie.cycle_step, tie.weight, tie.kind) == (2, 1.5, "learning")
    assert dataset.nodes["rkj"].levels == ("I", "II", "III")
    assert dataset.nodes["rkj"].themes == ("ouderschap", "jeugdhulp in de wijk")
    assert dataset.nodes["p1"].private is True
    assert dataset.requirements[0].min_count == 2


def test_unknown_sheets_are_ignored(sources):
    assert "toelichting" not in read_tables(sources["xlsx"])


def test_extra_columns_are_kept(tmp_path):
    (tmp_path / "organisations.csv").write_text("id;name;website\na;A;https://a.example\n", encoding="utf-8")
    assert read_dataset(tmp_path).nodes["a"].extra == {"website": "https://a.example"}


def test_row_numbers_follow_the_spreadsheet(tmp_path):
    (tmp_path / "organisations.csv").write_text(
        'id;name\na;"Twee\nregels"\n\nb;B\n', encoding="utf-8")
    table = read_tables(tmp_path)["organisations"]
    assert [number for number, _ in table.rows] == [2, 5]


def test_excel_extensions_openpyxl_drops_reach_no_user(tmp_path):
    # newer Excel writes extensions (here conditional formatting) that openpyxl warns about on stderr, in
    # English; reading keeps every cell, so the user hears nothing of it and the data is complete
    import warnings
    import zipfile

    from netmap import example_path
    from netmap.io.writers import write_xlsx

    plain = write_xlsx(read_dataset(example_path("kbl")), tmp_path / "plain.xlsx")
    extended = tmp_path / "extended.xlsx"
    ext = ('<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14='
           '"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings/></ext></extLst>')
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(extended, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", ext.encode() + b"</worksheet>")
            dst.writestr(item, data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dataset = read_dataset(extended)
    assert [str(w.message) for w in caught] == []
    assert dataset.counts() == read_dataset(plain).counts()
    with warnings.catch_warnings(record=True) as caught:  # the check can fail: openpyxl does warn on this file
        warnings.simplefilter("always")
        openpyxl.load_workbook(extended, read_only=True)["organisations"].max_row  # noqa: B018
        list(openpyxl.load_workbook(extended, read_only=True)["organisations"].iter_rows())
    assert any("extension" in str(w.message) for w in caught)


def test_a_file_of_utf8_and_windows_1252_together_is_refused_at_its_row(tmp_path):
    """Read as Windows-1252, the UTF-8 'é' of row 2 would become 'Ã©' unseen; the file is refused instead,
    naming the row of the first byte that is no UTF-8 (the export pasted from another program)."""
    from netmap.errors import DataError

    (tmp_path / "organisations.csv").write_bytes(
        "id;name\ncafe;Café de Wijk\n".encode() + b"jeugd;Jeugdhulp Zeeuws-Vlaanderen\nbar;Bar "
        + "Ééntje".encode("cp1252") + b"\n")
    with pytest.raises(DataError) as caught:
        read_dataset(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.source, problem.row) == ("organisations.csv", 4)
    assert problem.value == "bar;Bar \ufffd\ufffdntje" and "CSV UTF-8" in problem.message
    # the same rows all in Windows-1252 (Excel's "CSV (puntkomma)") or all in UTF-8 are read unchanged
    for encoding in ("cp1252", "utf-8"):
        (tmp_path / "organisations.csv").write_bytes(
            "id;name\ncafe;Café de Wijk\nbar;Bar Ééntje – “zo”\n".encode(encoding))
        names = {n.id: n.name for n in read_dataset(tmp_path).nodes.values()}
        assert names == {"cafe": "Café de Wijk", "bar": "Bar Ééntje – “zo”"}, encoding
