"""Which perspectives each network and body has, against what it requires.

A network's perspectives are those of its member organisations, its member people
(their home organisation's if they have none), member networks, and the people
holding a seat in it. What it requires comes from the dataset's ``requirements``
table (which wins per body) or else the rule set (default: ``default_rules.yaml``)
by network type and by body id.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from netmap.analysis.common import Context
from netmap.analysis.findings import Finding
from netmap.analysis.levels import context_for
from netmap.analysis.texts import say
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
        rules[row["body_id"]].append({"perspectives": [row["perspective"]], "min_count": row.get("min_count", 1),
                                      "together": False, "label": "", "note": row.get("note") or ""})
    return dict(rules)


def rules_for(ctx: Context, net: str, table: dict[str, list[dict]]) -> dict:
    """The rule applying to one network: requirements, member bounds and where they come from."""
    rules = ctx.settings.rules
    by_type = rules["types"].get(ctx.G.nodes[net].get("type") or "")
    by_body = rules["bodies"].get(net)
    requires, source, members = [], "", {}
    for rule, name in ((by_type, "type"), (by_body, "body")):
        if rule:
            requires += rule["requires"]
            members.update(rule["members"])
            source = name
    if net in table:
        requires, source = table[net], "table"
    return {"requires": requires, "members": members, "source": source}


def composition_checks(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """Every requirement a network or body does not meet, as facts.

    Each fact has ``network``, ``check`` (``perspective`` or ``members``), ``count``, the
    requirement or bound, and ``source`` (``table``, ``type`` or ``body``).
    """
    ctx = context_for(G, ctx)
    table = table_requirements(ctx.G)
    facts = []
    for net in ctx.networks:
        rule = rules_for(ctx, net, table)
        actors = ctx.actors_of(net)
        for req in rule["requires"]:
            count = sum(1 for a in actors if _meets(ctx.perspectives[a], req))
            if count < req["min_count"]:
                facts.append({"network": net, "check": "perspective", "count": count, "requirement": req,
                              "source": rule["source"]})
        bounds = rule["members"]
        if ("min" in bounds and len(actors) < bounds["min"]) or ("max" in bounds and len(actors) > bounds["max"]):
            facts.append({"network": net, "check": "members", "count": len(actors), "bounds": bounds,
                          "source": rule["source"]})
    return facts


def _meets(perspectives: tuple[str, ...], req: dict) -> bool:
    wanted = req["perspectives"]
    if req["together"]:
        return all(p in perspectives for p in wanted)
    return any(p in perspectives for p in wanted)


def missing_perspectives(G: nx.MultiDiGraph, ctx: Context | None = None) -> list[dict]:
    """The required perspectives entirely absent from a network or body (count 0)."""
    return [f for f in composition_checks(G, ctx) if f["check"] == "perspective" and f["count"] == 0]


def requirement_label(req: dict, lang: str) -> str:
    """'ouders en verzorgers', or the rule's own label, or 'a of b' for alternatives."""
    label = req.get("label")
    if isinstance(label, dict):
        label = label.get(lang) or label.get("nl") or ""
    if label:
        return str(label)
    names = [perspective_label(p, lang) for p in req["perspectives"]]
    joiner = (" en " if lang == "nl" else " and ") if req["together"] else (" of " if lang == "nl" else " or ")
    return joiner.join(names)


def composition_findings(ctx: Context, facts: list[dict]) -> list[Finding]:
    """``missing_perspective`` (count 0) and ``composition_shortfall`` findings from the facts.

    Subjects: the network id, followed by the required perspective code(s) for a
    perspective check (``['rkj_nv', 'ouders']``).
    """
    findings = []
    for fact in facts:
        net, name = fact["network"], ctx.name(fact["network"])
        severity = "high" if fact["source"] in ("table", "body") else "medium"
        if fact["check"] == "members":
            bounds, n = fact["bounds"], fact["count"]
            key = "shortfall_members_min" if n < bounds.get("min", 0) else "shortfall_members_max"
            message = say(key, ctx.lang, net=name, n=n, min=bounds.get("min"), max=bounds.get("max"))
            findings.append(Finding("composition_shortfall", [net], severity, message, audience="adviesraad",
                                    details=dict(fact)))
            continue
        req = fact["requirement"]
        note = f" ({req['note']})" if req["note"] else ""
        p = requirement_label(req, ctx.lang)
        if fact["count"] == 0:
            kind, message = "missing_perspective", say("missing_perspective", ctx.lang, net=name, p=p, note=note)
        else:
            kind = "composition_shortfall"
            message = say("shortfall_count", ctx.lang, net=name, p=p, n=fact["count"], min=req["min_count"],
                          note=note)
        # the perspective codes follow the network id so that every finding has its own key
        findings.append(Finding(kind, [net, *req["perspectives"]], severity, message, audience="adviesraad",
                                details={**fact, "perspectives": req["perspectives"]}))
    return findings
