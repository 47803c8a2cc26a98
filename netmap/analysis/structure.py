"""Structure: centrality, brokers between levels, communities and components.

Centrality and communities run on the undirected simple graph over every relation
(:func:`netmap.graph.simple_graph`); components on the connectivity view
(:func:`connectivity_graph`). Brokerage runs on its own view (:func:`brokerage_graph`):
learning and collaboration ties between actors only (``Settings.brokerage_tie_kinds``),
never home organisation, membership, seats, hosting, parent or funding links. Everything
here is linear or near-linear except betweenness, which above ``betweenness_exact_max_nodes``
nodes is estimated by KADABRA with a bound that holds for every node at once, with a stated
confidence (:func:`betweenness`, :func:`betweenness_for`). The views are compiled once per run
(:mod:`netmap.analysis.compiled`).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from operator import itemgetter

import networkx as nx
import numpy as np

from netmap.analysis import compiled
from netmap.analysis.common import ACTOR_KINDS, Context
from netmap.analysis.compiled import Compiled, as_compiled
from netmap.graph import REPRESENTATION, TIE

#: Gould and Fernandez's five roles, in their order.
ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")
#: The roles :func:`level_brokers` adds up: each open triad in which the broker is no coordinator, once.
BETWEEN_LEVELS = ("itinerant", "representative", "liaison")


def betweenness(H: nx.Graph | Compiled, exact_max_nodes: int = 3000, epsilon: float = 0.01,
                delta: float = 0.05, seed: int = 42) -> tuple[dict[str, float], dict]:
    """Normalised betweenness (as networkx): exact up to ``exact_max_nodes`` nodes, else estimated.

    Exact values come from Brandes' algorithm in python-igraph. Above the limit, KADABRA
    (Borassi & Natale 2019, networkit) samples shortest paths between random pairs until, with
    probability at least ``1 - delta``, *every* node's value is within ``error`` of its exact
    value, simultaneously. ``epsilon`` is that bound on KADABRA's own scale (the share of ordered
    pairs, dependencies over n(n - 1)); on networkx's scale, the one returned, it is
    ``error = epsilon * n / (n - 2)``. (networkit reports twice KADABRA's value for an undirected
    graph; the values here are rescaled to networkx's.) The bound and
    its coverage are checked against exact values in ``tests/test_analysis_betweenness.py``;
    the top-20 agreement on the synthetic field is measured by ``bench/kernels.py``.

    Returns the values and a description: ``{'method': 'exact'}`` or ``{'method': 'sampled',
    'algorithm': 'kadabra', 'error', 'confidence', 'samples'}``.
    """
    C = as_compiled(H)
    n = C.n
    if not _sampled(n, exact_max_nodes):
        scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        return C.values(compiled.exact_betweenness(C) * scale), {"method": "exact"}
    scores, samples = compiled.kadabra_betweenness(C, epsilon, delta, seed)
    to_networkx = n / (n - 2)  # KADABRA's share of ordered pairs -> networkx's normalisation
    error = math.ceil(epsilon * to_networkx * 1e6) / 1e6  # rounded up: never promise more than holds
    return (C.values(scores / 2 * to_networkx),
            {"method": "sampled", "algorithm": "kadabra", "error": error,
             "confidence": round(1 - delta, 6), "samples": samples})


def betweenness_for(H: nx.Graph | Compiled, settings) -> tuple[dict[str, float], dict]:
    """:func:`betweenness` with the settings' size limit, error bound, confidence and seed (the one call)."""
    s = settings
    return betweenness(H, s.betweenness_exact_max_nodes, s.betweenness_epsilon, s.betweenness_delta, s.seed)


def sampled(n: int, settings) -> bool:
    """Whether :func:`betweenness_for` estimates (KADABRA, in networkit) rather than computes exactly, on n nodes.

    >>> from netmap.analysis import Settings
    >>> sampled(3000, Settings()), sampled(3001, Settings())
    (False, True)
    """
    return _sampled(n, settings.betweenness_exact_max_nodes)


def _sampled(n: int, exact_max_nodes: int) -> bool:
    return n > max(exact_max_nodes, 2)


def eigenvector(H: nx.Graph | Compiled) -> tuple[dict[str, float], bool]:
    """Eigenvector centrality: the leading eigenvector of the adjacency matrix (Euclidean norm 1,
    non-negative), without raising.

    The same vector networkx's power iteration on A + I tends to, here solved to machine
    precision: dense (LAPACK) up to 500 nodes, above by the sparse Lanczos solver (scipy's
    ``eigsh``, ARPACK). Returns the values and whether the solver converged (ARPACK may not, within
    its default of 10 n iterations; then its last vector is returned).

    ARPACK runs on one BLAS thread: besides its products with A (41 on the synthetic field at every
    scale), its work is dense vector algebra on the n x 20 Lanczos basis, which OpenBLAS splits over
    threads that spin on two shared cores. One thread gives the same vector (to 5e-16) in a third to
    a half of the CPU time, and the same vector whatever the machine's core count (``bench/README.md``,
    "Kernel growth, looked into").
    """
    C = as_compiled(H)
    n = C.n
    if n == 0:
        return {}, True
    if C.m == 0:  # no edges: every node alike
        return C.values(np.full(n, 1 / math.sqrt(n))), True
    converged = True
    if n <= 500:
        _, vectors = np.linalg.eigh(C.adjacency.toarray())
        x = vectors[:, -1]
    else:
        from scipy.sparse.linalg import ArpackNoConvergence, eigsh
        from threadpoolctl import threadpool_limits

        try:
            with threadpool_limits(1, user_api="blas"):
                _, vectors = eigsh(C.adjacency, k=1, which="LA", v0=np.ones(n), tol=0)
            x = vectors[:, 0]
        except ArpackNoConvergence as err:
            converged = False
            x = err.eigenvectors[:, 0] if err.eigenvectors.size else np.ones(n)
    x = np.abs(x)
    x[x < 1e-15] = 0.0  # off the leading component: zero up to rounding
    return C.values(x / (np.linalg.norm(x) or 1.0)), converged


def brokerage_graph(ctx: Context) -> nx.Graph:
    """The view brokerage runs on: undirected ties of ``settings.brokerage_tie_kinds`` between two
    organisations or people (as of the analysis date), parallel ties merged."""
    kinds, G = set(ctx.settings.brokerage_tie_kinds), ctx.G
    actors = {n for n, k in G.nodes(data="kind") if k in ACTOR_KINDS}
    H = nx.Graph()
    H.add_nodes_from(actors)
    H.add_edges_from((u, v) for u, v, d in ctx.edges(TIE)
                     if d["kind"] in kinds and u != v and u in actors and v in actors)
    return H


def brokerage_view(ctx: Context) -> Compiled:
    """:func:`brokerage_graph` in compiled form, built straight from the ties (no networkx copy)."""
    kinds = set(ctx.settings.brokerage_tie_kinds)
    nodes, ends = numbered_ends(ctx)
    is_actor = np.fromiter((k in ACTOR_KINDS for _, k in ctx.G.nodes(data="kind")), dtype=bool, count=len(nodes))
    place = np.full(len(nodes), -1, dtype=np.int64)  # node number -> actor number, -1: not an actor
    place[is_actor] = np.arange(int(is_actor.sum()))
    us, vs = ends.get(TIE, _NO_ENDS)
    keep = _kind_mask(ctx.edges(TIE), kinds)
    us, vs = place[us[keep]], place[vs[keep]]
    actor_ends = (us >= 0) & (vs >= 0)  # (self-loops are dropped by from_ends)
    return Compiled.from_ends([v for v, a in zip(nodes, is_actor.tolist()) if a], us[actor_ends], vs[actor_ends])


def brokerage(H: nx.Graph | Compiled, groups: dict[str, tuple[str, ...]]) -> dict[str, dict[str, int]]:
    """Gould-Fernandez brokerage roles with levels as groups, per node of ``H`` with known levels.

    ``groups``: each node's levels (the one grouping rule: two nodes are in one group when they
    share a level). Every *open triad* u-v-w (u and w both tied to v, not to each other, all
    three with known levels) is one brokerage by v; its role (:func:`triad_roles`):

    - u and w share a level: *coordinator* when v shares a level with both that they share
      too, else *itinerant* (consultant);
    - u and w share no level: *liaison* when v shares a level with neither, else v is in the
      group of an end and passes between the two: *representative* and *gatekeeper* (the same
      triad read in its two directions, see below).

    Direction rule: learning and collaboration ties are mutual (the order of source and target
    in the data carries no meaning for them), so each triad is read both ways; a representative
    from u's side is a gatekeeper from w's. Both counts are therefore equal, and brokerage
    between levels (:func:`level_brokers`) counts each triad once.

    Cost: per node, neighbours are counted by level set (K distinct sets, at most 15 levels
    combinations) and every pair of sets is counted at once with the role table of the node's own
    set, O(K² n) in numpy; closed pairs are then removed by listing triangles once (igraph). Never
    degree² per node.
    """
    C = as_compiled(H)
    codes, sets = _level_codes(C.nodes, groups)
    K, n = len(sets), C.n
    counts = np.zeros((n, len(ROLES)), dtype=np.int64)
    if K:
        table = role_table(sets)
        u, v = C.edges[:, 0], C.edges[:, 1]
        flat = np.zeros(n * K, dtype=np.int64)  # neighbours of each node by level set
        for x, y in ((u, v), (v, u)):
            known = codes[y] >= 0
            flat += np.bincount(x[known] * K + codes[y][known], minlength=n * K)
        near = flat.reshape(n, K)
        pairs_same = near * (near - 1) // 2
        upper = np.triu(np.ones((K, K), dtype=np.int64), k=1)
        for g in range(K):
            rows = np.flatnonzero(codes == g)
            M = near[rows]
            for r in range(len(ROLES)):
                role = table[g, :, :, r]
                counts[rows, r] = ((M @ (role * upper)) * M).sum(axis=1) + pairs_same[rows] @ np.diagonal(role)
        if C.m:
            triangles = np.asarray(C.igraph.list_triangles(), dtype=np.int64).reshape(-1, 3)
            for mid, a, b in ((0, 1, 2), (1, 0, 2), (2, 0, 1)):
                t = triangles[:, [mid, a, b]]
                t = t[(codes[t] >= 0).all(axis=1)]
                np.subtract.at(counts, t[:, 0], table[codes[t[:, 0]], codes[t[:, 1]], codes[t[:, 2]]])
    values = counts.tolist()
    return {v: dict(zip(ROLES, values[i])) for i, v in enumerate(C.nodes) if codes[i] >= 0}


def _level_codes(nodes: list, groups: dict[str, tuple[str, ...]]) -> tuple[np.ndarray, list[frozenset]]:
    """Each node's level set as a number (-1 without levels) and the sets in the order numbered."""
    number: dict[frozenset, int] = {}
    codes = np.fromiter((number.setdefault(frozenset(g), len(number)) if g else -1
                         for g in map(groups.get, nodes)), dtype=np.int64, count=len(nodes))
    return codes, list(number)


def role_table(sets: Sequence[frozenset]) -> np.ndarray:
    """The role(s) of a broker by level set, ``K x K x K x 5``: ``table[g, a, b, r]`` is 1 when a node at
    ``sets[g]`` between ends at ``sets[a]`` and ``sets[b]`` plays ``ROLES[r]`` (:func:`triad_roles`), else 0.

    The one table both engines count with: :func:`brokerage` here, and ``netmap.neo4j.brokerage``, which
    sends it to the database with the level sets numbered there.

    >>> I, II = frozenset({"I"}), frozenset({"II"})
    >>> role_table([I, II])[1, 0, 0].tolist(), role_table([I, II])[0, 0, 1].tolist()
    ([0, 0, 0, 1, 0], [0, 1, 1, 0, 0])
    """
    return np.array([[[[role in triad_roles(g, a, b) for role in ROLES] for b in sets] for a in sets]
                     for g in sets], dtype=np.int64).reshape(len(sets), len(sets), len(sets), len(ROLES))


@lru_cache(maxsize=4096)
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


def level_brokers(brokers: dict[str, dict[str, int]]) -> dict[str, int]:
    """Brokerage between levels per node: open triads in which v is not a coordinator, each once
    (itinerant + representative + liaison; gatekeeper is the representative triad read the other way)."""
    return {v: sum(r[role] for role in BETWEEN_LEVELS) for v, r in brokers.items()}


def communities(H: nx.Graph | Compiled, seed: int = 42) -> tuple[list[set[str]], str]:
    """Communities (largest first, ties by smallest id): Leiden (Traag, Waltman & van Eck 2019)
    maximising modularity until stable, in python-igraph, seeded. Returns the communities and the
    method. Unlike Louvain, every Leiden community is connected.

    The one definition: the analyses and the maps' clusters both call it, with the settings' ``seed``.
    """
    C = as_compiled(H)
    if C.n == 0:
        return [], "leiden"
    found: dict[int, set] = {}
    for v, c in zip(C.nodes, compiled.leiden(C, seed)):
        found.setdefault(c, set()).add(v)
    return sorted(found.values(), key=lambda c: (-len(c), min(map(str, c)))), "leiden"


def connectivity_graph(ctx: Context) -> nx.Graph:
    """The *connectivity view*: an undirected simple graph over every node, with an edge for each
    relation in ``settings.connectivity_relations`` (ties only of ``connectivity_tie_kinds``).

    ``seat`` joins a seat holder and the body, ``representation`` the seat holder and the
    constituency. Funding and other tie kinds, hosting, parent and home links do not
    connect unless configured. Cuts, isolation and components use this view.
    """
    H = nx.Graph()
    H.add_nodes_from(ctx.G.nodes)
    H.add_edges_from(connectivity_pairs(ctx))
    H.remove_edges_from(nx.selfloop_edges(H))
    return H


def connectivity_view(ctx: Context) -> Compiled:
    """:func:`connectivity_graph` in compiled form, built straight from the edges (no networkx copy): from
    each relation's numbered ends (:func:`numbered_ends`), the ties of other kinds left out by one mask."""
    view = set(ctx.settings.connectivity_relations)
    nodes, ends = numbered_ends(ctx)
    us: list[np.ndarray] = []
    vs: list[np.ndarray] = []
    for rel, edges in ctx.by_rel.items():
        if rel == REPRESENTATION:  # (few: the seats) the seat holder and the constituency, and the body
            pairs = list(connectivity_pairs(ctx, only=REPRESENTATION))
            number = ctx_index(ctx).__getitem__
            us.append(np.fromiter(map(number, map(itemgetter(0), pairs)), dtype=np.int64, count=len(pairs)))
            vs.append(np.fromiter(map(number, map(itemgetter(1), pairs)), dtype=np.int64, count=len(pairs)))
        elif rel in view:
            u, v = ends[rel]
            if rel == TIE:
                keep = _kind_mask(edges, set(ctx.settings.connectivity_tie_kinds))
                u, v = u[keep], v[keep]
            us.append(u)
            vs.append(v)
    return Compiled.from_ends(nodes, *((np.concatenate(x) if x else np.zeros(0, dtype=np.int64)) for x in (us, vs)))


_NO_ENDS = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))


def _kind_mask(edges: list[tuple[str, str, dict]], kinds: set[str]) -> np.ndarray:
    """Which of ``edges`` (ties) have a kind among ``kinds``."""
    return np.fromiter(map(kinds.__contains__, map(_kind, edges)), dtype=bool, count=len(edges))


def _kind(edge: tuple[str, str, dict]):
    return edge[2].get("kind")


def ctx_index(ctx: Context) -> dict[str, int]:
    """Node id -> its number in ``ctx.G``'s node order (kept in the context: the views share it)."""
    index = ctx.memo.get("structure.index")
    if index is None:
        index = ctx.memo["structure.index"] = {v: i for i, v in enumerate(ctx.G.nodes)}
    return index  # type: ignore[return-value]


def numbered_ends(ctx: Context) -> tuple[list[str], dict[str, tuple[np.ndarray, np.ndarray]]]:
    """``ctx.G``'s nodes in order, and per relation the numbers of its edges' ends (in :attr:`Context.by_rel`'s
    order): every edge numbered once per run, at C speed, for all the compiled views."""
    found = ctx.memo.get("structure.ends")
    if found is None:
        index = ctx_index(ctx)
        number = index.__getitem__
        ends = {rel: tuple(np.fromiter(map(number, map(itemgetter(end), edges)), dtype=np.int64, count=len(edges))
                           for end in (0, 1)) for rel, edges in ctx.by_rel.items()}
        found = ctx.memo["structure.ends"] = (list(index), ends)
    return found  # type: ignore[return-value]


def connectivity_pairs(ctx: Context, only: str | None = None):
    """The node pairs joined in the connectivity view (self-loops and repeats included); ``only``: those of
    one relation."""
    view = set(ctx.settings.connectivity_relations)
    tie_kinds = set(ctx.settings.connectivity_tie_kinds)
    seat, representation = "seat" in view, "representation" in view
    G = ctx.G
    for rel, edges in ctx.by_rel.items():  # (grouped by relation: the same pairs, the order does not matter)
        if only is not None and rel != only:
            continue
        if rel == REPRESENTATION:
            for u, v, d in edges:
                if representation:
                    yield u, v
                if seat and d.get("body_id") in G:
                    yield u, d["body_id"]
        elif rel == TIE:
            if rel in view:
                yield from ((u, v) for u, v, d in edges if d.get("kind") in tie_kinds)
        elif rel in view:
            yield from ((u, v) for u, v, _ in edges)


def structure_view_of(ctx: Context) -> Compiled:
    """:func:`structure_view` of ``ctx.G`` from the numbered ends the other views share (:func:`numbered_ends`)."""
    nodes, ends = numbered_ends(ctx)
    if not ends:
        return Compiled.from_ends(nodes, *_NO_ENDS)
    return Compiled.from_ends(nodes, np.concatenate([u for u, _ in ends.values()]),
                              np.concatenate([v for _, v in ends.values()]))


def structure_view(G: nx.MultiDiGraph, by_rel: dict[str, list[tuple]] | None = None) -> Compiled:
    """:func:`netmap.graph.simple_graph` in compiled form (every relation, undirected, merged).

    ``by_rel``: G's edges grouped by relation (:attr:`Context.by_rel`, the same edges): read from those lists
    at C speed instead of walking G's adjacency, which for a graph as of a date is a filtered view (a Python
    test per edge)."""
    nodes = list(G.nodes)
    number = {v: i for i, v in enumerate(nodes)}.__getitem__
    if by_rel is not None:
        edges = list(chain.from_iterable(by_rel.values()))
        us = np.fromiter(map(number, map(itemgetter(0), edges)), dtype=np.int64, count=len(edges))
        vs = np.fromiter(map(number, map(itemgetter(1), edges)), dtype=np.int64, count=len(edges))
        return Compiled.from_ends(nodes, us, vs)
    return Compiled.from_pairs(nodes, ((u, v) for u, nbrs in G.adj.items() for v in nbrs))


def components(H: nx.Graph | Compiled) -> list[set[str]]:
    """Connected components, largest first (equal sizes in the order of their first node)."""
    C = as_compiled(H)
    if C.n == 0:
        return []
    membership = compiled.component_membership(C)
    # the nodes grouped by component in numpy (igraph numbers the components in order of their first node, and
    # a stable sort keeps that order among equal sizes): a Python loop per node was twice igraph's own time
    sizes = np.bincount(membership)
    parts = np.split(np.argsort(membership, kind="stable"), np.cumsum(sizes)[:-1])
    nodes = C.nodes
    return [set(map(nodes.__getitem__, parts[c].tolist())) for c in np.argsort(-sizes, kind="stable").tolist()]


def main_component(comps: list[set[str]], anchor_ids: set[str]) -> int:
    """Index of the *core*: the component holding most of KBL's bodies (the anchors), else the largest."""
    if not comps:
        return 0
    return max(range(len(comps)), key=lambda i: (len(anchor_ids & comps[i]), len(comps[i]), -i))


def level_groups(ctx: Context) -> dict[str, tuple[str, ...]]:
    """The groups of every node for brokerage: its levels (the one grouping rule, :mod:`netmap.analysis.levels`)."""
    return dict(ctx.levels)
