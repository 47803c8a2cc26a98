"""``separate_component``: a group with no path at all to KBL's bodies (medium)."""
from __future__ import annotations

from netmap.analysis.common import Context
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind


def find(ctx: Context, facts: dict) -> list[Finding]:
    return [KIND.finding(nodes, "medium", KIND.text("message", ctx.lang, n=len(nodes), names=ctx.names(nodes, 4)),
                         details={"size": len(nodes)}) for nodes in facts["separate"]]


def suggest(ctx: Context, index, f: Finding):
    return KIND.text("suggest", ctx.lang), []


KIND = Kind("separate_component", "werkorganisatie", ("medium",), "always medium", ("separate",), find, suggest)
