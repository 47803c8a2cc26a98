"""The privacy policy: one rule for who is hidden and what they show instead, in every output."""
import copy
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import main
from netmap.graph import build_graph, display_name
from netmap.io.writers import write_xlsx
from netmap.model import Dataset, Membership, Node, Tie

#: What must not appear anywhere when a private organisation (whose id is a person's name) and the
#: people are hidden: the id, the name, its region, the note of its tie, a person's name and id.
SECRETS = ("jan_de_vries_bv", "Jan de Vries", "Vriesland", "Jan belde", "Klaas Klaassen", "p_klaas",
           "klaas@example.org")


def tiny() -> Dataset:
    """A private organisation named after its owner, a person with a role, a network, a tie."""
    return Dataset(
        nodes={
            "gemeente_a": Node("gemeente_a", "organisation", "Gemeente A", type="gemeente", levels=("II",),
                               region="Noord"),
            "jan_de_vries_bv": Node("jan_de_vries_bv", "organisation", "Jan de Vries BV", type="aanbieder",
                                    levels=("I",), region="Vriesland", private=True,
                                    extra={"kvk": "12345678"}),
            "p_klaas": Node("p_klaas", "person", "Klaas Klaassen", role="coach", levels=("I",),
                            home_organisation_id="gemeente_a", extra={"email": "klaas@example.org"}),
            "wijknet": Node("wijknet", "network", "Wijknetwerk", type="rkj", levels=("I", "II")),
        },
        memberships=[Membership("jan_de_vries_bv", "wijknet"), Membership("gemeente_a", "wijknet"),
                     Membership("p_klaas", "wijknet")],
        ties=[Tie("jan_de_vries_bv", "gemeente_a", "learning", note="Jan belde over de wachtlijst")],
        source="tiny",
    )


def _texts(folder: Path) -> dict[str, str]:
    out = {}
    for file in sorted(folder.rglob("*")):
        if file.suffix == ".xlsx":
            with zipfile.ZipFile(file) as z:
                out[file.name] = "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        elif file.is_file():
            out[file.name] = file.read_text(encoding="utf-8")
    return out


def _leaks(texts: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, secret) for name, text in texts.items() for secret in SECRETS if secret.lower() in text.lower()]


@pytest.fixture()
def workbooks(tmp_path):
    old = tiny()
    new = copy.deepcopy(old)
    new.nodes["jan_de_vries_bv"] = replace(new.nodes["jan_de_vries_bv"], name="Jan de Vries Holding BV",
                                           region="Vriesland-Oost")
    new.ties.append(Tie("p_klaas", "jan_de_vries_bv", "learning"))
    return write_xlsx(old, tmp_path / "oud.xlsx"), write_xlsx(new, tmp_path / "nieuw.xlsx")


def test_roles_only_outputs_never_name_the_private_organisation_or_the_person(workbooks, tmp_path):
    old, new = workbooks
    runner = CliRunner()
    for args in (["run", str(new), "-o", str(tmp_path / "run"), "--roles-only"],
                 ["diff", str(old), str(new), "-o", str(tmp_path / "diff"), "--roles-only"],
                 ["export", str(new), "-o", str(tmp_path / "export"), "--roles-only"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        assert not [s for s in SECRETS if s.lower() in result.output.lower()], result.output
    texts = {f"{part}/{name}": text for part in ("run", "diff", "export")
             for name, text in _texts(tmp_path / part).items()}
    assert {"run/rapport.md", "run/rapport.html", "run/bevindingen.json", "run/kaart-niveaus.html",
            "diff/verschillen.html", "diff/verschillen.md", "diff/verschillen.json",
            "diff/kaart-verschillen.html", "export/netmap.json"} <= set(texts)
    assert _leaks(texts) == []
    assert "aanbieder (afgeschermd)" in texts["run/rapport.md"]
    assert "coach" in texts["run/rapport.md"]


def test_without_roles_only_the_private_organisation_is_still_never_named_in_what_people_read(workbooks,
                                                                                              tmp_path):
    _, new = workbooks
    result = CliRunner().invoke(main, ["run", str(new), "-o", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    texts = _texts(tmp_path / "run")
    for name in ("rapport.md", "rapport.html", "kaart-niveaus.html", "kaart-netwerk.html", "kaart-overlap.html"):
        for secret in ("jan_de_vries_bv", "Jan de Vries", "Vriesland"):
            assert secret not in texts[name], (name, secret)
    assert "Klaas Klaassen" in texts["rapport.md"]  # people are named when the output is not to be shared


def test_one_label_for_a_hidden_node_everywhere():
    from netmap import privacy

    ds = tiny()
    G = build_graph(ds)
    data = G.nodes["jan_de_vries_bv"]
    assert privacy.is_hidden(data) and privacy.is_hidden(ds.nodes["jan_de_vries_bv"])
    assert privacy.is_hidden(G.nodes["p_klaas"], roles_only=True) and not privacy.is_hidden(G.nodes["p_klaas"])
    assert privacy.shown_label(data) == "aanbieder (afgeschermd)"
    assert privacy.shown_label(data, "en") == "care provider (withheld)"
    assert privacy.shown_label(ds.nodes["jan_de_vries_bv"]) == privacy.shown_label(data)
    assert display_name(G, "jan_de_vries_bv") == "aanbieder (afgeschermd)"
    assert display_name(G, "p_klaas", roles_only=True) == "coach"
    from netmap.maps.mapgraph import to_map_node

    assert to_map_node(G, "jan_de_vries_bv", False, "nl").label == "aanbieder (afgeschermd)"
    masked = privacy.apply_privacy(ds)
    assert masked.nodes["afgeschermd-1"].name == "aanbieder (afgeschermd)"
    assert masked.nodes["afgeschermd-1"].region == "" and masked.nodes["persoon-1"].name == "coach"


def test_a_hidden_person_without_a_role_is_called_person_not_by_id():
    from netmap import privacy

    G = build_graph(Dataset(nodes={"piet_jansen": Node("piet_jansen", "person", "Piet Jansen", private=True)}))
    assert display_name(G, "piet_jansen") == "persoon"
    assert privacy.shown_label(G.nodes["piet_jansen"], "en") == "person"


def test_audience_is_the_parameter():
    from netmap import privacy

    data = {"kind": "person", "name": "Klaas", "role": "coach"}
    assert privacy.is_hidden(data, privacy.Audience(roles_only=True))
    assert not privacy.is_hidden(data, privacy.Audience())
    assert privacy.Audience.of(True) == privacy.SHARED and privacy.Audience.of(False) == privacy.INTERNAL


def test_pseudonyms_are_the_same_in_exports_and_findings_json(workbooks, tmp_path):
    _, new = workbooks
    runner = CliRunner()
    runner.invoke(main, ["run", str(new), "-o", str(tmp_path / "run"), "--roles-only"])
    runner.invoke(main, ["export", str(new), "-f", "json", "-o", str(tmp_path / "export"), "--roles-only"])
    findings = json.loads((tmp_path / "run" / "bevindingen.json").read_text(encoding="utf-8"))
    exported = json.loads((tmp_path / "export" / "netmap.json").read_text(encoding="utf-8"))
    ranked = {row["id"] for row in findings["structure"]["degree"]}
    assert ranked == {"gemeente_a", "afgeschermd-1", "persoon-1", "wijknet"}
    assert {n["id"] for n in exported["nodes"]} == ranked


def _flipped():
    """Old: the BV private, free text elsewhere names it and a person; new: the BV public, gemeente_a private."""
    from netmap.model import Requirement

    old = tiny()
    old.ties.append(Tie("gemeente_a", "wijknet", "learning", note="overleg met Jan de Vries BV (jan_de_vries_bv)"))
    old.nodes["gemeente_a"].extra["opmerking"] = "werkt samen met JAN DE VRIES BV"
    old.requirements = [Requirement("wijknet", "cliënten", 1, note="vraag Klaas Klaassen")]
    new = copy.deepcopy(old)
    new.nodes["jan_de_vries_bv"] = replace(new.nodes["jan_de_vries_bv"], private=False, name="Publiek BV",
                                           region="Openland")
    new.nodes["gemeente_a"] = replace(new.nodes["gemeente_a"], private=True, region="Zuidrand")
    return old, new


def test_a_node_private_in_either_version_is_named_in_neither(tmp_path):
    old, new = _flipped()
    a, b = write_xlsx(old, tmp_path / "oud.xlsx"), write_xlsx(new, tmp_path / "nieuw.xlsx")
    runner = CliRunner()
    secrets = ("Jan de Vries", "Vriesland", "Publiek BV", "Openland", "Gemeente A", "Noord", "Zuidrand")
    for first, second, part in ((a, b, "heen"), (b, a, "terug")):
        for roles in ([], ["--roles-only"]):
            out = tmp_path / f"{part}{len(roles)}"
            result = runner.invoke(main, ["diff", str(first), str(second), "-o", str(out), *roles])
            assert result.exit_code == 0, result.output
            texts = _texts(out)
            assert set(texts) == {"verschillen.md", "verschillen.html", "verschillen.json", "kaart-verschillen.html"}
            leaks = [(n, s) for n, text in texts.items() for s in secrets if s.lower() in text.lower()]
            assert leaks == [], (part, roles)
            if roles:
                assert not [n for n, text in texts.items() if "jan_de_vries_bv" in text or "gemeente_a" in text]


def test_stored_runs_compared_hide_what_either_version_hides(tmp_path):
    old, new = _flipped()
    a, b = write_xlsx(old, tmp_path / "oud.xlsx"), write_xlsx(new, tmp_path / "nieuw.xlsx")
    runner = CliRunner()
    for path in (a, b):
        assert runner.invoke(main, ["runs", "save", str(path), "--runs-dir", str(tmp_path / "runs")]).exit_code == 0
    result = runner.invoke(main, ["runs", "compare", "1", "2", "--runs-dir", str(tmp_path / "runs"),
                                  "-o", str(tmp_path / "cmp"), "--roles-only"])
    assert result.exit_code == 0, result.output
    texts = _texts(tmp_path / "cmp")
    secrets = ("Jan de Vries", "Vriesland", "Publiek BV", "Openland", "jan_de_vries_bv", "Klaas Klaassen", "p_klaas")
    assert [(n, s) for n, text in texts.items() for s in secrets if s.lower() in text.lower()] == []


def test_free_text_naming_a_hidden_node_is_scrubbed_in_roles_only_outputs(tmp_path):
    old, _ = _flipped()
    path = write_xlsx(old, tmp_path / "oud.xlsx")
    runner = CliRunner()
    for args in (["run", str(path), "-o", str(tmp_path / "run"), "--roles-only"],
                 ["export", str(path), "-o", str(tmp_path / "export"), "--roles-only"]):
        assert runner.invoke(main, args).exit_code == 0
    texts = {**_texts(tmp_path / "run"), **_texts(tmp_path / "export")}
    assert len(texts) >= 14
    assert _leaks(texts) == []
    exported = json.loads(texts["netmap.json"])
    gemeente = next(n for n in exported["nodes"] if n["id"] == "gemeente_a")
    assert gemeente["opmerking"] == "werkt samen met aanbieder (afgeschermd)"
    assert "vraag coach" in texts["requirements.csv"]


def test_the_owner_export_keeps_everything(tmp_path):
    """Without --roles-only an export is the owner's own data: free text is not touched (and round-trips)."""
    from netmap.io.imports import import_file

    old, _ = _flipped()
    CliRunner().invoke(main, ["export", str(write_xlsx(old, tmp_path / "oud.xlsx")), "-f", "json",
                              "-o", str(tmp_path / "e")])
    back, _ = import_file(tmp_path / "e" / "netmap.json")
    assert back.nodes["gemeente_a"].extra["opmerking"] == "werkt samen met JAN DE VRIES BV"
    assert back.requirements[0].note == "vraag Klaas Klaassen"


def test_no_person_of_the_examples_is_named_in_what_every_output_embeds():
    """The map's script, styles and the pages' templates go into every output, whatever the data: a person's
    name from the example data there (a code comment quoted two touching labels once) would reach every
    roles-only map."""
    from netmap.dataset import example_path, read_dataset

    terms = {text for name in ("kbl", "kbl-realistisch", "kbl-2026q4")
             for node in read_dataset(example_path(name)).nodes.values() if node.kind == "person"
             for text in (node.name, node.id) if len(text) >= 4}
    root = Path(__file__).parents[1] / "netmap"
    folders = ("maps/assets", "web/templates", "web/static", "report")
    shipped = [p for folder in folders for p in (root / folder).rglob("*")
               if p.is_file() and "vendor" not in p.parts and p.suffix in (".js", ".css", ".html", ".py")]
    assert len(terms) > 60 and len(shipped) > 10
    found = [(p.name, term) for p in shipped for term in terms if term in p.read_text(encoding="utf-8")]
    assert found == []
