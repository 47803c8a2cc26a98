"""The graph build alone, for before/after comparisons (issue 17: growth 1 -> 2).

    .venv/bin/netmap synth --scale 2 --seed 42 -o .bench/synth-2
    .venv/bin/python bench/graph_build.py .bench/synth-2                      # this checkout's build_graph
    git show main:netmap/graph.py > /tmp/old_graph.py
    .venv/bin/python bench/graph_build.py .bench/synth-2 --module /tmp/old_graph.py   # another graph.py

Reads the folder (``read_dataset``), then builds the graph ``--repeat`` times (the previous graph freed
first) and prints the best cpu seconds and the process's peak RSS. Alternate old and new in fresh processes:
on a shared machine one pair of runs in the same minute is the only fair comparison.
"""
from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import time
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--module", type=Path, default=None, help="a graph.py to load instead of netmap.graph")
    args = parser.parse_args(argv)
    build: Any
    if args.module:
        spec = importlib.util.spec_from_file_location("graph_under_test", args.module)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        build = module.build_graph
    else:
        from netmap.graph import build_graph as build
    from netmap.dataset import read_dataset

    dataset = read_dataset(args.folder)
    best: float = float("inf")
    G: Any = None
    for _ in range(args.repeat):
        G = None  # the previous graph is no part of this build
        start = time.process_time()
        G = build(dataset)
        best = min(best, time.process_time() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.module or 'netmap.graph'} {args.folder}: {G.number_of_nodes():,} nodes, "
          f"{G.number_of_edges():,} edges, build cpu {best:.3f} s (best of {args.repeat}), peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
