"""Every sentence a finding prints is true of the data (issue 11, 'True sentences').

Small hand-made maps check the claims of one kind each; :mod:`tests.truth` then re-checks every
finding on the shipped examples, the planted test map and a small synthetic field against the graph.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from netmap import build_graph, example_path, read_dataset
from netmap.analysis import Settings, analyse
from netmap.synth import generate
from tests.truth import false_claims, language_problems

DATA = Path(__file__).parent / "data" / "analysis"


def _analyse(tmp_path: Path, data: dict, lang: str = "nl", **settings):
    path = tmp_path / "kaart.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    G = build_graph(read_dataset(path))
    return analyse(G, Settings().replace(**settings), lang=lang), G


def _kind(result, kind):
    return [f for f in result.findings if f.kind == kind]


BASE = {
    "organisations": [
        {"id": "vng", "name": "VNG", "type": "koepel", "level": "IV", "perspectives": "gemeenten"},
        {"id": "academie", "name": "Academie VNG", "type": "opleiding", "level": "II", "parent_id": "vng"},
        {"id": "mind", "name": "MIND", "type": "clientenorganisatie", "level": "I", "perspectives": "clienten"},
        {"id": "a", "name": "Aanbieder A", "type": "aanbieder", "level": "II", "perspectives": "aanbieders"},
        {"id": "b", "name": "Aanbieder B", "type": "aanbieder", "level": "II", "perspectives": "aanbieders"},
        {"id": "c", "name": "Aanbieder C", "type": "aanbieder", "level": "II", "perspectives": "aanbieders"},
    ],
    "networks": [
        {"id": "kbl_werkorganisatie", "name": "Werkorganisatie", "type": "body", "level": "II"},
        {"id": "n1", "name": "Netwerk Een", "type": "platform", "level": "II"},
        {"id": "n2", "name": "Netwerk Twee", "type": "platform", "level": "II"},
    ],
    "people": [{"id": "p", "name": "Vertegenwoordiger cliënten", "role": "werkorganisatie",
                "home_organisation_id": "vng", "level": "II"}],
    "memberships": [{"member_id": m, "network_id": n} for n in ("n1", "n2") for m in ("a", "b", "c")]
    + [{"member_id": "p", "network_id": "kbl_werkorganisatie"}, {"member_id": "vng", "network_id": "n1"}],
    "representation": [{"person_id": "p", "constituency_id": "mind", "body_id": "kbl_werkorganisatie"}],
    "ties": [{"source_id": "n1", "target_id": "kbl_werkorganisatie"}],
}


def test_an_actor_called_without_any_relation_has_none_and_what_it_has_is_said(tmp_path):
    """'Academie VNG heeft geen enkele relatie' was untrue: it has VNG as parent. MIND holds a seat through
    its representative. Both sentences now say what was checked and what is known."""
    result, G = _analyse(tmp_path, BASE)
    by_subject = {f.subjects[0]: f.message for f in _kind(result, "isolated")}
    # the parent link does not connect (connectivity view) but is named, so the sentence stays true
    assert "wel bekend: moederorganisatie VNG" in by_subject["academie"]
    # a seat held on its behalf connects MIND (the representation relation): not isolated at all
    assert "mind" not in by_subject
    assert "geen enkele relatie" not in " ".join(by_subject.values())
    assert not false_claims(result, G)


def test_shared_organisations_are_the_intersection(tmp_path):
    result, G = _analyse(tmp_path, BASE, overlap_fdr=1.0)  # the sentence, whatever the significance test says
    (f,) = _kind(result, "network_overlap")
    assert sorted(f.details["shared"]) == ["a", "b", "c"] and "3 organisaties gemeen" in f.message
    assert "Jaccard 0,75" in f.message  # {a,b,c} of {a,b,c,vng}, with a decimal comma
    assert "zitten in beide en kunnen" in f.suggestion
    assert not false_claims(result, G)


def test_an_actor_whose_loss_detaches_two_groups_makes_them_raken(tmp_path):
    data = {
        "organisations": [{"id": x, "name": f"Org {x}", "type": "stichting", "level": "II"} for x in "hxyz"],
        "networks": [{"id": "kbl_bureau", "name": "Bureau", "type": "body", "level": "II"},
                     {"id": "g1", "name": "Groep Een", "type": "platform", "level": "II"},
                     {"id": "g2", "name": "Groep Twee", "type": "platform", "level": "II"}],
        "memberships": [{"member_id": "h", "network_id": "kbl_bureau"}, {"member_id": "z", "network_id": "kbl_bureau"},
                        {"member_id": "h", "network_id": "g1"}, {"member_id": "x", "network_id": "g1"},
                        {"member_id": "h", "network_id": "g2"}, {"member_id": "y", "network_id": "g2"}],
    }
    result, G = _analyse(tmp_path, data)
    (f,) = [f for f in _kind(result, "single_point_of_failure") if f.subjects == ["h"]]
    assert len(f.details["pieces"]) == 2 and ", raken " in f.message
    assert not false_claims(result, G) and not language_problems(result)


def test_a_rule_note_never_doubles_the_brackets(tmp_path):
    data = dict(BASE, requirements=[{"body_id": "kbl_werkorganisatie", "perspective": "jongeren",
                                     "note": "1 van de jongerenorganisaties"}])
    result, G = _analyse(tmp_path, data)
    (f,) = [f for f in _kind(result, "missing_perspective") if "jongeren" in f.subjects]
    assert f.message == ("In Werkorganisatie ontbreekt het perspectief jongeren (ervaringsdeskundig); "
                         "de regel vraagt: 1 van de jongerenorganisaties.")
    assert not language_problems(result)


def test_constituency_types_are_dutch_words_in_dutch_prose(tmp_path):
    data = {k: v for k, v in BASE.items() if k != "representation"}
    result, _ = _analyse(tmp_path, data)
    (f,) = [f for f in _kind(result, "unrepresented_constituency") if f.subjects == ["mind"]]
    assert f.message.startswith("MIND (cliëntenorganisatie) heeft geen zetel")
    english, _ = _analyse(tmp_path, data, lang="en")
    assert [f.message for f in _kind(english, "unrepresented_constituency") if f.subjects == ["mind"]][0].startswith(
        "MIND (client organisation)")


def _example(name):
    G = build_graph(read_dataset(example_path(name)))
    return analyse(G), G


@pytest.mark.parametrize("name", ["kbl", "kbl-realistisch"])
def test_every_finding_on_the_shipped_examples_is_true_and_in_good_dutch(name):
    result, G = _example(name)
    assert false_claims(result, G) == {}
    assert language_problems(result) == []
    # shown by roles, a sentence may open with a role the data writes in lower case ('werkorganisatie namens ...')
    assert language_problems(result.in_language(G, "nl", roles_only=True)) == []
    english = result.in_language(G, "en", roles_only=True).findings
    assert [text for f in english for text in (f.message, f.suggestion) if text[:1].islower()] == []


def test_every_finding_on_the_planted_map_and_a_small_synthetic_field_is_true():
    G = build_graph(read_dataset(DATA / "planted.yaml"))
    result = analyse(G)
    assert false_claims(result, G) == {} and language_problems(result) == []
    G = build_graph(generate(0.02, 7).dataset)
    result = analyse(G)
    assert false_claims(result, G) == {} and language_problems(result) == []


@pytest.mark.parametrize("name", ["kbl", "kbl-realistisch"])
def test_no_actor_is_both_isolated_and_cut_off_by_a_cut(name):
    result, _ = _example(name)
    isolated = {f.subjects[0] for f in result.findings if f.kind == "isolated"}
    in_cuts = {s for f in result.findings if f.kind == "single_point_of_failure" for s in f.subjects}
    in_cuts |= {p["best"] for f in result.findings if f.kind == "single_point_of_failure"
                for p in f.details.get("pieces", ())}
    assert not isolated & in_cuts


def test_no_cut_reports_the_majority_side():
    result, G = _example("kbl-realistisch")
    for f in result.findings:
        if f.kind == "single_point_of_failure" and "pieces" in f.details:
            assert sum(p["size"] for p in f.details["pieces"]) < G.number_of_nodes() / 2, f.message



def test_suggested_networks_are_ranked_by_fit_and_say_why(tmp_path):
    """An isolated parents' panel: the RKJ of its region that lacks parents first, not the network first by id."""
    orgs = [{"id": "ouders_r", "name": "Ouderpanel R", "type": "ouderorganisatie", "level": "I",
             "perspectives": "ouders", "region": "R"},
            {"id": "g", "name": "Gemeente R", "type": "gemeente", "level": "II", "perspectives": "gemeenten",
             "region": "R"},
            {"id": "o2", "name": "Ouders Elders", "type": "ouderorganisatie", "level": "I", "perspectives": "ouders",
             "region": "S"}]
    nets = [{"id": "a_elders", "name": "Aaa Platform Elders", "type": "platform", "level": "I", "region": "S"},
            {"id": "z_rkj", "name": "Zzz RKJ R", "type": "rkj", "level": "I;II", "region": "R"}]
    data = {"organisations": orgs, "networks": nets,
            "memberships": [{"member_id": "g", "network_id": "z_rkj"}, {"member_id": "o2", "network_id": "a_elders"}]}
    result, _ = _analyse(tmp_path, data)
    (f,) = [f for f in _kind(result, "isolated") if f.subjects == ["ouders_r"]]
    assert f.details["candidates"][0] == "z_rkj"
    assert "Zzz RKJ R (mist precies dit perspectief, zelfde regio); Aaa Platform Elders (zelfde perspectief)" \
        in f.suggestion
