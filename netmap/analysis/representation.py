"""Representatives and their constituencies (achterban).

- :func:`representatives_without_home`: a seat holder with no home organisation;
- :func:`unrepresented_constituencies`: constituency organisations with no seat in a KBL body
  and no direct participation in any network (``settings.unrepresented_*``);
- :func:`multiple_seats`: people representing several constituencies or sitting in several bodies;
- :func:`seat_facts`: the first and the last from the seats per person, counted anywhere (Cypher too).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Container
from functools import lru_cache

import networkx as nx

from netmap.analysis.common import Context, anchors, kbl_bodies
from netmap.analysis.levels import context_for
from netmap.analysis.settings import Settings
from netmap.graph import MEMBERSHIP, REPRESENTATION, edges_of
from netmap.validate import normalise_key


def seats_by_person(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, dict[str, list[str]]]:
    """person -> {'constituencies': [...], 'bodies': [...]} from the representation edges (ctx's when given)."""
    seats: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"constituencies": [], "bodies": []})
    for u, v, d in (ctx.edges(REPRESENTATION) if ctx is not None else edges_of(G, REPRESENTATION)):
        if v not in seats[u]["constituencies"]:
            seats[u]["constituencies"].append(v)
        if d.get("body_id") and d["body_id"] not in seats[u]["bodies"]:
            seats[u]["bodies"].append(d["body_id"])
    return dict(seats)


def seat_facts(seats: dict[str, dict[str, list[str]]], homed: Container[str]) -> dict[str, list[dict]]:
    """The seat holders' facts from :func:`seats_by_person` (counted anywhere: here or in Cypher) and the
    people with a home organisation (``homed``): ``without_home`` (:func:`representatives_without_home`) and
    ``multiple_seats`` (:func:`multiple_seats`).

    >>> seat_facts({"p": {"constituencies": ["a", "b"], "bodies": ["k"]}}, set())["multiple_seats"]
    [{'person': 'p', 'constituencies': ['a', 'b'], 'bodies': ['k']}]
    """
    return {"without_home": [{"person": p, **s} for p, s in seats.items() if p not in homed],
            "multiple_seats": [{"person": p, **s} for p, s in seats.items()
                               if len(s["constituencies"]) > 1 or len(s["bodies"]) > 1]}


def representatives_without_home(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """People holding a seat for a constituency while no home organisation is recorded for them."""
    ctx = context_for(G, ctx)
    return seat_facts(seats_by_person(ctx.G, ctx), ctx.home)["without_home"]


def constituencies(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[str]:
    """Organisations whose type marks them as a constituency (client, youth, parent, branch, umbrella ...)."""
    ctx = context_for(G, ctx)
    return [n for n, d in ctx.G.nodes(data=True)
            if d["kind"] == "organisation" and is_constituency_type(d.get("type") or "", ctx.settings)]


def is_constituency_type(org_type: str, settings: Settings) -> bool:
    """Whether an organisation type marks a constituency (``settings.constituency_types``, compared
    by :func:`type_key`: case, accents, spaces, plurals and client spellings do not matter).

    >>> is_constituency_type("Ouderorganisatie", Settings()), is_constituency_type("cliëntorganisatie", Settings())
    (True, True)
    """
    key = type_key(org_type)
    return bool(key) and key in _type_keys(tuple(settings.constituency_types))


@lru_cache(maxsize=64)
def _type_keys(types: tuple[str, ...]) -> frozenset[str]:
    return frozenset(type_key(t) for t in types)


@lru_cache(maxsize=4096)
def type_key(org_type: str) -> str:
    """An organisation type as compared: lower-case letters only, accents removed, Dutch and
    English plurals and the spellings cliënt/client/cliënten/clients folded.

    >>> type_key("Cliëntenorganisaties"), type_key("client organization"), type_key("Jongeren-organisatie")
    ('clientorganisatie', 'clientorganisation', 'jongerenorganisatie')
    """
    key = re.sub(r"[^a-z]", "", normalise_key(org_type))
    key = re.sub(r"^clien(ten|ts|t)", "client", key)
    key = key.replace("organization", "organisation")
    return re.sub(r"(organisatie|organisation|vereniging|association|koepel|branche)(s|en)$", r"\1", key)


def unrepresented_constituencies(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[str]:
    """Constituencies without a seat for them in a KBL body (``unrepresented_seat_scope: kbl``; or
    without any representative, ``any``) that take part in no network themselves (unless
    ``unrepresented_counts_membership`` is off)."""
    ctx = context_for(G, ctx)
    s = ctx.settings
    listed = seat_bodies(ctx.G, s, ctx)
    bodies = set(listed) if listed is not None else None
    seated = {v for _, v, d in ctx.edges(REPRESENTATION) if bodies is None or d.get("body_id") in bodies}
    taking_part = {u for u, _, _ in ctx.edges(MEMBERSHIP)} if s.unrepresented_counts_membership else set()
    return [c for c in constituencies(ctx.G, ctx) if c not in seated and c not in taking_part]


def seat_bodies(G: nx.MultiDiGraph, settings: Settings, ctx: Context | None = None) -> list[str] | None:
    """The bodies a seat in which represents a constituency: KBL's bodies (``unrepresented_seat_scope:
    kbl``), or None when any representative anywhere counts (``any``)."""
    if settings.unrepresented_seat_scope == "any":
        return None
    return sorted(anchors(ctx), key=str) if ctx is not None else kbl_bodies(G, settings)


def multiple_seats(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """People representing two or more constituencies, or holding seats in two or more bodies."""
    ctx = context_for(G, ctx)
    return seat_facts(seats_by_person(ctx.G, ctx), ctx.home)["multiple_seats"]
