"""Components and cuts from GDS (netmap/neo4j/connectivity.py) equal the embedded engine's, fact by fact.

The first tests check the contraction itself (netmap.analysis.cuts.contracted_facts) on small graphs worked
out by hand, with the database's results mirrored in networkx; the others run GDS in a real Neo4j.
"""
import json
from pathlib import Path

import networkx as nx
import pytest

from netmap.analysis import Settings, analyse
from netmap.analysis.common import anchors, build_context
from netmap.analysis.cuts import contracted_facts, cut_facts, isolated_facts, separate_component_facts
from netmap.analysis.structure import components, connectivity_graph, main_component
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.model import Dataset, Membership, Node, Tie
from netmap.neo4j import load_graph, open_driver
from netmap.neo4j.analyse import analyse_neo4j
from netmap.neo4j.connectivity import connectivity_summary
from netmap.neo4j.queries import traffic

FACTS = ("components", "separate", "isolated", "spof", "spof_trivial")


def embedded_facts(G, settings=None):
    """The five connectivity facts as the embedded engine computes them."""
    ctx = build_context(G, settings or Settings())
    H = connectivity_graph(ctx)
    comps = components(H)
    main = main_component(comps, anchors(ctx))
    spof, trivial = cut_facts(ctx, H, anchors(ctx), comps[main] if comps else set())
    return ctx, {"components": [len(c) for c in comps], "separate": separate_component_facts(ctx, comps, main),
                 "isolated": isolated_facts(ctx, comps, main), "spof": spof, "spof_trivial": trivial}


def mirrored_summary(ctx):
    """What connectivity_summary returns, computed in networkx (no database): for the hand-made graphs."""
    H = connectivity_graph(ctx)
    order = {v: i for i, v in enumerate(ctx.G)}
    comps = sorted(components(H), key=lambda c: (-len(c), min(order[v] for v in c)))
    main = main_component(comps, anchors(ctx))
    core = H.subgraph(comps[main])
    cuts = set(nx.articulation_points(core)) if len(core) >= 3 else set()
    rest = core.subgraph(set(core) - cuts)
    fragment_of = {v: i for i, part in enumerate(nx.connected_components(rest)) for v in part}
    nets, bodies = set(ctx.networks), anchors(ctx)
    from netmap.analysis.representation import constituencies
    cons = set(constituencies(ctx.G, ctx)) | set(ctx.represented)
    fragments = []
    for i in sorted(set(fragment_of.values())):
        part = [v for v in fragment_of if fragment_of[v] == i]
        score = {v: (v in bodies) * 2 ** 41 + (v in nets) * 2 ** 40 + H.degree(v) for v in part}
        top = max(score.values())
        fragments.append({"fragment": i, "size": len(part), "networks": len(nets & set(part)),
                          "constituencies": len(cons & set(part)), "anchors": len(bodies & set(part)),
                          "first": min(order[v] for v in part), "top": top,
                          "best": [v for v in part if score[v] == top]})
    return {"components": [{"size": len(c), "ids": None if i == main else sorted(c, key=order.get)}
                           for i, c in enumerate(comps)],
            "core": main, "fragments": fragments if cuts else [],
            "cuts": [{"id": v, "ord": order[v], "degree": H.degree(v), "cuts": [w for w in H[v] if w in cuts],
                      "fragments": sorted({fragment_of[w] for w in H[v] if w not in cuts})} for v in cuts]}


def as_json(value):
    return json.dumps(value, sort_keys=True, default=str)


def dataset(nodes, ties=(), memberships=()):
    """A map of organisations (and networks: ids starting with 'net' or 'body'); ties 'learning'."""
    def node(i):
        if i.startswith(("net", "body")):
            return Node(i, "network", i, type="body" if i.startswith("body") else "network")
        return Node(i, "organisation", i, type="aanbieder")
    return Dataset(nodes={i: node(i) for i in nodes}, ties=[Tie(a, b, "learning") for a, b in ties],
                   memberships=[Membership(a, n) for a, n in memberships])


# u and v are joined, and both to the hubs a and b, each of which holds one organisation more: the block
# {u, v, a, b} has two fragments' worth of paths through {u, v}. Contracting {u, v} to one node alone would
# make it a cut vertex between a and b; the path a - b the contraction adds keeps the block whole.
THETA = dataset(["u", "v", "a", "b", "p", "q"],
                ties=[("u", "v"), ("u", "a"), ("v", "a"), ("u", "b"), ("v", "b"), ("a", "p"), ("b", "q")])
# a chain of three bodies' groups: body1's members hang on hub1, body2's on hub2, joined by the tie hub1-hub2
# (a bridge between two cut vertices), and hub2 holds a single organisation x as well (a trivial cut)
CHAIN = dataset(["body1", "m1", "m2", "m3", "hub1", "hub2", "body2", "n1", "n2", "n3", "x"],
                ties=[("hub1", "hub2"), ("hub2", "x")],
                memberships=[("m1", "body1"), ("m2", "body1"), ("m3", "body1"), ("hub1", "body1"),
                             ("n1", "body2"), ("n2", "body2"), ("n3", "body2"), ("hub2", "body2")])


@pytest.mark.parametrize("ds", [THETA, CHAIN], ids=["theta", "chain"])
def test_the_contracted_graph_gives_the_cuts_of_the_whole_view(ds):
    G = build_graph(ds)
    ctx, expected = embedded_facts(G)
    got = contracted_facts(ctx, mirrored_summary(ctx), anchors(ctx))
    for key in FACTS:
        assert as_json(got[key]) == as_json(expected[key]), key


def test_theta_by_hand():
    """a and b are the only cut vertices; each cuts off one organisation (trivial cuts), u and v none."""
    ctx, facts = embedded_facts(build_graph(THETA))
    assert facts["spof"] == []
    assert facts["spof_trivial"] == [{"cut": "a", "actor": "p"}, {"cut": "b", "actor": "q"}]
    got = contracted_facts(ctx, mirrored_summary(ctx), anchors(ctx))
    assert got["spof_trivial"] == facts["spof_trivial"]


def test_chain_by_hand():
    """The tie hub1-hub2 is the one that cuts body2's group (4 actors and the body) from body1's side, or
    the other way round: the side with fewer bodies, then fewer actors, is the one cut off (here body1's, by
    id); hub2 alone cuts off x."""
    ctx, facts = embedded_facts(build_graph(CHAIN))
    ties = [f for f in facts["spof"] if f["type"] == "tie"]
    assert [sorted(f["subjects"]) for f in ties] == [["hub1", "hub2"]]
    assert ties[0]["size"] == 5
    assert {"cut": "hub2", "actor": "x"} in facts["spof_trivial"]
    got = contracted_facts(ctx, mirrored_summary(ctx), anchors(ctx))
    assert as_json(got["spof"]) == as_json(facts["spof"])


def test_the_blocks_come_in_the_same_order_whatever_order_the_edges_are_found_in():
    """The facts follow from the graph alone (block_key), not from the order igraph finds the blocks in."""
    G = build_graph(CHAIN)
    ctx, facts = embedded_facts(G)
    summary = mirrored_summary(ctx)
    for row in summary["cuts"]:
        row["cuts"].reverse()
        row["fragments"].reverse()
    summary["cuts"].reverse()
    summary["fragments"].reverse()
    got = contracted_facts(ctx, summary, anchors(ctx))
    assert as_json(got["spof"]) == as_json(facts["spof"])
    assert as_json(got["spof_trivial"]) == as_json(facts["spof_trivial"])


# --- against GDS in a real Neo4j ---------------------------------------------------------------------------

DATA = Path(__file__).parent / "data" / "analysis"
DATASETS = [example_path(), example_path("kbl-realistisch")] + sorted(p for p in DATA.glob("*") if p.is_dir())


@pytest.fixture
def driver(neo4j_clean):
    with open_driver(neo4j_clean.uri, None, None) as drv:
        yield drv


def assert_same_from_gds(driver, G, settings):
    ctx, expected = embedded_facts(G, settings)
    with traffic() as moved:
        summary = connectivity_summary(driver, settings)
    got = contracted_facts(ctx, summary, anchors(ctx))
    for key in FACTS:
        assert as_json(got[key]) == as_json(expected[key]), key
    return moved


@pytest.mark.neo4j
@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
def test_gds_components_and_cuts_equal_the_embedded_ones(driver, path):
    G = build_graph(read_dataset(path))
    load_graph(driver, G)
    assert_same_from_gds(driver, G, Settings())


@pytest.mark.neo4j
@pytest.mark.parametrize("ds", [THETA, CHAIN], ids=["theta", "chain"])
def test_gds_on_the_hand_made_graphs(driver, ds):
    G = build_graph(ds)
    load_graph(driver, G)
    assert_same_from_gds(driver, G, Settings())


@pytest.mark.neo4j
@pytest.mark.parametrize("settings", [
    Settings(connectivity_relations=("tie", "membership", "seat", "representation", "home", "parent", "host")),
    Settings(connectivity_relations=("membership", "home"), connectivity_tie_kinds=("learning",)),
    Settings(connectivity_relations=("tie",), connectivity_tie_kinds=("learning", "collaboration", "funding")),
], ids=["every-relation", "no-ties", "ties-only"])
def test_gds_follows_the_connectivity_settings(driver, settings):
    G = build_graph(read_dataset(example_path()))
    load_graph(driver, G)
    assert_same_from_gds(driver, G, settings)


@pytest.mark.neo4j
def test_gds_leaves_out_what_does_not_count_on_the_date(driver):
    ds = read_dataset(example_path())
    for record in ds.memberships[:15]:
        record.until = "2024"
    for record in ds.ties[:10]:
        record.since = "2030"
    for record in ds.representation[:8]:  # a seat's dates are extra columns
        record.extra["until"] = "2024"
    G = build_graph(ds)
    load_graph(driver, G)
    seen = []
    for as_of in ("2023-06-01", "2026-01-01"):
        settings = Settings(as_of=as_of)
        seen.append(as_json(embedded_facts(G, settings)[1]))
        assert_same_from_gds(driver, G, settings)
    assert seen[0] != seen[1]  # the two dates give different cuts: the date is really applied


@pytest.mark.neo4j
def test_analyse_neo4j_takes_the_cuts_from_gds_with_the_same_findings(driver):
    G = build_graph(read_dataset(example_path("kbl-realistisch")))
    load_graph(driver, G)
    embedded = analyse(G)
    from_db = analyse_neo4j(driver)
    assert "connectivity" in from_db.summary["engine"]["neo4j_gds"]["facts"]
    assert "connectivity" not in from_db.facts
    for key in FACTS:
        assert as_json(from_db.facts[key]) == as_json(embedded.facts[key]), key
    assert [f.to_dict() for f in from_db.findings] == [f.to_dict() for f in embedded.findings]
