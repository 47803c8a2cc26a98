"""Exact betweenness of the synthetic field, computed once and stored as a small reference file.

    .venv/bin/python bench/exact_betweenness.py --scale 1 --seed 1 --processes 2

The graph is the one the analyses' betweenness runs on: the field of ``netmap.synth.generate``
written as CSV, read back (``read_dataset``), built (``build_graph``), taken as of the default
analysis date and made simple (``simple_graph``), exactly as ``bench/run.py`` does. The sources are
split over ``--processes`` processes, each running python-igraph's exact Brandes kernel on its share
(about 29 CPU-minutes at scale 1). The output ``bench/betweenness-exact-<scale>-seed<seed>.json``
holds the graph's size, the command and the exact top ``--top`` (ids and networkx-normalised values),
so the benchmark compares netmap's estimate with it without recomputing.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def field_graph(scale: float, seed: int):
    """The simple graph betweenness runs on for the field of this scale and seed (as bench/run.py)."""
    from netmap.analysis.settings import Settings
    from netmap.dataset import read_dataset
    from netmap.graph import as_of, build_graph, simple_graph
    from netmap.synth import generate, write_synthetic

    with tempfile.TemporaryDirectory(prefix="netmap-exact-") as work:
        written = write_synthetic(generate(scale, seed), Path(work) / "input")
        G = build_graph(read_dataset(written))
    return simple_graph(as_of(G, Settings().as_of_date()))


def reference_path(scale: float, seed: int) -> Path:
    return Path(__file__).resolve().parent / f"betweenness-exact-{scale:g}-seed{seed}.json"


def _share(job: tuple[float, int, int, int]) -> list[float]:
    import igraph

    scale, seed, part, parts = job
    H = field_graph(scale, seed)
    index = {v: i for i, v in enumerate(H)}
    ig = igraph.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in H.edges()])
    return ig.betweenness(sources=range(part, len(index), parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1, help="the field's seed (bench/run.py's default: 1)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--top", type=int, default=100)
    args = parser.parse_args(argv)
    start, cpu = time.perf_counter(), time.process_time()
    H = field_graph(args.scale, args.seed)
    nodes, n = list(H), H.number_of_nodes()
    with Pool(args.processes) as pool:
        shares = pool.map(_share, [(args.scale, args.seed, p, args.processes) for p in range(args.processes)])
    raw = [sum(values) for values in zip(*shares)]  # igraph counts each unordered pair once
    scale = 2 / ((n - 1) * (n - 2))  # networkx's normalisation for undirected graphs
    ranked = sorted(range(n), key=lambda i: (-raw[i], str(nodes[i])))[:args.top]
    result = {
        "command": f"bench/exact_betweenness.py --scale {args.scale:g} --seed {args.seed} "
                   f"--processes {args.processes} --top {args.top}",
        "scale": args.scale, "seed": args.seed, "nodes": n, "edges": H.number_of_edges(),
        "normalisation": "networkx normalised: 2 B / ((n - 1)(n - 2)), B over unordered pairs",
        "wall_s": round(time.perf_counter() - start, 1),
        "top": [[nodes[i], raw[i] * scale] for i in ranked],
    }
    path = reference_path(args.scale, args.seed)
    text = json.dumps(result, indent=1).split('"top": [')[0]
    rows = ",\n".join(json.dumps(row) for row in result["top"])
    path.write_text(f'{text}"top": [\n{rows}\n]}}\n', encoding="utf-8")
    print(f"{path}: {n} nodes, {result['wall_s']} s wall, {time.process_time() - cpu:.1f} s cpu (parent)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
