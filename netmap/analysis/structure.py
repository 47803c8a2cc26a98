"""Structure: centrality, brokers between levels, communities and components.

Centrality and communities run on the undirected simple graph over every relation
(:func:`netmap.graph.simple_graph`); components on the connectivity view
(:func:`connectivity_graph`). Brokerage runs on its own view (:func:`brokerage_graph`):
learning and collaboration ties between actors only (``Settings.brokerage_tie_kinds``),
never home organisation, membership, seats, hosting, parent or funding links. Everything
here is linear or near-linear except betweenness, which above ``betweenness_exact_max_nodes``
nodes is estimated from as many sampled sources as its target accuracy needs, with its
standard error per node (:func:`betweenness`, :func:`betweenness_for`).
"""
from __future__ import annotations

import math
import random
from collections import Counter

import networkx as nx

from netmap.analysis.common import ACTOR_KINDS, Context
from netmap.graph import REPRESENTATION, TIE

#: Gould and Fernandez's five roles, in their order.
ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")


def betweenness(H: nx.Graph, exact_max_nodes: int = 3000, k: int = 256, seed: int = 42,
                target: float = 0.2, max_k: int = 4096, top: int = 20) -> tuple[dict[str, float], dict]:
    """Normalised betweenness: exact up to ``exact_max_nodes`` nodes, else estimated from sampled sources.

    The estimate (Brandes & Pich 2007) sums the dependencies of ``k`` sources drawn without
    replacement and scales by ``n / k``; the shortest paths run in python-igraph's compiled
    kernel. The sample grows (k, 2k, 4k, ... up to ``max_k``, or every node: then exact) until
    the estimated ``top`` nodes are known to within ``target``: the half-width of their 95 %
    interval (two standard errors) at most ``target`` times their value. The standard error
    comes from batch means (32 batches of sources, with the finite-population correction),
    so it needs no assumption on how dependencies are distributed; its coverage is checked
    against exact values in ``tests/test_analysis_betweenness.py``.

    Returns the values and a description ``{'method', 'k', 'stderr', 'target', 'achieved'}``;
    ``stderr`` maps nodes to the standard error of their estimate (empty when exact) and
    ``achieved`` is the largest relative half-width among the top nodes.
    """
    n = H.number_of_nodes()
    if n <= exact_max_nodes or n <= k:
        return nx.betweenness_centrality(H), {"method": "exact", "k": n, "stderr": {}}
    import igraph  # a main dependency; imported here so that small maps never load it
    import numpy as np

    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    ig = igraph.Graph(n=n, edges=[(index[u], index[v]) for u, v in H.edges()])
    order = random.Random(seed).sample(range(n), min(n, max(max_k, k)))
    batch = max(1, k // 32)
    sums: list[np.ndarray] = []  # per batch: the sum of its sources' dependencies
    sizes: list[int] = []
    used, goal = 0, min(k, len(order))
    while True:
        while used < goal:
            chunk = order[used:used + batch]
            sums.append(2 * np.asarray(ig.betweenness(sources=chunk), dtype=float))  # igraph halves pairs
            used += len(chunk)
            sizes.append(len(chunk))
        total = np.sum(sums, axis=0)
        scale = n / ((n - 1) * (n - 2))  # networkx's scale for sampled, normalised, undirected values
        values = total * scale / used
        full = [s for s, size in zip(sums, sizes) if size == batch]
        per_source = np.var(full, axis=0, ddof=1) / batch if len(full) > 1 else np.zeros(n)
        stderr = scale * np.sqrt(per_source / used * max(n - used, 0) / (n - 1))
        best = np.argsort(-values, kind="stable")[:top]
        best = best[values[best] > 0]
        achieved = float(np.max(2 * stderr[best] / values[best])) if len(best) else 0.0
        if achieved <= target or used >= len(order):
            break
        goal = min(2 * used, len(order))
    if used >= n:
        return dict(zip(nodes, (float(x) for x in values))), {"method": "exact", "k": n, "stderr": {}}
    return (dict(zip(nodes, (float(x) for x in values))),
            {"method": "sampled", "k": used, "top": top, "target": target, "achieved": round(achieved, 4),
             "stderr": {v: float(e) for v, e in zip(nodes, stderr) if e}})


def betweenness_for(H: nx.Graph, settings) -> tuple[dict[str, float], dict]:
    """:func:`betweenness` with the settings' size limit, sample, target and seed (the one call)."""
    s = settings
    return betweenness(H, s.betweenness_exact_max_nodes, s.betweenness_k, s.seed, s.betweenness_target,
                       s.betweenness_max_k, s.betweenness_top)


def eigenvector(H: nx.Graph, max_iter: int = 100, tol: float = 1e-6,
                max_work: int = 5_000_000) -> tuple[dict[str, float], bool]:
    """Eigenvector centrality by power iteration on A + I (as networkx), without raising.

    At most ``max_work / (nodes + edges)`` iterations are run on large graphs. Returns
    the values (Euclidean norm 1) and whether they converged.
    """
    if H.number_of_nodes() == 0:
        return {}, True
    max_iter = max(1, min(max_iter, max_work // (H.number_of_nodes() + H.number_of_edges())))
    adj = H._adj
    x = dict.fromkeys(H, 1.0 / H.number_of_nodes())
    for _ in range(max_iter):
        new = {v: x[v] + sum(x[w] for w in adj[v]) for v in x}
        norm = math.sqrt(sum(val * val for val in new.values())) or 1.0
        new = {v: val / norm for v, val in new.items()}
        if sum(abs(new[v] - x[v]) for v in x) < H.number_of_nodes() * tol:
            return new, True
        x = new
    return x, False


def brokerage_graph(ctx: Context) -> nx.Graph:
    """The view brokerage runs on: undirected ties of ``settings.brokerage_tie_kinds`` between two
    organisations or people (as of the analysis date), parallel ties merged."""
    kinds, G = set(ctx.settings.brokerage_tie_kinds), ctx.G
    actors = {n for n, k in G.nodes(data="kind") if k in ACTOR_KINDS}
    H = nx.Graph()
    H.add_nodes_from(actors)
    H.add_edges_from((u, v) for u, v, d in G.edges(data=True)
                     if d["rel"] == TIE and d["kind"] in kinds and u != v and u in actors and v in actors)
    return H


def brokerage(H: nx.Graph, groups: dict[str, tuple[str, ...]]) -> dict[str, dict[str, int]]:
    """Gould-Fernandez brokerage roles with levels as groups, per node of ``H`` with known levels.

    ``groups``: each node's levels (the one grouping rule: two nodes are in one group when they
    share a level). Every *open triad* u-v-w (u and w both tied to v, not to each other, all
    three with known levels) is one brokerage by v; its role (:func:`triad_role`):

    - u and w share a level: *coordinator* when v shares a level with both that they share
      too, else *itinerant* (consultant);
    - u and w share no level: *liaison* when v shares a level with neither, else v is in the
      group of an end and passes between the two: *representative* and *gatekeeper* (the same
      triad read in its two directions, see below).

    Direction rule: learning and collaboration ties are mutual (the order of source and target
    in the data carries no meaning for them), so each triad is read both ways; a representative
    from u's side is a gatekeeper from w's. Both counts are therefore equal, and brokerage
    between levels (:func:`level_brokers`) counts each triad once.

    Cost: per node, neighbours are counted by level set (at most 15 sets) and every pair of
    sets is classified once, O(15² n); closed pairs are then removed by listing triangles once,
    O(m^1.5). Never degree² per node.
    """
    roles: dict[str, Counter] = {}
    for v in H:
        g = groups.get(v) or ()
        if not g:
            continue
        sizes = Counter(groups.get(u) or () for u in H._adj[v])
        sizes.pop((), None)
        roles[v] = _role_counts(frozenset(g), sizes)
    for u, v, w in _triangles(H):
        for mid, a, b in ((u, v, w), (v, u, w), (w, u, v)):
            g_a, g_b = groups.get(a) or (), groups.get(b) or ()
            if mid in roles and g_a and g_b:
                for role in triad_roles(frozenset(groups[mid]), frozenset(g_a), frozenset(g_b)):
                    roles[mid][role] -= 1
    return {v: dict(c) for v, c in roles.items()}


def triad_roles(v: frozenset, u: frozenset, w: frozenset) -> tuple[str, ...]:
    """The role(s) of a broker at levels ``v`` between ends at ``u`` and ``w`` (see :func:`brokerage`).

    >>> I, II, III = frozenset({"I"}), frozenset({"II"}), frozenset({"III"})
    >>> triad_roles(I, I, I), triad_roles(II, I, I)
    (('coordinator',), ('itinerant',))
    >>> triad_roles(I, I, II), triad_roles(III, I, II)
    (('representative', 'gatekeeper'), ('liaison',))
    """
    common = u & w
    if common:
        return ("coordinator",) if v & common else ("itinerant",)
    return ("representative", "gatekeeper") if v & u or v & w else ("liaison",)


def _role_counts(g: frozenset, sizes: Counter) -> Counter:
    """All neighbour pairs of a node at levels g by role, from the counts of its neighbours' level sets."""
    counts = Counter(dict.fromkeys(ROLES, 0))
    items = [(frozenset(a), c) for a, c in sizes.items()]
    for i, (a, ca) in enumerate(items):
        for role in triad_roles(g, a, a):
            counts[role] += ca * (ca - 1) // 2
        for b, cb in items[i + 1:]:
            for role in triad_roles(g, a, b):
                counts[role] += ca * cb
    return counts


def _triangles(H: nx.Graph):
    """Every triangle once, by orienting edges from lower to higher (degree, id) rank."""
    rank = {v: i for i, v in enumerate(sorted(H, key=lambda v: (H.degree(v), str(v))))}
    out = {v: {w for w in H._adj[v] if rank[w] > rank[v]} for v in H}
    for u in H:
        for v in out[u]:
            for w in out[u] & out[v]:
                yield u, v, w


def level_brokers(brokers: dict[str, dict[str, int]]) -> dict[str, int]:
    """Brokerage between levels per node: open triads in which v is not a coordinator, each once
    (itinerant + representative + liaison; gatekeeper is the representative triad read the other way)."""
    return {v: r["itinerant"] + r["representative"] + r["liaison"] for v, r in brokers.items()}


def communities(H: nx.Graph, louvain_max_nodes: int = 20000, seed: int = 42) -> tuple[list[set[str]], str]:
    """Communities (largest first, ties by smallest id): Louvain up to ``louvain_max_nodes`` nodes,
    else fast label propagation, both seeded. Returns the communities and the method used.

    The one definition: the analyses and the maps' clusters both call it, with the
    settings' ``louvain_max_nodes`` and ``seed``.
    """
    if H.number_of_nodes() == 0:
        return [], "louvain"
    if H.number_of_nodes() <= louvain_max_nodes:
        found, method = nx.community.louvain_communities(H, seed=seed), "louvain"
    else:
        found, method = nx.community.asyn_lpa_communities(H, seed=seed), "label_propagation"
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(map(str, c)))), method


def connectivity_graph(ctx: Context) -> nx.Graph:
    """The *connectivity view*: an undirected simple graph over every node, with an edge for each
    relation in ``settings.connectivity_relations`` (ties only of ``connectivity_tie_kinds``).

    ``seat`` joins a seat holder and the body, ``representation`` the seat holder and the
    constituency. Funding and other tie kinds, hosting, parent and home links do not
    connect unless configured. Cuts, isolation and components use this view.
    """
    view = set(ctx.settings.connectivity_relations)
    tie_kinds = set(ctx.settings.connectivity_tie_kinds)
    H = nx.Graph()
    H.add_nodes_from(ctx.G.nodes)
    for u, v, d in ctx.G.edges(data=True):
        rel = d["rel"]
        if rel == REPRESENTATION:
            if "representation" in view:
                H.add_edge(u, v)
            if "seat" in view and d.get("body_id") in H:
                H.add_edge(u, d["body_id"])
        elif rel in view and (rel != TIE or d.get("kind") in tie_kinds):
            H.add_edge(u, v)
    H.remove_edges_from(nx.selfloop_edges(H))
    return H


def components(H: nx.Graph) -> list[set[str]]:
    """Connected components, largest first."""
    return sorted(nx.connected_components(H), key=len, reverse=True)


def main_component(comps: list[set[str]], anchor_ids: set[str]) -> int:
    """Index of the *core*: the component holding most of KBL's bodies (the anchors), else the largest."""
    if not comps:
        return 0
    return max(range(len(comps)), key=lambda i: (len(anchor_ids & comps[i]), len(comps[i]), -i))


def level_groups(ctx: Context) -> dict[str, tuple[str, ...]]:
    """The groups of every node for brokerage: its levels (the one grouping rule, :mod:`netmap.analysis.levels`)."""
    return dict(ctx.levels)
