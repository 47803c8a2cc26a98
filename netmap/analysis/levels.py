"""Horizontal and vertical learning between the four levels.

The one grouping rule (docs/analyses.md, "Niveaus"): an actor belongs to every level
it has (its effective levels, :func:`netmap.model.effective_levels`); two nodes are
in the same group when they share a level. Every comparison between two nodes uses
it: a tie's direction, the matrix's diagonal, E-I's internal ties, brokerage roles.

- :func:`level_matrix`: each learning tie counted exactly once, in one cell
  (:func:`tie_cell`); ties between two actors (organisations and people) and ties
  that involve a network or body are kept in two matrices (``scope``);
- :func:`channel_matrix`: networks and bodies in which two levels meet;
- :func:`tie_summary` and :func:`network_direction_counts`: horizontal vs
  vertical ties per scope and inside each network; :func:`ei_index` (Krackhardt &
  Stern) on those inside a network;
- :func:`level_set_facts`: the matrices, the summary and the ties with a network
  that span a level pair from per-level-set counts made elsewhere (Cypher);
- :func:`single_level_networks`, :func:`level_gaps` and :func:`unknown_levels`: the
  facts the kinds in :mod:`netmap.analysis.kinds` turn into findings (so facts
  computed elsewhere, in Cypher, give the same findings).

>>> from netmap.model import Dataset, Node, Tie
>>> from netmap.graph import build_graph
>>> ds = Dataset(nodes={"a": Node("a", "organisation", "A", levels=("I",)),
...                     "b": Node("b", "organisation", "B", levels=("IV",))}, ties=[Tie("a", "b")])
>>> level_matrix(build_graph(ds))["I"]["IV"]
1
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

import networkx as nx

from netmap.analysis.common import ACTOR_KINDS, Context, build_context
from netmap.analysis.settings import Settings
from netmap.model import LEVELS, tie_direction

#: The two tie scopes of the level matrix: between two actors, and with a network or body at an end.
SCOPES = ("actors", "networks")
DIRECTIONS = ("horizontal", "vertical", "unknown")

Matrix = dict[str, dict[str, int]]


def context_for(G: nx.MultiDiGraph, ctx: Context | None, settings: Settings | None = None) -> Context:
    """The shared context, built on the spot when a function is called on its own."""
    return ctx if ctx is not None else build_context(G, settings or Settings())


def empty_matrix() -> Matrix:
    """A 4x4 matrix of zeros keyed by level."""
    return {a: dict.fromkeys(LEVELS, 0) for a in LEVELS}


def tie_cell(levels_a: tuple[str, ...], levels_b: tuple[str, ...]) -> tuple[str, str] | None:
    """The one matrix cell of a tie between nodes at ``levels_a`` and ``levels_b`` (lower level first).

    Horizontal (a shared level): the diagonal at the first shared level in I..IV order.
    Vertical: the closest pair of their levels; among equally close pairs the first in I..IV
    order. None when a level is unknown.

    >>> tie_cell(("I", "II", "IV"), ("II", "IV"))
    ('II', 'II')
    >>> tie_cell(("I", "IV"), ("II",)), tie_cell(("IV",), ("I", "II")), tie_cell((), ("I",))
    (('I', 'II'), ('II', 'IV'), None)
    """
    if not levels_a or not levels_b:
        return None
    shared = set(levels_a) & set(levels_b)
    if shared:
        first = min(shared, key=LEVELS.index)
        return first, first
    pairs = (sorted((LEVELS.index(a), LEVELS.index(b))) for a in levels_a for b in levels_b)
    low, high = min(pairs, key=lambda p: (p[1] - p[0], p[0]))
    return LEVELS[low], LEVELS[high]


_cell = cache(tie_cell)  # a handful of distinct level tuples: each pair worked out once


def tie_scope(ctx: Context, u: str, v: str) -> str:
    """``actors`` for a tie between two organisations or people, ``networks`` when a network or body is an end."""
    kinds = ctx.G.nodes[u].get("kind"), ctx.G.nodes[v].get("kind")
    return "actors" if kinds[0] in ACTOR_KINDS and kinds[1] in ACTOR_KINDS else "networks"


def tie_rows(ctx: Context) -> list[tuple[str, str, str, str, tuple[str, str] | None]]:
    """Per learning tie of ``ctx.ties``: (u, v, :func:`tie_scope`, :func:`direction`, :func:`tie_cell`),
    worked out once per context for every count below."""
    rows = ctx.memo.get("tie_rows")
    if rows is None:
        actors = {n for n, kind in ctx.G.nodes(data="kind") if kind in ACTOR_KINDS}
        levels = ctx.levels
        rows = ctx.memo["tie_rows"] = [
            (u, v, "actors" if u in actors and v in actors else "networks", _direction(levels[u], levels[v]),
             _cell(levels[u], levels[v]))
            for u, v, _ in ctx.ties]
    return rows  # type: ignore[return-value]


def add_symmetric(matrix: Matrix, a: str, b: str, n: int = 1) -> None:
    matrix[a][b] += n
    if a != b:
        matrix[b][a] += n


def matrix_from_counts(rows: Iterable[tuple[str, str, int]]) -> Matrix:
    """The symmetric level matrix from ``(level a, level b, ties)`` counts made anywhere (each tie in one cell)."""
    matrix = empty_matrix()
    for a, b, n in rows:
        add_symmetric(matrix, a, b, n)
    return matrix


def in_order(levels: Iterable[str]) -> tuple[str, ...]:
    """Levels as the graph holds them (I..IV order, each once), from a list in any order (a Cypher row's).

    >>> in_order(["III", "I", "I"])
    ('I', 'III')
    """
    found = set(levels)
    return tuple(lv for lv in LEVELS if lv in found)


def level_set_facts(rows: Iterable[tuple[Iterable[str], Iterable[str], bool, int]]) -> dict[str, Any]:
    """The facts a learning tie's end levels decide, from ``(levels of one end, levels of the other, a network
    or body at an end, ties)`` rows counted anywhere (Cypher): ``level_matrix`` and ``network_level_matrix``
    (cells by :func:`tie_cell`), ``tie_summary`` (directions by :func:`direction`) and
    ``network_ties_between``, as :func:`level_matrix`, :func:`tie_summary` and :func:`network_ties_between`
    count them one tie at a time.

    >>> facts = level_set_facts([(["I"], ["I", "II"], False, 2), (["II"], [], False, 1), (["I"], ["IV"], True, 1)])
    >>> facts["level_matrix"]["I"]["I"], facts["tie_summary"]["all"], facts["network_ties_between"]
    (2, {'ties': 4, 'horizontal': 2, 'vertical': 1, 'unknown': 1}, {('I', 'IV'): 1})
    """
    cells: dict[str, Counter[tuple[str, str]]] = {scope: Counter() for scope in SCOPES}
    summary = {scope: {"ties": 0, **dict.fromkeys(DIRECTIONS, 0)} for scope in (*SCOPES, "all")}
    spanning: Counter[tuple[str, str]] = Counter()
    for levels_a, levels_b, with_network, n in rows:
        a, b = in_order(levels_a), in_order(levels_b)
        scope = "networks" if with_network else "actors"
        cell = _cell(a, b)
        if cell:
            cells[scope][cell] += n
        for key in (scope, "all"):
            summary[key]["ties"] += n
            summary[key][_direction(a, b)] += n
        if with_network:
            for pair in _spanned(a, b):
                spanning[pair] += n
    return {"level_matrix": matrix_from_counts((a, b, n) for (a, b), n in cells["actors"].items()),
            "network_level_matrix": matrix_from_counts((a, b, n) for (a, b), n in cells["networks"].items()),
            "tie_summary": summary, "network_ties_between": dict(spanning)}


def matrix_total(matrix: Matrix) -> dict[str, int]:
    """What a symmetric tie matrix holds: ``horizontal`` (the diagonal), ``vertical`` (one triangle), ``ties``.

    >>> m = matrix_from_counts([("I", "I", 2), ("I", "IV", 1)])
    >>> matrix_total(m)
    {'horizontal': 2, 'vertical': 1, 'ties': 3}
    """
    horizontal = sum(matrix[a][a] for a in LEVELS)
    vertical = sum(matrix[a][b] for i, a in enumerate(LEVELS) for b in LEVELS[i + 1:])
    return {"horizontal": horizontal, "vertical": vertical, "ties": horizontal + vertical}


def level_matrix(G: nx.MultiDiGraph, ctx: Context | None = None, scope: str = "actors") -> Matrix:
    """Learning ties between levels, each in exactly one cell (:func:`tie_cell`), shown symmetric
    (``m['I']['IV'] == m['IV']['I']``; the diagonal and one triangle sum to the ties, :func:`matrix_total`).

    ``scope``: ``actors`` (ties between two organisations or people: direct learning) or
    ``networks`` (ties with a network or body at an end).
    """
    ctx = context_for(G, ctx)
    counts: Counter[tuple[str, str]] = Counter(cell for _, _, in_scope, _, cell in tie_rows(ctx)
                                               if in_scope == scope and cell)
    return matrix_from_counts((a, b, n) for (a, b), n in counts.items())


def tie_summary(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, dict[str, int]]:
    """Per scope (``actors``, ``networks``, ``all``): learning ties, horizontal, vertical and unknown.

    The counts equal the matrices' (:func:`matrix_total` of :func:`level_matrix` per scope) by
    construction: both come from :func:`tie_cell` and :func:`direction`.
    """
    ctx = context_for(G, ctx)
    result = {scope: {"ties": 0, **dict.fromkeys(DIRECTIONS, 0)} for scope in (*SCOPES, "all")}
    for (scope, kind), n in Counter((scope, kind) for _, _, scope, kind, _ in tie_rows(ctx)).items():
        for key in (scope, "all"):
            result[key]["ties"] += n
            result[key][kind] += n
    return result


def network_ties_between(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[tuple[str, str], int]:
    """Per level pair (lower first): learning ties with a network or body at an end whose ends span that pair
    (one end at each level). Context for a level gap, not direct learning between actors."""
    ctx = context_for(G, ctx)
    result: Counter[tuple[str, str]] = Counter()
    for u, v, scope, _, _ in tie_rows(ctx):
        if scope == "networks":
            result.update(_spanned(ctx.levels[u], ctx.levels[v]))
    return dict(result)


@cache
def _spanned(levels_a: tuple[str, ...], levels_b: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    return frozenset((a, b) if LEVELS.index(a) <= LEVELS.index(b) else (b, a) for a in levels_a for b in levels_b)


def channel_networks(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[tuple[str, str], list[str]]:
    """Per level pair, the networks and bodies where both levels meet (two different actors,
    or two actors at the same level for the diagonal)."""
    ctx = context_for(G, ctx)
    result: dict[tuple[str, str], list[str]] = defaultdict(list)
    for net in ctx.networks:
        counts = Counter(lv for m in ctx.actors_of(net) for lv in ctx.levels[m])
        present = [lv for lv in LEVELS if counts[lv]]
        for i, a in enumerate(present):
            if counts[a] >= 2:
                result[(a, a)].append(net)
            for b in present[i + 1:]:
                if _two_actors(ctx, net, a, b):
                    result[(a, b)].append(net)
    return dict(result)


def _two_actors(ctx: Context, net: str, a: str, b: str) -> bool:
    """Whether different actors of ``net`` sit at a and at b (one actor at both is no channel)."""
    at_a = {m for m in ctx.actors_of(net) if a in ctx.levels[m]}
    return any(b in ctx.levels[m] for m in ctx.actors_of(net) if m not in at_a) or (
        len(at_a) >= 2 and any(b in ctx.levels[m] for m in at_a))


def channels_from_level_sets(rows: Iterable[tuple[str, Iterable[tuple[Iterable[str], int]]]]
                             ) -> tuple[dict[tuple[str, str], list[str]], dict[str, str]]:
    """:func:`channel_networks` and :func:`single_level_networks` from per-network counts made elsewhere
    (Cypher): ``(network, [(levels of actors, how many), ...])`` in graph order. Two different actors sit at
    a and at b unless the one actor at a is the one actor at b.

    >>> channels, single = channels_from_level_sets([("n", [(["I", "II"], 1)]), ("m", [(["I"], 2), ([], 1)])])
    >>> channels, single
    ({('I', 'I'): ['m']}, {'m': 'I'})
    """
    channels: dict[tuple[str, str], list[str]] = defaultdict(list)
    single = {}
    for net, sets in rows:
        by_set: Counter[frozenset[str]] = Counter()
        for levels_of, n in sets:
            by_set[frozenset(levels_of)] += n
        counts: Counter[str] = Counter()
        for found, n in by_set.items():
            counts.update(dict.fromkeys(found, n))
        present = [lv for lv in LEVELS if counts[lv]]
        for i, a in enumerate(present):
            if counts[a] >= 2:
                channels[(a, a)].append(net)
            for b in present[i + 1:]:
                both = sum(n for found, n in by_set.items() if a in found and b in found)
                if not counts[a] == counts[b] == both == 1:
                    channels[(a, b)].append(net)
        if len(present) == 1:
            single[net] = present[0]
    return dict(channels), single


def channel_matrix(G: nx.MultiDiGraph, ctx: Context | None = None,
                   channels: dict[tuple[str, str], list[str]] | None = None) -> Matrix:
    """Number of networks and bodies through which each pair of levels can learn."""
    channels = channels if channels is not None else channel_networks(G, ctx)
    matrix = empty_matrix()
    for (a, b), nets in channels.items():
        add_symmetric(matrix, a, b, len(nets))
    return matrix


def direction(ctx: Context, u: str, v: str) -> str:
    """The direction of a tie u-v, as the graph's ``direction`` (effective levels), or ``unknown``."""
    return _direction(ctx.levels[u], ctx.levels[v])


@cache
def _direction(levels_a: tuple[str, ...], levels_b: tuple[str, ...]) -> str:
    return tie_direction(levels_a, levels_b) or "unknown"


def network_direction_counts(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, dict[str, int]]:
    """Per network: learning ties between two of its members, horizontal and vertical."""
    ctx = context_for(G, ctx)
    counts = {n: dict.fromkeys(DIRECTIONS, 0) for n in ctx.networks}
    networks_of, none = ctx.networks_of, frozenset[str]()
    for u, v, _, kind, _ in tie_rows(ctx):
        a, b = networks_of.get(u, none), networks_of.get(v, none)
        if a and b:
            for net in a & b:
                counts[net][kind] += 1
    return counts


def network_directions_from_level_sets(networks: Iterable[str],
                                      rows: Iterable[tuple[str, Iterable[str], Iterable[str], int]]
                                      ) -> dict[str, dict[str, int]]:
    """:func:`network_direction_counts` from counts made elsewhere (Cypher): ``(network, levels of one end,
    levels of the other, ties)``, every network of ``networks`` listed (those without such ties at zero).

    >>> network_directions_from_level_sets(["n", "m"], [("n", ["I"], ["II", "I"], 2), ("n", ["I"], [], 1)])
    {'n': {'horizontal': 2, 'vertical': 0, 'unknown': 1}, 'm': {'horizontal': 0, 'vertical': 0, 'unknown': 0}}
    """
    counts = {n: dict.fromkeys(DIRECTIONS, 0) for n in networks}
    for net, levels_a, levels_b, n in rows:
        a, b = in_order(levels_a), in_order(levels_b)
        counts[net][_direction(a, b)] += n
    return counts


def ei_index(external: int, internal: int) -> float | None:
    """Krackhardt & Stern's E-I index: (E - I) / (E + I), from -1 (all within) to +1 (all between).

    >>> ei_index(3, 1)
    0.5
    >>> ei_index(0, 0) is None
    True
    """
    total = external + internal
    return None if total == 0 else (external - internal) / total


def network_ei(G: nx.MultiDiGraph, ctx: Context | None = None,
               counts: dict[str, dict[str, int]] | None = None) -> dict[str, float | None]:
    """E-I index per network over the learning ties between two of its members and seat holders
    (:func:`network_direction_counts`): vertical ties are external, horizontal ones internal.
    None for a network without such ties (or only ties of unknown direction)."""
    counts = counts if counts is not None else network_direction_counts(G, ctx)
    return {net: ei_index(c["vertical"], c["horizontal"]) for net, c in counts.items()}


def single_level_networks(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, str]:
    """Networks with members whose known levels all fall on one level: network id -> that level."""
    ctx = context_for(G, ctx)
    result = {}
    for net in ctx.networks:
        found = {lv for m in ctx.actors_of(net) for lv in ctx.levels[m]}
        if len(found) == 1:
            result[net] = found.pop()
    return result


def level_gaps(matrix: Matrix, channels: dict[tuple[str, str], list[str]], minimum: int = 1,
               network_ties: dict[tuple[str, str], int] | None = None) -> list[dict]:
    """Level pairs (diagonal included) with fewer than ``minimum`` direct ties between actors (``matrix``:
    the ``actors`` scope), with their channels and, as context, the ties with a network at an end that span them.

    >>> m = empty_matrix(); m["I"]["II"] = m["II"]["I"] = 1
    >>> [(g["levels"], g["ties"]) for g in level_gaps(m, {}, 1)][:2]
    [(['I', 'I'], 0), (['I', 'III'], 0)]
    """
    gaps = []
    for i, a in enumerate(LEVELS):
        for b in LEVELS[i:]:
            if matrix[a][b] < minimum:
                gaps.append({"levels": [a, b], "ties": matrix[a][b], "minimum": minimum,
                             "channels": list(channels.get((a, b), [])),
                             "network_ties": (network_ties or {}).get((a, b), 0)})
    return gaps


def unknown_levels(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[str]:
    """Organisations and people whose level is unknown, even through a home organisation."""
    ctx = context_for(G, ctx)
    return [n for n, kind in ctx.G.nodes(data="kind") if kind in ACTOR_KINDS and not ctx.levels[n]]
