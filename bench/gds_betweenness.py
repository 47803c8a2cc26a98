"""GDS's sampled betweenness beside netmap's KADABRA estimate, both against the stored exact values (issue 17).

    .venv/bin/python bench/gds_betweenness.py --uri bolt://127.0.0.1:7692 --scale 1 --seed 1 [--load]
        [--sizes 200,500,1000,2000,4000] [--concurrency 1,2] [--sampling-seeds 42] [--kadabra-runs 2]

The graph in the server is the synthetic field (``--load`` loads it with :func:`netmap.neo4j.load_graph`
first); the structure view is projected as ``analyse --neo4j`` projects it (``project_structure_graph.cypher``)
and must have the reference's size (``bench/betweenness-exact-<scale>-seed<seed>.json``: exact top 100,
networkx-normalised). Per ``samplingSize`` k, concurrency and ``samplingSeed``, the timed call is
``gds.betweenness.mutate`` followed by streaming the 100 highest values (what ``analyse --neo4j`` would bring
back); all values are then read untimed for the figures. KADABRA is netmap's own call
(:func:`netmap.analysis.structure.betweenness_for`, one thread) on the reference's graph
(``bench/exact_betweenness.field_graph``), its views converted beforehand (as ``bench/kernels.py``).

Figures per run, as ``bench/kernels.py``'s ``accuracy``: top-20 agreement (share of the exact top 20 in the
estimate's top 20), largest absolute error on the exact top 100, and Spearman / Kendall on the exact top 100.
GDS's raw sampled score is scaled by ``n / k * 2 / ((n - 1)(n - 2))`` (the exact normalisation of
``netmap/neo4j/gds.py`` times n / k); ``ratio`` is the median of estimate / exact over the exact top 100 after
that scaling and ``fit`` the least-squares factor that would bring the raw scores onto the exact ones (both 1
if n / k is the right extrapolation). The load average is printed beside each timing. Writes a JSON file
(``--out``) and prints one line per run; used for bench/README.md ("GDS sampled betweenness beside KADABRA").
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

MUTATE = """
CALL gds.betweenness.mutate($name, {samplingSize: $k, samplingSeed: $seed, concurrency: $concurrency,
                                    mutateProperty: $prop})
YIELD computeMillis
RETURN computeMillis
"""
TOP = """
CALL gds.graph.nodeProperty.stream($name, $prop) YIELD nodeId, propertyValue
WITH nodeId, propertyValue ORDER BY propertyValue DESC LIMIT $n
RETURN gds.util.asNode(nodeId).id AS id, propertyValue AS value
"""
ALL = """
CALL gds.graph.nodeProperty.stream($name, $prop) YIELD nodeId, propertyValue
WITH nodeId, propertyValue WHERE propertyValue > 0
RETURN gds.util.asNode(nodeId).id AS id, propertyValue AS value
"""
DROP_PROPERTY = "CALL gds.graph.nodeProperties.drop($name, [$prop]) YIELD propertiesRemoved RETURN propertiesRemoved"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def figures(values: dict[str, float], exact: list[list], top: int = 20) -> dict:
    """Top-``top`` agreement, largest error, Spearman and Kendall on the exact top 100 (as bench/kernels.py)."""
    from scipy.stats import kendalltau, spearmanr

    ref = dict(map(tuple, exact))
    exact_top = {v for v, _ in exact[:top]}
    ours = sorted(values, key=lambda v: (-values[v], str(v)))[:top]
    est = [values.get(v, 0.0) for v, _ in exact]
    ex = [x for _, x in exact]
    ratios = [e / x for e, x in zip(est, ex) if x > 0]
    return {"agreement": len(set(ours) & exact_top) / top,
            "max_error_top100": round(max(abs(values.get(v, 0.0) - x) for v, x in ref.items()), 6),
            "spearman_top100": round(float(spearmanr(est, ex).statistic), 3),
            "kendall_top100": round(float(kendalltau(est, ex).statistic), 3),
            "ratio_median": round(statistics.median(ratios), 3)}


def kadabra(exact: list[list], scale: float, seed: int, runs: int) -> list[dict]:
    from exact_betweenness import field_graph

    from netmap.analysis import Settings
    from netmap.analysis.compiled import as_compiled
    from netmap.analysis.structure import betweenness_for

    if runs < 1:
        return []
    C = as_compiled(field_graph(scale, seed))
    _ = C.networkit
    out = []
    for _ in range(runs):
        before, wall, cpu = load(), time.perf_counter(), time.process_time()
        values, how = betweenness_for(C, Settings())
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        row = {"method": "kadabra", "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "load_before": before,
               "load_after": load(), "samples": how.get("samples"), "stated_error": how.get("error"),
               **figures(values, exact)}
        print(json.dumps(row), flush=True)
        out.append(row)
    return out


def gds_runs(driver, exact: list[list], n: int, sizes: list[int], concurrencies: list[int],
             seeds: list[int], as_of: str) -> tuple[list[dict], dict]:
    from netmap.neo4j.queries import run_query

    def q(text: str, **params) -> list[dict]:
        records, _, _ = driver.execute_query(text, parameters_=params)
        return [r.data() for r in records]

    name = f"netmap-bench-{uuid.uuid4().hex[:8]}"
    projected = run_query(driver, "project_structure_graph", {"name": name, "as_of": as_of})[0]
    print(f"projection: {projected}", flush=True)
    out = []
    try:
        norm = 2.0 / ((n - 1) * (n - 2))
        for seed in seeds:
            for concurrency in concurrencies:
                for k in sizes:
                    prop = f"bt_{k}_{concurrency}_{seed}"
                    before, start = load(), time.perf_counter()
                    compute_ms = q(MUTATE, name=name, k=k, seed=seed, concurrency=concurrency, prop=prop)[0]
                    q(TOP, name=name, prop=prop, n=100)
                    wall = time.perf_counter() - start
                    raw = {r["id"]: float(r["value"]) for r in q(ALL, name=name, prop=prop)}
                    q(DROP_PROPERTY, name=name, prop=prop)
                    values = {v: x * n / k * norm for v, x in raw.items()}
                    ref = [(raw.get(v, 0.0), x / norm) for v, x in exact]  # raw beside exact unnormalised
                    fit = sum(r * x for r, x in ref) / sum(r * r for r, _ in ref)
                    row = {"method": "gds", "k": k, "concurrency": concurrency, "sampling_seed": seed,
                           "wall_s": round(wall, 2), "compute_s": round(compute_ms["computeMillis"] / 1000, 2),
                           "load_before": before, "load_after": load(), **figures(values, exact),
                           "fit_over_n_by_k": round(fit / (n / k), 3)}
                    print(json.dumps(row), flush=True)
                    out.append(row)
    finally:
        run_query(driver, "drop_projection", {"name": name})
    return out, projected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1, help="the field's seed")
    parser.add_argument("--load", action="store_true", help="load the field into the server first")
    parser.add_argument("--sizes", default="200,500,1000,2000,4000")
    parser.add_argument("--concurrency", default="1,2")
    parser.add_argument("--sampling-seeds", default="42", help="GDS samplingSeed values (netmap's seed: 42)")
    parser.add_argument("--kadabra-runs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    from netmap.analysis import Settings
    from netmap.neo4j import open_driver

    ref = json.loads((ROOT / "bench" / f"betweenness-exact-{args.scale:g}-seed{args.seed}.json").read_text())
    exact, n = ref["top"], int(ref["nodes"])
    results: dict = {"scale": args.scale, "seed": args.seed, "nodes": n, "edges": ref["edges"],
                     "kadabra_before": kadabra(exact, args.scale, args.seed, args.kadabra_runs)}
    with open_driver(args.uri, None, None) as driver:
        if args.load:
            from netmap.graph import build_graph
            from netmap.neo4j import load_graph
            from netmap.synth import generate

            load_graph(driver, build_graph(generate(args.scale, args.seed).dataset))
        gds, projected = gds_runs(driver, exact, n, [int(x) for x in args.sizes.split(",")],
                                  [int(x) for x in args.concurrency.split(",")],
                                  [int(x) for x in args.sampling_seeds.split(",")], Settings().as_of_date())
    if int(projected["nodes"]) != n:
        print("projection differs from the reference's graph", file=sys.stderr)
    results |= {"projection": projected, "gds": gds,
                "kadabra_after": kadabra(exact, args.scale, args.seed, args.kadabra_runs)}
    out = args.out or ROOT / "bench" / f"results-gds-betweenness-{args.scale:g}.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
