"""Work the maps of one run share, done once: `netmap run` writes three maps of one graph and one analysis.

The level and free maps draw the same :class:`~netmap.maps.mapgraph.MapGraph` (same privacy, focus and
aggregation), so its reduction, its simple graph and its clusters are computed once; every map places the
same findings with the same scrubbed texts (:func:`netmap.maps.payload.finding_texts`); and the overlap map
takes its pairs from the analysis's own facts (``own_overlaps``, ``load``) instead of indexing the graph
again. A :class:`SharedWork` only serves maps of the graph, language and privacy mode it was made for
(:meth:`SharedWork.fits`); anything else is computed as without it.

>>> from netmap.model import Dataset, Node
>>> from netmap.graph import build_graph
>>> G = build_graph(Dataset(nodes={"o": Node("o", "organisation", "Org")}))
>>> work = SharedWork(G)
>>> work.get(("x",), lambda: [1]) is work.get(("x",), lambda: [2]), work.fits(G, "nl", False), work.fits(G, "en", False)
(True, True, False)
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import networkx as nx

from netmap.analysis import Settings
from netmap.analysis.findings import Finding

T = TypeVar("T")


@dataclass
class SharedWork:
    """One graph's maps in one language and privacy mode; ``facts``/``settings`` are the analysis's (optional)."""

    G: nx.MultiDiGraph
    lang: str = "nl"
    roles_only: bool = False
    findings: list[Finding] | None = None
    settings: Settings | None = None
    facts: dict[str, Any] | None = None
    memo: dict[tuple, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of_analysis(cls, G: nx.MultiDiGraph, analysis: Any) -> SharedWork:
        """For the maps drawn from one :class:`~netmap.analysis.Analysis` of ``G`` (its language and mode)."""
        return cls(G, analysis.lang, analysis.roles_only, analysis.findings, analysis.settings, analysis.facts)

    def fits(self, G: nx.MultiDiGraph, lang: str, roles_only: bool) -> bool:
        """Whether a map of ``G`` in ``lang``/``roles_only`` may use this work."""
        return G is self.G and lang == self.lang and bool(roles_only) == bool(self.roles_only)

    def get(self, key: tuple, compute: Callable[[], T]) -> T:
        """``compute()`` the first time ``key`` is asked for, the same object after that."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def analysis_facts(self, settings: Settings | None) -> dict[str, Any] | None:
        """The analysis's facts when a map asks with the analysis's own settings, else None."""
        if self.facts is None or self.settings is None:
            return None
        return self.facts if settings is self.settings or settings == self.settings else None


def memo_for(shared: SharedWork | None, G: nx.MultiDiGraph, lang: str,
             roles_only: bool) -> Callable[[tuple, Callable[[], Any]], Any]:
    """``shared.get`` when ``shared`` fits this map, else a function that just computes."""
    if shared is not None and shared.fits(G, lang, roles_only):
        return shared.get
    return lambda _key, compute: compute()
