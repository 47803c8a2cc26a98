"""Representatives and their constituencies (achterban).

- :func:`representatives_without_home`: a seat holder with no home organisation;
- :func:`unrepresented_constituencies`: constituency organisations nobody represents;
- :func:`multiple_seats`: people representing several constituencies or sitting in several bodies.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from netmap.analysis.common import Context, regional
from netmap.analysis.findings import Finding
from netmap.analysis.levels import context_for
from netmap.analysis.texts import say
from netmap.graph import REPRESENTATION, edges_of
from netmap.validate import normalise_key


def seats_by_person(G: nx.MultiDiGraph) -> dict[str, dict[str, list[str]]]:
    """person -> {'constituencies': [...], 'bodies': [...]} from the representation edges."""
    seats: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"constituencies": [], "bodies": []})
    for u, v, d in edges_of(G, REPRESENTATION):
        if v not in seats[u]["constituencies"]:
            seats[u]["constituencies"].append(v)
        if d.get("body_id") and d["body_id"] not in seats[u]["bodies"]:
            seats[u]["bodies"].append(d["body_id"])
    return dict(seats)


def representatives_without_home(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """People holding a seat for a constituency while no home organisation is recorded for them."""
    ctx = context_for(G, ctx)
    return [{"person": p, **s} for p, s in seats_by_person(ctx.G).items() if p not in ctx.home]


def constituencies(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[str]:
    """Organisations whose type marks them as a constituency (client, youth, parent, branch, umbrella ...)."""
    ctx = context_for(G, ctx)
    types = {normalise_key(t) for t in ctx.settings.constituency_types}
    return [n for n, d in ctx.G.nodes(data=True)
            if d["kind"] == "organisation" and normalise_key(d.get("type") or "") in types]


def unrepresented_constituencies(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[str]:
    """Constituencies that nobody represents in any network or body."""
    ctx = context_for(G, ctx)
    return [c for c in constituencies(ctx.G, ctx) if not ctx.represented.get(c)]


def multiple_seats(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """People representing two or more constituencies, or holding seats in two or more bodies."""
    ctx = context_for(G, ctx)
    return [{"person": p, **s} for p, s in seats_by_person(ctx.G).items()
            if len(s["constituencies"]) > 1 or len(s["bodies"]) > 1]


def without_home_findings(ctx: Context, facts: list[dict]) -> list[Finding]:
    """``representative_without_home``: high, for the werkorganisatie."""
    findings = []
    for fact in facts:
        body = say("in_body", ctx.lang, body=ctx.names(fact["bodies"])) if fact["bodies"] else ""
        message = say("without_home", ctx.lang, person=ctx.name(fact["person"]),
                      cons=ctx.names(fact["constituencies"]), body=body)
        findings.append(Finding("representative_without_home", [fact["person"]], "high", message,
                                details=dict(fact)))
    return findings


def unrepresented_findings(ctx: Context, facts: list[str]) -> list[Finding]:
    """``unrepresented_constituency``: medium for national ones, low for regional ones."""
    findings = []
    for c in facts:
        data = ctx.G.nodes[c]
        national = not regional(data.get("region"))
        message = say("unrepresented", ctx.lang, cons=ctx.name(c), type=data.get("type") or "")
        findings.append(Finding("unrepresented_constituency", [c], "medium" if national else "low", message,
                                details={"type": data.get("type") or "", "region": data.get("region") or ""}))
    return findings


def multiple_seats_findings(ctx: Context, facts: list[dict]) -> list[Finding]:
    """``multiple_seats``: info; one person carrying several constituencies or bodies."""
    findings = []
    for fact in facts:
        person = ctx.name(fact["person"])
        if len(fact["constituencies"]) > 1:
            message = say("multiple_seats", ctx.lang, person=person, n=len(fact["constituencies"]),
                          cons=ctx.names(fact["constituencies"]))
        else:
            message = say("multiple_seats_bodies", ctx.lang, person=person, n=len(fact["bodies"]),
                          bodies=ctx.names(fact["bodies"]))
        findings.append(Finding("multiple_seats", [fact["person"]], "info", message, details=dict(fact)))
    return findings
