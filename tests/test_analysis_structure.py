"""Structure measures and level analyses on tiny graphs with hand-checked answers."""
import networkx as nx
import pytest

from netmap.analysis import structure
from netmap.analysis.levels import ei_index, empty_matrix, level_gaps, level_matrix, network_ei
from netmap.graph import build_graph
from netmap.model import Dataset, Membership, Node, Tie


def org(i, level):
    return Node(i, "organisation", i.upper(), levels=(level,))


def test_brokerage_roles_by_hand():
    # a(I) - b(II) - c(III) and b - d(II); a-d tied, so the pair (a, d) around b is closed
    H = nx.Graph([("a", "b"), ("b", "c"), ("b", "d"), ("a", "d")])
    roles = structure.brokerage(H, {"a": ("I",), "b": ("II",), "c": ("III",), "d": ("II",)})
    # around b: (a,c) liaison; (c,d) representative (and gatekeeper, read the other way); (a,d) closed
    assert roles["b"] == {"coordinator": 0, "gatekeeper": 1, "representative": 1, "itinerant": 0, "liaison": 1}
    # around d: (a,b) closed; nothing open
    assert sum(roles["d"].values()) == 0


def test_itinerant_and_coordinator():
    H = nx.Graph([("x", "m"), ("y", "m"), ("z", "m")])
    roles = structure.brokerage(H, {"x": ("I",), "y": ("I",), "z": ("II",), "m": ("II",)})
    assert roles["m"] == {"coordinator": 0, "gatekeeper": 2, "representative": 2, "itinerant": 1, "liaison": 0}


def test_betweenness_above_the_size_limit_is_estimated_with_its_error_bound():
    H = nx.path_graph(60)
    exact, info = structure.betweenness(H, exact_max_nodes=1000)
    assert info == {"method": "exact"} and exact == pytest.approx(nx.betweenness_centrality(H))
    est, info = structure.betweenness(H, exact_max_nodes=10, epsilon=0.01, delta=0.05, seed=1)
    assert info["method"] == "sampled" and info["samples"] > 0 and 0 <= info["error"] - 0.01 * 60 / 58 < 1e-6
    assert max(abs(est[v] - exact[v]) for v in H) <= info["error"]


def test_eigenvector_matches_networkx_converged():
    for H in (nx.karate_club_graph(), nx.barabasi_albert_graph(2000, 2, seed=1)):  # dense and sparse solver
        ours, converged = structure.eigenvector(H)
        assert converged
        theirs = nx.eigenvector_centrality(H, max_iter=10_000, tol=1e-12)
        assert max(abs(ours[v] - theirs[v]) for v in H) < 1e-7


def test_eigenvector_on_a_disconnected_graph_lives_on_the_leading_component():
    H = nx.disjoint_union(nx.complete_graph(5), nx.path_graph(3))
    ours, converged = structure.eigenvector(H)
    assert converged and all(ours[v] == 0.0 for v in (5, 6, 7))
    assert ours[0] == pytest.approx(1 / 5 ** 0.5)
    assert structure.eigenvector(nx.empty_graph(4)) == ({0: 0.5, 1: 0.5, 2: 0.5, 3: 0.5}, True)


def test_eigenvector_runs_on_one_blas_thread_with_the_values_of_the_default_threads(monkeypatch):
    """ARPACK on one BLAS thread (for speed, bench/README "Kernel growth, looked into"): the values of the call as it
    was, eigsh with OpenBLAS's own threads, to 1e-12, on synthetic fields and a sparse random graph."""
    import numpy as np
    import scipy.sparse.linalg as linalg
    from threadpoolctl import threadpool_info

    from netmap.analysis.compiled import Compiled
    from netmap.synth import generate

    real, threads = linalg.eigsh, []

    def spy(*args, **kwargs):
        threads.append(max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"))
        return real(*args, **kwargs)

    monkeypatch.setattr(linalg, "eigsh", spy)
    graphs = [structure.structure_view(build_graph(generate(0.02, seed=seed).dataset)) for seed in (1, 2)]
    for C in [*graphs, Compiled.from_networkx(nx.barabasi_albert_graph(3000, 2, seed=3))]:
        ours, converged = structure.eigenvector(C)
        _, vectors = real(C.adjacency, k=1, which="LA", v0=np.ones(C.n), tol=0)  # the old call, default threads
        old = np.abs(vectors[:, 0])
        old[old < 1e-15] = 0.0
        old /= np.linalg.norm(old)
        assert converged and max(abs(ours[v] - x) for v, x in zip(C.nodes, old)) < 1e-12
    assert threads == [1, 1, 1]


def test_communities_are_leiden_seeded_and_connected():
    H = nx.relabel_nodes(nx.connected_caveman_graph(6, 5), str)
    found, method = structure.communities(H, seed=3)
    assert method == "leiden" and found == structure.communities(H, seed=3)[0]
    assert sorted(map(len, found)) == [5] * 6  # the caves
    assert all(nx.is_connected(H.subgraph(c)) for c in found)
    assert set().union(*found) == set(H)


def test_components_and_blocks_on_the_compiled_view_equal_networkx():
    from netmap.analysis.compiled import Compiled, blocks

    H = nx.relabel_nodes(nx.gnm_random_graph(400, 420, seed=5), lambda v: f"v{v}")
    C = Compiled.from_networkx(H)
    assert structure.components(C) == sorted(nx.connected_components(H), key=len, reverse=True)
    core = structure.components(C)[0]
    ours = {frozenset(C.nodes[i] for i in b) for b in blocks(C, sorted(C.index[v] for v in core))}
    assert ours == {frozenset(b) for b in nx.biconnected_components(H.subgraph(core))}
    assert dict(zip(C.nodes, C.degree.tolist())) == dict(H.degree())


def test_level_matrix_counts_a_multi_level_tie_once_on_the_diagonal():
    ds = Dataset(nodes={"a": Node("a", "organisation", "A", levels=("I", "II")), "b": org("b", "II")},
                 ties=[Tie("a", "b"), Tie("a", "b", kind="funding")])
    m = level_matrix(build_graph(ds))
    assert m["II"]["II"] == 1 and m["I"]["II"] == m["II"]["I"] == 0 and m["I"]["I"] == 0


def test_ei_index_per_network_from_the_ties_inside():
    ds = Dataset(nodes={"n": Node("n", "network", "N"), "a": org("a", "I"), "b": org("b", "I"),
                        "c": org("c", "IV")},
                 memberships=[Membership("a", "n"), Membership("b", "n"), Membership("c", "n")],
                 ties=[Tie("a", "b"), Tie("a", "c"), Tie("b", "c")])
    # ties: a-b internal, a-c and b-c external -> (2 - 1) / 3
    assert network_ei(build_graph(ds))["n"] == pytest.approx(1 / 3)
    assert ei_index(0, 4) == -1


def test_level_gaps_respect_minimum():
    m = empty_matrix()
    for a in m:
        for b in m:
            m[a][b] = 2
    m["I"]["IV"] = m["IV"]["I"] = 1
    assert level_gaps(m, {}, 1) == []
    assert [g["levels"] for g in level_gaps(m, {}, 2)] == [["I", "IV"]]


def test_spof_tie_bridge_reported_once_as_tie():
    # hub body K with members; body A hangs on K only through one learning tie
    nodes = {"K": Node("K", "network", "K", type="body"), "A": Node("A", "network", "A", type="body")}
    nodes.update({f"k{i}": org(f"k{i}", "II") for i in range(4)})
    nodes.update({f"a{i}": org(f"a{i}", "III") for i in range(2)})
    ds = Dataset(nodes=nodes, memberships=[Membership(f"k{i}", "K") for i in range(4)]
                 + [Membership(f"a{i}", "A") for i in range(2)],
                 ties=[Tie("A", "K"), Tie("k0", "k1")])
    from netmap.analysis import analyse

    found = [f for f in analyse(build_graph(ds)).findings if f.kind == "single_point_of_failure"]
    assert [(f.subjects, f.details.get("type")) for f in found] == [(["K", "A"], "tie"),
                                                                    (["a0", "a1", "k2", "k3"], None)]
    assert found[0].details["size"] == 3
    # k2 and k3 hang on K only, a0 and a1 on A only: trivial cuts, one low finding
    assert found[1].severity == "low"


def _edge_ids(C):
    return {frozenset((C.nodes[a], C.nodes[b])) for a, b in C.edges.tolist()}


@pytest.mark.parametrize("name", ["kbl", "kbl-realistisch", "hand-made"])
@pytest.mark.parametrize("relations, tie_kinds", [
    (None, None),
    (("tie", "membership", "seat", "representation", "home", "parent", "host"), ("learning", "funding")),
    (("seat", "home"), ("learning",)),
    (("representation", "membership"), ()),
])
def test_compiled_views_built_at_c_speed_equal_their_networkx_graphs(name, relations, tie_kinds):
    """The connectivity and brokerage views, numbered from each relation's edge list at C speed, have the
    nodes and edges of the networkx graphs they stand for (and the simple graph's unique sorted edges)."""
    from netmap.analysis import Settings
    from netmap.analysis.common import build_context
    from netmap.analysis.compiled import Compiled
    from netmap.dataset import example_path, read_dataset
    from netmap.model import Representation

    if name == "hand-made":  # self-loops, parallel and reversed ties, a tie to a network, a seat
        nodes = {i: org(i, "II") for i in "abc"}
        nodes["n"] = Node("n", "network", "N", levels=("II",))
        nodes["p"] = Node("p", "person", "P", home_organisation_id="a")
        dataset = Dataset(nodes=nodes, memberships=[Membership("a", "n"), Membership("p", "n")],
                          representation=[Representation("p", "b", "n", "jongeren")],
                          ties=[Tie("a", "a"), Tie("a", "b"), Tie("b", "a"), Tie("a", "b", "collaboration"),
                                Tie("c", "n"), Tie("b", "c", "funding")])
    else:
        dataset = read_dataset(example_path().parent / name)
    G = build_graph(dataset)
    changes = {} if relations is None else {"connectivity_relations": relations, "connectivity_tie_kinds": tie_kinds,
                                            "brokerage_tie_kinds": tie_kinds or ("learning",)}
    ctx = build_context(G, Settings().replace(**changes) if changes else Settings())
    view, reference = structure.connectivity_view(ctx), Compiled.from_networkx(structure.connectivity_graph(ctx))
    assert view.nodes == reference.nodes and view.edges.tolist() == reference.edges.tolist()
    brokerage, graph = structure.brokerage_view(ctx), structure.brokerage_graph(ctx)
    assert set(brokerage.nodes) == set(graph) and len(brokerage.nodes) == len(graph)
    assert _edge_ids(brokerage) == {frozenset(e) for e in graph.edges}
    assert brokerage.edges.tolist() == sorted(map(sorted, brokerage.edges.tolist()))  # u < v, ordered, unique
    assert len(set(map(tuple, brokerage.edges.tolist()))) == brokerage.m
    shared, walked = structure.structure_view_of(ctx), structure.structure_view(ctx.G)
    assert shared.nodes == walked.nodes and shared.edges.tolist() == walked.edges.tolist()
