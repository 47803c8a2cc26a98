"""``shared_theme``: a theme served by several networks, some of which do not learn from the others (info)."""
from __future__ import annotations

from netmap.analysis.common import Context
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind


def find(ctx: Context, facts: dict) -> list[Finding]:
    findings = []
    for f in facts["themes"]:
        if not f["loose"]:
            continue
        key = "message_all" if len(f["loose"]) == len(f["networks"]) else "message"
        message = KIND.text(key, ctx.lang, theme=f["theme"], n=len(f["networks"]),
                            names=ctx.names(f["networks"], 5), k=len(f["loose"]), loose=ctx.names(f["loose"], 5))
        findings.append(KIND.finding(sorted(f["networks"]), "info", message, details=dict(f)))
    return findings


def suggest(ctx: Context, index, f: Finding):
    loose = f.details["loose"]
    tied = [n for n in f.details["networks"] if n not in loose]
    if not tied:
        top = loose[:ctx.settings.max_suggestions + 2]
        return KIND.text("suggest_all", ctx.lang, loose=ctx.names(top), theme=f.details["theme"]), top
    hub = max(tied, key=lambda n: (index.degree[n], str(n)))
    rest = [n for n in loose if n != hub][:ctx.settings.max_suggestions + 2]
    if not rest:
        return "", []
    return KIND.text("suggest", ctx.lang, loose=ctx.names(rest), hub=ctx.name(hub)), [hub, *rest]


KIND = Kind("shared_theme", "werkorganisatie", ("info",), "always info", ("themes",), find, suggest)
