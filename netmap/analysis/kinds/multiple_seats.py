"""``multiple_seats``: one person carrying several constituencies or seats in several bodies (info)."""
from __future__ import annotations

from netmap.analysis.common import Context
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind


def find(ctx: Context, facts: dict) -> list[Finding]:
    findings = []
    for fact in facts["multiple_seats"]:
        person = ctx.name(fact["person"])
        if len(fact["constituencies"]) > 1:
            message = KIND.text("message", ctx.lang, person=person, n=len(fact["constituencies"]),
                                cons=ctx.names(fact["constituencies"]))
        else:
            message = KIND.text("message_bodies", ctx.lang, person=person, n=len(fact["bodies"]),
                                bodies=ctx.names(fact["bodies"]))
        findings.append(KIND.finding([fact["person"]], "info", message, details=dict(fact)))
    return findings


def suggest(ctx: Context, index, f: Finding):
    return KIND.text("suggest", ctx.lang), []


KIND = Kind("multiple_seats", "werkorganisatie", ("info",), "always info", ("multiple_seats",), find, suggest)
