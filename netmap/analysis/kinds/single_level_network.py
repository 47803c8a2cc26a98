"""``single_level_network``: a network whose members all sit at one level (low)."""
from __future__ import annotations

from collections import Counter
from itertools import islice

from netmap.analysis.common import Context, level_label
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind


def find(ctx: Context, facts: dict) -> list[Finding]:
    return [KIND.finding([net], "low", KIND.text("message", ctx.lang, net=ctx.name(net),
                                                 level=level_label(lv, ctx.lang)),
                         details={"level": lv, "members": len(ctx.actors_of(net))})
            for net, lv in facts["single_level"].items()]


def suggest(ctx: Context, index, f: Finding):
    net, level = f.subjects[0], f.details["level"]
    actors = ctx.actors_of(net)
    seen: Counter = Counter()
    for m in actors:  # the first networks and actors in id order, so the pool is the same every run
        for other in islice(sorted(ctx.networks_of.get(m, ()), key=str), 20):
            for n in islice(index.actors_in_order(other), ctx.settings.suggestion_pool):
                if n not in actors and ctx.levels[n] and level not in ctx.levels[n]:
                    seen[n] += 1
    top = [n for n, _ in sorted(seen.items(), key=lambda kv: (-kv[1], -index.degree[kv[0]], str(kv[0])))]
    top = top[:ctx.settings.max_suggestions]
    if not top:
        return KIND.text("suggest_none", ctx.lang), []
    return KIND.text("suggest", ctx.lang, names=ctx.names(top)), top


KIND = Kind("single_level_network", "werkorganisatie", ("low",), "always low",
            ("single_level",), find, suggest)
