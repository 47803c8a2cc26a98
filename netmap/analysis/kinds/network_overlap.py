"""``network_overlap``: two networks with largely the same organisations.

Flagged when the pair is substantial (at or above either threshold, Jaccard or overlap
coefficient) and more than chance (:func:`netmap.analysis.overlap.overlap_tests`, its
p-value, q-value and expected overlap in the details), both on what the two share of their own
accord (:func:`netmap.analysis.overlap.own_overlaps`; organisations there only through a prescribed
seat are named as ``by_design``); medium when the pair is similar
as a whole (Jaccard) and has no direct learning tie yet, else low.
"""
from __future__ import annotations

from netmap.analysis.common import Context
from netmap.analysis.findings import Finding
from netmap.analysis.kinds import Kind
from netmap.analysis.overlap import flagged_overlaps


def find(ctx: Context, facts: dict) -> list[Finding]:
    s = ctx.settings
    findings = []
    tests = {tuple(r["networks"]): r for r in facts["overlap_tests"]}
    for f in flagged_overlaps(facts["own_overlaps"], s.overlap_threshold, s.overlap_coefficient_threshold,
                              s.overlap_min_shared):
        test = tests.get(tuple(f["networks"]))
        if test is None or not test["significant"]:
            continue
        a, b = f["networks"]
        tied = KIND.text("tied" if f["tied"] else "untied", ctx.lang)
        message = KIND.text("message", ctx.lang, a=ctx.name(a), b=ctx.name(b), n=len(f["shared"]),
                            names=ctx.names(f["shared"], 4), j=f["jaccard"], o=f["overlap"], tied=tied)
        if f["by_design"]:
            key = "by_design_one" if len(f["by_design"]) == 1 else "by_design"
            message += KIND.text(key, ctx.lang, m=len(f["by_design"]), names=ctx.names(f["by_design"], 4))
        # a pair that is similar as a whole (Jaccard) and does not learn together yet matters most
        strong = f["jaccard"] >= s.overlap_threshold and not f["tied"]
        findings.append(KIND.finding([a, b], "medium" if strong else "low", message, details={**f, **test}))
    return findings


def suggest(ctx: Context, index, f: Finding):
    a, b = f.subjects
    shared = sorted(f.details["shared"], key=lambda n: -index.degree[n])[:2]
    key = "suggest" if len(shared) == 1 else "suggest_many"  # zit / zitten
    return KIND.text(key, ctx.lang, a=ctx.name(a), b=ctx.name(b), names=ctx.names(shared)), shared


KIND = Kind("network_overlap", "werkorganisatie", ("medium", "low"),
            "medium when Jaccard reaches the threshold and the two have no direct learning tie, else low",
            ("own_overlaps", "overlap_tests"), find, suggest)
