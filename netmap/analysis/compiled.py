"""A view of the graph in compiled form: the one place that imports python-igraph and networkit.

networkx stays netmap's graph model and API; the heavy kernels (betweenness, eigenvector,
communities, components, biconnected blocks) run on compiled libraries over a
:class:`Compiled` view, built once per view and analysis run from one integer edge array.

Why these libraries (measured on the synthetic field at scale 1, 94,668 nodes, on two shared
cores; ``bench/README.md``, "Structure on compiled kernels"):

- **python-igraph** (a dependency already): exact Brandes betweenness, Leiden communities
  (seeded through its random-number-generator hook, so deterministic), connected and
  biconnected components with articulation points. Its C core beats networkx by 10-50x
  and it installs as a wheel with no other dependency.
- **networkit**: the KADABRA betweenness estimator (Borassi & Natale 2019), which samples
  shortest paths between random pairs until every node's value is within ``epsilon`` of the
  exact one with probability ``1 - delta``. igraph has no estimator with such a guarantee;
  sampled sources in igraph needed 4,096 Brandes passes (167 s of CPU) for a weaker,
  per-node statement at scale 1, KADABRA meets the accuracy target in a few seconds.
- **scipy** (a dependency already): the sparse symmetric eigen-solver (ARPACK's Lanczos,
  ``eigsh``) for eigenvector centrality, run to convergence at machine precision.

rustworkx was not needed: it offers neither an estimator with a guarantee nor Leiden.
"""
from __future__ import annotations

import random
from collections.abc import Iterable
from functools import cached_property
from itertools import chain
from typing import Any

import networkx as nx
import numpy as np


class Compiled:
    """An undirected simple graph as arrays: ``nodes`` (ids in order), ``edges`` (m x 2, u < v, unique).

    The libraries' own graphs (:attr:`igraph`, :attr:`networkit`, :attr:`adjacency`) are built from
    the same arrays on first use and kept, so one view is converted once however many kernels run on it.
    """

    def __init__(self, nodes: list[Any], edges: np.ndarray):
        self.nodes = nodes
        self.edges = edges

    @classmethod
    def from_pairs(cls, nodes: Iterable[Any], pairs: Iterable[tuple[Any, Any]]) -> Compiled:
        """The simple graph over ``nodes`` with an edge per pair (both ends among the nodes); parallel
        pairs are merged and self-loops dropped."""
        nodes = list(nodes)
        index = {v: i for i, v in enumerate(nodes)}
        flat = np.fromiter(map(index.__getitem__, chain.from_iterable(pairs)), dtype=np.int64)
        ends = flat.reshape(-1, 2)
        return cls.from_ends(nodes, ends[:, 0], ends[:, 1])

    @classmethod
    def from_ends(cls, nodes: list[Any], u: np.ndarray, v: np.ndarray) -> Compiled:
        """The simple graph over ``nodes`` with an edge per pair of node numbers ``(u[i], v[i])``; parallel
        pairs are merged and self-loops dropped."""
        low, high = np.minimum(u, v), np.maximum(u, v)
        keep = low != high
        keys = sorted_unique(low[keep] * len(nodes) + high[keep])
        edges = np.column_stack((keys // max(len(nodes), 1), keys % max(len(nodes), 1))) if len(keys) else \
            np.zeros((0, 2), dtype=np.int64)
        return cls(nodes, edges)

    @classmethod
    def from_networkx(cls, H: nx.Graph) -> Compiled:
        return cls.from_pairs(H, H.edges())

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return len(self.edges)

    @cached_property
    def index(self) -> dict[Any, int]:
        return {v: i for i, v in enumerate(self.nodes)}

    @cached_property
    def degree(self) -> np.ndarray:
        """The number of distinct neighbours of each node."""
        return np.bincount(self.edges.ravel(), minlength=self.n)

    @cached_property
    def igraph(self) -> Any:
        import igraph

        return igraph.Graph(n=self.n, edges=self.edges.tolist())

    @cached_property
    def networkit(self) -> Any:
        import networkit

        if not self.m:
            return networkit.Graph(self.n)
        return networkit.graph.GraphFromCoo((self.edges[:, 0], self.edges[:, 1]), n=self.n)

    @cached_property
    def adjacency(self) -> Any:
        """The symmetric adjacency matrix (scipy CSR)."""
        from scipy.sparse import coo_array

        u, v = self.edges[:, 0], self.edges[:, 1]
        ones = np.ones(2 * self.m)
        return coo_array((ones, (np.concatenate((u, v)), np.concatenate((v, u)))), shape=(self.n, self.n)).tocsr()

    def values(self, array: Iterable[float]) -> dict[Any, float]:
        """Per-node values as a dict by id."""
        return dict(zip(self.nodes, (float(x) for x in array)))


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` for a 1-d array (the distinct values, ascending), by a sort and a mask: numpy 2's
    ``unique`` goes through a hash table first, several times slower on the few hundred thousand edge keys
    of a national graph.

    >>> sorted_unique(np.array([5, 1, 5, 3, 1])).tolist(), sorted_unique(np.array([], dtype=np.int64)).tolist()
    ([1, 3, 5], [])
    """
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def as_compiled(H: nx.Graph | Compiled) -> Compiled:
    return H if isinstance(H, Compiled) else Compiled.from_networkx(H)


# -- kernels ----------------------------------------------------------------------------------------
def exact_betweenness(C: Compiled) -> np.ndarray:
    """Brandes' betweenness in igraph, as unordered pairs (each pair counted once)."""
    return np.asarray(C.igraph.betweenness(directed=False), dtype=float)


def kadabra_betweenness(C: Compiled, epsilon: float, delta: float, seed: int) -> tuple[np.ndarray, int]:
    """networkit's KADABRA on one thread (so a seed gives the same estimate every run, on every machine).

    Two threads were measured (networkit 11.3, scale 1, 2026-12-02): the non-deterministic mode gives
    another estimate each run, and the documented deterministic mode (``deterministic=True`` with
    ``setSeed(seed, True)``) does not repeat either: 36,074 samples three runs of four, 26,546 in the
    fourth, with other values; and it seeds each epoch by thread number, so even a repeatable run
    would depend on the thread count. One thread is the only setting that repeats.

    Returns its scores and the number of shortest paths it sampled. Guarantee (Borassi & Natale
    2019): with probability at least ``1 - delta`` every estimate of the share of ordered pairs
    through a node is within ``epsilon`` of the exact share; for an undirected graph networkit
    reports twice that share (``computeApproxParallel``: ``approxSum *= 2``).
    """
    import networkit

    threads = networkit.getMaxNumberOfThreads()
    networkit.setNumberOfThreads(1)
    networkit.setSeed(seed, False)
    try:
        kadabra = networkit.centrality.KadabraBetweenness(C.networkit, epsilon, delta)
        kadabra.run()
        return np.asarray(kadabra.scores(), dtype=float), int(kadabra.getNumberOfIterations())
    finally:
        networkit.setNumberOfThreads(threads)


def leiden(C: Compiled, seed: int) -> list[int]:
    """Leiden communities maximising modularity (run until stable) in igraph, seeded: a membership list."""
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        return list(C.igraph.community_leiden(objective_function="modularity", n_iterations=-1).membership)
    finally:
        igraph.set_random_number_generator(random)


def component_membership(C: Compiled) -> np.ndarray:
    """Connected components in igraph: component number per node (numbered in order of first node)."""
    return np.asarray(C.igraph.connected_components().membership, dtype=np.int64)


def blocks(C: Compiled, vertices: list[int]) -> list[list[int]]:
    """The biconnected blocks (bridges are blocks of two) of the subgraph induced by ``vertices``,
    as lists of node numbers of ``C``."""
    sub = C.igraph.induced_subgraph(vertices, implementation="create_from_scratch")
    found = sub.biconnected_components()
    back = np.asarray(vertices)  # create_from_scratch keeps the vertices in sorted order
    return [back[np.asarray(b, dtype=np.int64)].tolist() for b in found]
