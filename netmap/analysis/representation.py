"""Representatives and their constituencies (achterban).

- :func:`representatives_without_home`: a seat holder with no home organisation;
- :func:`unrepresented_constituencies`: constituency organisations nobody represents;
- :func:`multiple_seats`: people representing several constituencies or sitting in several bodies.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from netmap.analysis.common import Context
from netmap.analysis.levels import context_for
from netmap.analysis.settings import Settings
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
    return [n for n, d in ctx.G.nodes(data=True)
            if d["kind"] == "organisation" and is_constituency_type(d.get("type") or "", ctx.settings)]


def is_constituency_type(org_type: str, settings: Settings) -> bool:
    """Whether an organisation type marks a constituency (``settings.constituency_types``, case-blind).

    >>> is_constituency_type("Ouderorganisatie", Settings())
    True
    """
    return normalise_key(org_type) in {normalise_key(t) for t in settings.constituency_types}


def unrepresented_constituencies(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[str]:
    """Constituencies that nobody represents in any network or body."""
    ctx = context_for(G, ctx)
    return [c for c in constituencies(ctx.G, ctx) if not ctx.represented.get(c)]


def multiple_seats(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """People representing two or more constituencies, or holding seats in two or more bodies."""
    ctx = context_for(G, ctx)
    return [{"person": p, **s} for p, s in seats_by_person(ctx.G).items()
            if len(s["constituencies"]) > 1 or len(s["bodies"]) > 1]
