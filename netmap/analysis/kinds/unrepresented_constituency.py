"""``unrepresented_constituency``: a constituency organisation nobody represents (medium national, low regional)."""
from __future__ import annotations

from netmap.analysis.common import Context, regional
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind
from netmap.i18n import word


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
    staff = sorted(index.staff_of.get(cons, []), key=str)[:ctx.settings.max_suggestions]
    if staff:
        return KIND.text("suggest_home", ctx.lang, names=ctx.names(staff)), staff
    peers = {p for q in ctx.perspectives[cons] for p in index.reps_by_perspective.get(q, ())}
    ranked = sorted(peers, key=lambda p: (len(ctx.constituencies_of.get(p, ())), str(p)))
    ranked = ranked[:ctx.settings.max_suggestions]
    if ranked:
        return KIND.text("suggest_peer", ctx.lang, cons=ctx.name(cons), names=ctx.names(ranked)), ranked
    return KIND.text("suggest_none", ctx.lang, cons=ctx.name(cons)), []


KIND = Kind("unrepresented_constituency", "werkorganisatie", ("medium", "low"),
            "medium for a national (or region-less) constituency, low for a regional one",
            ("unrepresented",), find, suggest)
