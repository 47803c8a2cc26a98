"""``isolated``: an organisation or person with no path to the core through the connectivity view
and alone in it (low, for the bureau); the sentence says which relations it does have, if any.

Facts from :func:`netmap.analysis.cuts.isolated_facts`.
"""
from __future__ import annotations

from collections import Counter

from netmap.analysis.common import Context, join_names, regional, with_reasons
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind
from netmap.i18n import t, word


def find(ctx: Context, facts: dict) -> list[Finding]:
    findings = []
    for fact in facts["isolated"]:
        n, relations = fact["actor"], fact["relations"]
        if relations:
            message = KIND.text("message_outside", ctx.lang, actor=ctx.name(n), view=view_phrase(ctx),
                                relations=join_names([relation_phrase(ctx, r) for r in relations], ctx.lang, 4))
        else:
            message = KIND.text("message", ctx.lang, actor=ctx.name(n))
        findings.append(KIND.finding([n], "low", message, details=dict(fact)))
    return findings


def view_phrase(ctx: Context) -> str:
    """'relaties (leerrelatie of samenwerking), lidmaatschappen, zetels ...': the connectivity view in words."""
    parts = [KIND.text(f"view_{rel}", ctx.lang) for rel in ctx.settings.connectivity_relations if rel != "tie"]
    if "tie" in ctx.settings.connectivity_relations:
        kinds = [tie_kind_name(k, ctx.lang) for k in ctx.settings.connectivity_tie_kinds]
        parts.insert(0, KIND.text("view_tie", ctx.lang, kinds=f" {t('analysis.or', ctx.lang)} ".join(kinds)))
    return join_names(parts, ctx.lang, 10)


def relation_phrase(ctx: Context, r: dict) -> str:
    """'moederorganisatie VNG', 'een relatie (financiering) met ZonMw'."""
    if r["rel"] == "tie":
        return KIND.text("rel_tie", ctx.lang, kind=tie_kind_name(r["kind"], ctx.lang), other=ctx.name(r["other"]))
    return KIND.text(f"rel_{r['rel']}", ctx.lang, other=ctx.name(r["other"]))


def tie_kind_name(kind: str, lang: str) -> str:
    """The reader's word for a tie kind ('financiering'), the code itself when there is none."""
    return word("diff.tie_kind", kind, lang)


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
