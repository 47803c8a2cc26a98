"""What every analysis needs: one pass over the graph into indexes, and how to name things.

:class:`Context` is built once per analysis run (linear in the graph) so that no
analysis walks the whole edge list again. Names always go through
:func:`label`, so privacy mode shows roles instead of people's names.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from netmap.analysis.settings import Settings
from netmap.graph import HOME, MEMBERSHIP, REPRESENTATION, TIE, as_of, display_name, node_levels, nodes_of
from netmap.i18n import t
from netmap.model import level_name
from netmap.validate import normalise_key

ACTOR_KINDS = ("organisation", "person")


@dataclass
class Context:
    """Indexes over G shared by the analyses (see :func:`build_context`)."""

    G: nx.MultiDiGraph
    settings: Settings
    lang: str = "nl"
    roles_only: bool = False
    as_of: str = ""
    networks: list[str] = field(default_factory=list)
    levels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    perspectives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    home: dict[str, str] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)
    seats: dict[str, set[str]] = field(default_factory=dict)
    networks_of: dict[str, set[str]] = field(default_factory=dict)
    represented: dict[str, set[str]] = field(default_factory=dict)
    constituencies_of: dict[str, set[str]] = field(default_factory=dict)
    ties: list[tuple[str, str, dict]] = field(default_factory=list)
    tie_neighbours: dict[str, set[str]] = field(default_factory=dict)
    any_tie: set[str] = field(default_factory=set)
    #: relation -> its edges (u, v, data) in G's edge order: one pass, so no analysis walks every edge again
    by_rel: dict[str, list[tuple[str, str, dict]]] = field(default_factory=dict)
    #: lookups an analysis builds on first use and others reuse (keyed by what they are)
    memo: dict[str, object] = field(default_factory=dict, repr=False)

    def name(self, node: str) -> str:
        """The display name of ``node`` (a role in privacy mode)."""
        return label(self.G, node, self.roles_only, self.lang)

    def names(self, nodes, limit: int = 8) -> str:
        """'A, B en C' for a few nodes ('... en 12 anderen' beyond ``limit``)."""
        return join_names([self.name(n) for n in nodes], self.lang, limit)

    def org_of(self, node: str) -> str:
        """The organisation a member stands for: a person's home organisation, else itself."""
        return self.home.get(node, node)

    def edges(self, rel: str) -> list[tuple[str, str, dict]]:
        """The edges of relation ``rel`` (as of the analysis date), as (u, v, data) in G's edge order."""
        return self.by_rel.get(rel, [])

    def actors_of(self, network: str) -> set[str]:
        """Members and seat holders of a network or body."""
        return self.members.get(network, set()) | self.seats.get(network, set())


def build_context(G: nx.MultiDiGraph, settings: Settings, lang: str = "nl",
                  roles_only: bool = False) -> Context:
    """Index G as of ``settings.as_of`` in one pass over its edges.

    The one place time is applied: ``ctx.G`` is :func:`netmap.graph.as_of` of G, so every analysis
    (and the maps' findings, which come from the analysis) sees the same memberships, seats and ties.
    """
    on = settings.as_of_date()
    G = as_of(G, on)
    ctx = Context(G, settings, lang, roles_only, on, networks=nodes_of(G, "network"))
    ctx.members = {n: set() for n in ctx.networks}
    by_node: dict[str, set[str]] = defaultdict(set)
    ctx.seats, ctx.represented, ctx.constituencies_of = defaultdict(set), defaultdict(set), defaultdict(set)
    ctx.tie_neighbours = defaultdict(set)
    by_rel: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    # G's adjacency walked once (the order of G.edges(data=True)), grouped by relation; then each relation
    # indexed on its own
    for u, nbrs in G._succ.items():
        for v, keys in nbrs.items():
            for d in keys.values():
                by_rel[d["rel"]].append((u, v, d))
    ctx.home = {u: v for u, v, _ in by_rel.get(HOME, ())}
    members = ctx.members
    for u, v, _ in by_rel.get(MEMBERSHIP, ()):
        members[v].add(u)
        by_node[u].add(v)
    for u, v, d in by_rel.get(REPRESENTATION, ()):
        ctx.represented[v].add(u)
        ctx.constituencies_of[u].add(v)
        if d.get("body_id"):
            ctx.seats[d["body_id"]].add(u)
            by_node[u].add(d["body_id"])
    ties = by_rel.get(TIE, ())
    ctx.any_tie = {u for u, _, _ in ties} | {v for _, v, _ in ties}
    kinds, neighbours = set(settings.tie_kinds), ctx.tie_neighbours
    ctx.ties = [t for t in ties if t[2]["kind"] in kinds and t[0] != t[1]]
    for u, v, _ in ctx.ties:
        neighbours[u].add(v)
        neighbours[v].add(u)
    ctx.networks_of = by_node
    ctx.by_rel = dict(by_rel)
    ctx.levels = effective_levels(G, ctx.home, ctx.members)
    ctx.perspectives = effective_perspectives(G, ctx.home)
    return ctx


def effective_levels(G: nx.MultiDiGraph, home: dict[str, str],
                     members: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """Levels per node (:func:`netmap.model.effective_levels`, the one definition the graph's
    tie directions use too)."""
    return node_levels(G, home, members)


def effective_perspectives(G: nx.MultiDiGraph, home: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Perspectives per node; a person without any takes the home organisation's."""
    own = {n: tuple(d.get("perspectives") or ()) for n, d in G.nodes(data=True)}
    return {n: own[n] or (own.get(home[n], ()) if n in home else ()) for n in own}


def label(G: nx.MultiDiGraph, node: str, roles_only: bool = False, lang: str = "nl") -> str:
    """The name shown for ``node`` (:mod:`netmap.privacy`); never the name or id of a private node."""
    return display_name(G, node, roles_only, lang)


def level_label(level: str, lang: str = "nl", short: bool = False) -> str:
    """'niveau I (Gezin en professionals)', or ``short`` 'I Gezin en professionals' (map legends).

    >>> level_label("IV", "en")
    'level IV (Governance and government)'
    >>> level_label("IV", "nl", short=True)
    'IV Bestuur en overheid'
    """
    return t("analysis.level_label_short" if short else "analysis.level_label", lang, code=level,
             name=level_name(level, lang))


def join_names(names: list[str], lang: str = "nl", limit: int = 8) -> str:
    """Join names as a reader expects.

    >>> join_names(["A", "B", "C"])
    'A, B en C'
    >>> join_names(["A", "B", "C", "D"], "en", limit=2)
    'A, B and 2 others'

    One more than ``limit`` is named, never 'and 1 other': the name is no longer than the words.

    >>> join_names(["A", "B", "C"], "nl", limit=2)
    'A, B en C'
    """
    if len(names) > limit + 1:
        rest = len(names) - limit
        names = names[:limit] + [t("analysis.others", lang, n=rest)]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {t('analysis.and', lang)} " + names[-1]


def with_reasons(name: str, reasons: list[str]) -> str:
    """A suggested candidate with why it fits: 'X (zelfde regio)', or 'X (Y) – zelfde regio' when the name
    already ends in brackets (never 'X (Y) (zelfde regio)').

    >>> with_reasons("RKJ Friesland", ["zelfde regio"]), with_reasons("KeTJAA (Amsterdam)", ["a", "b"])
    ('RKJ Friesland (zelfde regio)', 'KeTJAA (Amsterdam) – a, b')
    """
    if not reasons:
        return name
    return f"{name} – {', '.join(reasons)}" if name.endswith(")") else f"{name} ({', '.join(reasons)})"


NATIONAL_REGIONS = {"", "landelijk", "nationaal", "national", "nederland"}


def regional(region: str | None) -> str:
    """The region to match on: '' for national or unknown ('landelijk' matches nothing).

    >>> regional("Landelijk"), regional("Friesland")
    ('', 'Friesland')
    """
    return "" if normalise_key(region or "") in NATIONAL_REGIONS else str(region)


def anchors(ctx: Context) -> set[str]:
    """KBL's own bodies (networks of type 'body'), or the configured anchor ids."""
    if ctx.settings.anchor_ids:
        return {a for a in ctx.settings.anchor_ids if a in ctx.G}
    return {n for n in ctx.networks if (ctx.G.nodes[n].get("type") or "") == "body"}


def kbl_bodies(G: nx.MultiDiGraph, settings: Settings) -> list[str]:
    """KBL's bodies (:func:`anchors`) sorted by id, from G's nodes alone: they depend on no edge, so no
    :func:`build_context` (a query that counts elsewhere is handed them)."""
    return sorted(anchors(Context(G, settings, networks=nodes_of(G, "network"))), key=str)
