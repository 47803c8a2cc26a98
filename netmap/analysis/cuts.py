"""Single points of failure through the block-cut tree, and separate components (linear time).

Removing a cut vertex v splits its component; rooted at KBL's bodies, the parts
cut off are the subtrees below v in the block-cut tree. A child block of exactly
two nodes is a bridge: when that edge is a tie, the tie itself is the single point
of failure, reported once as a tie rather than again as an actor.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from netmap.analysis.common import Context
from netmap.analysis.representation import constituencies
from netmap.graph import TIE

Info = tuple[int, int, int, tuple, str]  # size, networks, constituencies, best score, best node


def cut_facts(ctx: Context, H: nx.Graph, anchor_ids: set[str]) -> list[dict]:
    """Actors and ties whose removal cuts a group off from KBL's bodies (or the largest part).

    A *group* is a part holding a network or body, a constituency, or at least
    ``settings.spof_min_group_size`` actors. Each fact: ``type`` (``actor``/``tie``),
    ``subjects`` and the cut-off ``pieces`` (``size``, ``networks``, ``constituencies``,
    ``best`` = the most telling node).
    """
    blocks = list(nx.biconnected_components(H))
    node_blocks: dict[str, list[int]] = defaultdict(list)
    for i, block in enumerate(blocks):
        for v in block:
            node_blocks[v].append(i)
    cuts = {v for v, bs in node_blocks.items() if len(bs) > 1}
    if not cuts:
        return []
    tree: dict[tuple, list[tuple]] = defaultdict(list)
    for i, block in enumerate(blocks):
        for v in block & cuts:  # set intersection walks the smaller of the two
            tree[("B", i)].append(("C", v))
            tree[("C", v)].append(("B", i))
    info = _own_info(ctx, H, blocks, cuts)
    facts: list[dict] = []
    for comp in nx.connected_components(H):
        if len(comp) >= 3:
            root_node = _root(H, comp, anchor_ids)
            root = ("C", root_node) if root_node in cuts else ("B", node_blocks[root_node][0])
            facts += _component_facts(ctx, H, tree, info, root, blocks)
    return facts


def _own_info(ctx: Context, H: nx.Graph, blocks: list[set[str]], cuts: set[str]) -> dict[tuple, Info]:
    """What each tree node holds on its own: a cut vertex itself, a block its other nodes."""
    cons = set(constituencies(ctx.G, ctx)) | set(ctx.represented)
    nets = set(ctx.networks)

    def describe(nodes) -> Info:
        size = n_net = n_cons = 0
        best: tuple = (-1,)
        best_node = ""
        for v in nodes:
            size += 1
            n_net += v in nets
            n_cons += v in cons
            score = (v in nets, H.degree(v), str(v))
            if score > best:
                best, best_node = score, v
        return size, n_net, n_cons, best, best_node

    info: dict[tuple[str, Any], tuple] = {("C", v): describe([v]) for v in cuts}
    for i, block in enumerate(blocks):
        info[("B", i)] = describe(v for v in block if v not in cuts)
    return info


def _root(H: nx.Graph, comp: set[str], anchor_ids: set[str]) -> str:
    # the best-connected KBL body is "the rest" that other parts must not be cut off from
    inside = anchor_ids & comp or comp
    return max(inside, key=lambda v: (H.degree(v), str(v)))


def _component_facts(ctx: Context, H: nx.Graph, tree: dict, info: dict, root: tuple,
                     blocks: list[set[str]]) -> list[dict]:
    parent: dict[tuple, tuple | None] = {root: None}
    order = [root]
    for t in order:  # breadth-first: the list grows while we walk it
        for child in tree.get(t, ()):
            if child not in parent:
                parent[child] = t
                order.append(child)
    agg = {t: info[t] for t in order}
    for t in reversed(order):
        p = parent[t]
        if p is not None:
            agg[p] = _merge(agg[p], agg[t])
    facts = []
    for t in order:
        if t[0] == "C":
            children = [c for c in tree.get(t, ()) if parent.get(c) == t]
            facts += _cut_vertex_facts(ctx, t[1], children, agg, blocks)
    return facts


def _merge(a: Info, b: Info) -> Info:
    best = a if a[3] >= b[3] else b
    return a[0] + b[0], a[1] + b[1], a[2] + b[2], best[3], best[4]


def _cut_vertex_facts(ctx: Context, v: str, children: list[tuple], agg: dict, blocks: list) -> list[dict]:
    facts, pieces = [], []
    for child in children:
        size, n_net, n_cons, _, best = agg[child]
        if not (n_net or n_cons or size >= ctx.settings.spof_min_group_size):
            continue
        piece = {"size": size, "networks": n_net, "constituencies": n_cons, "best": best}
        block = blocks[child[1]]
        other = next(iter(block - {v})) if len(block) == 2 else None
        if other is not None and _has_tie(ctx.G, v, other):
            facts.append({"type": "tie", "subjects": [v, other], "pieces": [piece], "size": size})
        else:
            pieces.append(piece)
    if pieces:
        facts.append({"type": "actor", "subjects": [v], "pieces": pieces, "size": sum(p["size"] for p in pieces)})
    return facts


def _has_tie(G: nx.MultiDiGraph, a: str, b: str) -> bool:
    edges = list((G.get_edge_data(a, b) or {}).values()) + list((G.get_edge_data(b, a) or {}).values())
    return any(d["rel"] == TIE for d in edges)


def separate_component_facts(ctx: Context, comps: list[set[str]], main: int) -> list[list[str]]:
    """Components of two or more nodes apart from the main one, each as a sorted id list."""
    return [sorted(c, key=str) for i, c in enumerate(comps) if i != main and len(c) >= 2]
