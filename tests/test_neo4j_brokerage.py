"""Brokerage roles counted in Neo4j (netmap/neo4j/brokerage.py) equal the embedded engine's, actor for actor.

Each test loads a map into a real Neo4j, computes the fact ``brokerage`` there (every actor's roles, and the
``top_n`` ``analyse --neo4j`` asks for) and compares it with netmap.analysis.structure.brokerage on the same
graph and date.
"""
import heapq
from pathlib import Path

import pytest

from netmap.analysis import Settings, analyse
from netmap.analysis.common import build_context
from netmap.analysis.structure import brokerage, brokerage_view, level_brokers, level_groups
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.model import Dataset, Membership, Node, Tie
from netmap.neo4j import load_graph, open_driver
from netmap.neo4j.analyse import analyse_neo4j
from netmap.neo4j.brokerage import brokerage_roles
from netmap.neo4j.queries import traffic

pytestmark = pytest.mark.neo4j

DATA = Path(__file__).parent / "data" / "analysis"
DATASETS = [example_path(), example_path("kbl-realistisch"), DATA / "planted.yaml"]


def org(i, *levels):
    return Node(i, "organisation", i, type="aanbieder", levels=levels)


# v (level I) ties to a and a2 (I), b and b2 (II), c (II and III) and p, a person without levels whose home h
# is at IV; a and b are tied too, a and v twice. Left out of the brokerage view: the tie to x (no levels), to the
# network net, the funding tie to f, the tie to g that ended in 2020 (f and g would each add six triads by v)
# and c's tie to itself.
HAND = Dataset(
    nodes={**{n.id: n for n in (org("v", "I"), org("a", "I"), org("a2", "I"), org("b", "II"), org("b2", "II"),
                                org("c", "II", "III"), org("h", "IV"), org("x"), org("f", "IV"), org("g", "III"),
                                org("m", "II"))},
           "p": Node("p", "person", "P", home_organisation_id="h"),
           "net": Node("net", "network", "net", type="network")},
    ties=[Tie("v", w) for w in ("a", "a2", "b", "b2", "c", "x", "net")]
    + [Tie("p", "v", "collaboration"), Tie("a", "v", "collaboration"), Tie("a", "b"), Tie("v", "f", "funding"),
       Tie("v", "g", until="2020"), Tie("c", "c")],
    memberships=[Membership("m", "net")])


def embedded(G, settings):
    ctx = build_context(G, settings)
    return brokerage(brokerage_view(ctx), level_groups(ctx))


def top(brokers, n):
    """The ids ``structure_top['level_brokers']`` lists (netmap.analysis.analyse._top_lists)."""
    best = heapq.nsmallest(n, level_brokers(brokers).items(), key=lambda vx: (-vx[1], str(vx[0])))
    return [v for v, x in best if x]


@pytest.fixture
def driver(neo4j_clean):
    with open_driver(neo4j_clean.uri, None, None) as drv:
        yield drv


def assert_same_from_neo4j(driver, G, settings):
    """Every actor's roles, and the top ones, from the database equal the embedded engine's; returns them."""
    expected = embedded(G, settings)
    got = brokerage_roles(driver, settings)
    assert got == expected
    assert list(got) == list(expected)  # every actor with levels, in load order
    best = brokerage_roles(driver, settings, top_n=settings.top_n)
    assert list(best) == top(expected, settings.top_n)
    assert all(best[v] == expected[v] for v in best)
    return got


def test_hand_made_graph(driver):
    """v's neighbours with levels: a, a2 (I), b, b2 (II), c (II+III), p (IV, from its home h); 15 pairs, one
    closed (a-b). The 14 open triads by v (at I):

    - a-a2 share I, which v holds: coordinator (1);
    - a or a2 with b, b2, c or p (7, without the closed a-b): no common level, v shares I with a/a2:
      representative, and read the other way gatekeeper (7 each);
    - b-b2, b-c, b2-c share II, which v lacks: itinerant (3);
    - b-p, b2-p, c-p share nothing, v shares with neither: liaison (3).

    Between levels: 3 + 7 + 3 = 13. a and b see only the closed pair (v, the other): 0; the rest one neighbour.
    """
    G = build_graph(HAND)
    load_graph(driver, G)
    got = assert_same_from_neo4j(driver, G, Settings(as_of="2026-06-01"))
    assert got["v"] == {"coordinator": 1, "gatekeeper": 7, "representative": 7, "itinerant": 3, "liaison": 3}
    assert set(got) == {"v", "a", "a2", "b", "b2", "c", "h", "f", "g", "m", "p"}  # x: no levels
    assert all(sum(roles.values()) == 0 for v, roles in got.items() if v != "v")
    assert brokerage_roles(driver, Settings(as_of="2026-06-01"), top_n=3) == {"v": got["v"]}


def test_the_date_and_the_tie_kinds_are_applied(driver):
    """On a date in 2019 the tie to g (III) counts: six triads more for v, g with a or a2: representative (and
    gatekeeper); with c: itinerant (they share III); with b, b2 or p: liaison. With funding among the tie kinds,
    f (IV) adds six alike (itinerant with p, which shares IV; liaison with b, b2 and c)."""
    G = build_graph(HAND)
    load_graph(driver, G)
    then = assert_same_from_neo4j(driver, G, Settings(as_of="2019-06-01"))["v"]
    assert then == {"coordinator": 1, "gatekeeper": 9, "representative": 9, "itinerant": 4, "liaison": 6}
    funding = Settings(as_of="2026-06-01", brokerage_tie_kinds=("learning", "collaboration", "funding"))
    with_f = assert_same_from_neo4j(driver, G, funding)["v"]
    assert with_f == then
    only_learning = assert_same_from_neo4j(driver, G, Settings(as_of="2026-06-01", brokerage_tie_kinds=("learning",)))
    assert sum(only_learning["v"].values()) < sum(with_f.values())


def test_no_actor_with_levels(driver):
    G = build_graph(Dataset(nodes={"a": org("a"), "b": org("b")}, ties=[Tie("a", "b")]))
    load_graph(driver, G)
    assert brokerage_roles(driver, Settings()) == {} == embedded(G, Settings())


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
def test_brokerage_from_neo4j_equals_the_embedded_one(driver, path):
    G = build_graph(read_dataset(path))
    load_graph(driver, G)
    got = assert_same_from_neo4j(driver, G, Settings())
    assert any(level_brokers(got).values())


def test_synthetic_field(driver):
    from netmap.synth import generate

    G = build_graph(generate(0.1, 42).dataset)
    load_graph(driver, G)
    settings = Settings()
    got = assert_same_from_neo4j(driver, G, settings)
    assert len(got) > 10_000
    with traffic() as moved:
        brokerage_roles(driver, settings, top_n=settings.top_n)
    assert moved.bytes < 1_000  # the top actors' roles, not the view


@pytest.mark.parametrize("use_gds", [True, False], ids=["gds", "no-gds"])
def test_analyse_neo4j_takes_brokerage_from_the_database_with_the_same_findings(driver, use_gds):
    G = build_graph(read_dataset(example_path()))
    load_graph(driver, G)
    embedded_result = analyse(G)
    from_db = analyse_neo4j(driver, use_gds=use_gds)
    engine = from_db.summary["engine"]
    assert "brokerage" in engine["neo4j_cypher"] and ("neo4j_gds" in engine) == use_gds
    assert len(from_db.facts["brokerage"]) <= Settings().top_n < len(embedded_result.facts["brokerage"])
    brokers = from_db.facts["structure_top"]["level_brokers"]
    assert brokers == embedded_result.facts["structure_top"]["level_brokers"] and brokers
    assert [f.to_dict() for f in from_db.findings] == [f.to_dict() for f in embedded_result.findings]
