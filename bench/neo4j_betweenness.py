"""Sampled betweenness in GDS beside the embedded engine's KADABRA estimate: top-20 agreement and time.

    .venv/bin/python bench/neo4j_betweenness.py --uri bolt://127.0.0.1:7687 --scale 0.1 [--no-load]

The map (synthetic field, ``--scale``, ``--seed``) is loaded (unless ``--no-load``), the structure view is
projected as ``analyse --neo4j`` projects it (``project_structure_graph.cypher``) and ``gds.betweenness``
streams with ``samplingSize`` = each ``--sources`` (seed = the settings' seed). Agreement = the share of the
embedded estimate's top 20 (:func:`netmap.analysis.structure.betweenness_for`, KADABRA above 3,000 nodes)
that is in GDS's top 20. Used for bench/README.md ("Betweenness in GDS"); not part of ``analyse --neo4j``.
"""
from __future__ import annotations

import argparse
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def top(values: dict, n: int = 20) -> list:
    return [v for v, _ in sorted(values.items(), key=lambda vx: (-vx[1], str(vx[0])))[:n]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sources", default="256,1024")
    parser.add_argument("--no-load", action="store_true")
    args = parser.parse_args(argv)
    from netmap.analysis import Settings
    from netmap.analysis.structure import betweenness_for, structure_view
    from netmap.graph import build_graph
    from netmap.neo4j import load_graph, open_driver
    from netmap.neo4j.queries import run_query
    from netmap.synth import generate

    settings = Settings()
    G = build_graph(generate(args.scale, args.seed).dataset)
    start = time.process_time()
    embedded, method = betweenness_for(structure_view(G), settings)
    print(f"scale {args.scale:g}: {G.number_of_nodes():,} nodes; embedded {method.get('method')} "
          f"{method.get('algorithm', '')} in {time.process_time() - start:.1f} cpu s", flush=True)
    best = top(embedded)
    with open_driver(args.uri, None, None) as driver:
        if not args.no_load:
            load_graph(driver, G)
        name = f"netmap-bench-{uuid.uuid4().hex[:8]}"
        run_query(driver, "project_structure_graph", {"name": name, "as_of": settings.as_of_date()})
        try:
            for k in (int(x) for x in args.sources.split(",")):
                start = time.perf_counter()
                rows = run_query(driver, "stream_betweenness", {"name": name, "k": k, "seed": settings.seed})
                seconds = time.perf_counter() - start
                found = top({r["id"]: r["value"] for r in rows})
                agreement = len(set(found) & set(best)) / len(best)
                print(f"  gds.betweenness samplingSize {k:>5}: top-20 agreement {agreement:.2f}, "
                      f"{seconds:.1f} s wall (server)", flush=True)
        finally:
            run_query(driver, "drop_projection", {"name": name})
    return 0


if __name__ == "__main__":
    sys.exit(main())
