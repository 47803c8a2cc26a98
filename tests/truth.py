"""Is every sentence a finding prints true of the data? A checker per kind, re-computed from the raw graph.

:func:`false_claims` takes an analysis and its graph and returns, per finding, the claims of its
message that the graph contradicts. The checks are written from the sentences, not from the code
that produced them: each reads the edges of the graph itself (``rel`` membership, representation,
home, parent, host, tie) rather than the analysis' indexes, so a definition that drifts from what
its sentence says is caught. :func:`language_problems` checks the Dutch of every message
(number agreement, doubled brackets, decimal comma, codes in prose).
"""
from __future__ import annotations

import re
from collections.abc import Callable

import networkx as nx

from netmap.analysis.analyse import Analysis
from netmap.analysis.findings import Finding

Check = Callable[[nx.MultiDiGraph, Finding], list[str]]


def _edges(G: nx.MultiDiGraph, rel: str):
    return [(u, v, d) for u, v, d in G.edges(data=True) if d["rel"] == rel]


def networks_of(G: nx.MultiDiGraph, n: str) -> set[str]:
    """The networks and bodies ``n`` itself is in: memberships and seats."""
    nets = {v for u, v, _ in _edges(G, "membership") if u == n}
    return nets | {d["body_id"] for u, _, d in _edges(G, "representation") if u == n and d.get("body_id")}


def actors_of(G: nx.MultiDiGraph, net: str) -> set[str]:
    """Members and seat holders of a network or body."""
    actors = {u for u, v, _ in _edges(G, "membership") if v == net}
    return actors | {u for u, _, d in _edges(G, "representation") if d.get("body_id") == net}


def home_of(G: nx.MultiDiGraph, n: str) -> str | None:
    return next((v for u, v, _ in _edges(G, "home") if u == n), None)


def organisations_of(G: nx.MultiDiGraph, net: str) -> set[str]:
    """The organisations taking part in a network in the overlap view (docs/analyses.md): its member
    organisations, and the constituencies a seat holder in it represents. Employers of staff do not count."""
    orgs = {a for a in actors_of(G, net) if G.nodes[a]["kind"] == "organisation"}
    return orgs | {v for _, v, d in _edges(G, "representation") if d.get("body_id") == net
                   and G.nodes[v]["kind"] == "organisation"}


def org_networks_of(G: nx.MultiDiGraph, org: str) -> set[str]:
    """The networks an organisation takes part in, in the same overlap view."""
    nets = {v for u, v, _ in _edges(G, "membership") if u == org}
    return nets | {d["body_id"] for _, v, d in _edges(G, "representation") if v == org and d.get("body_id")}


def _isolated(G, f):
    n, claims = f.subjects[0], []
    if networks_of(G, n):
        claims.append(f"'in geen enkel netwerk of orgaan' but in {sorted(networks_of(G, n))}")
    ties = [(u, v) for u, v, _ in _edges(G, "tie") if n in (u, v) and u != v]
    if ties:
        claims.append(f"'geen relatie met een andere actor' but ties {ties}")
    known = [v for u, v, d in G.edges(data=True) if u == n and d["rel"] in ("home", "parent")]
    known += [u for u, v, d in G.edges(data=True) if v == n and d["rel"] in ("representation", "home", "host")]
    said = f.message.lower()
    if known and not any(word in said for word in ("wel bekend", "known", "also")):
        claims.append(f"says nothing of what does connect it: {sorted(known)}")
    return claims


def _overlap(G, f):
    a, b = f.subjects
    shared = set(f.details["shared"])
    common = organisations_of(G, a) & organisations_of(G, b)
    claims = [] if shared <= common else [f"shared {sorted(shared - common)} are not in both"]
    design = set(f.details.get("by_design", ()))
    if not design <= common:
        claims.append(f"by design {sorted(design - common)} are not in both")
    own = {o for o in common if all((o, n) in {(u, v) for u, v, _ in _edges(G, "membership")} for n in (a, b))}
    if design & own:
        claims.append(f"by design {sorted(design & own)} are members of both of their own accord")
    if f" {len(shared)} organisaties gemeen" not in f.message and f" {len(shared)} organisations" not in f.message:
        claims.append("the count in the sentence is not the number of shared organisations")
    tied = any({u, v} == {a, b} and d.get("kind") == "learning" for u, v, d in _edges(G, "tie"))
    if tied != f.details["tied"]:
        claims.append(f"says tied={f.details['tied']}, the graph says {tied}")
    return claims


def _unrepresented(G, f):
    """Unrepresented (default settings): no seat in a KBL body (a network of type 'body') held for it, and no
    membership of any network itself."""
    claims = []
    bodies = {n for n, d in G.nodes(data=True) if d["kind"] == "network" and d.get("type") == "body"}
    for c in f.subjects:
        seats = [d.get("body_id") for _, v, d in _edges(G, "representation") if v == c and d.get("body_id") in bodies]
        if seats:
            claims.append(f"{c}: 'geen zetel in een KBL-orgaan' but seats in {seats}")
        if any(u == c for u, _, _ in _edges(G, "membership")):
            claims.append(f"{c}: 'neemt aan geen netwerk deel' but is a member")
    return claims


def _without_home(G, f):
    p = f.subjects[0]
    claims = [f"'geen thuisorganisatie' but home {home_of(G, p)}"] if home_of(G, p) else []
    if not [v for u, v, _ in _edges(G, "representation") if u == p]:
        claims.append("'heeft een zetel namens' but represents no one")
    return claims


def _single_level(G, f):
    net, level = f.subjects[0], f.details["level"]
    own = {a: tuple(G.nodes[a].get("levels") or ()) for a in actors_of(G, net)}
    other = {a: lv for a, lv in own.items() if lv and set(lv) != {level}}
    return [f"'alleen leden op niveau {level}' but {other}"] if other else []


def _level_gap(G, f):
    a, b = f.details["levels"]
    count = 0
    for u, v, d in _edges(G, "tie"):
        if d.get("kind") != "learning" or u == v:
            continue
        lu, lv = G.nodes[u].get("levels") or (), G.nodes[v].get("levels") or ()
        actors = G.nodes[u]["kind"] != "network" and G.nodes[v]["kind"] != "network"
        if actors and ((a in lu and b in lv) or (b in lu and a in lv)):
            count += 1
    # the sentence states f.details["ties"] direct ties between actors on those levels: never fewer than there are
    return [] if count <= f.details["ties"] else [f"says {f.details['ties']} direct ties {a}-{b}, actors have {count}"]


def _connectivity_graph(G):
    """The connectivity view of the default settings: learning/collaboration ties, memberships, seats,
    representation and home organisations (docs/analyses.md); funding, parent and host links do not connect."""
    H = nx.Graph()
    H.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        rel = d["rel"]
        if rel == "tie" and d.get("kind") not in ("learning", "collaboration"):
            continue
        if rel in ("tie", "membership", "home", "representation") and u != v:
            H.add_edge(u, v)
        if rel == "representation" and d.get("body_id") and d["body_id"] in G:
            H.add_edge(u, d["body_id"])
    return H


def _cut(G, f):
    H = _connectivity_graph(G)
    if "trivial" in f.details:  # the grouped low finding: each actor hangs on its one cut
        claims = []
        for pair in f.details["trivial"]:
            actor, cut = pair["actor"], pair["cut"]
            if actor not in H or cut not in H:  # a private node's id is withheld from the details (its label shown)
                continue
            if actor == cut or H.has_edge(actor, cut) and H.degree(actor) == 1:
                # it hangs on a single tie: one connection in the view
                if H.degree(actor) != 1:
                    claims.append(f"{actor} has {H.degree(actor)} connections, not one")
                continue
            K = H.copy()
            K.remove_node(cut)
            if len(nx.node_connected_component(K, actor)) * 2 > len(K):
                claims.append(f"{actor} does not come loose without {cut}")
        return claims
    if len(f.subjects) == 2:
        H.remove_edge(*f.subjects)
    else:
        H.remove_node(f.subjects[0])
    claims = []
    parts = list(nx.connected_components(H))
    for piece in f.details["pieces"]:
        home = next((p for p in parts if piece["best"] in p), set())
        if len(home) == len(H):
            claims.append(f"{piece['best']} does not come loose")
    many = len(f.details["pieces"]) > 1
    if re.search(r"\braakt\b", f.message) and many or re.search(r"\braken\b", f.message) and not many:
        claims.append("raakt/raken does not agree with the number of groups")
    return claims


def _missing_perspective(G, f):
    net, wanted = f.subjects[0], set(f.details["perspectives"])
    bring = set()
    for a in actors_of(G, net):
        own = set(G.nodes[a].get("perspectives") or ())
        if not own and home_of(G, a):
            own = set(G.nodes[home_of(G, a)].get("perspectives") or ())
        bring |= own
    together = f.details["requirement"].get("together")
    present = wanted <= bring if together else bool(wanted & bring)
    return [f"'ontbreekt het perspectief' but {sorted(wanted & bring)} is brought"] if present else []


def _composition(G, f):
    if f.details.get("check") != "members":
        return []
    n = len(actors_of(G, f.subjects[0]))
    return [] if n == f.details["count"] else [f"says {f.details['count']} members, the body has {n}"]


def _load(G, f):
    org = f.subjects[0]
    nets = org_networks_of(G, org)
    claimed = set(f.details["networks"])
    return [] if claimed <= nets else [f"not in {sorted(claimed - nets)}"]


def _multiple_seats(G, f):
    p = f.subjects[0]
    cons = {v for u, v, _ in _edges(G, "representation") if u == p}
    return [] if len(cons) >= 2 else [f"'meerdere achterbannen' but {sorted(cons)}"]


def _separate(G, f):
    H = G.to_undirected(as_view=True)
    largest = max(nx.connected_components(H), key=len)
    joined = [s for s in f.subjects if s in largest]
    return [f"'los eiland zonder verbinding met de rest' but {joined} are in the main part"] if joined else []


CHECKS: dict[str, Check] = {
    "isolated": _isolated, "network_overlap": _overlap, "unrepresented_constituency": _unrepresented,
    "representative_without_home": _without_home, "single_level_network": _single_level, "level_gap": _level_gap,
    "single_point_of_failure": _cut, "missing_perspective": _missing_perspective, "composition_shortfall": _composition,
    "multi_network_load": _load, "multiple_seats": _multiple_seats, "separate_component": _separate,
}


def false_claims(analysis: Analysis, G: nx.MultiDiGraph) -> dict[tuple, list[str]]:
    """Finding key -> the claims of its sentence the graph contradicts (only findings with any)."""
    out = {}
    for f in analysis.findings:
        check = CHECKS.get(f.kind)
        problems = check(G, f) if check else []
        if problems:
            out[f.key] = problems
    return out


#: codes from the data or the code that must not appear in Dutch prose
CODES = ("tabel", "'ties'", "body", "movement", "learning_network", "clientenorganisatie", "(ten)", "(s)", "(en)")


def language_problems(analysis: Analysis) -> list[str]:
    """Every message and suggestion checked for the house rules of Dutch text."""
    problems = []
    for f in analysis.findings:
        for text in (f.message, f.suggestion):
            if re.search(r"\d\.(?!\d{3}(?!\d))\d", text) and analysis.lang == "nl":  # 1.772 is a grouped count
                problems.append(f"decimal point: {text}")
            if re.search(r"\s\([^()]*\)\s*\(", text):  # 'x (a) (b)'; a name's own 'Ieder(in)' is no bracket pair
                problems.append(f"doubled brackets: {text}")
            for code in CODES:
                if re.search(r"(?<![\w-])" + re.escape(code) + r"(?![\w-])", text):
                    problems.append(f"code {code!r} in prose: {text}")
            if text and text[0].islower():  # a sentence opening with a role as the data writes it
                problems.append(f"lower-case start: {text}")
            if re.search(r" en [^;.]* zit in beide", text) or re.search(r"\braakt [^.]* en [^.]* los\b", text):
                problems.append(f"number agreement: {text}")
    return problems
