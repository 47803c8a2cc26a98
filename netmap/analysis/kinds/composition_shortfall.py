"""``composition_shortfall``: a perspective or seat present fewer times than required, too few or too
many members, or an actor of an exclusive body (the adviesraad) with another role in KBL.

Subjects: the network id (members), the network id followed by the perspective code(s),
or the body and the actor (exclusive). Severity as for ``missing_perspective``; an
exclusive body's rule is its own, so high.
"""
from __future__ import annotations

from netmap.analysis.common import Context
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind
from netmap.analysis.kinds.missing_perspective import perspective_finding, severity
from netmap.analysis.kinds.missing_perspective import suggest as suggest_perspective


def find(ctx: Context, facts: dict) -> list[Finding]:
    findings = []
    for fact in facts["composition"]:
        if fact["check"] == "members":
            bounds, n = fact["bounds"], fact["count"]
            key = "members_min" if n < bounds.get("min", 0) else "members_max"
            message = KIND.text(key, ctx.lang, net=ctx.name(fact["network"]), n=n, min=bounds.get("min"),
                                max=bounds.get("max"))
            findings.append(KIND.finding([fact["network"]], severity(fact), message, details=dict(fact)))
        elif fact["count"] > 0:
            findings.append(perspective_finding(KIND, ctx, fact, "count"))
    for fact in facts.get("exclusive_roles") or []:
        message = KIND.text("exclusive", ctx.lang, actor=ctx.name(fact["actor"]), net=ctx.name(fact["network"]),
                            others=ctx.names(fact["others"]))
        findings.append(KIND.finding([fact["network"], fact["actor"]], "high", message,
                                     details={**fact, "check": "exclusive"}))
    return findings


def suggest(ctx: Context, index, f: Finding):
    if f.details.get("check") == "members":
        return KIND.text("suggest_members", ctx.lang), []
    if f.details.get("check") == "exclusive":
        return KIND.text("suggest_exclusive", ctx.lang, net=ctx.name(f.details["network"])), []
    return suggest_perspective(ctx, index, f)


KIND = Kind("composition_shortfall", "adviesraad", ("high", "medium"),
            "high when the rule is the body's own (requirements table or body rule), medium for a type rule",
            ("composition", "exclusive_roles"), find, suggest)
