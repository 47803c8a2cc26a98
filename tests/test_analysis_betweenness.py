"""Sampled betweenness keeps its promise: the stated 95 % interval covers the exact value, the top agrees."""
from __future__ import annotations

import networkx as nx
import pytest

from netmap.analysis import structure

pytest.importorskip("igraph")


def _graph(seed: int) -> nx.Graph:
    H = nx.barabasi_albert_graph(1500, 2, seed=seed)
    H.add_edges_from(nx.path_graph(range(1500, 1560)).edges())  # a long tail: dependencies far from normal
    H.add_edge(0, 1500)
    return nx.relabel_nodes(H, {v: f"n{v}" for v in H})


def _exact(H: nx.Graph) -> dict[str, float]:
    """Exact normalised betweenness by igraph's kernel (networkx's takes seconds per graph)."""
    import igraph

    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    raw = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()]).betweenness()
    n = len(nodes)
    return {v: 2 * x / ((n - 1) * (n - 2)) for v, x in zip(nodes, raw)}


def test_the_stated_interval_covers_the_exact_value_about_95_percent_of_the_time():
    """Two standard errors around the estimate hold the exact value for the top nodes (coverage >= 0.85)."""
    hits = total = 0
    for seed in range(6):
        H = _graph(seed)
        exact = _exact(H)
        top = sorted(exact, key=lambda v: -exact[v])[:20]
        values, how = structure.betweenness(H, exact_max_nodes=100, k=128, seed=seed, target=10.0)
        assert how["method"] == "sampled" and how["k"] == 128
        for v in top:
            total += 1
            hits += abs(values[v] - exact[v]) <= 2 * how["stderr"].get(v, 0.0)
    assert hits / total >= 0.85, f"coverage {hits}/{total}"


def test_the_sample_grows_until_the_target_is_met_and_the_top_twenty_agree():
    H = _graph(7)
    exact = _exact(H)
    values, how = structure.betweenness(H, exact_max_nodes=100, k=64, seed=1, target=0.3)
    assert how["method"] == "sampled" and how["k"] > 64 and how["achieved"] <= 0.3
    best = lambda d: set(sorted(d, key=lambda v: -d[v])[:20])  # noqa: E731
    assert len(best(values) & best(exact)) >= 18


def test_sampling_every_node_is_exact():
    H = _graph(2)
    values, how = structure.betweenness(H, exact_max_nodes=100, k=64, seed=1, target=0.0, max_k=10_000)
    exact = _exact(H)
    assert how["method"] == "exact" and how["stderr"] == {}
    assert max(abs(values[v] - exact[v]) for v in H) < 1e-9


def test_small_graphs_stay_exact_with_networkx():
    H = nx.relabel_nodes(nx.path_graph(5), str)
    values, how = structure.betweenness(H)
    assert how == {"method": "exact", "k": 5, "stderr": {}}
    assert values["2"] == pytest.approx(nx.betweenness_centrality(H)["2"])
