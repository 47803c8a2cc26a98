"""Snapshots and diff: tables, findings, matrices, the report, the change map, stored runs."""
import copy
import datetime as dt
import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from netmap.cli import main
from netmap.dataset import example_path, read_dataset
from netmap.dates import date_text
from netmap.diff import diff_datasets, union_graph
from netmap.io.writers import write_dataset
from netmap.model import Dataset, Membership, Node, Representation, Requirement, Tie
from netmap.report.diff import diff_blocks, render_html, render_markdown
from netmap.report.html import CSP
from netmap.runs import dataset_of_run, fingerprint, list_runs, load_run, save_run

EXAMPLES = example_path().parent


@pytest.fixture(scope="module")
def q3():
    return read_dataset(EXAMPLES / "kbl")


@pytest.fixture(scope="module")
def q4():
    return read_dataset(EXAMPLES / "kbl-2026q4")


@pytest.fixture(scope="module")
def kbl_diff(q3, q4):
    return diff_datasets(q3, q4)


def small() -> Dataset:
    nodes = {"gem": Node("gem", "organisation", "Gemeente", levels=("II",)),
             "njr": Node("njr", "organisation", "NJR", levels=("I",)),
             "raad": Node("raad", "network", "Raad", levels=("IV",)),
             "p": Node("p", "person", "Piet Geheim", role="lid", private=True, levels=("IV",))}
    return Dataset(nodes=nodes, memberships=[Membership("gem", "raad"), Membership("p", "raad")],
                   representation=[Representation("p", "njr", "raad", "jongeren")],
                   ties=[Tie("gem", "njr", theme="participatie"), Tie("gem", "raad", "funding")],
                   requirements=[Requirement("raad", "jongeren", 1)], source="oud")


def test_small_diff_counts_every_kind_of_change():
    old, new = small(), copy.deepcopy(small())
    new.source = "nieuw"
    new.nodes["wijk"] = Node("wijk", "organisation", "Wijkteam", levels=("I",))
    new.nodes["gem"] = replace(new.nodes["gem"], name="Gemeente Nieuw", levels=("II", "IV"))
    new.memberships[0] = replace(new.memberships[0], role="chair")
    new.memberships.append(Membership("wijk", "raad"))
    new.ties = [Tie("gem", "njr", theme="participatie", cycle_step=2), Tie("wijk", "njr")]
    new.representation = []
    new.requirements = [Requirement("raad", "jongeren", 2)]
    d = diff_datasets(old, new, with_analysis=False)
    assert d.counts() == {
        "nodes": {"added": 1, "removed": 0, "changed": 1},
        "memberships": {"added": 1, "removed": 0, "changed": 1},
        "representation": {"added": 0, "removed": 1, "changed": 0},
        "ties": {"added": 1, "removed": 1, "changed": 1},
        "requirements": {"added": 0, "removed": 0, "changed": 1},
    }
    assert d.changed["nodes"][0]["changes"] == {"name": ["Gemeente", "Gemeente Nieuw"],
                                                "levels": [["II"], ["II", "IV"]]}
    assert d.changed["ties"][0]["changes"] == {"cycle_step": [None, 2]}
    assert [(t["source_id"], t["kind"]) for t in d.removed["ties"]] == [("gem", "funding")]
    assert d.findings_opened is None and not d.unchanged


def _tables_one_row_at_a_time(dataset: Dataset) -> dict:
    """to_tables as it was written first (the schema looked up per row): the reference for the fast path."""
    from netmap import schema
    from netmap.io.writers import _cell
    from netmap.model import NODE_KIND

    def row(table, record):
        _, read = schema.row_reader(table, type(record), schema.columns(table))
        out = {name: _cell(value) for name, value in zip(schema.column_names(table), read(record))}
        out.update(schema.extra_values(table, record))
        return out

    tables = {t: [row(t, n) for n in dataset.nodes.values() if n.kind == k] for t, k in NODE_KIND.items()}
    for t in ("memberships", "representation", "ties", "requirements"):
        tables[t] = [row(t, r) for r in getattr(dataset, t)]
    return {t: rows for t, rows in tables.items() if rows}


def _fingerprint_one_row_at_a_time(dataset: Dataset) -> str:
    import hashlib

    digest = hashlib.sha256()
    for table, rows in sorted(_tables_one_row_at_a_time(dataset).items()):
        lines = sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
                       for r in rows)
        digest.update(json.dumps(table).encode() + b"\n" + "\n".join(lines).encode("utf-8", "surrogatepass")
                      + b"\n\n")
    return digest.hexdigest()


@pytest.mark.parametrize("name", ["kbl", "kbl-realistisch", "small"])
def test_tables_and_fingerprint_as_one_row_at_a_time(name):
    """The tables and fingerprint (read once per table, one JSON encoder) equal the per-row way, on data with
    extra columns, booleans, empty cells, whole floats and several record types."""
    from netmap.io.writers import to_tables

    dataset = small() if name == "small" else read_dataset(EXAMPLES / name)
    if name == "small":
        dataset.nodes["gem"].extra.update({"website": "https://gem.example", "name": "not the name"})
        dataset.ties.append(Tie("njr", "gem", weight=2.0, note="\udcff lone surrogate"))
        dataset.ties[0].extra["eigen"] = 1.5
        # what the column-at-a-time encoding must treat as the encoder does: '%' in names and text, text
        # outside the BMP, floats whole and not, no cycle step, a flag, and tuples equal but not alike
        # ((1,) == (True,): they encode differently)
        dataset.ties[0].extra["100% kolom"] = "%s %d %%"
        dataset.ties.append(Tie("gem", "njr", weight=0.1, cycle_step=None, note="𝄞 %(x)s"))
        dataset.ties.append(Tie("gem", "njr", weight=-0.0, cycle_step=3))
        dataset.nodes["gem"].private = True
        dataset.nodes["njr"].perspectives = (1,)
        dataset.nodes["wijk"] = Node("wijk", "organisation", "Wijkteam", perspectives=(True,))
    assert json.dumps(to_tables(dataset)) == json.dumps(_tables_one_row_at_a_time(dataset))
    assert fingerprint(dataset) == _fingerprint_one_row_at_a_time(dataset)


def test_same_data_in_another_format_is_unchanged(q3, tmp_path):
    copy_ = read_dataset(write_dataset(q3, tmp_path / "kbl.xlsx"))
    assert fingerprint(copy_) == fingerprint(q3)
    d = diff_datasets(q3, copy_)
    assert d.unchanged and d.findings_opened == [] and d.findings_closed == []
    text = render_markdown(diff_blocks(d, q3, copy_))
    assert "Er is niets veranderd" in text


def test_kbl_next_quarter_tables(kbl_diff):
    d = kbl_diff
    assert {n["id"] for n in d.added["nodes"]} == {"rkj_nhn", "gem_alkmaar", "inholland", "aanbieder_nhn",
                                                   "ouders_nhn", "kg_jongeren"}
    assert [n["id"] for n in d.removed["nodes"]] == ["ar_soc"]
    assert d.changed["nodes"][0]["changes"] == {"home_organisation_id": ["", "awt"]}
    assert [(r["person_id"], r["body_id"], r["seat"]) for r in d.added["representation"]] == [
        ("kg_jongeren", "kbl_koersgroep", "jongerenorganisaties")]
    assert [(t["source_id"], t["target_id"]) for t in d.removed["ties"]] == [("rkj_friesland", "rkj_nv")]
    assert {(t["source_id"], t["target_id"]) for t in d.added["ties"]} == {("njr", "vws"), ("rkj_nhn", "ketjaa")}


def test_kbl_next_quarter_gaps_closed_and_opened(kbl_diff):
    closed = {(f["kind"], tuple(f["subjects"])) for f in kbl_diff.findings_closed}
    opened = {(f["kind"], tuple(f["subjects"])) for f in kbl_diff.findings_opened}
    assert ("level_gap", ("I", "IV")) in closed  # youth now learns directly with the ministry
    assert ("representative_without_home", ("wo_wijkteams",)) in closed
    assert any(k[0] in ("missing_perspective", "composition_shortfall") and k[1][0] == "kbl_koersgroep"
               for k in closed)  # the youth seat in the koersgroep is filled
    # the new parents' panel is a member of its RKJ: direct participation is presence, not a gap
    assert not any(k[0] == "unrepresented_constituency" for k in opened)
    assert kbl_diff.level_matrix["old"]["I"]["IV"] == 0 and kbl_diff.level_matrix["new"]["I"]["IV"] == 1
    assert kbl_diff.level_matrix["delta"]["IV"]["I"] == 1
    koersgroep = next(r for r in kbl_diff.coverage if r["network"] == "kbl_koersgroep")
    assert koersgroep["gained"] == ["jongeren"] and koersgroep["lost"] == []
    assert next(r for r in kbl_diff.coverage if r["network"] == "rkj_nhn")["status"] == "new"


def test_kbl_report_reads_for_a_bureau_member(kbl_diff, q3, q4):
    text = render_markdown(diff_blocks(kbl_diff, q3, q4))
    for sentence in ("# Wat is er veranderd?", "Vergelijking van KBL (oud) met KBL 2026q4 (nieuw).",
                     "- Relaties: 2 erbij, 1 weg, 0 gewijzigd",
                     "- Kenniswerkplaats Jeugd Noord-Holland Noord (netwerk, I/II/III)",
                     "- Bestuurder NJR (koersgroep) namens Nationale Jeugdraad (NJR) in KBL Koersgroep "
                     "(jongerenorganisaties)",
                     "- RKJ Friesland → RKJ Noord-Veluwe (leerrelatie, jeugdhulp in de wijk)",
                     "- Inhoudsdeskundige wijkteams (persoon, I): thuisorganisatie: – → Associatie Wijkteams",
                     "| Niveau | I | II | III | IV |",
                     "| I Gezin en professionals | 3 | 1 | 1 | 0 → 1 (+1) |",
                     "| IV Bestuur en overheid |  |  |  | 1 |",
                     "- KBL Koersgroep: erbij: jongeren (ervaringsdeskundig)"):
        assert sentence in text, sentence
    assert text.index("Opgelost of verdwenen") < text.index("Nieuw sinds de vorige keer")


def test_report_in_english(q3, q4):
    d = diff_datasets(q3, q4, lang="en")
    text = render_markdown(diff_blocks(d, q3, q4, lang="en"))
    assert "# What changed?" in text and "- Ties: 2 added, 1 removed, 0 changed" in text
    assert "There is no direct learning tie" in text or "level I" in text


def test_report_escapes_and_hides_private_and_people_by_role():
    old = small()
    new = copy.deepcopy(old)
    new.nodes["x"] = Node("x", "organisation", "<script>alert(1)</script> & Co", levels=("I",))
    new.nodes["p"] = replace(new.nodes["p"], name="Piet Geheim-Jansen")
    new.nodes["q"] = Node("q", "person", "Klaas Open", role="secretaris")
    new.ties.append(Tie("x", "p", note="belde Piet"))
    d = diff_datasets(old, new, with_analysis=False)
    page = render_html(diff_blocks(d, old, new))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page and "<script>" not in page
    assert "Piet" not in page  # private: by role, and its changed name is not shown
    assert "lid (persoon, IV): naam" in page and "Klaas Open (persoon)" in page
    shared = render_html(diff_blocks(d, old, new, roles_only=True))
    assert "Piet" not in shared and "Klaas" not in shared and "secretaris (persoon)" in shared
    md = render_markdown(diff_blocks(d, old, new))
    assert "\\<script\\>" in md and "<script>" not in md


def test_union_graph_marks_new_gone_and_same(q3, q4):
    U = union_graph(q3, q4)
    assert U.nodes["rkj_nhn"]["change"] == "new" and U.nodes["ar_soc"]["change"] == "gone"
    assert U.nodes["wo_wijkteams"]["change"] == "changed" and U.nodes["vws"]["change"] == "same"
    changes = {(u, v, d["rel"]): d["change"] for u, v, d in U.edges(data=True)}
    assert changes[("rkj_friesland", "rkj_nv", "tie")] == "gone"
    assert changes[("njr", "vws", "tie")] == "new"
    assert changes[("rkj_zl", "ketjaa", "tie")] == "same"
    assert U.number_of_nodes() == len(q4.nodes) + 1


# -- stored runs -------------------------------------------------------------------------------------------
def test_runs_are_never_overwritten_and_list_in_order(q3, q4, tmp_path):
    moment = dt.datetime(2026, 10, 1, 12, 0, 0, tzinfo=dt.timezone.utc)
    first = save_run(tmp_path, q3, {"overlap_threshold": 0.5}, {"findings": []}, now=moment)
    second = save_run(tmp_path, q3, {}, {}, now=moment)  # same data, same second: a second file
    third = save_run(tmp_path, q4, now=moment + dt.timedelta(days=92))
    assert first != second and first.name == f"20261001T120000Z-{fingerprint(q3)[:12]}.json"
    assert second.name.endswith("-2.json")
    assert [r.path for r in list_runs(tmp_path)] == [first, second, third]
    record = load_run(first)
    assert record["settings"] == {"overlap_threshold": 0.5} and record["fingerprint"] == fingerprint(q3)
    assert diff_datasets(q3, dataset_of_run(record), with_analysis=False).unchanged


def test_runs_commands_and_diff_command(tmp_path):
    runner = CliRunner()
    runs_dir = str(tmp_path / "runs")
    for path in ("kbl", "kbl-2026q4"):
        saved = runner.invoke(main, ["runs", "save", str(EXAMPLES / path), "--runs-dir", runs_dir])
        assert saved.exit_code == 0 and saved.output.startswith("Run opgeslagen: ")
    listed = runner.invoke(main, ["runs", "list", "--runs-dir", runs_dir])
    assert listed.output.startswith("1. ") and "kbl-2026q4" in listed.output.splitlines()[1]
    from netmap.runs import list_runs

    first = list_runs(tmp_path / "runs")[0].created  # the date in words, as everywhere
    assert listed.output.startswith(f"1. {date_text(first, time=True)}  ")
    compared = runner.invoke(main, ["runs", "compare", "1", "2", "--runs-dir", runs_dir, "-o", str(tmp_path / "c")])
    assert compared.exit_code == 0, compared.output
    assert "- Relaties: 2 erbij, 1 weg, 0 gewijzigd" in compared.output
    # stored runs carry the date they were analysed as of: no 'no reference date' there
    assert "peildatum" not in compared.output and "geanalyseerd met de stand op" in compared.output
    missing = runner.invoke(main, ["runs", "compare", "1", "9", "--runs-dir", runs_dir])
    assert missing.exit_code == 1 and "run '9' niet gevonden" in missing.output
    out = tmp_path / "d"
    result = runner.invoke(main, ["diff", str(EXAMPLES / "kbl"), str(EXAMPLES / "kbl-2026q4"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["kaart-verschillen.html", "verschillen.html",
                                                     "verschillen.json", "verschillen.md"]
    data = json.loads((out / "verschillen.json").read_text(encoding="utf-8"))
    assert data["counts"]["ties"] == {"added": 2, "removed": 1, "changed": 0}
    diff_map = (out / "kaart-verschillen.html").read_text(encoding="utf-8")
    assert "verdwenen" in diff_map
    today = date_text(dt.date.today())  # both analysed as of today: neither example has a date of its own
    # the subtitle names both snapshots, and does not call the day of the analysis their 'stand'
    assert (f'"notes":["KBL (oud) → KBL 2026q4 (nieuw); de gegevens noemen geen peildatum, geanalyseerd met de '
            f'stand op de dag van de analyse ({today})"]') in diff_map
    page = (out / "verschillen.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page and "default-src 'none'" in CSP


def test_json_keeps_private_names_out_and_pseudonymises_people_on_request():
    from netmap.report.diff import diff_json

    old = small()
    new = copy.deepcopy(old)
    new.nodes["p"] = replace(new.nodes["p"], name="Piet Geheim-Jansen", extra={"email": "piet@example.org"})
    new.nodes["q"] = Node("q", "person", "Klaas Open", role="secretaris")
    new.ties.append(Tie("gem", "p", note="belde Piet"))
    d = diff_datasets(old, new, with_analysis=False)
    internal = json.dumps(diff_json(d, old, new), ensure_ascii=False)
    assert "Piet" not in internal and "piet@" not in internal and "Klaas Open" in internal
    shared = diff_json(d, old, new, roles_only=True)
    text = json.dumps(shared, ensure_ascii=False)
    assert "Klaas" not in text and '"q"' not in text and '"p"' not in text
    assert {n["id"] for n in shared["added"]["nodes"]} == {"persoon-2"}
    assert [(t["source_id"], t["target_id"], t["note"]) for t in shared["added"]["ties"]] == [
        ("gem", "persoon-1", "")]


def test_change_map_colours_nodes_by_what_changed():
    from netmap.diff import union_graph
    from netmap.maps import build_map_payload

    old = read_dataset(EXAMPLES / "kbl")
    new = read_dataset(EXAMPLES / "kbl-2026q4")
    payload = build_map_payload(union_graph(old, new), color_by="change", aggregate="none")
    assert payload["meta"]["colorBy"] == "change"
    assert [row[1] for row in payload["colors"]["change"]] == ["nieuw", "verdwenen", "gewijzigd", "ongewijzigd"]
    by_change = {}
    for node in payload["nodes"]:
        by_change.setdefault(node.get("ch"), []).append(node["l"])
    assert "Kenniswerkplaats Jeugd Noord-Holland Noord" in by_change["new"]
    assert by_change["gone"] and by_change["same"]


def test_report_field_changes_are_in_the_readers_words():
    """Perspective and level codes, booleans and empty values read as words, never as raw codes."""
    old = small()
    new = copy.deepcopy(old)
    new.source = "nieuw"
    new.nodes["gem"] = replace(new.nodes["gem"], perspectives=("ouders",), levels=("II", "IV"))
    new.nodes["njr"] = replace(new.nodes["njr"], private=True, role="jongerenorganisatie")
    for lang, yes, level, persp in (("nl", "ja", "Bestuur en overheid", "ouders en verzorgers"),
                                    ("en", "yes", "Governance", "parents and carers")):
        text = render_markdown(diff_blocks(diff_datasets(old, new, with_analysis=False), old, new, lang))
        line = next(x for x in text.splitlines() if "Gemeente" in x and "→" in x)
        assert f"– → {persp}" in line and f"IV {level}" in line, line
        assert "()" not in text and "True" not in text and "False" not in text
        assert f"→ {yes}" in text


def test_report_membership_roles_are_words_not_codes():
    old = small()
    new = copy.deepcopy(old)
    new.source = "nieuw"
    new.memberships[0] = replace(new.memberships[0], role="chair")
    new.memberships.append(Membership("njr", "raad", role="observer"))
    text = render_markdown(diff_blocks(diff_datasets(old, new, with_analysis=False), old, new, "nl"))
    assert "NJR is lid van Raad (waarnemer)" in text
    assert "rol: lid → voorzitter" in text
    assert "chair" not in text and "observer" not in text


def test_report_names_the_snapshots_as_the_map_does(kbl_diff, q3, q4):
    text = render_markdown(diff_blocks(kbl_diff, q3, q4, "nl"))
    assert "Vergelijking van KBL (oud) met KBL 2026q4 (nieuw)." in text


def test_report_keeps_the_note_of_a_tie_with_a_private_person_to_itself():
    old = small()
    old.ties.append(Tie("p", "njr", note="Piet belt elke dinsdag"))
    new = copy.deepcopy(old)
    new.source = "nieuw"
    new.ties[-1] = replace(new.ties[-1], note="Piet Geheim stopt")
    d = diff_datasets(old, new, with_analysis=False)
    for blocks in (diff_blocks(d, old, new, "nl"), diff_blocks(d, old, new, "nl", roles_only=True)):
        text = render_markdown(blocks) + render_html(blocks)
        assert "toelichting" in text  # that it changed is said
        assert "dinsdag" not in text and "Piet" not in text
