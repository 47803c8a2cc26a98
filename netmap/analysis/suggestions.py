"""Network weaving: for each gap, who could close it, ranked and explained.

Each kind's suggester lives with the kind (:mod:`netmap.analysis.kinds`); this module
holds the lookups they share (:class:`Index`). :func:`add_suggestions` fills
``Finding.suggestion`` (a sentence) and ``details['candidates']`` (ranked ids) from the
findings' facts and the graph.
Every search is bounded (``settings.suggestion_pool`` candidates looked at,
``settings.max_suggestions`` named), so it stays cheap on national-scale graphs.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from netmap.analysis import kinds
from netmap.analysis.common import Context, anchors, regional
from netmap.analysis.findings import Finding
from netmap.analysis.perspectives import network_perspectives


class Index:
    """Lookups built once per run for the suggestion searches (all linear to build)."""

    def __init__(self, ctx: Context, facts: dict):
        self.load = facts["load"]
        self.bodies = anchors(ctx)
        self.lacking: dict[str, list[str]] = defaultdict(list)
        for fact in facts["composition"]:
            for p in fact.get("requirement", {}).get("perspectives", []):
                self.lacking[p].append(fact["network"])
        self.degree: Counter[str] = Counter()  # edges at each node (parallel ones each, a loop twice)
        for edges in ctx.by_rel.values():
            self.degree.update(u for u, _, _ in edges)
            self.degree.update(v for _, v, _ in edges)
        self.by_perspective: dict[str, list[str]] = defaultdict(list)
        self.by_level: dict[str, list[str]] = defaultdict(list)
        for n, kind in ctx.G.nodes(data="kind"):
            if kind == "organisation":
                for p in ctx.perspectives[n]:
                    self.by_perspective[p].append(n)
                for lv in ctx.levels[n]:
                    self.by_level[lv].append(n)
        for lists in (self.by_perspective, self.by_level):
            for key in lists:
                lists[key].sort(key=lambda n: -self.degree[n])
        self.staff_of: dict[str, list[str]] = defaultdict(list)
        for person, org in ctx.home.items():
            self.staff_of[org].append(person)
        self.reps_by_perspective: dict[str, set[str]] = defaultdict(set)
        for cons, people in ctx.represented.items():
            for p in ctx.perspectives[cons]:
                self.reps_by_perspective[p].update(people)
        self.nets_by_region: dict[str, list[str]] = defaultdict(list)
        self.nets_by_perspective: dict[str, list[str]] = defaultdict(list)
        for net, present in network_perspectives(ctx.G, ctx).items():
            self.nets_by_region[regional(ctx.G.nodes[net].get("region"))].append(net)
            for p in present:
                self.nets_by_perspective[p].append(net)
        self._ctx = ctx
        self._in_order: dict[str, list[str]] = {}

    def actors_in_order(self, network: str) -> list[str]:
        """The members and seat holders of ``network`` sorted by id (a set's order changes between runs)."""
        found = self._in_order.get(network)
        if found is None:
            found = self._in_order[network] = sorted(self._ctx.actors_of(network), key=str)
        return found


def add_suggestions(ctx: Context, findings: list[Finding], facts: dict) -> None:
    """Fill the suggestion of every finding whose kind has a suggester (``facts``: from compute_facts)."""
    index = Index(ctx, facts)
    for f in findings:
        kind = kinds.get(f.kind)
        if kind is not None and kind.suggest is not None:
            text, candidates = kind.suggest(ctx, index, f)
            f.suggestion = text
            if candidates:
                f.details["candidates"] = candidates
