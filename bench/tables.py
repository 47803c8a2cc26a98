"""The tables bench/run.py prints: sizes, steps per scale with the fitted growth exponent, analysis
topics, the igraph and naive-load ratios, the planted answers and the targets of issue 7."""
from __future__ import annotations

import math
from typing import Any

from kernels import print_kernels


def fit_exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) on log(x): y ~ x^b.

    >>> round(fit_exponent([(10, 5), (100, 50), (1000, 500)]), 3)
    1.0
    """
    points = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


FIXED_SIZE = {"neo4j naive, sample (1 row/tx)", "neo4j batched, sample", "map interactive (Chromium)"}


def step_names(results: list[dict[str, Any]]) -> list[str]:
    names: dict[str, None] = {}
    for r in results:
        names.update(dict.fromkeys(r["steps"]))
    return list(names)


def cell(step: dict[str, Any] | None) -> str:
    if not step:
        return "-"
    if "missing" in step:
        return "n/a"
    cpu = f" {step['cpu_s']:>7.2f}" if "cpu_s" in step else " " * 8
    memory = f" {step['peak_mb']:>6.0f}" if "peak_mb" in step else " " * 7
    return f"{step['seconds']:>8.2f}{cpu}{memory}"


def print_tables(results: list[dict[str, Any]]) -> None:
    ok = [r for r in results if "failed" not in r]
    print_sizes(results)
    names = step_names(ok)
    width = max(len(n) for n in names) if names else 10
    head = "".join(f" | {'scale ' + format(r['scale'], 'g'):>23}" for r in ok)
    print(f"\n{'step':<{width}}{head} | exponent")
    print(f"{'':<{width}}" + " | {:>8} {:>7} {:>6}".format("wall s", "cpu s", "MB") * len(ok) + " | (wall ~ edges^b)")
    for name in names:
        row = "".join(f" | {cell(r['steps'].get(name)):>23}" for r in ok)
        b = fit_exponent([(r["edges"], r["steps"][name]["seconds"]) for r in ok
                          if "seconds" in r["steps"].get(name, {})])
        c = fit_exponent([(r["edges"], r["steps"][name]["cpu_s"]) for r in ok
                          if "cpu_s" in r["steps"].get(name, {})])
        growth = "" if b is None else f"{b:.2f}" + ("" if c is None else f" (cpu {c:.2f})")
        growth = "(same size at every scale)" if name in FIXED_SIZE else growth
        print(f"{name:<{width}}{row} | {growth}")
    print_topics(ok)
    print_kernels(ok)
    print_ratios(ok)
    print_planted(ok)
    print_targets(ok)


def print_sizes(results: list[dict[str, Any]]) -> None:
    commits = sorted({r.get("commit", "?") for r in results})
    print(f"\ncommit {', '.join(commits)}; load average at the end of each scale: "
          + ", ".join(f"{r.get('load_average', 0):.1f}" for r in results))
    print("\nsize of the synthetic field")
    print(f"{'scale':>6} {'nodes':>9} {'edges':>9} {'ties':>9} {'findings':>9} {'max RSS MB':>11}")
    for r in results:
        if "failed" in r:
            print(f"{r['scale']:>6g}  failed (exit {r['failed']})")
            continue
        print(f"{r['scale']:>6g} {r['nodes']:>9,} {r['edges']:>9,} {r['ties']:>9,} {r.get('findings', '-'):>9} "
              f"{r['max_rss_mb']:>11.0f}")


def print_topics(results: list[dict[str, Any]]) -> None:
    topics = [r["steps"].get("analyses (all)", {}).get("topics") for r in results]
    if not any(topics):
        return
    names = list(dict.fromkeys(k for t in topics if t for k in t))
    print("\nanalyses, per topic (s, from the analysis's own timings)")
    print(f"{'topic':<16}" + "".join(f" {'scale ' + format(r['scale'], 'g'):>11}" for r in results) + "  exponent")
    for name in names:
        values = [(r["edges"], (t or {}).get(name)) for r, t in zip(results, topics)]
        b = fit_exponent([(e, v) for e, v in values if v])
        cells = "".join(f" {'-' if v is None else format(v, '.2f'):>11}" for _, v in values)
        print(f"{name:<16}{cells}  {'' if b is None else format(b, '.2f')}")


def print_ratios(results: list[dict[str, Any]]) -> None:
    if not any(r.get("neo4j") for r in results):
        return
    print("\nside by side (netmap time / other time; > 1 means netmap is slower)")
    for r in results:
        neo = r.get("neo4j") or {}
        parts = []
        if neo:
            parts.append(f"| Neo4j on a {neo['sample_rows']:,}-row sample: "
                         f"batched {neo['batched_sample_rows_per_s']:,} "
                         f"rows/s vs naive {neo['naive_rows_per_s']:,} rows/s = {neo['ratio']}x faster; "
                         f"whole graph batched {neo['rows_per_s']:,} rows/s")
        print(f"  scale {r['scale']:g}: " + (" ".join(parts) if parts else "not measured"))


def print_planted(results: list[dict[str, Any]]) -> None:
    print("\nplanted gaps and overlaps found by the analyses")
    for r in results:
        p = r.get("planted")
        if p is None:
            print(f"  scale {r['scale']:g}: not checked (analyses not available)")
            continue
        missed = f"; MISSED: {p['missed']}" if p["missed"] else ""
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(r.get("by_kind", {}).items()))
        print(f"  scale {r['scale']:g}: {p['found']}/{p['total']}{missed}  (all findings: {kinds})")


TARGETS = (  # name, steps summed, limit, unit
    ("read + validate + build", ("read + validate", "graph build"), 15.0, "s"),
    ("all analyses + report", ("analyses (all)", "report (html)"), 60.0, "s"),
    ("aggregated national map written", ("map (national, aggregated)",), 10.0, "s"),
    ("map interactive in Chromium", ("map interactive (Chromium)",), 5.0, "s"),
)


def print_targets(results: list[dict[str, Any]]) -> None:
    at_one = [r for r in results if r["scale"] == 1.0]
    if not at_one:
        print("\ntargets (issue 7) are set at scale 1, which was not run")
        return
    r = at_one[0]
    print("\ntargets at scale 1 (wall time; cpu time in brackets, which other load on the machine does not inflate)")
    for name, parts, limit, unit in TARGETS:
        values = [r["steps"].get(p, {}).get("seconds") for p in parts]
        cpu = [r["steps"].get(p, {}).get("cpu_s") for p in parts]
        if None in values:
            print(f"  {name:<34} n/a")
            continue
        total = sum(values)
        cpu_text = "" if None in cpu else f" (cpu {sum(cpu):.2f})"
        print(f"  {name:<34} {total:8.2f} {unit}{cpu_text} (<= {limit:g})  {'met' if total <= limit else 'MISSED'}")
    peak = r["max_rss_mb"] / 1024
    print(f"  {'peak memory':<34} {peak:8.2f} GB (<= 3)  {'met' if peak <= 3 else 'MISSED'}")
    neo = r.get("neo4j")
    if neo:
        print(f"  {'Neo4j load':<34} {neo['rows_per_s']:8,} rows/s (>= 20,000)  "
              f"{'met' if neo['rows_per_s'] >= 20000 else 'MISSED'}")
    else:
        print(f"  {'Neo4j load':<34} n/a (give --neo4j-uri or --start-neo4j)")
    print_growth(results)


def print_growth(results: list[dict[str, Any]], limit: float = 1.25) -> None:
    """Steps whose cpu time grows faster than about n log n in the edges (exponent above ``limit``,
    fitted over at least three scales)."""
    if len(results) < 2:
        return
    fast = []
    for name in step_names(results):
        points = [(r["edges"], r["steps"][name]["cpu_s"]) for r in results if "cpu_s" in r["steps"].get(name, {})]
        b = fit_exponent(points) if len(points) >= 3 else None  # two points say little
        if b is not None and b > limit and not name.startswith(("igraph", "networkit", "scipy")) \
                and name not in FIXED_SIZE:
            fast.append(f"{name} ({b:.2f})")
    verdict = "met" if not fast else "MISSED: " + ", ".join(fast)
    print(f"  {'growth <= ~n log n (cpu exponent)':<34} {verdict}")
