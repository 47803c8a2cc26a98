"""The overlap map: networks as nodes, tied by the organisations they share.

The lines are :func:`netmap.analysis.overlap.overlaps_of_own_accord` on the analysis's own
context (its settings: the overlap view and the date), the pairs and counts the
``network_overlap`` finding judges: organisations taking part as a member or through a seat,
an employer not through its staff (unless the overlap view has ``home``), and not one that
sits in either network only through a prescribed seat (named apart in the tooltip).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from netmap import privacy
from netmap.analysis import Settings
from netmap.analysis.common import build_context
from netmap.analysis.findings import Finding
from netmap.analysis.overlap import network_organisations, overlaps_of_own_accord
from netmap.graph import as_of, members_of, nodes_of
from netmap.i18n import t, texts_with_prefix
from netmap.maps import style
from netmap.maps.html import write_page
from netmap.maps.layout import force_layout
from netmap.maps.mapgraph import MapEdge, MapGraph, MapNode, count_text, to_map_node
from netmap.maps.mapview import data_title, facet_values, label_tables, shared_finding_texts
from netmap.maps.payload import (
    PHYSICS_MAX,
    color_tables,
    communities,
    finding_records,
    has_overlap_pairs,
    legend,
    node_record,
)
from netmap.maps.shared import SharedWork, memo_for
from netmap.maps.text import type_label

SHOWN_SHARED = 12  # shared members named in a tooltip; the count is always complete
#: above this many networks that share no organisation with another, they are drawn as one group per type
UNSHARED_MAX = 40


def member_label(G: nx.MultiDiGraph, node: str, roles_only: bool, lang: str) -> str:
    """How a shared member is named in a tooltip (privacy applied)."""
    return privacy.label(G.nodes[node], roles_only, lang)


def overlap_pairs(G: nx.MultiDiGraph, min_overlap: int, roles_only: bool, lang: str, settings: Settings | None,
                  facts: dict | None = None) -> tuple[dict[str, set[str]], dict[str, int], list[dict]]:
    """Per network its direct members as of the analysis date, its number of organisations in the overlap view,
    and the pairs sharing at least ``min_overlap`` organisations of their own accord
    (:func:`netmap.analysis.overlap.overlaps_of_own_accord`).

    ``facts`` are the analysis's own (made with ``settings``): its ``own_overlaps`` (at its
    ``overlap_min_shared``, so every pair at a ``min_overlap`` at least that is among them, with the same
    counts) and its ``load`` (each organisation's networks in the overlap view) are used as they are;
    without them, or for a ``min_overlap`` below the analysis's, the graph is indexed as the analysis does.
    """
    s = settings or Settings()
    if facts is not None and "own_overlaps" in facts and "load" in facts and min_overlap >= s.overlap_min_shared:
        counts: Counter[str] = Counter(net for nets in facts["load"].values() for net in nets)
        pairs = [f for f in facts["own_overlaps"] if len(f["shared"]) >= min_overlap]
        return members_of(as_of(G, s.as_of_date())), counts, pairs
    ctx = build_context(G, s, lang, roles_only)
    orgs = network_organisations(ctx.G, ctx)
    return members_of(ctx.G), {net: len(o) for net, o in orgs.items()}, overlaps_of_own_accord(ctx.G, ctx, min_overlap)


def overlap_graph(G: nx.MultiDiGraph, min_overlap: int, roles_only: bool, lang: str,
                  settings: Settings | None = None, facts: dict | None = None) -> tuple[MapGraph, dict]:
    """The networks as a MapGraph, plus the names of each pair's shared organisations (those shared by design,
    through a prescribed seat, marked as such after them); ``facts`` as for :func:`overlap_pairs`."""
    members, orgs, pairs = overlap_pairs(G, min_overlap, roles_only, lang, settings, facts)
    nodes = {}
    for net in nodes_of(G, "network"):
        node = to_map_node(G, net, roles_only, lang)
        node.networks = {net}
        node.perspectives = tuple(sorted({p for m in members[net] for p in G.nodes[m].get("perspectives") or ()}))
        node.merged = {"member": orgs.get(net, 0)}
        nodes[net] = node
    edges, shared_names = [], {}
    for fact in sorted(pairs, key=lambda f: (-len(f["shared"]), f["networks"])):
        a, b = fact["networks"]
        edges.append(MapEdge(a, b, "overlap", count=len(fact["shared"])))
        names = sorted(member_label(G, m, roles_only, lang) for m in fact["shared"])
        names += sorted(t("map.overlap_by_design", lang, name=member_label(G, m, roles_only, lang))
                        for m in fact["by_design"])
        shared_names[(a, b)] = (names, fact["jaccard"])
    group_of = {n: n for n in nodes}
    total = len(nodes)
    tied = {e.u for e in edges} | {e.v for e in edges}
    alone = [n for n in nodes if n not in tied]
    per_type = Counter(nodes[n].type for n in alone)
    alone = [n for n in alone if per_type[nodes[n].type] > 1]  # a type's only one stays itself
    if len(alone) > UNSHARED_MAX:  # national scale: thousands of unconnected dots say less than one count
        for net in alone:
            node = nodes.pop(net)
            key = "unshared:" + (node.type or "network")
            if key not in nodes:
                nodes[key] = MapNode(key=key, kind="group", label="", type=node.type,
                                     merged={"network": 0, "member": 0})
            group = nodes[key]
            group.merged["network"] += 1
            group.merged["member"] += node.merged["member"]
            group.levels = tuple(sorted(set(group.levels) | set(node.levels), key=("I", "II", "III", "IV").index))
            group_of[net] = key
        for key, group in nodes.items():
            if key.startswith("unshared:"):
                group.label = t("map.ui.unshared_group", lang, type=type_label(group.type, lang) if group.type
                                else t("map.ui.kind_network", lang), n=count_text(group.merged["network"], lang))
    return MapGraph(nodes, edges, group_of=group_of, total_nodes=total), shared_names


def overlap_edge_record(edge: MapEdge, index: dict[str, int], shared: dict) -> dict:
    """A line with its count, Jaccard share and the first shared members' names."""
    names, jaccard = shared[(edge.u, edge.v)]
    more = len(names) - SHOWN_SHARED
    return {"a": index[edge.u], "b": index[edge.v], "st": "overlap", "n": edge.count, "j": round(jaccard, 3),
            "w": round(min(1.5 + 1.8 * (edge.count - 1), 12.0), 1),
            "sh": names[:SHOWN_SHARED] + ([f"… (+{more})"] if more > 0 else [])}


def write_overlap_map(G: nx.MultiDiGraph, path: str | Path, *, findings: list[Finding] | None = None,
                      lang: str = "nl", min_overlap: int = 2, title: str | None = None,
                      roles_only: bool = False, settings: Settings | None = None,
                      shared: SharedWork | None = None) -> Path:
    """Write the overlap map: networks as nodes, lines as thick as the number of shared members.

    Networks that share nobody stay on the map, unconnected: that is a finding too.
    ``min_overlap`` hides weaker ties; ``roles_only`` names shared people by their role;
    ``settings`` as for :func:`netmap.maps.write_map` (the clusters), and the overlap view and date the
    lines are counted in, as in the analysis (:func:`netmap.analysis.overlap.overlaps_of_own_accord`);
    ``shared`` (:class:`~netmap.maps.shared.SharedWork` of the run's analysis) hands in the analysis's own
    overlap facts and the findings' texts, when it was made for ``G``, ``lang``, ``roles_only`` and ``settings``.
    """
    fits = shared is not None and shared.fits(G, lang, roles_only)
    facts = shared.analysis_facts(settings) if shared is not None and fits else None
    M, names_of_shared = overlap_graph(G, min_overlap, roles_only, lang, settings, facts)
    H = M.simple()
    clusters = communities(H, settings)
    cluster_of = {n: i for i, c in enumerate(clusters) for n in c}
    pos = force_layout(H, clusters)
    unshared = [k for k, n in M.nodes.items() if n.kind == "group"]
    if unshared:  # a row below the networks that share members, where their names have room
        xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
        left, right, below = min(xs), max(xs), max(ys) + 220.0
        step = (right - left) / max(len(unshared), 1)
        for i, key in enumerate(unshared):
            pos[key] = (round(left + step * (i + 0.5), 1), round(below, 1))
    index = {k: i for i, k in enumerate(M.nodes)}
    top = max((n.merged["member"] for n in M.nodes.values() if n.kind == "network"), default=0) or 1
    top_group = max((n.merged["network"] for n in M.nodes.values() if n.kind == "group"), default=0) or 1
    nodes = []
    for k, node in M.nodes.items():
        size = (style.node_size("group", node.merged["network"] / top_group) if node.kind == "group"
                else style.node_size("network", node.merged["member"] / top))
        rec = node_record(node, index, size, cluster_of.get(k))
        rec["x"], rec["y"] = pos[k]
        nodes.append(rec)
    given, findings = findings, list(findings or [])
    names, texts = shared_finding_texts(memo_for(shared, G, lang, roles_only), G, given, findings, roles_only, lang)
    legend_data = legend(M, bool(findings), "organisations", lang, has_overlap_pairs(findings))
    meta = {"title": title or t("map.ui.overlap_title", lang), "lang": lang, "view": "overlap", "colorBy": "type",
            "sizeBy": "members", "depth": 1,
            # live physics only while every network is drawn; a grouped national map as computed
            "physics": len(H) <= PHYSICS_MAX and M.total_nodes == len(M.nodes), "aggregated": "none",
            "sourceNodes": M.total_nodes, "focusIndex": None,
            "notes": [n for n in [data_title(G, settings), overlap_note(min_overlap, lang, settings)] if n]}
    payload = {
        "meta": meta, "text": texts_with_prefix("map.ui", lang), "nodes": nodes,
        "edges": [overlap_edge_record(e, index, names_of_shared) for e in M.edges],
        "findings": finding_records(findings, M, index, names, lang, texts),
        "colors": color_tables(M, clusters, lang), "legend": legend_data, "bands": [],
        "facets": [f for f in facet_values(M, index, lang) if f["name"] != "network"],
        "labels": label_tables(M, lang),
        "style": style.page_style(),
    }
    return write_page(payload, path)


def overlap_note(min_overlap: int, lang: str, settings: Settings | None = None) -> str:
    """The subtitle line explaining the lines: who counts, as the overlap view of ``settings`` says."""
    view = (settings or Settings()).overlap_relations
    key = "map.overlap_note_home" if "home" in view else "map.overlap_note"
    return t(key + "_1" if min_overlap <= 1 else key, lang, n=min_overlap)  # never '1 gedeelde organisaties'
