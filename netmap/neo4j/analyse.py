"""Analyses from the database: what Cypher expresses well runs as Cypher, the structure measures in
GDS when the server has it, the rest on the graph read back from Neo4j, through the analysis's one
public entry (:func:`netmap.analysis.analyse`).

With GDS (:mod:`netmap.neo4j.gds`): degree, betweenness, eigenvector centrality and communities are
computed in the database and only their results come back. Without it, they are computed in networkx
on the read-back graph, and the analysis says so (``summary['engine']['notice']``, printed by the CLI).

Computed in Cypher (``netmap/cypher/count_*.cypher`` and ``find_*.cypher``): the level matrices' ties
(by the ends' level sets, as of the analysis date), composition counts per requirement (missing perspectives,
shortfalls and seats), the pairs of networks sharing organisations and unrepresented constituencies. They
are handed to ``analyse(..., facts=...)``, which computes everything else (channels through shared
networks, the significance of each overlap, structure and connectivity, suggestions) in networkx on
:func:`netmap.neo4j.read.read_graph` and skips what it was given.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from netmap.analysis import (
    Analysis,
    Settings,
    analyse,
    composition_facts,
    composition_rules,
    is_constituency_type,
    matrix_from_level_sets,
    overlap_fact,
    seat_bodies,
    sort_overlaps,
)
from netmap.graph import inactive_edges
from netmap.i18n import check_language, t
from netmap.neo4j.gds import gds_version, structure_facts
from netmap.neo4j.queries import run_query
from netmap.neo4j.read import read_graph

CYPHER_FACTS = ("level_matrix", "network_level_matrix", "composition", "overlaps", "unrepresented")
#: The Cypher facts that apply the analysis date themselves; the others are computed on the read-back
#: graph (which the analysis takes as of the date) when the map holds a record that does not count then.
DATED_CYPHER_FACTS = ("level_matrix", "network_level_matrix")


def level_matrices(driver, settings: Settings, **options: Any) -> dict[str, dict[str, dict[str, int]]]:
    """The 4x4 matrices of ties between actors (``level_matrix``) and with a network at an end
    (``network_level_matrix``), active on the analysis date: counted in Cypher by the ends' level sets,
    each tie then put in its one cell (:func:`netmap.analysis.matrix_from_level_sets`)."""
    rows = run_query(driver, "count_level_pairs", {"kinds": list(settings.tie_kinds),
                                                   "as_of": settings.as_of_date()}, **options)
    return {key: matrix_from_level_sets((row["levels_a"], row["levels_b"], row["ties"])
                                        for row in rows if row["with_network"] == with_network)
            for key, with_network in (("level_matrix", False), ("network_level_matrix", True))}


def composition_checks(driver, G: nx.MultiDiGraph, settings: Settings, **options: Any) -> list[dict]:
    """Unmet requirements per network or body, with the counts from Cypher (as the embedded engine's facts)."""
    rules = composition_rules(G, settings)
    requests = [{"key": f"{net}|{i}", "network": net, "perspectives": list(req["perspectives"]),
                 "together": bool(req["together"]), "represents": req.get("allowed")}
                for net, rule in rules.items() for i, req in enumerate(rule["requires"])]
    requests += [{"key": f"{net}|size", "network": net, "perspectives": [], "together": False, "represents": None}
                 for net, rule in rules.items() if rule["members"]]
    counts = {r["key"]: r for r in run_query(driver, "count_composition", {"requirements": requests}, **options)}
    return composition_facts(rules, lambda net, i, req: counts[f"{net}|{i}"]["count"],
                             lambda net: counts[f"{net}|size"]["actors"])


def network_overlap(driver, settings: Settings, **options: Any) -> list[dict]:
    """Pairs of networks sharing organisations (the overlap view), with Jaccard and overlap coefficient, from Cypher."""
    rows = run_query(driver, "find_network_overlaps", {"min_shared": settings.overlap_min_shared,
                                                       "kinds": list(settings.tie_kinds),
                                                       "relations": list(settings.overlap_relations)}, **options)
    return sort_overlaps([overlap_fact(row["a"], row["b"], row["shared"], row["size_a"], row["size_b"], row["tied"])
                          for row in rows])


def unrepresented_constituencies(driver, G: nx.MultiDiGraph, settings: Settings, **options: Any) -> list[str]:
    """Constituencies without a seat in a KBL body and no membership (as the settings say), from Cypher.

    ``G`` (the graph read back) supplies KBL's bodies; the type names are matched in Python
    (:func:`netmap.analysis.is_constituency_type`) and handed over as they are stored.
    """
    types = [r["type"] for r in run_query(driver, "list_organisation_types", **options)
             if r["type"] is not None and is_constituency_type(r["type"], settings)]
    params = {"types": types, "bodies": seat_bodies(G, settings),
              "count_membership": settings.unrepresented_counts_membership}
    return [r["id"] for r in run_query(driver, "find_unrepresented_constituencies", params, **options)]


def cypher_facts(driver, G: nx.MultiDiGraph, settings: Settings, **options: Any) -> dict[str, Any]:
    """The facts computed in the database (keys as in :func:`netmap.analysis.compute_facts`).

    ``G`` (the graph read back) supplies the composition rules that apply to each network and KBL's
    bodies, and tells whether a membership, seat or tie does not count on the analysis date: then only
    :data:`DATED_CYPHER_FACTS` come from Cypher.
    """
    if inactive_edges(G, settings.as_of_date()):
        return level_matrices(driver, settings, **options)
    return {**level_matrices(driver, settings, **options),
            "composition": composition_checks(driver, G, settings, **options),
            "overlaps": network_overlap(driver, settings, **options),
            "unrepresented": unrepresented_constituencies(driver, G, settings, **options)}


def analyse_neo4j(driver, settings: Settings | None = None, *, database: str | None = None, lang: str = "nl",
                  roles_only: bool = False, timeout: float | None = None,
                  graph: nx.MultiDiGraph | None = None, use_gds: bool = True) -> Analysis:
    """Run the analyses on the map loaded in Neo4j; the findings equal the embedded engine's.

    ``graph``: the map as already read with :func:`netmap.neo4j.read.read_graph` (read here when None).
    ``use_gds``: compute the structure measures with GDS when the server has it.
    """
    settings = settings or Settings()
    check_language(lang)
    G = graph if graph is not None else read_graph(driver, database=database, lang=lang)
    facts = cypher_facts(driver, G, settings, database=database, timeout=timeout, lang=lang)
    engine: dict[str, Any] = {"neo4j_cypher": list(facts)}
    version = gds_version(driver, database=database) if use_gds else None
    if version:
        structure = structure_facts(driver, settings, settings.as_of_date(), database=database, timeout=timeout,
                                    lang=lang)
        engine["neo4j_gds"] = {"version": version, **structure.pop("gds"), "facts": list(structure)}
        facts |= structure
    elif use_gds:
        engine["notice"] = t("input.neo4j_no_gds", lang)
    engine["networkx_on_read_back_graph"] = "rest"
    result = analyse(G, settings, lang, roles_only, facts=facts)
    result.summary["engine"] = engine
    return result
