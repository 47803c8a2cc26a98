"""Which perspectives each network and body has, against what it requires.

A network's perspectives are those of its member organisations, its member people
(their home organisation's if they have none), member networks, and the people
holding a seat in it. What it requires comes from the dataset's ``requirements``
table (which wins per body) or else the rule set (default: ``default_rules.yaml``)
by network type and by body id.

A requirement is met by an actor of the network that brings one of its
``perspectives`` (all of them with ``together``) and, when it names ``represents``
(organisation ids) or ``represents_type`` (constituency types), holds its seat in
that body on behalf of such an organisation: the ZonMw seat is filled by a
representative of ZonMw, not by anyone with the ``onderzoek`` perspective. A cell
of the requirements table naming several perspectives (``ouders;clienten``) means
any one of them. A body rule with ``exclusive: true`` (the adviesraad) means its
actors take no other role in KBL: no membership or seat in another KBL body.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

import networkx as nx

from netmap.analysis.common import Context, anchors
from netmap.analysis.levels import context_for
from netmap.analysis.representation import type_key
from netmap.analysis.settings import Settings
from netmap.graph import REPRESENTATION, edges_of, nodes_of
from netmap.i18n import t
from netmap.model import perspective_label


def network_perspectives(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[str, dict[str, int]]:
    """Per network: perspective -> number of its actors (members and seat holders) bringing it."""
    ctx = context_for(G, ctx)
    return {net: dict(Counter(p for m in ctx.actors_of(net) for p in set(ctx.perspectives[m])))
            for net in ctx.networks}


def diversity(G: nx.MultiDiGraph, ctx: Context | None = None,
              present: dict[str, dict[str, int]] | None = None) -> dict[str, dict[str, float]]:
    """Per network: the number of distinct perspectives and Blau's index (1 - sum of squared shares).

    Blau's index is 0 when everyone brings the same perspective and approaches 1
    when many perspectives are equally present.
    """
    present = present if present is not None else network_perspectives(G, ctx)
    result = {}
    for net, counts in present.items():
        total = sum(counts.values())
        blau = 1 - sum((c / total) ** 2 for c in counts.values()) if total else 0.0
        result[net] = {"perspective_count": len(counts), "blau": round(blau, 3)}
    return result


def table_requirements(G: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """The dataset's requirements table as rules, per body id."""
    rules: dict[str, list[dict]] = defaultdict(list)
    for row in G.graph.get("requirements") or []:
        wanted = [p.strip() for p in str(row["perspective"]).split(";") if p.strip()]
        rules[row["body_id"]].append({"perspectives": wanted, "represents": [], "represents_type": [],
                                      "min_count": row.get("min_count", 1), "together": False, "label": "",
                                      "note": row.get("note") or ""})
    return dict(rules)


def rules_for(ctx: Context, net: str, table: dict[str, list[dict]]) -> dict:
    """The rule applying to one network: requirements, member bounds and where they come from."""
    rules = ctx.settings.rules
    by_type = rules["types"].get(ctx.G.nodes[net].get("type") or "")
    by_body = rules["bodies"].get(net)
    requires, source, members, exclusive = [], "", {}, False
    for rule, name in ((by_type, "type"), (by_body, "body")):
        if rule:
            requires += rule["requires"]
            members.update(rule["members"])
            exclusive = exclusive or rule.get("exclusive", False)
            source = name
    if net in table:
        requires, source = table[net], "table"
    requires = [{**req, "allowed": allowed_constituencies(ctx.G, req, ctx)} for req in requires]
    return {"requires": requires, "members": members, "exclusive": exclusive, "source": source}


def allowed_constituencies(G: nx.MultiDiGraph, req: dict, ctx: Context | None = None) -> list[str] | None:
    """The organisations a seat holder must represent to meet ``req`` (None: any actor may).

    ``represents`` ids that exist, plus organisations whose type matches ``represents_type``
    (compared as :func:`netmap.analysis.representation.type_key`).
    """
    if not (req.get("represents") or req.get("represents_type")):
        return None
    types = {type_key(t) for t in req.get("represents_type") or ()}
    found = {r for r in req.get("represents") or () if r in G}
    by_type = organisations_by_type(ctx if ctx is not None and ctx.G is G else context_for(G, None))
    found |= {n for key in types for n in by_type.get(key, ())}
    return sorted(found, key=str)


def organisations_by_type(ctx: Context) -> dict[str, list[str]]:
    """The organisations per :func:`netmap.analysis.representation.type_key` of their type (built once per
    context)."""
    found = ctx.memo.get("organisations_by_type")
    if found is None:
        by_type: dict[str, list[str]] = defaultdict(list)
        for n, d in ctx.G.nodes(data=True):
            if d["kind"] == "organisation":
                by_type[type_key(d.get("type") or "")].append(n)
        found = ctx.memo["organisations_by_type"] = dict(by_type)
    return found  # type: ignore[return-value]


def composition_rules(G: nx.MultiDiGraph, settings: Settings) -> dict[str, dict]:
    """Per network or body: the rule that applies to it (see :func:`rules_for`)."""
    # a rule depends on the networks, their types and the organisations' types, never on an edge: no edge index
    ctx = Context(G, settings, networks=nodes_of(G, "network"))
    table = table_requirements(G)
    return {net: rules_for(ctx, net, table) for net in ctx.networks}


def composition_facts(rules: dict[str, dict], count: Callable[[str, int, dict], int],
                      size: Callable[[str], int]) -> list[dict]:
    """Every requirement a network or body does not meet, as facts, from counts made anywhere.

    ``count(net, i, requirement)``: how many actors of ``net`` meet its ``i``-th requirement;
    ``size(net)``: its number of actors (asked only for a rule with member bounds).
    Each fact has ``network``, ``check`` (``perspective`` or ``members``), ``count``, the
    requirement or bound, and ``source`` (``table``, ``type`` or ``body``).
    """
    facts = []
    for net, rule in rules.items():
        for i, req in enumerate(rule["requires"]):
            n = count(net, i, req)
            if n < req["min_count"]:
                facts.append({"network": net, "check": "perspective", "count": n, "requirement": req,
                              "source": rule["source"]})
        bounds = rule["members"]
        if bounds:
            n = size(net)
            if ("min" in bounds and n < bounds["min"]) or ("max" in bounds and n > bounds["max"]):
                facts.append({"network": net, "check": "members", "count": n, "bounds": bounds,
                              "source": rule["source"]})
    return facts


def composition_checks(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """Every requirement a network or body does not meet, counted on the graph (:func:`composition_facts`)."""
    ctx = context_for(G, ctx)
    table = table_requirements(ctx.G)
    rules = {net: rules_for(ctx, net, table) for net in ctx.networks}
    seats = seat_constituencies(ctx.G, ctx)
    return composition_facts(
        rules, lambda net, i, req: sum(1 for a in ctx.actors_of(net)
                                       if _meets(ctx.perspectives[a], seats.get((a, net), set()), req)),
        lambda net: len(ctx.actors_of(net)))


def is_seat(req: dict) -> bool:
    """Whether a requirement prescribes a seat: it names whom the holder must represent (``represents`` or
    ``represents_type``), as the koersgroep's ZonMw seat. A seat is not a perspective."""
    return req.get("allowed") is not None or bool(req.get("represents") or req.get("represents_type"))


def unmet_requirements(composition: list[dict]) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """The composition facts (:func:`composition_facts`) per network, in two kinds a reader must not mix up:
    the perspective requirements nobody meets (count 0, not a seat: a missing perspective) and the
    prescribed seats that are empty or short. A perspective present fewer times than required is in
    neither (a shortfall, among the findings).

    >>> seat = {"perspectives": [], "represents": ["zonmw"], "allowed": ["zonmw"], "min_count": 1}
    >>> need = {"perspectives": ["ouders"], "represents": [], "allowed": None, "min_count": 1}
    >>> facts = [{"network": "k", "check": "perspective", "count": 0, "requirement": seat},
    ...          {"network": "r", "check": "perspective", "count": 0, "requirement": need}]
    >>> missing, seats = unmet_requirements(facts)
    >>> sorted(missing), sorted(seats)
    (['r'], ['k'])
    """
    missing: dict[str, list[dict]] = defaultdict(list)
    seats: dict[str, list[dict]] = defaultdict(list)
    for fact in composition:
        if fact.get("check") != "perspective":
            continue
        if is_seat(fact["requirement"]):
            seats[fact["network"]].append(fact)
        elif fact["count"] == 0:
            missing[fact["network"]].append(fact)
    return dict(missing), dict(seats)


def seat_constituencies(G: nx.MultiDiGraph, ctx: Context | None = None) -> dict[tuple[str, str], set[str]]:
    """(seat holder, body) -> the constituencies the holder represents in that body (ctx's edges when given)."""
    seats: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, d in (ctx.edges(REPRESENTATION) if ctx is not None else edges_of(G, REPRESENTATION)):
        if d.get("body_id"):
            seats[(u, d["body_id"])].add(v)
    return seats


def _meets(perspectives: tuple[str, ...], represented: set[str], req: dict) -> bool:
    if req.get("allowed") is not None and not represented & set(req["allowed"]):
        return False
    wanted = req["perspectives"]
    if not wanted:
        return True
    if req["together"]:
        return all(p in perspectives for p in wanted)
    return any(p in perspectives for p in wanted)


def exclusive_roles(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """Actors of a body whose rule says ``exclusive`` that also have a role (membership or seat)
    in another KBL body. Each fact: ``network``, ``actor``, ``others`` (the other bodies)."""
    ctx = context_for(G, ctx)
    table = table_requirements(ctx.G)
    bodies = anchors(ctx)
    facts = []
    for net in ctx.networks:
        if not rules_for(ctx, net, table)["exclusive"]:
            continue
        for actor in sorted(ctx.actors_of(net), key=str):
            others = sorted((ctx.networks_of.get(actor, set()) & bodies) - {net}, key=str)
            if others:
                facts.append({"network": net, "actor": actor, "others": others})
    return facts


def rule_words(value, lang: str) -> str:
    """A rule's label or note in ``lang``: a ``{nl: ..., en: ...}`` mapping gives the reader's language (Dutch
    when that one is missing), so that the shipped rules read in English too; plain text is quoted as written.

    >>> rule_words({"nl": "ouders met ervaring", "en": "parents with lived experience"}, "en"), rule_words("x", "en")
    ('parents with lived experience', 'x')
    """
    if isinstance(value, dict):
        value = value.get(lang) or value.get("nl")
    return str(value or "")


def requirement_label(req: dict, lang: str) -> str:
    """'ouders en verzorgers', or the rule's own label, or 'a of b' for alternatives."""
    label = rule_words(req.get("label"), lang)
    if label:
        return label
    if not req["perspectives"]:
        return rule_words(req.get("note"), lang)
    names = [perspective_label(p, lang) for p in req["perspectives"]]
    return f" {t('analysis.and' if req['together'] else 'analysis.or', lang)} ".join(names)
