"""Why the compiled kernels grow faster than their work: iterations, spectral gap, time per edge (issue 17).

    .venv/bin/python bench/kernel_growth.py                   # scales 0.25, 0.5, 1, 2, seed 1 (a few minutes)
    .venv/bin/python bench/kernel_growth.py --scales 0.1,0.5

Per scale, on the views netmap's analyses use (the structure view; the connectivity view):

- eigenvector: ARPACK's products with A (counted), the spectrum's top (lambda_1, lambda_2, lambda_min: the gap
  Lanczos converges by), eigsh's cpu on OpenBLAS's own threads and on one thread, and the cpu of the products alone;
- communities: Leiden (modularity, seeded as netmap seeds it) until stable: iterations, communities, cpu, and
  cpu per edge per iteration with 2 iterations fixed; the same on k disjoint copies of the smallest scale's view
  with CPM (a local objective: every copy is the same problem), where only the working set grows;
- components and cuts: igraph's call beside netmap's step.

Each time is the least cpu of three runs (two shared cores). bench/README.md, "Kernel growth, looked into".
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def least_cpu(call: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(runs):
        start = time.process_time()
        result = call()
        best = min(best, time.process_time() - start)
    return best, result


def fit(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log y on log x (as bench/tables.py's fit_exponent)."""
    points = [(math.log(x), math.log(y)) for x, y in zip(xs, ys)]
    mx, my = (sum(p[i] for p in points) / len(points) for i in (0, 1))
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def one_scale(scale: float, seed: int, first: bool) -> dict[str, Any]:
    import igraph
    import numpy as np
    from scipy.sparse.linalg import LinearOperator, eigsh
    from threadpoolctl import threadpool_limits

    from netmap.analysis import compiled, cuts, structure
    from netmap.analysis.common import anchors, build_context
    from netmap.analysis.settings import Settings
    from netmap.graph import build_graph
    from netmap.synth import generate

    G = build_graph(generate(scale, seed).dataset)
    settings = Settings()
    ctx = build_context(G, settings)
    C, K = structure.structure_view(ctx.G), structure.connectivity_view(ctx)
    A, n = C.adjacency, C.n
    row: dict[str, Any] = {"scale": scale, "edges": G.number_of_edges(), "view_edges": C.m}

    products = [0]

    def product(x):
        products[0] += 1
        return A @ x

    eigsh(LinearOperator(A.shape, matvec=product, dtype=float), k=1, which="LA", v0=np.ones(n), tol=0)
    top = sorted(eigsh(A, k=2, which="LA", tol=0, return_eigenvectors=False), reverse=True)
    low = float(eigsh(A, k=1, which="SA", tol=1e-8, return_eigenvectors=False)[0])
    row["eig"] = {"products": products[0], "l1": float(top[0]), "l2": float(top[1]), "lmin": low}
    solve = lambda: eigsh(A, k=1, which="LA", v0=np.ones(n), tol=0)  # noqa: E731
    row["eig"]["default_threads"] = least_cpu(solve)[0]
    with threadpool_limits(1, user_api="blas"):
        row["eig"]["one_thread"] = least_cpu(solve)[0]
    x = np.ones(n)
    row["eig"]["products_only"] = least_cpu(lambda: [A @ x for _ in range(products[0])])[0]

    g = C.igraph
    full_cpu, full = least_cpu(lambda: compiled.leiden(C, settings.seed), runs=2)

    def fixed(iterations: int):
        igraph.set_random_number_generator(random.Random(settings.seed))
        try:
            return g.community_leiden(objective_function="modularity", n_iterations=iterations).membership
        finally:
            igraph.set_random_number_generator(random)

    iterations = next(k for k in range(1, 30) if fixed(k) == full)
    two = least_cpu(lambda: fixed(2), runs=2)[0]
    row["leiden"] = {"iterations": iterations, "communities": len(set(full)), "cpu": full_cpu,
                     "us_per_edge_iteration": two / 2 / C.m * 1e6}

    core_anchors = anchors(ctx)
    _ = K.igraph
    comps = structure.components(K)
    core = comps[structure.main_component(comps, core_anchors)]
    vertices = sorted(K.index[v] for v in core)
    row["components"] = {"igraph": least_cpu(lambda: K.igraph.connected_components())[0],
                         "netmap": least_cpu(lambda: structure.components(K))[0]}
    row["cuts"] = {"igraph blocks": least_cpu(lambda: compiled.blocks(K, vertices))[0],
                   "netmap": least_cpu(lambda: cuts.cut_facts(ctx, K, core_anchors, core))[0]}
    if first:
        row["copies"] = copies(C)
    return row


def copies(C, counts: tuple[int, ...] = (1, 2, 4, 8)) -> list[tuple[int, int, float]]:
    """Leiden (CPM, 2 iterations) on k disjoint copies of ``C``: (k, communities, us per edge per iteration)."""
    import igraph
    import numpy as np

    found = []
    for k in counts:
        edges = np.concatenate([C.edges + i * C.n for i in range(k)])
        g = igraph.Graph(n=C.n * k, edges=edges.tolist())

        def run(g=g):
            igraph.set_random_number_generator(random.Random(42))
            try:
                return g.community_leiden(objective_function="CPM", resolution=0.01, n_iterations=2)
            finally:
                igraph.set_random_number_generator(random)

        cpu, parts = least_cpu(run, runs=2)
        found.append((k, len(parts), cpu / 2 / len(edges) * 1e6))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=lambda s: [float(x) for x in s.split(",")], default=[0.25, 0.5, 1.0, 2.0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--first", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        print(json.dumps(one_scale(args.worker, args.seed, args.first)))
        return 0
    rows = []
    for i, scale in enumerate(args.scales):  # each scale in a fresh process, as bench/run.py runs them
        command = [sys.executable, __file__, "--worker", str(scale), "--seed", str(args.seed)] + ["--first"] * (i == 0)
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"scale {scale:g} done, load average {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
    edges = [r["edges"] for r in rows]
    print(f"{'scale':>6} {'view edges':>10} | eigsh: products  l1/l2  (l1-l2)/(l2-lmin)  cpu 2 threads  1 thread  "
          f"products | Leiden: iterations communities cpu us/edge/it | components igraph netmap | cuts blocks netmap")
    for r in rows:
        e, lo, c, k = r["eig"], r["leiden"], r["components"], r["cuts"]
        print(f"{r['scale']:>6g} {r['view_edges']:>10,} | {e['products']:>6} {e['l1'] / e['l2']:>10.3f} "
              f"{(e['l1'] - e['l2']) / (e['l2'] - e['lmin']):>10.3f} {e['default_threads']:>12.3f} "
              f"{e['one_thread']:>9.3f} {e['products_only']:>9.3f} | {lo['iterations']:>6} {lo['communities']:>10} "
              f"{lo['cpu']:>7.3f} {lo['us_per_edge_iteration']:>6.2f} | {c['igraph']:>10.4f} {c['netmap']:>6.4f} | "
              f"{k['igraph blocks']:>8.3f} {k['netmap']:>6.3f}")
    if len(rows) > 1:
        series = {"eigsh, OpenBLAS's threads": [r["eig"]["default_threads"] for r in rows],
                  "eigsh, one thread": [r["eig"]["one_thread"] for r in rows],
                  "eigsh's products alone": [r["eig"]["products_only"] for r in rows],
                  "Leiden until stable": [r["leiden"]["cpu"] for r in rows],
                  "igraph components": [r["components"]["igraph"] for r in rows],
                  "netmap components": [r["components"]["netmap"] for r in rows],
                  "igraph blocks (core)": [r["cuts"]["igraph blocks"] for r in rows],
                  "netmap cuts": [r["cuts"]["netmap"] for r in rows]}
        print("growth, cpu ~ edges^b: " + "; ".join(f"{name} {fit(edges, ys):.2f}" for name, ys in series.items()))
    for r in rows:
        if "copies" in r:
            print(f"Leiden (CPM, 2 iterations) on k copies of scale {r['scale']:g}'s view: "
                  + "; ".join(f"k={k}: {parts} communities, {us:.2f} us/edge/iteration"
                              for k, parts, us in r["copies"]))
    print(f"load average {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
