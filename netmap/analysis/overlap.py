"""Overlap between networks, shared themes, load on organisations, and isolated actors.

Membership is compared at organisation level: a person counts through the home
organisation (or as themself without one). Pairs of networks are only formed
when they share a member, so the cost follows the memberships, not networks².
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

from netmap.analysis.common import ACTOR_KINDS, Context
from netmap.analysis.levels import context_for


def network_organisations(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, set[str]]:
    """Per network: the organisations taking part (people through their home organisation)."""
    ctx = context_for(G, ctx)
    return {net: {ctx.org_of(m) for m in ctx.actors_of(net)} for net in ctx.networks}


def network_overlap(G: nx.MultiDiGraph, ctx: Context | None = None, min_shared: int = 1) -> list[dict]:
    """Pairs of networks sharing at least ``min_shared`` organisations, with Jaccard and overlap coefficient.

    Each fact: ``networks`` (the pair, sorted), ``shared`` (ids), ``jaccard``, ``overlap``
    (shared / size of the smaller) and ``tied`` (a direct learning tie between the two).
    """
    ctx = context_for(G, ctx)
    orgs = network_organisations(ctx.G, ctx)
    by_org: dict[str, list[str]] = defaultdict(list)
    for net, members in orgs.items():
        for org in members:
            by_org[org].append(net)
    shared: Counter = Counter()
    for nets in by_org.values():
        shared.update(combinations(sorted(nets), 2))
    facts = []
    for (a, b), n in shared.items():
        if n >= min_shared:
            facts.append(overlap_fact(a, b, orgs[a] & orgs[b], len(orgs[a]), len(orgs[b]),
                                      b in ctx.tie_neighbours.get(a, ())))
    return sort_overlaps(facts)


def overlap_fact(a: str, b: str, shared, size_a: int, size_b: int, tied: bool) -> dict:
    """One overlap fact (the one shape, whoever counted): the pair, shared ids, Jaccard, overlap, tied.

    >>> overlap_fact("A", "B", {"x", "y"}, 2, 3, False)
    {'networks': ['A', 'B'], 'shared': ['x', 'y'], 'jaccard': 0.667, 'overlap': 1.0, 'tied': False}
    """
    n = len(shared)
    return {"networks": [a, b], "shared": sorted(shared), "jaccard": round(n / (size_a + size_b - n), 3),
            "overlap": round(n / min(size_a, size_b), 3), "tied": tied}


def sort_overlaps(facts: list[dict]) -> list[dict]:
    """Most similar pair first (Jaccard), then by the pair's ids."""
    return sorted(facts, key=lambda f: (-f["jaccard"], f["networks"]))


def flagged_overlaps(facts: list[dict], jaccard: float, overlap: float, min_shared: int) -> list[dict]:
    """The overlap facts at or above either threshold."""
    return [f for f in facts if len(f["shared"]) >= min_shared and (f["jaccard"] >= jaccard or f["overlap"] >= overlap)]


def shared_themes(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """Themes served by two or more networks, with the networks that have no learning tie to
    another network on the same theme ("do they know each other?")."""
    ctx = context_for(G, ctx)
    by_theme: dict[str, list[str]] = defaultdict(list)
    for net in ctx.networks:
        for theme in ctx.G.nodes[net].get("themes") or ():
            by_theme[theme].append(net)
    facts = []
    for theme, nets in sorted(by_theme.items()):
        if len(nets) > 1:
            on_theme = set(nets)
            loose = [n for n in nets if not (ctx.tie_neighbours.get(n, set()) & on_theme)]
            facts.append({"theme": theme, "networks": nets, "loose": loose})
    return facts


def network_load(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, list[str]]:
    """Per organisation (people through their home organisation): the networks it takes part in."""
    ctx = context_for(G, ctx)
    load: dict[str, set[str]] = defaultdict(set)
    for net, orgs in network_organisations(ctx.G, ctx).items():
        for org in orgs:
            load[org].add(net)
    return {org: sorted(nets) for org, nets in load.items()}


def multi_network_load(G: nx.MultiDiGraph, ctx: Context | None = None,
                       load: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Organisations in at least ``settings.multi_network_load`` networks."""
    ctx = context_for(G, ctx)
    load = load if load is not None else network_load(ctx.G, ctx)
    return {org: nets for org, nets in load.items()
            if ctx.G.nodes[org]["kind"] == "organisation" and len(nets) >= ctx.settings.multi_network_load}


def isolated_actors(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[str]:
    """Organisations and people in no network, holding no seat, with no tie of any kind."""
    ctx = context_for(G, ctx)
    return [n for n, kind in ctx.G.nodes(data="kind") if kind in ACTOR_KINDS
            and not ctx.networks_of.get(n) and n not in ctx.any_tie]
