"""``level_gap``: a pair of levels (or one level with itself) with too few direct learning ties between actors.

Decided on the ``actors`` matrix (ties between two organisations or people); shared
networks (channels) and ties with a network at an end are context in the sentence,
never evidence of direct learning.

Subjects are the two level codes (``['I', 'IV']``), not node ids. High when the two
levels do not even meet in a shared network or body, else medium.
"""
from __future__ import annotations

from itertools import islice

from netmap.analysis.common import Context, level_label
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind


def find(ctx: Context, facts: dict) -> list[Finding]:
    findings = []
    for gap in facts["gaps"]:
        a, b = gap["levels"]
        la, lb = level_label(a, ctx.lang), level_label(b, ctx.lang)
        key = ("same_" if a == b else "") + ("none" if gap["ties"] == 0 else "few_one" if gap["ties"] == 1 else "few")
        message = KIND.text(key, ctx.lang, a=la, b=lb, n=gap["ties"], min=gap["minimum"])
        nets = gap["channels"]
        if nets:
            key = "channel" if len(nets) == 1 else "channels"
            message += KIND.text(key, ctx.lang, n=len(nets), names=ctx.names(nets, 5))
        elif a != b:
            message += KIND.text("no_channels", ctx.lang)
        spanning = gap.get("network_ties", 0)
        if spanning:
            message += KIND.text("network_tie" if spanning == 1 else "network_ties", ctx.lang, n=spanning)
        severity = "medium" if nets or a == b else "high"
        findings.append(KIND.finding([a, b], severity, message, details=dict(gap)))
    return findings


def suggest(ctx: Context, index, f: Finding):
    a, b = f.details["levels"]
    pairs = _co_member_pairs(ctx, index, a, b, f.details["channels"])
    la, lb = level_label(a, ctx.lang), level_label(b, ctx.lang)
    suggest = "suggest_same" if a == b else "suggest"  # never 'actors at level IV and level IV'
    if pairs:
        text = "; ".join(KIND.text("pair", ctx.lang, a=ctx.name(u), b=ctx.name(v), via=ctx.name(net))
                         for u, v, net in pairs)
        return KIND.text(suggest, ctx.lang, a=la, b=lb, pairs=text), [[u, v] for u, v, _ in pairs]
    both = [n for n in islice(index.by_level.get(a, []), ctx.settings.suggestion_pool) if b in ctx.levels[n]]
    if both and a != b:
        top = both[:ctx.settings.max_suggestions]
        return KIND.text("suggest_bridge", ctx.lang, names=ctx.names(top)), top
    pairs = list(zip(index.by_level.get(a, [])[:3], index.by_level.get(b, [])[1 if a == b else 0:4]))
    pairs = [(u, v) for u, v in pairs if u != v][:ctx.settings.max_suggestions]
    text = "; ".join(KIND.text("pair_plain", ctx.lang, a=ctx.name(u), b=ctx.name(v)) for u, v in pairs)
    return (KIND.text(suggest, ctx.lang, a=la, b=lb, pairs=text), [list(p) for p in pairs]) if pairs else ("", [])


def _co_member_pairs(ctx: Context, index, a: str, b: str, channels: list[str]):
    """Untied pairs of actors at a and b who already meet in a channel network, best first."""
    scored = {}
    for net in channels[:20]:
        actors = sorted(ctx.actors_of(net), key=lambda n: -index.degree[n])
        at_a = [n for n in actors if a in ctx.levels[n]][:6]
        at_b = [n for n in actors if b in ctx.levels[n]][:6]
        for u in at_a:
            for v in at_b:
                key = tuple(sorted((u, v)))
                if u != v and v not in ctx.tie_neighbours.get(u, ()) and key not in scored:
                    shared = len(ctx.networks_of.get(u, set()) & ctx.networks_of.get(v, set()))
                    scored[key] = ((shared, index.degree[u] + index.degree[v]), u, v, net)
    best = sorted(scored.values(), key=lambda s: (-s[0][0], -s[0][1], s[1], s[2]))
    return [(u, v, net) for _, u, v, net in best[:ctx.settings.max_suggestions]]


KIND = Kind("level_gap", "werkorganisatie", ("high", "medium"),
            "high when the two levels do not meet in any shared network or body, else medium",
            ("gaps",), find, suggest)
