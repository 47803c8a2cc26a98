"""``representative_without_home``: a seat holder with no recorded home organisation (high)."""
from __future__ import annotations

from netmap.analysis.common import Context
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind


def find(ctx: Context, facts: dict) -> list[Finding]:
    findings = []
    for fact in facts["without_home"]:
        body = KIND.text("in_body", ctx.lang, body=ctx.names(fact["bodies"])) if fact["bodies"] else ""
        message = KIND.text("message", ctx.lang, person=ctx.name(fact["person"]),
                            cons=ctx.names(fact["constituencies"]), body=body)
        findings.append(KIND.finding([fact["person"]], "high", message, details=dict(fact)))
    return findings


def suggest(ctx: Context, index, f: Finding):
    cons = f.details["constituencies"]
    return KIND.text("suggest", ctx.lang, person=ctx.name(f.subjects[0]), cons=ctx.names(cons)), list(cons)


KIND = Kind("representative_without_home", "werkorganisatie", ("high",), "always high",
            ("without_home",), find, suggest)
