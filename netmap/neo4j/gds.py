"""Structure measures inside Neo4j with the Graph Data Science library (GDS, e.g. OpenGDS 2.13 on 5.26).

The structure view (:func:`netmap.graph.simple_graph` of the map on the analysis date) is projected
into GDS's catalog once per analysis (``project_structure_graph.cypher``), the algorithms stream only
their results (one number per actor that has one, one id list per community), and the projection is
dropped again. What comes back:

- ``degree``: distinct neighbours, exact (equal to the embedded engine's);
- ``betweenness``: exact up to ``Settings.betweenness_exact_max_nodes`` actors, as the embedded engine,
  scaled to networkx's normalised values (:func:`_betweenness_scale`); above that size it is left to the
  embedded engine's KADABRA estimate with its stated bound (see :func:`_betweenness` for why);
- ``eigenvector``: GDS's power iteration on a rescaled copy of the view (:func:`_eigenvector`), L2-normalised,
  when it converged: equal to the embedded engine's exact solver (1e-8 on the synthetic field at scale 1, tested to
  1e-6 on KBL). It is left to the embedded engine when GDS says it did not converge;
- ``communities``: GDS's Louvain at concurrency 1 on a projection made in load order, so the same map
  gives the same communities in every database; a different optimiser than the embedded engine's Leiden,
  so the partition is comparable in size and modularity, not node for node.

With ``top_n`` (as ``analyse --neo4j`` asks) only the highest values and the communities' sizes come back.

:func:`gds_version` says whether GDS is there; without it :mod:`netmap.neo4j.analyse` falls back.
"""
from __future__ import annotations

import uuid
from typing import Any

from netmap.neo4j.queries import run_query

#: GDS's power iteration stops here at the latest (the embedded engine solves to convergence, unbounded)
GDS_EIGENVECTOR_MAX_ITER = 1000
#: GDS stops when no value (of the rescaled vector) moved more than this in an iteration: 1e-9 leaves the values
#: 2e-8 from the exact ones on the synthetic field (1e-7: 2e-6), the report prints 4 decimals
GDS_EIGENVECTOR_TOLERANCE = 1e-9
#: the rescaled view's largest eigenvalue is at most 1 / this (``project_eigenvector_graph.cypher``): below 1, so
#: the iteration neither grows nor swings on a bipartite view (an upper bound that is exact, as on a star, gives 1)
GDS_EIGENVECTOR_MARGIN = 1.1


def gds_version(driver, *, database: str | None = None) -> str | None:
    """The GDS version the server offers, or None when the procedures are not installed or not allowed."""
    try:
        rows = run_query(driver, "get_gds_version", database=database)
    except Exception:  # unknown function, not allowed, or a server that refuses: GDS is not usable here
        return None
    return str(rows[0]["version"]) if rows else None


def _betweenness_scale(n: int) -> float:
    """GDS's undirected raw score counts each unordered (s, t) pair once; networkx's normalised
    undirected value divides that count by (n - 1)(n - 2) / 2 (checked on KBL against networkx)."""
    return 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0


def _betweenness(driver, name: str, n: int, s, options: dict,
                 top_n: int | None = None) -> tuple[dict[str, float], dict[str, Any]] | None:
    """Exact betweenness up to ``s.betweenness_exact_max_nodes`` actors (as the embedded engine), else None;
    with ``top_n`` only the ``top_n`` highest.

    Above that size the embedded engine estimates with KADABRA and its stated (epsilon, delta) bound
    (:func:`netmap.analysis.structure.betweenness`). GDS's ``samplingSize`` reports no error, and its
    sources are not a fair sample: GDS 2.13.9 walks the nodes in id order keeping each with probability
    degree / max degree, and fills up from the first ids when that pass yields fewer than asked (at scale 1
    it yields ~194, so larger samples are mostly the first-loaded actors). Its estimate over- and
    under-shoots the exact values on KBL by up to 2x at 96 of 121 sources, and at scale 1 no sample size
    reaches KADABRA's top-20 agreement or error (bench/README.md, "GDS sampled betweenness beside
    KADABRA"), so it is not used: the embedded estimate stays.
    """
    if n > s.betweenness_exact_max_nodes:
        return None
    if top_n is None:
        rows = run_query(driver, "stream_betweenness", {"name": name, "k": None, "seed": s.seed}, **options)
    else:
        rows = run_query(driver, "stream_betweenness_top", {"name": name, "n": top_n}, **options)
    scale = _betweenness_scale(n)
    return {r["id"]: float(r["value"]) * scale for r in rows}, {"method": "exact"}


def _eigenvector(driver, name: str, eigen: str, options: dict, top_n: int | None = None) -> dict[str, float]:
    """Eigenvector centrality of the structure view ``name`` by GDS, computed on the rescaled copy ``eigen``
    (:data:`GDS_EIGENVECTOR_MARGIN`), or ``{}`` when GDS says it did not converge; with ``top_n`` the highest only.

    Why not ``gds.eigenvector`` on the view itself: GDS 2.13's ``EigenvectorComputation.compute`` (unchanged on
    its main line) adds the messages to the node's normalised rank and sends that sum on, and ``masterCompute``
    normalises only the rank it keeps (``L2Norm``), never what is sent: the messages grow by the largest eigenvalue
    each iteration, from 1/n on. On the synthetic field (largest eigenvalue 53 at scale 1, 23 at 0.1) the sum of
    squares ``L2Norm`` takes overflows to infinity at iteration 92 (116 at scale 0.1), every value divided by it is
    0, and the next iteration, 0 again, counts as converged. No option avoids it (``scaler`` scales after the
    iteration, ``sourceNodes`` only the start, the largest component alone collapses alike); stopped before it, the
    iteration is still 0.05 off at scale 1, since the view is nearly bipartite (smallest eigenvalue -52). On a
    bipartite view (only memberships) it swings until the same happens (a star of three: 646 iterations).

    The rescaled copy (``project_eigenvector_graph.cypher``) uses what GDS does with a weight (it divides it by
    its source's weight sum, ``DegreeFunctions.eigenvectorDegreeFunction``): GDS then iterates on S A S^-1 / c
    with S = diag(sqrt(degree)) and c just above an upper bound of the largest eigenvalue, a matrix with the same
    eigenvector times sqrt(degree) and its largest eigenvalue below 1. The sums stay bounded, and the normalised
    rank GDS adds every step shifts the iteration off a bipartite swing; ``stream_eigenvector.cypher`` scales the
    result back. Measured: equal to the exact solver to 2e-8 at scales 0.1, 0.5, 1 and 2 (126 iterations at scale 1).
    """
    rescaled = run_query(driver, "project_eigenvector_graph",
                         {"name": name, "eigen": eigen, "margin": GDS_EIGENVECTOR_MARGIN}, **options)[0]
    params = {"name": name, "eigen": eigen, "sink": rescaled["sink"], "max_iter": GDS_EIGENVECTOR_MAX_ITER,
              "tol": GDS_EIGENVECTOR_TOLERANCE, "n": top_n}
    return {r["id"]: float(r["value"]) for r in run_query(driver, "stream_eigenvector", params, **options)}


def structure_facts(driver, settings, as_of: str, *, database: str | None = None,
                    timeout: float | None = None, lang: str = "nl", top_n: int | None = None) -> dict[str, Any]:
    """Degree, betweenness, eigenvector centrality and communities computed by GDS (keys as the
    embedded engine's facts), plus ``gds`` (the counts of the projection).

    ``top_n``: bring over only what the analysis shows (:func:`netmap.analysis.compute_facts`'s
    ``structure_top``): the ``top_n`` highest degree, betweenness and eigenvector values (ties by id,
    as the embedded engine ranks them) and the communities' sizes instead of their members.
    """
    name = f"netmap-{uuid.uuid4().hex[:12]}"
    options = {"database": database, "timeout": timeout, "lang": lang}
    projected = run_query(driver, "project_structure_graph", {"name": name, "as_of": as_of}, **options)[0]
    try:
        n = int(projected["nodes"])
        eigen = _eigenvector(driver, name, f"{name}-eigenvector", options, top_n) if n else {}
        exact = _betweenness(driver, name, n, settings, options, top_n)
        if top_n is None:
            degree = {r["id"]: int(r["value"]) for r in run_query(driver, "stream_degree", {"name": name}, **options)}
            groups: list[Any] = sorted((set(r["members"]) for r in run_query(driver, "stream_communities",
                                                                             {"name": name}, **options)),
                                       key=lambda c: (-len(c), min(map(str, c))))
        else:
            degree = {r["id"]: int(r["value"])
                      for r in run_query(driver, "stream_degree_top", {"name": name, "n": top_n}, **options)}
            groups = [int(r["size"]) for r in run_query(driver, "count_communities", {"name": name}, **options)]
    finally:
        run_query(driver, "drop_projection", {"name": f"{name}-eigenvector"}, **options)
        run_query(driver, "drop_projection", {"name": name}, **options)
    facts: dict[str, Any] = {"betweenness": exact[0], "betweenness_method": exact[1]} if exact else {}
    relationships = int(projected["relationships"])
    if eigen or not relationships:
        facts |= {"eigenvector": eigen, "eigenvector_converged": True}
    # else GDS did not converge: left to the embedded engine (the module's docstring)
    return facts | {"degree": degree, "communities": groups, "community_method": "louvain",
            "gds": {"nodes": n, "relationships": relationships, **({} if eigen or not relationships else
                                                                   {"eigenvector_left_to_networkx": True})}}
