"""The column-wise fast path of read_dataset (netmap.io.columnar, netmap.validate_columns) gives exactly what the
row-by-row path gives, and leaves every input with a problem to that path (so the messages are the known ones)."""
from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import pytest

from netmap.dataset import example_path, read_dataset
from netmap.errors import DataError
from netmap.graph import build_graph
from netmap.io import columnar
from netmap.io.columnar import has_control, read_csv_columns
from netmap.io.readers import read_tables
from netmap.model import Dataset, Tie
from netmap.validate import CONTROL, INVISIBLE, validate
from netmap.validate_columns import validate_columns

BAD = Path(__file__).parent / "data" / "bad"


def exact(path: Path) -> Dataset | DataError:
    try:
        return validate(read_tables(path), source=path.name)
    except DataError as err:
        return err


def fast(path: Path) -> Dataset | None:
    tables = read_csv_columns(path)
    return validate_columns(tables, source=path.name) if tables is not None else None


def write_tables(folder: Path, tables: dict[str, list[list[str]]], delimiter: str = ";", encoding: str = "utf-8",
                 quote_all: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        buffer = io.StringIO()
        if quote_all:
            csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows)
        else:
            csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode(encoding))
    return folder


def read_rows(folder: Path) -> dict[str, list[list[str]]]:
    return {f.stem: list(csv.reader(io.StringIO(f.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
            for f in sorted(folder.glob("*.csv"))}


# -- the parser splits like the csv module -------------------------------------------------------
def random_csv(rng: random.Random) -> str:
    alphabet = ["a", "b", '"', ";", "\n", "\r\n", "\r", " ", "'", "é", "\t"]
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 4))]
    return "\n".join(lines) + rng.choice(["", "\n"])


def test_the_parser_splits_fields_and_rows_like_the_csv_module():
    rng, compared = random.Random(17), 0
    for _ in range(6000):
        text = random_csv(rng)
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=";") if r]
        width = len(rows[0]) if rows else 0
        parsed = columnar._parse(text.encode(), ";", width) if width else None
        if rows and all(len(r) == width for r in rows):
            compared += 1
            assert parsed is not None, repr(text)
            assert [list(r) for r in zip(*(c.to_pylist() for c in parsed.columns))] == rows, repr(text)
        elif parsed is not None:  # rows of other widths: the parser refuses, the exact path reads them
            assert [list(r) for r in zip(*(c.to_pylist() for c in parsed.columns))] == rows, repr(text)
    assert compared > 500


def test_the_byte_checks_find_exactly_the_characters_validation_refuses():
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert [c for c in chars if has_control(c.encode())] == [c for c in chars if CONTROL.match(c)]
    leads = {c.encode()[0] for c in chars if INVISIBLE.match(c)}
    assert leads <= set(b"\xc2\xe1\xe2\xef")


# -- clean input: the same Dataset either way ------------------------------------------------------
def test_the_example_takes_the_fast_path_and_gives_the_same_dataset():
    path = example_path()
    dataset = fast(path)
    assert dataset is not None
    assert dataset == exact(path)
    assert read_dataset(path) == dataset


def variants(tmp_path: Path) -> dict[str, Path]:
    """The example written in every way a clean input may come: separators, encodings, quoting, white space,
    blank rows, extra columns, formula guards, text a browser would run (kept as it is)."""
    base = read_rows(example_path())
    found = {}
    for name, delimiter, encoding in [("comma", ",", "utf-8"), ("tab", "\t", "utf-8"), ("bom", ";", "utf-8-sig"),
                                      ("cp1252", ";", "cp1252")]:
        found[name] = write_tables(tmp_path / name, base, delimiter, encoding)
    found["quoted"] = write_tables(tmp_path / "quoted", base, quote_all=True)
    tricky = {name: [list(row) for row in rows] for name, rows in base.items()}
    orgs = tricky["organisations"]
    orgs[0].append("notitie")
    for row in orgs[1:]:
        row.append("")
    orgs[1][1] = '  <script>alert("x")</script> Cliënten; "De Brug"\nregel 2  '
    orgs[1][-1] = "'=HYPERLINK(\"http://x\")"
    orgs[2][-1] = "  "
    orgs[3][-1] = "'gewoon"
    orgs[2][orgs[0].index("level")] = " 3 ; iii "
    orgs.insert(3, [""] * len(orgs[0]))
    orgs.insert(5, [" "] * len(orgs[0]))
    ties = tricky["ties"]
    if "note" in ties[0]:
        ties[1][ties[0].index("note")] = "regel 1\r\nregel 2 ‘aanhalingstekens’ – 😀"
    found["tricky"] = write_tables(tmp_path / "tricky", tricky)
    found["header only"] = write_tables(tmp_path / "header-only", {**base, "ties": base["ties"][:1]})
    text = (found["tricky"] / "people.csv").read_bytes().replace(b"\r\n", b"\n")
    (found["tricky"] / "people.csv").write_bytes(text + b"\n\n")
    return found


def test_every_clean_variant_takes_the_fast_path_and_gives_the_same_dataset(tmp_path):
    for name, path in variants(tmp_path).items():
        dataset = fast(path)
        assert dataset is not None, name
        assert dataset == exact(path), name


def test_the_graph_of_the_fast_path_is_the_graph_of_the_exact_path(tmp_path):
    path = variants(tmp_path)["tricky"]
    G, H = build_graph(read_dataset(path)), build_graph(exact(path))
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))


# -- input with a problem: the exact path, the known messages -------------------------------------------
@pytest.mark.parametrize("case", sorted(p.name for p in BAD.iterdir() if p.is_dir()))
def test_a_bad_folder_is_left_to_the_exact_path(case):
    path = BAD / case
    assert fast(path) is None
    with pytest.raises(DataError) as raised:
        read_dataset(path)
    assert str(raised.value) == str(exact(path))


POISON = ["", " ", "V", "0", "-1", "nan", "1,5", "ja", "x", "2024-13", "2025", "2023-02-29", "national", "5",
          "gemeenten", "onbekend", "org_x", "\u200bvws", "e\u0308", "a\x07b", "\x85", "'=1", "==", "IV;I",
          "1e400", "ouders;rijk", "member"]


def test_any_one_changed_cell_gives_the_exact_paths_answer(tmp_path):
    """Changed cells, one at a time, most of them making the input invalid: the fast path either refuses (the
    exact path then reads it), or gives exactly the exact path's Dataset (so never when that path reports a
    problem: a DataError equals no Dataset)."""
    base = read_rows(example_path())
    ids = [row[0] for name in ("organisations", "networks", "people") for row in base[name][1:]]
    rng, accepted, refused = random.Random(7), 0, 0
    for i in range(160):
        tables = {name: [list(row) for row in rows] for name, rows in base.items()}
        name = rng.choice(sorted(tables))
        rows = tables[name]
        if len(rows) < 2:
            continue
        row, col = rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))
        rows[row][col] = rng.choice(POISON + ids)
        path = write_tables(tmp_path / f"case{i}", tables)
        want, got = exact(path), fast(path)
        if got is None:
            refused += 1
        else:
            accepted += 1
            assert got == want, (name, row, rows[0][col], rows[row][col])
        shutil.rmtree(path)
    assert accepted > 10 and refused > 10


def test_an_id_written_decomposed_is_normalised_by_the_exact_path(tmp_path):
    tables = read_rows(example_path())
    tables["organisations"].append(["cafe\u0301", "Café"] + [""] * (len(tables["organisations"][0]) - 2))
    path = write_tables(tmp_path / "nfd", tables)
    assert fast(path) is None
    assert "caf\u00e9" in read_dataset(path).nodes


# -- the graph build fills networkx's own structure consistently ------------------------------------
def test_the_graph_build_keeps_successors_predecessors_and_keys_consistent():
    G = build_graph(read_dataset(example_path()))
    H = type(G)()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(G.edges(keys=True, data=True))
    assert G.adj == H.adj and G.pred == H.pred
    assert G.number_of_edges() == H.number_of_edges()


def test_the_graph_build_adds_parallel_edges_and_ends_it_does_not_know():
    from netmap.model import Node

    ds = Dataset(nodes={"a": Node("a", "organisation", "A"), "b": Node("b", "organisation", "B"),
                        "p": Node("p", "person", "P", home_organisation_id="z")},
                 ties=[Tie("a", "b"), Tie("a", "b", kind="advice"), Tie("p", "z")])
    G = build_graph(ds)
    assert [(u, v, k, d.get("kind")) for u, v, k, d in G.edges(keys=True, data=True)] == [
        ("a", "b", 0, "learning"), ("a", "b", 1, "advice"), ("p", "z", 0, None), ("p", "z", 1, "learning")]
    assert G.nodes["z"] == {} and list(G.predecessors("z")) == ["p"]
