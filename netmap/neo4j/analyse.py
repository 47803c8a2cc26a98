"""Analyses from the database: what Cypher expresses well runs as Cypher, the rest on the graph
read back from Neo4j, and the same fact -> finding step as the embedded engine.

Computed in Cypher (``netmap/cypher/count_*.cypher`` and ``find_*.cypher``): the level matrix of direct
ties, composition counts per requirement (missing perspectives and shortfalls), network overlap,
unrepresented constituencies and isolated actors. Everything else (channels through shared
networks, structure, suggestions) runs in networkx on :func:`netmap.neo4j.read.read_graph`.
"""
from __future__ import annotations

from typing import Any

from netmap.analysis import Analysis, Settings, build_findings, compute_facts
from netmap.analysis.analyse import build_summary, network_table
from netmap.analysis.common import Context, build_context
from netmap.analysis.levels import add_symmetric, empty_matrix, level_gaps
from netmap.analysis.perspectives import rules_for, table_requirements
from netmap.i18n import check_language
from netmap.model import LEVELS
from netmap.neo4j.queries import run_query
from netmap.neo4j.read import read_graph
from netmap.validate import normalise_key

CYPHER_FACTS = ("level_matrix", "composition", "overlaps", "unrepresented", "isolated")


def level_matrix(driver, ctx: Context, **options: Any) -> dict[str, dict[str, int]]:
    """The 4x4 matrix of direct learning ties, counted in Cypher."""
    matrix = empty_matrix()
    rows = run_query(driver, "count_level_pairs", {"kinds": list(ctx.settings.tie_kinds),
                                                   "order": {lv: i for i, lv in enumerate(LEVELS)}}, **options)
    for row in rows:
        add_symmetric(matrix, row["a"], row["b"], row["ties"])
    return matrix


def composition_checks(driver, ctx: Context, **options: Any) -> list[dict]:
    """Unmet requirements per network or body, with the counts from Cypher (as the embedded engine's facts)."""
    table = table_requirements(ctx.G)
    rules = {net: rules_for(ctx, net, table) for net in ctx.networks}
    requests = [{"key": f"{net}|{i}", "network": net, "perspectives": list(req["perspectives"]),
                 "together": bool(req["together"])}
                for net, rule in rules.items() for i, req in enumerate(rule["requires"])]
    requests += [{"key": f"{net}|size", "network": net, "perspectives": [], "together": False}
                 for net, rule in rules.items() if rule["members"]]
    counts = {r["key"]: r for r in run_query(driver, "count_composition", {"requirements": requests}, **options)}
    facts = []
    for net, rule in rules.items():
        for i, req in enumerate(rule["requires"]):
            count = counts[f"{net}|{i}"]["count"]
            if count < req["min_count"]:
                facts.append({"network": net, "check": "perspective", "count": count, "requirement": req,
                              "source": rule["source"]})
        bounds = rule["members"]
        if bounds:
            size = counts[f"{net}|size"]["actors"]
            if ("min" in bounds and size < bounds["min"]) or ("max" in bounds and size > bounds["max"]):
                facts.append({"network": net, "check": "members", "count": size, "bounds": bounds,
                              "source": rule["source"]})
    return facts


def network_overlap(driver, ctx: Context, **options: Any) -> list[dict]:
    """Pairs of networks sharing organisations, with Jaccard and overlap coefficient, from Cypher."""
    rows = run_query(driver, "find_network_overlaps", {"min_shared": ctx.settings.overlap_min_shared,
                                                       "kinds": list(ctx.settings.tie_kinds)}, **options)
    facts = []
    for row in rows:
        n, a, b = len(row["shared"]), row["size_a"], row["size_b"]
        facts.append({"networks": [row["a"], row["b"]], "shared": sorted(row["shared"]),
                      "jaccard": round(n / (a + b - n), 3), "overlap": round(n / min(a, b), 3),
                      "tied": row["tied"]})
    return sorted(facts, key=lambda f: (-f["jaccard"], f["networks"]))


def unrepresented_constituencies(driver, ctx: Context, **options: Any) -> list[str]:
    """Constituency organisations nobody represents, from Cypher."""
    wanted = {normalise_key(t) for t in ctx.settings.constituency_types}
    types = [r["type"] for r in run_query(driver, "list_organisation_types", **options)
             if r["type"] is not None and normalise_key(r["type"]) in wanted]
    return [r["id"] for r in run_query(driver, "find_unrepresented_constituencies", {"types": types}, **options)]


def isolated_actors(driver, ctx: Context, **options: Any) -> list[str]:
    """Organisations and people with no network, seat or tie, from Cypher."""
    return [r["id"] for r in run_query(driver, "find_isolated_actors", **options)]


def cypher_facts(driver, ctx: Context, **options: Any) -> dict[str, Any]:
    """The facts computed in the database (keys as in :func:`netmap.analysis.compute_facts`)."""
    return {"level_matrix": level_matrix(driver, ctx, **options),
            "composition": composition_checks(driver, ctx, **options),
            "overlaps": network_overlap(driver, ctx, **options),
            "unrepresented": unrepresented_constituencies(driver, ctx, **options),
            "isolated": isolated_actors(driver, ctx, **options)}


def analyse_neo4j(driver, settings: Settings | None = None, *, database: str | None = None, lang: str = "nl",
                  roles_only: bool = False, timeout: float | None = None) -> Analysis:
    """Run the analyses on the map loaded in Neo4j; the findings equal the embedded engine's."""
    settings = settings or Settings()
    G = read_graph(driver, database=database, lang=lang)
    ctx = build_context(G, settings, check_language(lang), roles_only)
    timings: dict[str, float] = {}
    facts = compute_facts(ctx, timings)
    facts.update(cypher_facts(driver, ctx, database=database, timeout=timeout, lang=lang))
    facts["gaps"] = level_gaps(facts["level_matrix"], facts["channels"], settings.level_gap_min)
    facts["network_table"] = network_table(ctx, facts)
    findings = build_findings(ctx, facts)
    summary = build_summary(ctx, facts, findings, timings)
    summary["engine"] = {"neo4j_cypher": list(CYPHER_FACTS), "networkx_on_read_back_graph": "rest"}
    return Analysis(findings, facts["level_matrix"], facts["channel_matrix"], summary, settings, facts,
                    lang, roles_only)
