"""Structure measures inside Neo4j with the Graph Data Science library (GDS, e.g. OpenGDS 2.13 on 5.26).

The structure view (:func:`netmap.graph.simple_graph` of the map on the analysis date) is projected
into GDS's catalog once per analysis (``project_structure_graph.cypher``), the algorithms stream only
their results (one number per actor that has one, one id list per community), and the projection is
dropped again. What comes back:

- ``degree``: distinct neighbours, exact (equal to the embedded engine's);
- ``betweenness``: exact up to ``Settings.betweenness_exact_max_nodes`` actors, as the embedded engine,
  scaled to networkx's normalised values (:func:`_betweenness_scale`); above that size it is left to the
  embedded engine's KADABRA estimate with its stated bound (see :func:`_betweenness` for why);
- ``eigenvector``: GDS's power iteration, L2-normalised, when it converged; it iterates on A where the
  embedded engine solves exactly, so the values differ slightly (1e-6 on KBL) and the ranking agrees (see
  tests). It is left to the embedded engine when GDS says it did not converge (on a bipartite view, only
  memberships say, the iteration on A swings between two vectors: on a star of three it stopped at 0.7033 for
  the centre, not 0.7071) and when it gives every actor 0 (GDS 2.13.9 does on the synthetic field from scale
  0.1 on: its values are close after 91 iterations, all 0 once it stops "converged" at 92);
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
    (:func:`netmap.analysis.structure.betweenness`). GDS's ``samplingSize`` picks its sources
    with a probability by degree and reports no error; its estimate over- and under-shoots the exact
    values on KBL by up to 2x at 96 of 121 sources, so it is not used: the embedded estimate stays.
    """
    if n > s.betweenness_exact_max_nodes:
        return None
    if top_n is None:
        rows = run_query(driver, "stream_betweenness", {"name": name, "k": None, "seed": s.seed}, **options)
    else:
        rows = run_query(driver, "stream_betweenness_top", {"name": name, "n": top_n}, **options)
    scale = _betweenness_scale(n)
    return {r["id"]: float(r["value"]) * scale for r in rows}, {"method": "exact"}


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
    eigen_params = {"name": name, "max_iter": GDS_EIGENVECTOR_MAX_ITER, "tol": 1e-6, "n": top_n}
    try:
        n = int(projected["nodes"])
        eigen = {r["id"]: float(r["value"]) for r in run_query(driver, "stream_eigenvector", eigen_params,
                                                               **options)}
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
        run_query(driver, "drop_projection", {"name": name}, **options)
    facts: dict[str, Any] = {"betweenness": exact[0], "betweenness_method": exact[1]} if exact else {}
    relationships = int(projected["relationships"])
    if eigen or not relationships:
        facts |= {"eigenvector": eigen, "eigenvector_converged": True}
    # else GDS did not converge, or gave every actor 0: left to the embedded engine (the module's docstring)
    return facts | {"degree": degree, "communities": groups, "community_method": "louvain",
            "gds": {"nodes": n, "relationships": relationships, **({} if eigen or not relationships else
                                                                   {"eigenvector_left_to_networkx": True})}}
