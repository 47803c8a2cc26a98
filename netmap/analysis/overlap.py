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
from netmap.analysis.findings import Finding
from netmap.analysis.levels import context_for
from netmap.analysis.texts import say


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
            common = orgs[a] & orgs[b]
            facts.append({"networks": [a, b], "shared": sorted(common),
                          "jaccard": round(n / len(orgs[a] | orgs[b]), 3),
                          "overlap": round(n / min(len(orgs[a]), len(orgs[b])), 3),
                          "tied": b in ctx.tie_neighbours.get(a, ())})
    return sorted(facts, key=lambda f: (-f["jaccard"], f["networks"]))


def flagged_overlaps(facts: list[dict], jaccard: float, overlap: float, min_shared: int) -> list[dict]:
    """The overlap facts at or above either threshold."""
    return [f for f in facts if len(f["shared"]) >= min_shared and (f["jaccard"] >= jaccard or f["overlap"] >= overlap)]


def overlap_findings(ctx: Context, facts: list[dict]) -> list[Finding]:
    """``network_overlap``: medium when the two have no direct learning tie yet, else low."""
    s = ctx.settings
    findings = []
    for f in flagged_overlaps(facts, s.overlap_threshold, s.overlap_coefficient_threshold, s.overlap_min_shared):
        a, b = f["networks"]
        tied = say("overlap_tied" if f["tied"] else "overlap_untied", ctx.lang)
        message = say("overlap", ctx.lang, a=ctx.name(a), b=ctx.name(b), n=len(f["shared"]),
                      names=ctx.names(f["shared"], 4), j=f["jaccard"], o=f["overlap"], tied=tied)
        # a pair that is similar as a whole (Jaccard) and does not learn together yet matters most
        strong = f["jaccard"] >= s.overlap_threshold and not f["tied"]
        findings.append(Finding("network_overlap", [a, b], "medium" if strong else "low", message,
                                details=dict(f)))
    return findings


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


def theme_findings(ctx: Context, facts: list[dict]) -> list[Finding]:
    """``shared_theme``: themes where some networks do not learn from the others (info)."""
    findings = []
    for f in facts:
        if not f["loose"]:
            continue
        key = "shared_theme_all" if len(f["loose"]) == len(f["networks"]) else "shared_theme"
        message = say(key, ctx.lang, theme=f["theme"], n=len(f["networks"]),
                      names=ctx.names(f["networks"], 5), k=len(f["loose"]), loose=ctx.names(f["loose"], 5))
        findings.append(Finding("shared_theme", sorted(f["networks"]), "info", message, details=dict(f)))
    return findings


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


def load_findings(ctx: Context, facts: dict[str, list[str]]) -> list[Finding]:
    """``multi_network_load``: low; many networks lean on one organisation."""
    return [Finding("multi_network_load", [org], "low",
                    say("multi_load", ctx.lang, org=ctx.name(org), n=len(nets), names=ctx.names(nets, 6)),
                    details={"networks": nets, "count": len(nets), "threshold": ctx.settings.multi_network_load})
            for org, nets in sorted(facts.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def isolated_actors(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[str]:
    """Organisations and people in no network, holding no seat, with no tie of any kind."""
    ctx = context_for(G, ctx)
    return [n for n, kind in ctx.G.nodes(data="kind") if kind in ACTOR_KINDS
            and not ctx.networks_of.get(n) and n not in ctx.any_tie]


def isolated_findings(ctx: Context, facts: list[str]) -> list[Finding]:
    """``isolated``: low, for the bureau (the map may be incomplete, or the actor is not involved yet)."""
    findings = []
    for n in facts:
        if n in ctx.home:
            message = say("isolated_home", ctx.lang, actor=ctx.name(n), home=ctx.name(ctx.home[n]))
        else:
            message = say("isolated", ctx.lang, actor=ctx.name(n))
        findings.append(Finding("isolated", [n], "low", message, audience="bureau"))
    return findings
