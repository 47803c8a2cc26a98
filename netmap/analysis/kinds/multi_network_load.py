"""``multi_network_load``: an organisation in many networks or bodies (low; it connects, and carries, a lot)."""
from __future__ import annotations

from itertools import islice

from netmap.analysis.common import Context, regional
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind


def find(ctx: Context, facts: dict) -> list[Finding]:
    return [KIND.finding([org], "low", KIND.text("message", ctx.lang, org=ctx.name(org), n=len(nets),
                                                 names=ctx.names(nets, 6)),
                         details={"networks": nets, "count": len(nets), "threshold": ctx.settings.multi_network_load})
            for org, nets in sorted(facts["heavy"].items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def suggest(ctx: Context, index, f: Finding):
    org = f.subjects[0]
    region = regional(ctx.G.nodes[org].get("region"))
    pool = {n for p in ctx.perspectives[org] for n in islice(index.by_perspective.get(p, []),
                                                             ctx.settings.suggestion_pool)} - {org}
    # only organisations from the same region (or national ones for a national one) can stand in
    light = [n for n in pool if len(index.load.get(n, ())) < len(f.details["networks"]) // 2 + 1
             and regional(ctx.G.nodes[n].get("region")) == region and index.degree[n]]
    light.sort(key=lambda n: (len(index.load.get(n, ())), str(n)))
    top = light[:ctx.settings.max_suggestions]
    if not top:
        return KIND.text("suggest_none", ctx.lang, org=ctx.name(org)), []
    return KIND.text("suggest", ctx.lang, names=ctx.names(top)), top


KIND = Kind("multi_network_load", "werkorganisatie", ("low",), "always low", ("heavy",), find, suggest)
