"""Horizontal and vertical learning between the four levels.

- :func:`level_matrix`: direct learning ties between levels (a tie between
  multi-level actors counts once in every level pair it connects);
- :func:`channel_matrix`: networks and bodies in which two levels meet;
- :func:`direction_counts` / :func:`network_direction_counts`: horizontal vs
  vertical ties per actor and per network; :func:`ei_index` (Krackhardt & Stern)
  with levels as groups;
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

import networkx as nx

from netmap.analysis.common import ACTOR_KINDS, Context, build_context, primary_level
from netmap.analysis.settings import Settings
from netmap.model import LEVELS, tie_direction

Matrix = dict[str, dict[str, int]]


def context_for(G: nx.MultiDiGraph, ctx: Context | None, settings: Settings | None = None) -> Context:
    """The shared context, built on the spot when a function is called on its own."""
    return ctx if ctx is not None else build_context(G, settings or Settings())


def empty_matrix() -> Matrix:
    """A 4x4 matrix of zeros keyed by level."""
    return {a: dict.fromkeys(LEVELS, 0) for a in LEVELS}


def level_pairs(levels_a: tuple[str, ...], levels_b: tuple[str, ...]) -> set[tuple[str, str]]:
    """The unordered level pairs a tie between two actors connects.

    >>> sorted(level_pairs(("I", "II"), ("II",)))
    [('I', 'II'), ('II', 'II')]
    """
    return {(a, b) if LEVELS.index(a) <= LEVELS.index(b) else (b, a) for a in levels_a for b in levels_b}


def add_symmetric(matrix: Matrix, a: str, b: str, n: int = 1) -> None:
    matrix[a][b] += n
    if a != b:
        matrix[b][a] += n


def matrix_from_counts(rows) -> Matrix:
    """The symmetric level matrix from ``(level a, level b, ties)`` counts made anywhere (Cypher)."""
    matrix = empty_matrix()
    for a, b, n in rows:
        add_symmetric(matrix, a, b, n)
    return matrix


def level_matrix(G: nx.MultiDiGraph, ctx: Context | None = None) -> Matrix:
    """Direct learning ties between levels, symmetric (``m['I']['IV'] == m['IV']['I']``)."""
    ctx = context_for(G, ctx)
    matrix = empty_matrix()
    for u, v, _ in ctx.ties:
        for a, b in level_pairs(ctx.levels[u], ctx.levels[v]):
            add_symmetric(matrix, a, b)
    return matrix


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


def channel_matrix(G: nx.MultiDiGraph, ctx: Context | None = None,
                   channels: dict[tuple[str, str], list[str]] | None = None) -> Matrix:
    """Number of networks and bodies through which each pair of levels can learn."""
    channels = channels if channels is not None else channel_networks(G, ctx)
    matrix = empty_matrix()
    for (a, b), nets in channels.items():
        add_symmetric(matrix, a, b, len(nets))
    return matrix


def direction_counts(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, dict[str, int]]:
    """Per actor with learning ties: how many are horizontal, vertical, or of unknown direction."""
    ctx = context_for(G, ctx)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"horizontal": 0, "vertical": 0, "unknown": 0})
    for u, v, _ in ctx.ties:
        kind = direction(ctx, u, v)
        counts[u][kind] += 1
        counts[v][kind] += 1
    return dict(counts)


def direction(ctx: Context, u: str, v: str) -> str:
    """The direction of a tie u-v, as the graph's ``direction`` (effective levels), or ``unknown``."""
    return tie_direction(ctx.levels[u], ctx.levels[v]) or "unknown"


def network_direction_counts(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, dict[str, int]]:
    """Per network: learning ties between two of its members, horizontal and vertical."""
    ctx = context_for(G, ctx)
    counts = {n: {"horizontal": 0, "vertical": 0, "unknown": 0} for n in ctx.networks}
    for u, v, _ in ctx.ties:
        for net in ctx.networks_of.get(u, set()) & ctx.networks_of.get(v, set()):
            counts[net][direction(ctx, u, v)] += 1
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


def actor_ei(counts: dict[str, dict[str, int]]) -> dict[str, float | None]:
    """E-I index per actor over its direct learning ties (vertical = external)."""
    return {n: ei_index(c["vertical"], c["horizontal"]) for n, c in counts.items()}


def network_ei(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, float | None]:
    """E-I index per network over all pairs of its members, grouped by (primary) level.

    A pair at different levels is external (a vertical channel), a pair at the same
    level internal; counted from group sizes, so linear in the members.
    """
    ctx = context_for(G, ctx)
    result = {}
    for net in ctx.networks:
        sizes = Counter(primary_level(ctx.levels[m]) for m in ctx.actors_of(net))
        sizes.pop(None, None)
        total = sum(sizes.values())
        internal = sum(c * (c - 1) // 2 for c in sizes.values())
        result[net] = ei_index(total * (total - 1) // 2 - internal, internal)
    return result


def single_level_networks(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, str]:
    """Networks with members whose known levels all fall on one level: network id -> that level."""
    ctx = context_for(G, ctx)
    result = {}
    for net in ctx.networks:
        found = {lv for m in ctx.actors_of(net) for lv in ctx.levels[m]}
        if len(found) == 1:
            result[net] = found.pop()
    return result


def level_gaps(matrix: Matrix, channels: dict[tuple[str, str], list[str]], minimum: int = 1) -> list[dict]:
    """Level pairs (diagonal included) with fewer than ``minimum`` direct ties, with their channels.

    >>> m = empty_matrix(); m["I"]["II"] = m["II"]["I"] = 1
    >>> [(g["levels"], g["ties"]) for g in level_gaps(m, {}, 1)][:2]
    [(['I', 'I'], 0), (['I', 'III'], 0)]
    """
    gaps = []
    for i, a in enumerate(LEVELS):
        for b in LEVELS[i:]:
            if matrix[a][b] < minimum:
                gaps.append({"levels": [a, b], "ties": matrix[a][b], "minimum": minimum,
                             "channels": list(channels.get((a, b), []))})
    return gaps


def unknown_levels(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[str]:
    """Organisations and people whose level is unknown, even through a home organisation."""
    ctx = context_for(G, ctx)
    return [n for n, kind in ctx.G.nodes(data="kind") if kind in ACTOR_KINDS and not ctx.levels[n]]
