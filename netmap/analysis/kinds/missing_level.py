"""``missing_level``: one finding listing the actors whose level is unknown (data quality, for the bureau)."""
from __future__ import annotations

from netmap.analysis.common import Context
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind


def find(ctx: Context, facts: dict) -> list[Finding]:
    unknown = facts["unknown_level"]
    if not unknown:
        return []
    key = "message_one" if len(unknown) == 1 else "message"
    return [KIND.finding(unknown, "info", KIND.text(key, ctx.lang, n=len(unknown), names=ctx.names(unknown, 5)),
                         details={"count": len(unknown)})]


def suggest(ctx: Context, index, f: Finding):
    return KIND.text("suggest", ctx.lang), []


KIND = Kind("missing_level", "bureau", ("info",), "always info", ("unknown_level",), find, suggest)
