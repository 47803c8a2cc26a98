"""``single_point_of_failure``: an actor or tie whose loss cuts a meaningful group off from the core.

Facts from :func:`netmap.analysis.cuts.cut_facts`. High when a network or KBL body is cut
off, else medium; the trivial cuts (one organisation or network hanging on one actor or
network) together make one low finding.
"""
from __future__ import annotations

from netmap.analysis.common import Context, join_names
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind


def describe_pieces(ctx: Context, pieces: list[dict]) -> str:
    """'KBL Adviesraad (12 actoren, het netwerk of orgaan zelf meegeteld)' or 'een groep van 4 actoren rond X',
    joined."""
    parts = []
    for p in sorted(pieces, key=lambda p: -p["size"]):
        if p["size"] == 1:
            parts.append(ctx.name(p["best"]))
        elif p["networks"] == 1 and ctx.G.nodes[p["best"]]["kind"] == "network":
            parts.append(KIND.text("network_size", ctx.lang, name=ctx.name(p["best"]), n=p["size"]))
        else:
            parts.append(KIND.text("group_size", ctx.lang, n=p["size"], name=ctx.name(p["best"])))
    return join_names(parts, ctx.lang, 4)


def find(ctx: Context, facts: dict) -> list[Finding]:
    findings = []
    for fact in facts["spof"]:
        groups = describe_pieces(ctx, fact["pieces"])
        if fact["type"] == "tie":
            a, b = fact["subjects"]
            message = KIND.text("message_tie", ctx.lang, a=ctx.name(a), b=ctx.name(b), groups=groups)
        else:
            key = "message_actor" if len(fact["pieces"]) == 1 else "message_actor_many"  # raakt / raken
            message = KIND.text(key, ctx.lang, actor=ctx.name(fact["subjects"][0]), groups=groups)
        serious = any(p["networks"] or p.get("anchors") for p in fact["pieces"])
        findings.append(KIND.finding(list(fact["subjects"]), "high" if serious else "medium", message,
                                     details=dict(fact)))
    trivial = facts.get("spof_trivial") or []
    if trivial:
        pairs = [KIND.text("trivial_pair", ctx.lang, actor=ctx.name(x["actor"]), cut=ctx.name(x["cut"]))
                 for x in trivial]
        message = KIND.text("message_trivial", ctx.lang, n=len(trivial), pairs=join_names(pairs, ctx.lang, 10))
        subjects = list(dict.fromkeys(x["actor"] for x in trivial))
        findings.append(KIND.finding(subjects, "low", message, details={"trivial": list(trivial)}))
    return findings


def suggest(ctx: Context, index, f: Finding):
    if "trivial" in f.details:
        return KIND.text("suggest_trivial", ctx.lang), []
    via = ctx.names(f.subjects)
    if len(f.subjects) == 2:
        via = KIND.text("via_tie", ctx.lang, names=via)
    best = [p["best"] for p in f.details["pieces"]]
    return KIND.text("suggest", ctx.lang, via=via, best=ctx.names(best, 3)), best


KIND = Kind("single_point_of_failure", "werkorganisatie", ("high", "medium", "low"),
            "high when a cut-off part holds a network or body, else medium; the trivial cuts together low",
            ("spof", "spof_trivial"), find, suggest)
