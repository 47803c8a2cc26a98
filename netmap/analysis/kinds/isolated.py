"""``isolated``: an organisation or person in no network, holding no seat, with no tie (low, for the bureau)."""
from __future__ import annotations

from collections import Counter

from netmap.analysis.common import Context, join_names, regional, with_reasons
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind
from netmap.graph import HOME, HOST, PARENT
from netmap.i18n import t


def known_links(ctx: Context, n: str) -> list[str]:
    """What the data does record about ``n`` (home, parent, host, representatives, staff), as phrases."""
    G, parts = ctx.G, []
    for _, other, rel in G.out_edges(n, data="rel"):
        if rel in (HOME, PARENT):
            parts.append(KIND.text(f"known_{rel}", ctx.lang, name=ctx.name(other)))
    for other, _, rel in G.in_edges(n, data="rel"):
        if rel == HOST:
            parts.append(KIND.text("known_host", ctx.lang, name=ctx.name(other)))
    if ctx.represented.get(n):
        parts.append(KIND.text("known_represented", ctx.lang, names=ctx.names(sorted(ctx.represented[n]), 3)))
    staff = [p for p, org in ctx.home.items() if org == n]
    if staff:
        parts.append(KIND.text("known_staff", ctx.lang, names=ctx.names(sorted(staff), 3)))
    return parts


def find(ctx: Context, facts: dict) -> list[Finding]:
    findings = []
    for n in facts["isolated"]:
        known = known_links(ctx, n)
        message = KIND.text("message", ctx.lang, actor=ctx.name(n))
        if known:  # say what does connect it, so the sentence stays true of the data
            message += " " + KIND.text("known", ctx.lang, links=join_names(known, ctx.lang))
        findings.append(KIND.finding([n], "low", message))
    return findings


def suggest(ctx: Context, index, f: Finding):
    actor = f.subjects[0]
    region = regional(ctx.G.nodes[actor].get("region"))
    cap, bodies = ctx.settings.suggestion_pool, index.bodies
    scored: dict[str, int] = Counter()
    why: dict[str, set[str]] = {}
    for net in (index.nets_by_region.get(region, [])[:cap] if region else []):
        scored[net] += 2
        why.setdefault(net, set()).add("why_region")
    for p in ctx.perspectives[actor]:
        for net in index.lacking.get(p, [])[:cap]:
            scored[net] += 3  # the network misses exactly what this actor brings
            why.setdefault(net, set()).add("why_lacking")
        for net in index.nets_by_perspective.get(p, [])[:cap]:
            scored[net] += 1
            why.setdefault(net, set()).add("why_perspective")
    # by fit: the score, then the network's size (a bigger network has more to offer), then the id
    ranked = [(-score, -len(ctx.actors_of(net)), str(net), net) for net, score in scored.items() if net not in bodies]
    top = [net for *_, net in sorted(ranked)[:ctx.settings.max_suggestions]]
    if not top:
        return KIND.text("suggest_none", ctx.lang, actor=ctx.name(actor)), []
    order = ("why_lacking", "why_region", "why_perspective")
    names = "; ".join(with_reasons(ctx.name(net), [t("analysis." + k, ctx.lang) for k in order if k in why[net]])
                      for net in top)
    return KIND.text("suggest", ctx.lang, actor=ctx.name(actor), names=names), top


KIND = Kind("isolated", "bureau", ("low",), "always low", ("isolated",), find, suggest)
