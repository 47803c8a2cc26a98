"""The synthetic national field: deterministic, valid, national counts, skew, planted answers."""
from __future__ import annotations

import statistics
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner

from netmap.analysis.findings import Finding
from netmap.cli import main
from netmap.dataset import read_dataset
from netmap.graph import build_graph, simple_graph
from netmap.io.writers import to_tables
from netmap.synth import Planted, check_planted, generate, planted_path, read_planted, write_synthetic

SCALE = 0.01


@pytest.fixture(scope="module")
def field():
    return generate(SCALE, seed=7)


@pytest.fixture(scope="module")
def G(field):
    return build_graph(field.dataset)


def of_type(dataset, type_):
    return [n for n in dataset.nodes.values() if n.type == type_]


def members(dataset, network):
    return {m.member_id for m in dataset.memberships if m.network_id == network}


def test_same_scale_and_seed_give_the_same_field(field):
    again = generate(SCALE, seed=7)
    assert to_tables(again.dataset) == to_tables(field.dataset)
    assert again.planted == field.planted


def test_another_seed_gives_another_field(field):
    assert to_tables(generate(SCALE, seed=8).dataset) != to_tables(field.dataset)


def test_written_field_is_valid_input_and_reads_back(field, tmp_path):
    written = write_synthetic(field, tmp_path / "synth")
    dataset = read_dataset(written)
    assert dataset.counts() == field.dataset.counts()
    assert read_planted(written) == field.planted
    assert planted_path(written) == tmp_path / "synth" / "planted.json"


def test_planted_answers_go_beside_a_workbook_or_yaml_file(tmp_path):
    assert planted_path(tmp_path / "veld.xlsx") == tmp_path / "veld.planted.json"
    assert planted_path(tmp_path / "veld.yml") == tmp_path / "veld.planted.json"


def test_national_counts_are_fixed_and_the_market_scales(field):
    ds = field.dataset
    fixed = {"jeugdregio": 42, "gemeente": 342, "rkj": 15, "ben": 8, "werkplaats": 16}
    assert {t: len(of_type(ds, t)) for t in fixed} == fixed
    providers = len(of_type(ds, "zorgaanbieder"))
    professionals = sum(1 for n in ds.of_kind("person") if n.id.startswith("prof_") and "_wad_" not in n.id)
    assert providers == 8000 * SCALE + 6  # + the hub, 3 isolated and 2 on the islands
    assert professionals == 80000 * SCALE
    bigger = generate(2 * SCALE, seed=7).dataset
    assert 1.7 < professional_ties(bigger) / professional_ties(ds) < 2.3


def professional_ties(dataset):
    return sum(1 for t in dataset.ties if t.source_id.startswith("prof_"))


def test_ties_are_skewed_a_few_hubs_and_a_long_tail(G):
    degree = Counter()
    for u, v, d in G.edges(data=True):
        if d["rel"] == "tie":
            degree[u] += 1
            degree[v] += 1
    values = sorted(degree.values())
    assert statistics.median(values) <= 2
    assert values[-1] >= 10 * statistics.median(values)


def test_no_duplicate_or_self_ties(field):
    pairs = [frozenset((t.source_id, t.target_id)) for t in field.dataset.ties]
    assert len(pairs) == len(set(pairs))
    assert all(len(p) == 2 for p in pairs)


def test_planted_isolated_actors_have_no_edge_at_all(field, G):
    isolated = [p.subjects[0] for p in field.planted if p.kind == "isolated"]
    assert len(isolated) == 3
    assert all(G.degree(n) == 0 for n in isolated)


def test_planted_rkj_alone_lacks_parents(field):
    ds = field.dataset
    with_parents = {r.id for r in of_type(ds, "rkj")
                    if any("ouders" in ds.nodes[m].perspectives for m in members(ds, r.id))}
    assert {r.id for r in of_type(ds, "rkj")} - with_parents == {"rkj_07"}
    assert ("missing_perspective", ("rkj_07", "ouders")) in {(p.kind, p.subjects) for p in field.planted}


def test_planted_koersgroep_has_one_professional_seat(field):
    ds = field.dataset
    assert [m for m in members(ds, "kbl_koersgroep") if "professionals" in ds.nodes[m].perspectives] == ["kg_sbj"]


def test_planted_overlap_pair_shares_almost_all_members(field):
    a, b = (members(field.dataset, n) for n in ("leernetwerk_wachttijden_a", "leernetwerk_wachttijden_b"))
    assert len(a & b) / len(a | b) >= 0.8


def test_planted_hub_sits_in_more_networks_than_any_other_organisation(field):
    ds = field.dataset
    load: dict[str, set[str]] = {}
    for m in ds.memberships:
        org = ds.nodes[m.member_id].home_organisation_id or m.member_id
        load.setdefault(org, set()).add(m.network_id)
    ranked = sorted(load, key=lambda o: len(load[o]), reverse=True)
    assert ranked[0] == "aanb_overal" and len(load["aanb_overal"]) > len(load[ranked[1]])


def test_planted_representative_without_home_and_unrepresented_constituency(field):
    ds = field.dataset
    assert "wo_zonder_thuis" in {r.person_id for r in ds.representation}
    assert ds.nodes["wo_zonder_thuis"].home_organisation_id == ""
    assert all(ds.nodes[r.person_id].home_organisation_id
               for r in ds.representation if r.person_id != "wo_zonder_thuis")
    assert "pleegouders_nl" not in {r.constituency_id for r in ds.representation}


def test_planted_level_gap_no_tie_or_network_joins_levels_one_and_four(field):
    ds = field.dataset
    levels = {n.id: set(n.levels) for n in ds.nodes.values()}
    assert not [t for t in ds.ties if {"I", "IV"} <= levels[t.source_id] | levels[t.target_id]
                and not (levels[t.source_id] & levels[t.target_id])]
    by_network: dict[str, set[str]] = {}
    for m in ds.memberships:
        by_network.setdefault(m.network_id, set()).update(levels[m.member_id])
    assert not [n for n, lv in by_network.items() if {"I", "IV"} <= lv]


def test_planted_broker_is_the_only_link_of_the_wadden_region(field, G):
    H = simple_graph(G)
    wadden = {n for n, d in G.nodes(data=True) if d["region"] == "Regio Waddeneilanden"} - {"makelaar_wadden"}
    assert nx.has_path(H, "gem_339", "kbl_koersgroep")
    H.remove_node("makelaar_wadden")
    assert nx.node_connected_component(H, "gem_339") == wadden


def test_check_planted_matches_kind_and_subjects():
    planted = [Planted("missing_perspective", ("rkj_07", "ouders")), Planted("isolated", ("x",))]
    findings = [Finding("missing_perspective", ["rkj_07", "ouders"], "high", "..."),
                Finding("isolated", ["y"], "low", "...")]
    assert [found for _, found in check_planted(planted, findings)] == [True, False]


def test_every_planted_answer_is_found_by_the_analyses(G, field):
    analysis = pytest.importorskip("netmap.analysis")
    if not hasattr(analysis, "analyse"):
        pytest.skip("netmap.analysis.analyse is not there yet")
    findings = analysis.analyse(G).findings
    assert [p for p, found in check_planted(field.planted, findings) if not found] == []


def test_scale_must_be_positive():
    with pytest.raises(ValueError):
        generate(0)


def test_synth_command_writes_valid_input(tmp_path):
    out = tmp_path / "veld"
    result = CliRunner().invoke(main, ["synth", "--scale", "0.002", "--seed", "3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert read_dataset(out).counts() == generate(0.002, seed=3).dataset.counts()
    assert (out / "planted.json").is_file()
    assert "planted.json" in result.output
