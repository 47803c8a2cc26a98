"""The structure topic on compiled kernels: netmap's step beside the library's own kernel (bench/run.py calls it).

Per kernel, ``netmap: <kernel>`` is netmap's whole step as the analyses run it (the compiled view
given, results turned into per-node dicts and sorted lists) and ``<library>: <kernel>`` the bare
library call on the same, already built, library graph: the ratio is netmap's overhead around the
kernel (each the faster of two runs). The views' conversion is its own step (once per analysis run).
Betweenness is compared with the exact top 100 stored by ``bench/exact_betweenness.py``
(``bench/betweenness-exact-<scale>-seed<seed>.json``) when the file matches the graph, or with igraph's
exact values computed here with ``--betweenness-exact``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def run_kernels(steps, G, options: dict[str, Any]) -> dict[str, Any]:
    """Every structure kernel of netmap beside its library twin; ratios and betweenness accuracy."""
    import warnings

    import numpy as np
    from scipy.sparse.linalg import eigsh

    from netmap.analysis import compiled, cuts, structure
    from netmap.analysis.common import anchors, build_context
    from netmap.analysis.settings import Settings

    s = Settings()
    ctx = build_context(G, s)
    with steps.measure("netmap: convert views (once per run)"):
        C = structure.structure_view(ctx.G)
        K = structure.connectivity_view(ctx)
        _ = C.igraph, C.networkit, C.adjacency, K.igraph
    out: dict[str, Any] = {}
    holder: dict[str, Any] = {}

    def twin_kadabra():
        compiled.kadabra_betweenness(C, s.betweenness_epsilon, s.betweenness_delta, s.seed)

    def twin_eigsh():  # on one BLAS thread, as netmap calls it: OpenBLAS's own threads cost 2.5-3.8x the cpu
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1, user_api="blas"):
            eigsh(C.adjacency, k=1, which="LA", v0=np.ones(C.n), tol=0)

    def twin_cuts():
        comps = K.igraph.connected_components()
        core = max(range(len(comps)), key=lambda i: len(comps[i]))
        K.igraph.induced_subgraph(comps[core]).biconnected_components(return_articulation_points=True)

    def ours_cuts():
        comps = structure.components(K)
        main = structure.main_component(comps, anchors(ctx))
        cuts.cut_facts(ctx, K, anchors(ctx), comps[main])

    small = C.n <= s.betweenness_exact_max_nodes
    pairs = {
        "betweenness": (lambda: holder.update(zip(("values", "how"), structure.betweenness_for(C, s))),
                        ("igraph", lambda: C.igraph.betweenness()) if small else ("networkit", twin_kadabra)),
        "eigenvector": (lambda: structure.eigenvector(C), ("scipy", twin_eigsh)),
        "communities": (lambda: structure.communities(C, s.seed),
                        ("igraph", lambda: compiled.leiden(C, s.seed))),
        "components": (lambda: structure.components(K), ("igraph", lambda: K.igraph.connected_components())),
        "cuts": (ours_cuts, ("igraph", twin_cuts)),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for name, (ours, (library, theirs)) in pairs.items():
            best_of_two(steps, f"netmap: {name}", ours)
            best_of_two(steps, f"{library}: {name}", theirs)
            a, b = steps.results[f"netmap: {name}"]["cpu_s"], steps.results[f"{library}: {name}"]["cpu_s"]
            out[name] = {"library": library, "ratio_cpu": round(a / b, 2) if b else None}
    out["betweenness_how"] = dict(holder["how"])
    out["betweenness_accuracy"] = accuracy(C, holder["values"], holder["how"], options)
    return out


def best_of_two(steps, name: str, call) -> None:
    """Measure ``call`` twice and keep the faster run (cpu): two shared cores make single runs noisy."""
    runs = []
    for _ in range(2):
        with steps.measure(name):
            call()
        runs.append(steps.results[name])
    steps.results[name] = min(runs, key=lambda r: r["cpu_s"])


def accuracy(C, values: dict, how: dict, options: dict[str, Any], top: int = 20) -> dict[str, Any]:
    """Top-``top`` agreement of netmap's betweenness with the exact values (stored reference or live), and
    whether the exact top 100 lie within the stated error."""
    ref = load_reference(options.get("scale"), options.get("seed"), C)
    if ref is None and options.get("betweenness_exact"):
        raw = C.igraph.betweenness()
        n = C.n
        scale = 2 / ((n - 1) * (n - 2))
        order = sorted(range(n), key=lambda i: (-raw[i], str(C.nodes[i])))[:100]
        ref = {"top": [[C.nodes[i], raw[i] * scale] for i in order], "source": "computed now (igraph exact)"}
    if ref is None:
        return {"pending": "no exact reference for this graph: bench/exact_betweenness.py --scale "
                           f"{options.get('scale')} --seed {options.get('seed')}"}
    exact = dict(map(tuple, ref["top"]))
    exact_top = [v for v, _ in ref["top"][:top]]
    ours = sorted(values, key=lambda v: (-values[v], str(v)))[:top]
    error = how.get("error", 0.0)
    worst = max(abs(values[v] - x) for v, x in exact.items())
    return {"agreement": len(set(ours) & set(exact_top)) / top, "reference": ref.get("source", ref.get("command")),
            "max_error_top100": round(worst, 6), "stated_error": error,
            "within_stated_error": bool(worst <= error) if error else None}


def load_reference(scale, seed, C) -> dict | None:
    """The stored exact top 100 for this scale and seed, if its graph has the same size as ``C``."""
    if scale is None or seed is None:
        return None
    path = HERE / f"betweenness-exact-{scale:g}-seed{seed}.json"
    if not path.exists():
        return None
    ref = json.loads(path.read_text(encoding="utf-8"))
    return ref if (ref["nodes"], ref["edges"]) == (C.n, C.m) else None


def print_kernels(results: list[dict[str, Any]]) -> None:
    """netmap / library cpu ratio per kernel and scale, and the betweenness accuracy."""
    rows = [r for r in results if r.get("kernels")]
    if not rows:
        return
    print("\nstructure on compiled kernels: netmap's step / the library's bare kernel (cpu), per scale")
    names = ("betweenness", "eigenvector", "communities", "components", "cuts")
    print(f"{'kernel':<12} {'library':<10}" + "".join(f" {'scale ' + format(r['scale'], 'g'):>10}" for r in rows))
    for name in names:
        lib = next((r["kernels"][name]["library"] for r in rows if name in r["kernels"]), "")
        cells = "".join(f" {str(r['kernels'].get(name, {}).get('ratio_cpu', '-')) + 'x':>10}" for r in rows)
        print(f"{name:<12} {lib:<10}{cells}")
    print("\nbetweenness against the exact values")
    for r in rows:
        k, how = r["kernels"], r["kernels"].get("betweenness_how", {})
        acc = k.get("betweenness_accuracy", {})
        step = r["steps"].get("netmap: betweenness", {})
        text = acc.get("pending") or (
            f"top-20 agreement {acc['agreement']:.2f}; largest error on the exact top 100 {acc['max_error_top100']}"
            f" (stated ± {acc['stated_error']}: {'within' if acc['within_stated_error'] else 'NOT within'})"
            if acc.get("stated_error") else f"top-20 agreement {acc['agreement']:.2f} (exact)")
        method = how.get("method", "?") + (f", {how['samples']:,} paths" if "samples" in how else "")
        print(f"  scale {r['scale']:g}: {method}, {step.get('seconds', 0):.2f} s (cpu {step.get('cpu_s', 0):.2f}); "
              + text)
