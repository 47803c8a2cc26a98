"""``unrepresented_constituency``: a constituency organisation nobody represents (medium national, low regional)."""
from __future__ import annotations

from netmap.analysis.common import Context, regional, with_reasons
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind
from netmap.i18n import t, word


def find(ctx: Context, facts: dict) -> list[Finding]:
    findings = []
    for c in facts["unrepresented"]:
        data = ctx.G.nodes[c]
        national = not regional(data.get("region"))
        message = KIND.text("message", ctx.lang, cons=ctx.name(c), type=word("types", data.get("type") or "", ctx.lang))
        findings.append(KIND.finding([c], "medium" if national else "low", message,
                                     details={"type": data.get("type") or "", "region": data.get("region") or ""}))
    return findings


def suggest(ctx: Context, index, f: Finding):
    cons = f.subjects[0]
    # by fit: staff who already sit in a network or body know the way in, then the best connected
    staff = sorted(index.staff_of.get(cons, []),
                   key=lambda p: (-len(ctx.networks_of.get(p, ())), -index.degree[p], str(p)))
    staff = staff[:ctx.settings.max_suggestions]
    if staff:
        seated = {p: [t("analysis.why_seated", ctx.lang, names=ctx.names(sorted(ctx.networks_of[p]), 2))]
                  if ctx.networks_of.get(p) else [] for p in staff}
        names = "; ".join(with_reasons(ctx.name(p), seated[p]) for p in staff)
        return KIND.text("suggest_home", ctx.lang, names=names), staff
    peers = {p for q in ctx.perspectives[cons] for p in index.reps_by_perspective.get(q, ())}
    ranked = sorted(peers, key=lambda p: (len(ctx.constituencies_of.get(p, ())), str(p)))
    ranked = ranked[:ctx.settings.max_suggestions]
    if ranked:
        return KIND.text("suggest_peer", ctx.lang, cons=ctx.name(cons), names=ctx.names(ranked)), ranked
    return KIND.text("suggest_none", ctx.lang, cons=ctx.name(cons)), []


KIND = Kind("unrepresented_constituency", "werkorganisatie", ("medium", "low"),
            "medium for a national (or region-less) constituency, low for a regional one",
            ("unrepresented",), find, suggest)
