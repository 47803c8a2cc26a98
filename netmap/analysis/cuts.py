"""Cuts that matter, separate groups and isolated actors, all on the connectivity view.

The *core* is the component of the connectivity view
(:func:`netmap.analysis.structure.connectivity_graph`) holding most of KBL's bodies.
Removing a cut vertex v of the core splits it into pieces: the subtrees around v in
the block-cut tree. The tree is rooted at its centroid weighted by KBL's bodies (then
by actors), so the side of v holding the root is always the core side; a piece is
reported only when it is the smaller side and a *meaningful group* (a network or body
with its members, a constituency, or at least ``settings.spof_min_group_size`` actors).
A piece of one organisation or network ("network X -> its one member only in X") is a
*trivial cut*: all of them together make one low finding. A person reached through one
body only is no cut at all. A child block of exactly two nodes is a bridge: when that
edge is a tie, the tie itself is the single point of failure, reported as a tie. All
linear in the graph.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from netmap.analysis import compiled
from netmap.analysis.common import ACTOR_KINDS, Context
from netmap.analysis.compiled import Compiled, as_compiled
from netmap.analysis.representation import constituencies
from netmap.analysis.structure import components, main_component
from netmap.graph import REPRESENTATION, TIE

Info = tuple[int, int, int, int, tuple, str]  # size, networks, constituencies, anchors, best score, best node


def core_of(H: nx.Graph | Compiled, anchor_ids: set[str]) -> set[str]:
    """The core: the component holding most of KBL's bodies (else the largest); empty for an empty graph."""
    comps = components(H)
    return comps[main_component(comps, anchor_ids)] if comps else set()


def cut_facts(ctx: Context, H: nx.Graph | Compiled, anchor_ids: set[str],
              core: set[str] | None = None) -> tuple[list[dict], list[dict]]:
    """Cuts that detach a meaningful group from the core, and the trivial cuts.

    Returns ``(cuts, trivial)``. Each cut: ``type`` (``actor``/``tie``), ``subjects``, the
    detached ``pieces`` (``size``, ``networks``, ``constituencies``, ``anchors``, ``best`` = the
    most telling node) and ``size``. Each trivial cut: ``cut`` (the actor or network all goes
    through) and ``actor`` (the one organisation or network hanging on it). ``core`` may be
    given when the caller has the components already. The blocks come from igraph's
    biconnected components on the compiled view.
    """
    C = as_compiled(H)
    core = core_of(C, anchor_ids) if core is None else core
    if len(core) < 3:
        return [], []
    nodes, index = C.nodes, C.index
    found = [[nodes[i] for i in b] for b in compiled.blocks(C, sorted(index[v] for v in core))]
    seen: dict[str, int] = defaultdict(int)
    for block in found:
        for v in block:
            seen[v] += 1
    cuts = {v for v, times in seen.items() if times > 1}
    if not cuts:
        return [], []
    describe = Describer(ctx, anchor_ids, lambda v: int(C.degree[index[v]]))
    blocks = [Block(key=block_key([index[v] for v in b if v in cuts], [index[v] for v in b if v not in cuts]),
                    cuts=sorted((v for v in b if v in cuts), key=index.__getitem__),
                    info=describe(v for v in b if v not in cuts),
                    ends=tuple(b) if len(b) == 2 else None)
              for b in found]
    return block_tree_facts(ctx, blocks, {v: describe([v]) for v in cuts}, len(core))


def contracted_facts(ctx: Context, summary: dict[str, Any], anchor_ids: set[str]) -> dict[str, Any]:
    """The connectivity facts (``components``, ``separate``, ``isolated``, ``spof``, ``spof_trivial``) from the
    database's results (:func:`netmap.neo4j.connectivity.connectivity_summary`): the components in order (size,
    then first actor) with the members of all but the core, the core's articulation points and its
    *fragments* (the components of the core without them), each with what it holds.

    The blocks are found on the *contracted graph*: a node per articulation point and per fragment, an edge
    between two articulation points that are neighbours, between a fragment and each articulation point it
    touches, and a path through the articulation points one fragment touches. Every neighbour of a fragment's
    node lies in the node's one block, so a fragment and the articulation points it touches are in one block
    and the path adds no edge between blocks; a fragment is connected and, with the path, its removal leaves
    its neighbours together, so contracting it splits no block. The contracted graph thus has the core's blocks
    (each fragment for its nodes) and cut vertices, and the same block-cut tree.
    """
    comps, main = summary["components"], summary["core"]
    facts: dict[str, Any] = {"components": [c["size"] for c in comps]}
    facts["separate"] = [sorted(c["ids"], key=str) for i, c in enumerate(comps) if i != main and c["size"] >= 2]
    facts["isolated"] = sorted(({"actor": c["ids"][0], "relations": _relations(ctx.G, c["ids"][0])}
                                for i, c in enumerate(comps) if i != main and c["size"] == 1
                                and ctx.G.nodes[c["ids"][0]]["kind"] in ACTOR_KINDS),
                               key=lambda f: str(f["actor"]))
    facts["spof"], facts["spof_trivial"] = [], []
    cut_rows, fragments = summary["cuts"], {f["fragment"]: f for f in summary["fragments"]}
    if not cut_rows:
        return facts
    order = {c["id"]: c["ord"] for c in cut_rows}
    R = nx.Graph()
    touched: dict[Any, list[str]] = defaultdict(list)
    for c in cut_rows:
        R.add_node(("C", c["id"]))
        R.add_edges_from((("C", c["id"]), ("C", other)) for other in c["cuts"])
        for f in c["fragments"]:
            R.add_edge(("C", c["id"]), ("F", f))
            touched[f].append(c["id"])
    for around in touched.values():
        around.sort(key=order.__getitem__)
        R.add_edges_from((("C", a), ("C", b)) for a, b in zip(around, around[1:]))
    info = {f: _fragment_info(row) for f, row in fragments.items()}
    empty: Info = (0, 0, 0, 0, (-1,), "")
    blocks = []
    for found in nx.biconnected_components(R):
        cut_ids = sorted((v for kind, v in found if kind == "C"), key=order.__getitem__)
        own = [f for kind, f in found if kind == "F"]
        merged = empty
        for f in own:
            merged = _merge(merged, info[f]) if merged[0] else info[f]
        size = len(cut_ids) + sum(fragments[f]["size"] for f in own)
        ends = tuple(cut_ids + [info[f][5] for f in own]) if size == 2 else None
        blocks.append(Block(key=block_key([order[v] for v in cut_ids], [fragments[f]["first"] for f in own]),
                            cuts=cut_ids, info=merged, ends=ends))
    degree = {c["id"]: int(c["degree"]) for c in cut_rows}
    describe = Describer(ctx, anchor_ids, degree.__getitem__)
    facts["spof"], facts["spof_trivial"] = block_tree_facts(ctx, blocks, {v: describe([v]) for v in degree},
                                                            comps[main]["size"])
    return facts


def _fragment_info(row: dict[str, Any]) -> Info:
    """A fragment's :data:`Info` from ``read_core_fragments.cypher``'s row: its best score is the body,
    network and degree the database packed into one number, and the largest id among the actors with it."""
    top, best = int(row["top"]), max(row["best"], key=str)
    score = (bool(top >> 41 & 1), bool(top >> 40 & 1), top & ((1 << 40) - 1), str(best))
    return int(row["size"]), int(row["networks"]), int(row["constituencies"]), int(row["anchors"]), score, best


@dataclass(frozen=True)
class Block:
    """A biconnected block of the core as the block-cut tree needs it: ``cuts`` (its cut vertices, in
    graph order), ``info`` (what its other nodes hold together, :class:`Describer`), ``ends`` (its two
    nodes when it has exactly two: a bridge) and ``key`` (:func:`block_key`)."""

    key: tuple
    cuts: list[str]
    info: Info
    ends: tuple | None = None


def block_key(cut_numbers: list[int], other_numbers: list[int]) -> tuple:
    """The place of a block among the blocks, from its nodes' numbers in graph order: the smallest
    number, then the smallest of a node that is no cut vertex (-1 when there is none), then the cut
    vertices. Two blocks share at most one node and a node that is no cut vertex lies in one block only,
    so no two blocks get the same key; it depends on the nodes alone, not on how the blocks were found
    (igraph on the whole view, or the database's contracted graph, :mod:`netmap.neo4j.connectivity`)."""
    cut = sorted(cut_numbers)
    low = min(other_numbers) if other_numbers else -1
    return (min(cut[:1] + ([low] if low >= 0 else [])), low, tuple(cut))


class Describer:
    """What a set of nodes holds (:data:`Info`): its size, networks, constituencies and KBL bodies, and
    its most telling node (a body, then a network, then the most connected, then the largest id)."""

    def __init__(self, ctx: Context, anchor_ids: set[str], degree: Callable[[str], int]):
        self.cons = set(constituencies(ctx.G, ctx)) | set(ctx.represented)
        self.nets = set(ctx.networks)
        self.anchors = anchor_ids
        self.degree = degree

    def score(self, v: str) -> tuple:
        return (v in self.anchors, v in self.nets, self.degree(v), str(v))

    def __call__(self, nodes: Iterable[str]) -> Info:
        size = n_net = n_cons = n_anchor = 0
        best: tuple = (-1,)
        best_node = ""
        for v in nodes:
            size += 1
            n_net += v in self.nets
            n_cons += v in self.cons
            n_anchor += v in self.anchors
            score = self.score(v)
            if score > best:
                best, best_node = score, v
        return size, n_net, n_cons, n_anchor, best, best_node


def block_tree_facts(ctx: Context, blocks: list[Block], cut_info: dict[str, Info],
                     n: int) -> tuple[list[dict], list[dict]]:
    """:func:`cut_facts` from the core's blocks and what each cut vertex holds (``cut_info``), ``n`` the
    core's size. The blocks are taken in the order of their keys and the cut vertices of a block in graph
    order, so the tree, its root and the facts' order follow from the graph alone."""
    blocks = sorted(blocks, key=lambda b: b.key)
    tree: dict[tuple, list[tuple]] = defaultdict(list)
    for i, block in enumerate(blocks):
        for v in block.cuts:
            tree[("B", i)].append(("C", v))
            tree[("C", v)].append(("B", i))
    info: dict[tuple, Info] = {("C", v): i for v, i in cut_info.items()}
    info |= {("B", i): block.info for i, block in enumerate(blocks)}
    root = _centroid(tree, info, ("B", 0), n)
    parent, order = _walk(tree, root)
    agg = _aggregate(info, parent, order)
    found: list[dict] = []
    trivial: list[dict] = []
    ends = {("B", i): b.ends for i, b in enumerate(blocks) if b.ends is not None and _has_tie(ctx.G, *b.ends)}
    for t in order:
        if t in ends:
            _bridge_fact(ctx, t, ends[t], parent, agg, info, n, found, trivial)
        elif t[0] == "C":
            children = [c for c in tree.get(t, ()) if parent.get(c) == t]
            if t == root:  # the core side is the child holding most bodies, then most actors
                children.remove(max(children, key=lambda c: (_weight(agg[c], n), str(c))))
            pieces = [p for c in children if c not in ends
                      for p in _pieces(ctx, t[1], agg[c], n, trivial)]
            if pieces:
                found.append({"type": "actor", "subjects": [t[1]], "pieces": pieces,
                              "size": sum(p["size"] for p in pieces)})
    return found, sorted(trivial, key=lambda x: (str(x["actor"]), str(x["cut"])))


def _bridge_fact(ctx: Context, t: tuple, pair: tuple, parent: dict, agg: dict, info: dict, n: int,
                 found: list[dict], trivial: list[dict]) -> None:
    """A bridge that is a tie: the side without the core is cut off when the tie goes."""
    ends = sorted(pair, key=str)
    if parent[t] is not None:  # below the root: the side below the tie is the smaller, body-poorer one
        v = parent[t][1]
        sides = [(v, next(e for e in ends if e != v), agg[t])]
    else:  # the root itself: the side with fewer bodies (then fewer actors) is cut off
        own = {e: agg.get(("C", e)) or _single(info, t, e) for e in ends}
        light = min(ends, key=lambda e: (_weight(own[e], n), str(e)))
        sides = [(next(e for e in ends if e != light), light, own[light])]
    for v, w, side in sides:
        pieces = _pieces(ctx, v, side, n, trivial, edge=True)
        if pieces:
            found.append({"type": "tie", "subjects": [v, w], "pieces": pieces, "size": pieces[0]["size"]})


def _single(info: dict, t: tuple, e: str) -> Info:
    # an end of the root bridge that is no cut vertex stands alone (the block holds just it)
    size, n_net, n_cons, n_anchor, best, node = info[t]
    return (1, n_net, n_cons, n_anchor, best, node) if node == e else (1, 0, 0, 0, (-1,), e)


def _pieces(ctx: Context, v: str, i: Info, n: int, trivial: list[dict], edge: bool = False) -> list[dict]:
    """The piece as a reported group ([] when it is not one; a trivial cut is noted in ``trivial``)."""
    size, n_net, n_cons, n_anchor, _, best = i
    rest = n - size if edge else n - 1 - size
    if size >= rest:  # never the majority side, nor an equal half
        return []
    if size == 1 and not n_anchor:
        if ctx.G.nodes[best]["kind"] != "person":  # a person in one body only is no cut
            trivial.append({"cut": v, "actor": best})
        return []
    if not (n_net or n_cons or n_anchor or size >= ctx.settings.spof_min_group_size):
        return []
    return [{"size": size, "networks": n_net, "constituencies": n_cons, "anchors": n_anchor, "best": best}]


def _weight(i: Info, n: int) -> int:
    # KBL's bodies first, then actors: a piece with more bodies is more "core" than a larger one
    return i[3] * (n + 1) + i[0]


def _walk(tree: dict, root: tuple) -> tuple[dict[tuple, tuple | None], list[tuple]]:
    parent: dict[tuple, tuple | None] = {root: None}
    order = [root]
    for t in order:  # breadth-first: the list grows while we walk it
        for child in tree.get(t, ()):
            if child not in parent:
                parent[child] = t
                order.append(child)
    return parent, order


def _aggregate(info: dict, parent: dict, order: list[tuple]) -> dict[tuple, Info]:
    agg = {t: info[t] for t in order}
    for t in reversed(order):
        p = parent[t]
        if p is not None:
            agg[p] = _merge(agg[p], agg[t])
    return agg


def _centroid(tree: dict, info: dict, start: tuple, n: int) -> tuple:
    """The tree node none of whose subtrees holds more than half of the weight (bodies, then actors)."""
    parent, order = _walk(tree, start)
    agg = _aggregate(info, parent, order)
    total = _weight(agg[start], n)
    t = start
    while True:
        heavier = [c for c in tree.get(t, ()) if parent.get(c) == t and 2 * _weight(agg[c], n) > total]
        if not heavier:
            return t
        t = heavier[0]


def _merge(a: Info, b: Info) -> Info:
    best = a if a[4] >= b[4] else b
    return a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], best[4], best[5]


def _has_tie(G: nx.MultiDiGraph, a: str, b: str) -> bool:
    edges = list((G.get_edge_data(a, b) or {}).values()) + list((G.get_edge_data(b, a) or {}).values())
    return any(d["rel"] == TIE for d in edges)


def separate_component_facts(ctx: Context, comps: list[set[str]], main: int) -> list[list[str]]:
    """Components of two or more nodes apart from the core, each as a sorted id list."""
    return [sorted(c, key=str) for i, c in enumerate(comps) if i != main and len(c) >= 2]


def isolated_facts(ctx: Context, comps: list[set[str]], main: int) -> list[dict]:
    """Actors with no path to the core that are alone in the connectivity view (not in a separate group).

    Each fact: ``actor`` and the ``relations`` it does have outside the view (``rel``,
    ``kind`` for a tie, ``other``), empty when it has no relation at all.
    """
    facts = []
    for i, comp in enumerate(comps):
        if i == main or len(comp) != 1:
            continue
        (n,) = comp
        if ctx.G.nodes[n]["kind"] in ACTOR_KINDS:
            facts.append({"actor": n, "relations": _relations(ctx.G, n)})
    return sorted(facts, key=lambda f: str(f["actor"]))


def _relations(G: nx.MultiDiGraph, n: str) -> list[dict]:
    """Every relation of n, named from n's side: ``parent`` (n's parent), ``parent_of`` (n is the parent) ..."""
    found = []
    for u, v, d in [*G.out_edges(n, data=True), *G.in_edges(n, data=True)]:
        rel, other = d["rel"], (v if u == n else u)
        if rel == REPRESENTATION and d.get("body_id") and u == n:
            found.append({"rel": "seat", "kind": "", "other": d["body_id"]})
        name = rel if u == n or rel == TIE else f"{rel}_of"
        found.append({"rel": name, "kind": (d.get("kind") or "") if rel == TIE else "", "other": other})
    return sorted(found, key=lambda r: (r["rel"], r["kind"], str(r["other"])))
