"""Brokerage roles counted inside Neo4j: the fact ``brokerage`` without the ties leaving the database.

One Cypher query (``count_brokerage_roles.cypher``) counts what :func:`netmap.analysis.structure.brokerage`
counts, on the same view (:func:`netmap.analysis.structure.brokerage_graph`: ties of
``Settings.brokerage_tie_kinds`` between two organisations or people, active on the analysis date, undirected,
parallel ties and self-loops merged away): per actor with levels its neighbours by level set, every pair of them
as an open triad, less the pairs tied to each other (the actor's triangles, found from each neighbour's ties),
each triad's role(s) read from :func:`netmap.analysis.structure.role_table`, the one table of roles, which
Python builds over every level set (15 for the four levels, numbered as bit masks: :func:`level_sets`) and
sends along. What comes back are results only: with ``top_n`` the roles of the ``top_n`` actors with the most
brokerage between levels (what ``structure_top`` lists: a few hundred bytes), else every actor's.

Why not GDS: ``gds.triangles`` (GDS 2.13.9) streams an incomplete list now and then (on the synthetic field at
scale 1, 4,271 to 5,200 of the 5,200 triangles ``gds.triangleCount`` finds, in 6 of 12 runs on one projection,
at concurrency 1 too), and its per-node count does not say which level sets the other two ends have. The
triangles are few (5,200 at scale 1) and Cypher finds them from each neighbour's ties in one pass.
"""
from __future__ import annotations

from typing import Any

from netmap.analysis import BETWEEN_LEVELS, BROKERAGE_ROLES, Settings, role_table
from netmap.model import LEVELS
from netmap.neo4j.queries import run_query


def level_sets(levels: tuple[str, ...] = LEVELS) -> list[frozenset[str]]:
    """The non-empty sets of ``levels`` in the order the database numbers them: set ``i`` is bit mask ``i + 1``
    (the first level 1, the second 2, ...; ``count_brokerage_roles.cypher``).

    >>> [sorted(s) for s in level_sets(("I", "II"))]
    [['I'], ['II'], ['I', 'II']]
    """
    return [frozenset(x for i, x in enumerate(levels) if mask >> i & 1) for mask in range(1, 2 ** len(levels))]


def brokerage_roles(driver, settings: Settings, *, top_n: int | None = None,
                    **options: Any) -> dict[str, dict[str, int]]:
    """The fact ``brokerage`` counted in the database: per actor with known levels its count per role (the embedded
    engine's :func:`netmap.analysis.structure.brokerage` on the same map and date).

    ``top_n``: only the ``top_n`` actors with the most brokerage between levels
    (:func:`netmap.analysis.structure.level_brokers`; ties by id) and none without any: what
    :func:`netmap.analysis.analyse` ranks for ``structure_top``, which it takes from this fact alone.
    """
    rows = run_query(driver, "count_brokerage_roles", {
        "as_of": settings.as_of_date(), "kinds": list(settings.brokerage_tie_kinds), "levels": list(LEVELS),
        "table": role_table(level_sets()).tolist(), "between": [BROKERAGE_ROLES.index(r) for r in BETWEEN_LEVELS],
        "n": top_n}, **options)
    return {r["id"]: dict(zip(BROKERAGE_ROLES, r["roles"])) for r in rows}
