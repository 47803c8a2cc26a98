"""``unrepresented_constituency``: constituencies with no seat in a KBL body and no part in any network.

Definition in :func:`netmap.analysis.representation.unrepresented_constituencies`. Medium
for a national (or region-less) constituency, low for a regional one; several of the same
severity make one finding with the list.
"""
from __future__ import annotations

from collections import defaultdict

from netmap.analysis.common import Context, regional, with_reasons
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind
from netmap.i18n import t, word


def find(ctx: Context, facts: dict) -> list[Finding]:
    groups: dict[str, list[str]] = defaultdict(list)
    for c in facts["unrepresented"]:
        groups["low" if regional(ctx.G.nodes[c].get("region")) else "medium"].append(c)
    findings = []
    for severity, cons in groups.items():
        types = sorted({ctx.G.nodes[c].get("type") or "" for c in cons} - {""})
        details = {"constituencies": cons, "types": types, "seat_scope": ctx.settings.unrepresented_seat_scope,
                   "counts_membership": ctx.settings.unrepresented_counts_membership}
        if len(cons) == 1:
            data = ctx.G.nodes[cons[0]]
            message = KIND.text("message", ctx.lang, cons=ctx.name(cons[0]),
                                type=word("types", data.get("type") or "", ctx.lang), what=_what(ctx, "one"))
            details.update(type=data.get("type") or "", region=data.get("region") or "")
        else:
            message = KIND.text("message_group", ctx.lang, n=len(cons), names=ctx.names(cons, 12),
                                what=_what(ctx, "many"))
        findings.append(KIND.finding(cons, severity, message, details=details))
    return findings


def _what(ctx: Context, number: str) -> str:
    """What is missing, as the settings define it ('heeft geen zetel in een KBL-orgaan en ...')."""
    s = ctx.settings
    text = KIND.text(f"no_seat_{s.unrepresented_seat_scope}_{number}", ctx.lang)
    if s.unrepresented_counts_membership:
        text += KIND.text(f"no_membership_{number}", ctx.lang)
    return text


def suggest(ctx: Context, index, f: Finding):
    if len(f.subjects) > 1:
        return KIND.text("suggest_group", ctx.lang), []
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
            "medium for national (or region-less) constituencies, low for regional ones; one finding per severity",
            ("unrepresented",), find, suggest)
