"""From the analysis graph to what a map draws: selection, privacy and aggregation.

A map draws :class:`MapNode` and :class:`MapEdge` records, never the graph's raw
attributes, so that nothing reaches the HTML unless this module put it there:
who is hidden and what a hidden node shows is the policy of :mod:`netmap.privacy`
(a private node keeps its kind, type, levels and perspectives and loses its name,
id, region and free-text fields; with ``roles_only`` every person does). Parallel relations between
two drawn nodes merge into one line with a count.

Aggregation keeps big maps readable (thresholds in :data:`AGGREGATE_AT` and :data:`READABLE_AT`):
``organisations`` merges people into their home organisation, ``regions`` also
merges organisations (and their people) into their region; networks always stay.
``structure`` (national scale) draws what a meeting can read: one group per region
and level (an actor counts at its own levels, in its home organisation's region),
national actors as one group per type and level when there are more than
:data:`NATIONAL_TYPE_MAX` of a type (else each on its own), networks whose members all
lie in one region inside that region's group, and every other network on its own.
Groups carry their counts; lines between groups carry how many ties they bundle.

>>> from netmap.model import Dataset, Node, Membership
>>> from netmap.graph import build_graph
>>> ds = Dataset(nodes={"o": Node("o", "organisation", "Org", region="Noord"),
...                     "p": Node("p", "person", "Piet", role="coach", home_organisation_id="o"),
...                     "n": Node("n", "network", "Net")},
...              memberships=[Membership("p", "n")])
>>> M = build_map_graph(build_graph(ds), aggregate="organisations")
>>> sorted(M.nodes), [(e.u, e.v, e.style) for e in M.edges]
(['n', 'o'], [('o', 'n', 'membership')])
"""
from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from operator import itemgetter

import networkx as nx

from netmap import privacy
from netmap.errors import NetmapError
from netmap.graph import MEMBERSHIP, TIE, simple_graph
from netmap.i18n import t

AGGREGATIONS = ("none", "organisations", "regions", "structure")
#: ``aggregate="auto"`` merges people into organisations above this many drawn nodes (where
#: vis-network stops being smooth) ...
AGGREGATE_AT = 5000
#: ... and draws the ``structure`` groups when the map still has more than this many nodes
#: (more than a room can read: labels for a tenth of them at most).
READABLE_AT = 1500
#: ``renderer="auto"`` draws with WebGL (sigma.js) above this many drawn nodes, with vis-network's canvas
#: at or below it: measured in bench/maps.py (vis-network's time to interactive and its frame time grow
#: past what a reader calls smooth from a few thousand nodes; sigma's stay flat).
WEBGL_AT = 3000
#: ``renderer=``: ``auto`` picks by the drawn node count (:data:`WEBGL_AT`)
RENDERER_MODES = ("auto", "canvas", "webgl")
#: national actors (no region, or "landelijk") of a type with more than this many in a level are grouped
NATIONAL_TYPE_MAX = 5
#: the region value of national actors (synth and the KBL examples write it)
NATIONAL = "landelijk"
#: a group lists this many of its largest members by name in its details
GROUP_TOP = 8
#: a group carries this many of its members (largest first) for the page to draw when it is expanded;
#: the page names how many more there are
GROUP_MEMBERS = 40


@dataclass
class MapNode:
    """One drawn node; ``public_id`` is None when the id may not be shown."""

    key: str
    kind: str
    label: str
    public_id: str | None = None
    type: str = ""
    levels: tuple[str, ...] = ()
    perspectives: tuple[str, ...] = ()
    region: str = ""
    role: str = ""
    themes: set[str] = field(default_factory=set)
    networks: set[str] = field(default_factory=set)
    merged: dict[str, int] = field(default_factory=dict)
    top: list[str] = field(default_factory=list)  # a group's largest members, by name (privacy applied)
    # a group's members to draw when expanded: [label, kind, type, levels "I|II"] (privacy applied), largest first
    members: list[list[str]] = field(default_factory=list)
    private: bool = False
    change: str = ""  # new | gone | changed | same, on the union graph of a diff


@dataclass
class MapEdge:
    """One drawn line between two drawn nodes (parallel relations merged, ``count`` of them)."""

    u: str
    v: str
    style: str
    themes: set[str] = field(default_factory=set)
    steps: set[int] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    count: int = 0
    changes: set[str] = field(default_factory=set)  # the ``change`` of each merged relation, on a diff map

    @property
    def change(self) -> str:
        """new / gone / changed / same for the drawn line; empty outside a diff map.

        >>> MapEdge("a", "b", "membership", changes={"new"}).change, MapEdge("a", "b", "x").change
        ('new', '')
        >>> MapEdge("a", "b", "x", changes={"new", "same"}).change
        'changed'
        """
        if not self.changes:
            return ""
        return next(iter(self.changes)) if len(self.changes) == 1 else "changed"


@dataclass
class MapGraph:
    """What one map draws, plus how it was reduced."""

    nodes: dict[str, MapNode]
    edges: list[MapEdge]
    aggregated: str = "none"
    focus: str | None = None
    depth: int = 1
    total_nodes: int = 0
    group_of: dict[str, str] = field(default_factory=dict)

    def simple(self) -> nx.Graph:
        """Undirected simple graph of the drawn nodes and lines (for layouts and measures)."""
        H = nx.Graph()
        H.add_nodes_from(self.nodes)
        H.add_edges_from((e.u, e.v) for e in self.edges)
        return H


def region_members(G: nx.MultiDiGraph, region: str, roles_only: bool = False) -> list[str]:
    """The organisations of a region (as a reader sees it, any case), their people, and the networks
    whose every member is one of them: the start of a map focused on a region (drill-down from a group)."""
    want = region.strip().lower()
    orgs = {n for n, d in G.nodes(data=True) if d["kind"] == "organisation"
            and (privacy.visible(d, roles_only).get("region") or "").lower() == want}
    if not orgs:
        return []
    inside = set(orgs)
    inside |= {u for u, v, d in G.edges(data=True) if d["rel"] == "home" and v in orgs}
    members: dict[str, set[str]] = {}
    for u, v, d in G.edges(data=True):
        if d["rel"] == MEMBERSHIP:
            members.setdefault(v, set()).add(u)
    inside |= {net for net, ms in members.items() if ms and ms <= inside}
    return [n for n in G.nodes if n in inside]


def focus_nodes(G: nx.MultiDiGraph, focus: str, depth: int, lang: str = "nl", roles_only: bool = False) -> set[str]:
    """The ids within ``depth`` steps of ``focus``, over every relation, either direction.

    ``focus`` is a node id, or a region's name: then the steps start from everything in that region
    (:func:`region_members`), so a national map's region group can be opened on its own.
    """
    start = [focus] if focus in G else region_members(G, focus, roles_only)
    if not start:
        raise NetmapError(t("map.unknown_focus", lang, focus=repr(focus)))
    H = simple_graph(G)
    seen, queue = dict.fromkeys(start, 0), deque(start)
    while queue:
        node = queue.popleft()
        if seen[node] < depth:
            for nb in H[node]:
                if nb not in seen:
                    seen[nb] = seen[node] + 1
                    queue.append(nb)
    return set(seen)


def shown_field(data: dict, name: str, hidden: bool):
    """One field of a node as a reader may see it: what :func:`netmap.privacy.visible` keeps, without the copy.

    >>> shown_field({"region": "Noord"}, "region", True), shown_field({"region": "Noord"}, "region", False)
    (None, 'Noord')
    """
    return None if hidden and name in privacy.HIDDEN_FIELDS else data.get(name)


def to_map_node(G: nx.MultiDiGraph, node: str, roles_only: bool, lang: str) -> MapNode:
    """The drawn form of one graph node, with the privacy policy (:mod:`netmap.privacy`) applied."""
    data = G.nodes[node]
    hidden = privacy.is_hidden(data, roles_only)
    return MapNode(key=node, kind=data["kind"],
                   label=privacy.shown_label(data, lang) if hidden else str(data.get("name") or ""),
                   public_id=None if hidden else node, type=data.get("type") or "",
                   levels=tuple(data.get("levels") or ()), perspectives=tuple(data.get("perspectives") or ()),
                   region=shown_field(data, "region", hidden) or "", role=data.get("role") or "",
                   themes=set(shown_field(data, "themes", hidden) or ()), private=hidden,
                   change=data.get("change") or "")


def group_key(G: nx.MultiDiGraph, node: str, mode: str, homes: dict[str, str]) -> str:
    """The drawn node that ``node`` merges into under aggregation ``mode`` (itself if none)."""
    data = G.nodes[node]
    if mode == "none" or data["kind"] == "network" or mode == "structure":
        return node
    if data["kind"] == "person":
        home = homes.get(node)
        if home is None:
            return node
        return group_key(G, home, mode, homes) if mode == "regions" else home
    if mode == "regions" and shown_field(data, "region", privacy.is_hidden(data)):
        return "region:" + data["region"]
    return node


LEVEL_ORDER = ("I", "II", "III", "IV")


def merge_into(group: MapNode, member: MapNode) -> None:
    """Fold ``member``'s facets into ``group`` (levels, perspectives, themes, networks, counts)."""
    group.levels = tuple(sorted(set(group.levels) | set(member.levels), key=LEVEL_ORDER.index))
    group.perspectives = tuple(dict.fromkeys(group.perspectives + member.perspectives))
    group.themes |= member.themes
    group.networks |= member.networks
    if member.key != group.key:
        group.merged[member.kind] = group.merged.get(member.kind, 0) + 1


def new_group(key: str, lang: str) -> MapNode:
    """An empty region group."""
    region = key.split(":", 1)[1]
    return MapNode(key=key, kind="group", label=region, public_id=None, type=t("map.ui.region", lang).lower(),
                   region=region)


def resolve_aggregate(aggregate: str, G: nx.MultiDiGraph, selected: set[str], homes: dict[str, str]) -> str:
    """Turn ``'auto'`` into a mode by counting what each mode would draw: the finest that stays smooth
    (:data:`AGGREGATE_AT`), and ``structure`` when that is still more than a room can read (:data:`READABLE_AT`)."""
    if aggregate != "auto":
        if aggregate not in AGGREGATIONS:
            raise ValueError(f"aggregate must be 'auto' or one of {AGGREGATIONS}, not {aggregate!r}")
        return aggregate
    if len(selected) > AGGREGATE_AT:  # merging people still draws every organisation and network on its own
        kinds = G._node
        if sum(1 for n in selected if kinds[n]["kind"] != "person") > AGGREGATE_AT:
            return "structure"
    for mode in ("none", "organisations"):  # without aggregation every selected node is drawn as itself
        drawn = len(selected) if mode == "none" else len({group_key(G, n, mode, homes) for n in selected})
        if drawn <= AGGREGATE_AT:
            return mode if drawn <= READABLE_AT else "structure"
    return "structure"


def resolve_renderer(renderer: str, drawn: int) -> str:
    """``canvas`` or ``webgl`` for a map of ``drawn`` nodes.

    >>> resolve_renderer("auto", 200), resolve_renderer("auto", WEBGL_AT + 1), resolve_renderer("webgl", 5)
    ('canvas', 'webgl', 'webgl')
    """
    if renderer not in RENDERER_MODES:
        raise ValueError(f"renderer must be one of {RENDERER_MODES}, not {renderer!r}")
    if renderer != "auto":
        return renderer
    return "webgl" if drawn > WEBGL_AT else "canvas"


def graph_edges(G: nx.MultiDiGraph) -> list[tuple[str, str, dict]]:
    """G's edges as (u, v, data) in the order of ``G.edges(data=True)``, from one walk over its adjacency."""
    return [(u, v, d) for u, nbrs in G._succ.items() for v, keys in nbrs.items() for d in keys.values()]


def build_map_graph(G: nx.MultiDiGraph, *, roles_only: bool = False, focus: str | None = None, depth: int = 1,
                    aggregate: str = "auto", lang: str = "nl") -> MapGraph:
    """Select (focus), protect (privacy) and reduce (aggregation) ``G`` into what a map draws.

    Each selected node is folded into the node it is drawn as (:func:`merge_into`'s rule, with the
    levels and perspectives gathered per drawn node and ordered once at the end).
    """
    selected = focus_nodes(G, focus, depth, lang, roles_only) if focus is not None else set(G.nodes)
    edges = graph_edges(G)
    homes = {u: v for u, v, d in edges if d["rel"] == "home" and v in selected}
    mode = resolve_aggregate(aggregate, G, selected, homes)
    nets_of: dict[str, set[str]] = {}
    for u, v, d in edges:
        if d["rel"] == MEMBERSHIP and u in selected and v in selected:
            nets_of.setdefault(u, set()).add(v)
    group_of: dict[str, str] = {}
    nodes: dict[str, MapNode] = {}
    hidden = {n for n, data in G.nodes(data=True) if privacy.is_hidden(data, roles_only)}
    groups, made = (structure_groups(G, selected, homes, nets_of, roles_only, lang, hidden) if mode == "structure"
                    else ({}, {}))
    levels_of: dict[str, set[str]] = {}
    perspectives_of: dict[str, dict[str, None]] = {}
    for n, data in G.nodes(data=True):  # graph order keeps the output stable
        if n not in selected:
            continue
        key = group_of[n] = groups[n] if n in groups else group_key(G, n, mode, homes)
        node = nodes.get(key)
        if node is None:
            node = nodes[key] = (to_map_node(G, key, roles_only, lang) if key in G
                                 else made[key] if key in made else new_group(key, lang))
            levels_of[key], perspectives_of[key] = set(node.levels), dict.fromkeys(node.perspectives)
        kind = data["kind"]
        levels_of[key].update(data.get("levels") or ())
        perspectives_of[key].update(dict.fromkeys(data.get("perspectives") or ()))
        node.themes.update(shown_field(data, "themes", n in hidden) or ())
        node.networks.update(nets_of.get(n, ()))
        if kind == "network":
            node.networks.add(n)
        if n != key:
            node.merged[kind] = node.merged.get(kind, 0) + 1
    for key, node in nodes.items():
        node.levels = tuple(sorted(levels_of[key], key=LEVEL_ORDER.index))
        node.perspectives = tuple(perspectives_of[key])
    drawn_edges = map_edges(G, group_of, edges)
    add_tie_themes(nodes, drawn_edges)
    if groups or mode == "regions":
        degree: Counter[str] = Counter(map(itemgetter(0), edges))
        degree.update(map(itemgetter(1), edges))
        name_largest(G, nodes, group_of, roles_only, lang, degree)
        for node in nodes.values():
            if node.kind == "group":
                node.label = t("map.ui.group_label", lang, name=node.label, n=count_text(actor_count(node), lang))
    return MapGraph(nodes, drawn_edges, mode, focus, depth, len(selected), group_of)


def count_text(n: int, lang: str) -> str:
    """A count with the reader's thousands separator.

    >>> count_text(12345, "nl"), count_text(12345, "en")
    ('12.345', '12,345')
    """
    return f"{n:,}".replace(",", "." if lang == "nl" else ",")


def actor_count(node: MapNode) -> int:
    """How many organisations and people a drawn node stands for (1 for an actor drawn on its own).

    >>> actor_count(MapNode("g", "group", "G", merged={"organisation": 3, "person": 40, "network": 2}))
    43
    """
    if node.kind == "group":
        return node.merged.get("organisation", 0) + node.merged.get("person", 0)
    return 1 + node.merged.get("person", 0) if node.kind in ("organisation", "person") else 0


def level_key(levels: tuple[str, ...] | list[str]) -> str:
    """A group's level part: 'II', or 'I-III' for an actor on several levels, '' for none.

    >>> level_key(("II",)), level_key(("I", "II", "III")), level_key(())
    ('II', 'I-III', '')
    """
    known = [lv for lv in ("I", "II", "III", "IV") if lv in levels]
    return known[0] if len(known) == 1 else f"{known[0]}-{known[-1]}" if known else ""


def structure_groups(G: nx.MultiDiGraph, selected: set[str], homes: dict[str, str], nets_of: dict[str, set[str]],
                     roles_only: bool, lang: str,
                     hidden: set[str] | None = None) -> tuple[dict[str, str], dict[str, MapNode]]:
    """node -> the key it is drawn as under ``structure`` (nodes drawn on their own are absent), and the groups.

    A region's actors form one group per level, each actor at its own levels (a person in its home
    organisation's region). National organisations (no region or :data:`NATIONAL`) form one group per
    type and level when a type has more than :data:`NATIONAL_TYPE_MAX` of them there, else stay; a
    national person goes where their home organisation goes. A network whose members all lie in one
    region is drawn in that region's group of the network's level; so is one with national members
    besides, when its type is regional fabric (at least as many networks of the type as regions: a
    leernetwerk per region, not the RKJ's), and such a network that names its own region goes there
    even with guests from other regions. A network spanning regions or the country stays.
    ``hidden``: the nodes :func:`netmap.privacy.is_hidden` hides (with ``roles_only``), when the caller has them.
    """
    attrs = G._node  # the node attribute dicts, without the view's lookup per access
    if hidden is None:
        hidden = {n for n, data in attrs.items() if privacy.is_hidden(data, roles_only)}
    region_memo: dict[str, str] = {}
    type_levels: dict[str, tuple[str, str]] = {}

    def region_of(n: str) -> str:
        region = region_memo.get(n)
        if region is None:
            source = homes[n] if attrs[n]["kind"] == "person" and n in homes else n
            region = shown_field(attrs[source], "region", source in hidden) or ""
            region = region_memo[n] = "" if region == NATIONAL else region
        return region

    def type_level(n: str) -> tuple[str, str]:
        found = type_levels.get(n)
        if found is None:
            data = attrs[n]
            found = type_levels[n] = (data.get("type") or data["kind"], level_key(tuple(data.get("levels") or ())))
        return found

    orgs = [n for n, data in attrs.items() if n in selected and data["kind"] == "organisation"]
    national = Counter(type_level(n) for n in orgs if not region_of(n))
    made: dict[str, MapNode] = {}
    made_regions: set[str] = set()  # the regions of the groups made so far
    out: dict[str, str] = {}

    def place(n: str, key: str, label: str, gtype: str, region: str) -> None:
        if key not in made:
            made[key] = MapNode(key=key, kind="group", label=label, type=gtype, region=region,
                                levels=tuple(attrs[n].get("levels") or ()))
            made_regions.add(region)
        out[n] = key

    for n in orgs:
        region = region_of(n)
        if region:
            place(n, f"group:{region}|{type_level(n)[1]}", region, "regio", region)
        elif national[type_level(n)] > NATIONAL_TYPE_MAX:
            kind_type, lk = type_level(n)
            place(n, f"group:{NATIONAL}|{lk}|{kind_type}",
                  t("map.ui.national_group", lang, type=type_label_of(kind_type, lang)), kind_type, "")
    for n in (n for n, data in attrs.items() if n in selected and data["kind"] == "person"):
        region = region_of(n)
        if region:
            place(n, f"group:{region}|{type_level(n)[1]}", region, "regio", region)
        elif n in homes:  # with the home organisation: into its group, or into it
            out[n] = out.get(homes[n], homes[n])
    members: dict[str, list[str]] = {}
    for m, nets in nets_of.items():
        for net in nets:
            members.setdefault(net, []).append(m)
    networks = [n for n, data in attrs.items() if n in selected and data["kind"] == "network"]
    per_type = Counter(attrs[n].get("type") or "" for n in networks)
    region_count = len({m.region for m in made.values() if m.region})
    for net in networks:
        regions = {made[out[m]].region if out.get(m) in made else region_of(m) for m in members.get(net, ())}
        regional = regions - {""}  # national members (a university, a school board) aside
        many = per_type[attrs[net].get("type") or ""] >= max(region_count, 2)
        own = region_of(net)  # the network's own region, where its data names one
        if many and own and own in made_regions:
            regional = {own}  # regional fabric (a leernetwerk per region) belongs to its region, guests aside
        if len(regional) == 1 and ("" not in regions or many):
            region = next(iter(regional))
            place(net, f"group:{region}|{type_level(net)[1]}", region, "regio", region)
    return out, made


def type_label_of(code: str, lang: str) -> str:
    """A type in the reader's words (the maps' own lookup, imported late: text imports nothing of ours)."""
    from netmap.maps.text import type_label

    return type_label(code, lang)


def name_largest(G: nx.MultiDiGraph, nodes: dict[str, MapNode], group_of: dict[str, str], roles_only: bool,
                 lang: str, degree: dict[str, int] | None = None) -> None:
    """Each group's :data:`GROUP_TOP` largest organisations and networks (by their number of relations), named,
    and its :data:`GROUP_MEMBERS` largest members of any kind, for the page to draw in place when expanded."""
    ranked: dict[str, list[tuple[int, str]]] = {}
    everyone: dict[str, list[tuple[int, int, str]]] = {}
    order = {"network": 0, "organisation": 1, "person": 2}
    for n, key in group_of.items():
        if key != n and nodes[key].kind == "group":
            kind = G._node[n]["kind"]
            d = degree.get(n, 0) if degree is not None else G.degree(n)  # ``degree``: G's, counted by the caller
            everyone.setdefault(key, []).append((order.get(kind, 3), -d, n))
            if kind != "person":
                ranked.setdefault(key, []).append((-d, n))
    for key, items in ranked.items():
        nodes[key].top = [privacy.label(G.nodes[n], roles_only, lang) for _, n in sorted(items)[:GROUP_TOP]]
    for key, members in everyone.items():
        nodes[key].members = [member_row(G.nodes[n], roles_only, lang) for *_, n in sorted(members)[:GROUP_MEMBERS]]


def member_row(data: dict, roles_only: bool, lang: str) -> list[str]:
    """One member of a group as the page draws it: label (privacy applied), kind, type and levels."""
    return [privacy.label(data, roles_only, lang), data["kind"], data.get("type") or "",
            "|".join(data.get("levels") or ())]


def edge_style(data: dict) -> str:
    """The line style key of one graph edge."""
    if data["rel"] == TIE:
        return f"tie_{data.get('direction') or 'other'}"
    return data["rel"]


def map_edges(G: nx.MultiDiGraph, group_of: dict[str, str],
              edges: list[tuple[str, str, dict]] | None = None) -> list[MapEdge]:
    """Graph edges (``edges``: :func:`graph_edges` of G, when the caller has them) between drawn nodes,
    parallel ones merged per (pair, style)."""
    merged: dict[tuple[str, str, str], MapEdge] = {}
    for u, v, d in graph_edges(G) if edges is None else edges:
        gu, gv = group_of.get(u), group_of.get(v)
        if gu is None or gv is None or gu == gv:
            continue
        style = edge_style(d)
        a, b = (gu, gv) if style == MEMBERSHIP or gu < gv else (gv, gu)
        edge = merged.get((a, b, style))
        if edge is None:  # (one MapEdge per drawn line, not one per edge folded into it)
            edge = merged[a, b, style] = MapEdge(a, b, style)
        edge.count += 1
        if d.get("change"):
            edge.changes.add(d["change"])
        if d["rel"] == TIE:
            edge.kinds.add(d.get("kind") or "")
            if d.get("theme"):
                edge.themes.add(d["theme"])
            if d.get("cycle_step"):
                edge.steps.add(int(d["cycle_step"]))
    return list(merged.values())


def add_tie_themes(nodes: dict[str, MapNode], edges: list[MapEdge]) -> None:
    """A node works on the themes of its networks and of its ties (for the theme filter)."""
    for node in nodes.values():
        for net in node.networks:
            if net in nodes and net != node.key:
                node.themes |= nodes[net].themes if not nodes[net].private else set()
    for edge in edges:
        for end in (edge.u, edge.v):
            if not nodes[end].private:
                nodes[end].themes |= edge.themes
