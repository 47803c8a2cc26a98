"""``isolated``: an organisation or person in no network, holding no seat, with no tie (low, for the bureau)."""
from __future__ import annotations

from collections import Counter

from netmap.analysis.common import Context, regional
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind


def find(ctx: Context, facts: dict) -> list[Finding]:
    findings = []
    for n in facts["isolated"]:
        if n in ctx.home:
            message = KIND.text("message_home", ctx.lang, actor=ctx.name(n), home=ctx.name(ctx.home[n]))
        else:
            message = KIND.text("message", ctx.lang, actor=ctx.name(n))
        findings.append(KIND.finding([n], "low", message))
    return findings


def suggest(ctx: Context, index, f: Finding):
    actor = f.subjects[0]
    region = regional(ctx.G.nodes[actor].get("region"))
    cap, bodies = ctx.settings.suggestion_pool, index.bodies
    scored: dict[str, int] = Counter()
    for net in (index.nets_by_region.get(region, [])[:cap] if region else []):
        scored[net] += 2
    for p in ctx.perspectives[actor]:
        for net in index.lacking.get(p, [])[:cap]:
            scored[net] += 3  # the network misses exactly what this actor brings
        for net in index.nets_by_perspective.get(p, [])[:cap]:
            scored[net] += 1
    ranked = [(-score, str(net), net) for net, score in scored.items() if net not in bodies]
    top = [net for *_, net in sorted(ranked)[:ctx.settings.max_suggestions]]
    if not top:
        return KIND.text("suggest_none", ctx.lang, actor=ctx.name(actor)), []
    return KIND.text("suggest", ctx.lang, actor=ctx.name(actor), names=ctx.names(top)), top


KIND = Kind("isolated", "bureau", ("low",), "always low", ("isolated",), find, suggest)
