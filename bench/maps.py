"""The maps at three sizes: time to write each map, its file size, and time until it is interactive.

    .venv/bin/python bench/maps.py                       # KBL, synthetic 0.1 and 1 (several minutes)
    .venv/bin/python bench/maps.py --scales kbl,0.1 --json /tmp/maps.json
    .venv/bin/python bench/maps.py --cache /tmp/netmap-bench-maps   # reuse the graph and findings

Per map (levels, force, overlap) it reports the wall time of writing the HTML with the
findings overlay (the analysis is not counted: it runs once per scale before), the file's
size, and the time from navigation until the page has drawn and accepts input in headless
Chromium (tests/browser.py; the browser's start is not counted). ``--cache`` keeps the
graph and the findings of each scale in a pickle, so a second run measures only the maps.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.browser

MB = 1024 * 1024
VIEWS = ("levels", "force", "overlap")


def graph_and_findings(scale: str, cache: Path | None) -> tuple[Any, list]:
    """The graph and the findings of one scale ('kbl' is the shipped example), from the cache if there."""
    from netmap.analysis import analyse
    from netmap.dataset import example_path, read_dataset
    from netmap.graph import build_graph

    pickled = cache / f"graph-{scale}.pickle" if cache else None
    if pickled is not None and pickled.exists():
        with pickled.open("rb") as fh:
            return pickle.load(fh)
    if scale == "kbl":
        G = build_graph(read_dataset(example_path()))
    else:
        from netmap.synth import generate

        G = build_graph(generate(float(scale), seed=42).dataset)
    findings = analyse(G).findings
    if pickled is not None:
        pickled.parent.mkdir(parents=True, exist_ok=True)
        with pickled.open("wb") as fh:
            pickle.dump((G, findings), fh)
    return G, findings


def measure_scale(scale: str, work: Path, cache: Path | None, browser: bool) -> dict[str, dict]:
    """Write, size and time-to-interactive of each view at one scale."""
    from netmap.maps import write_map, write_overlap_map

    G, findings = graph_and_findings(scale, cache)
    out: dict[str, dict] = {}
    for view in VIEWS:
        path = work / f"kaart-{scale}-{view}.html"
        start = time.perf_counter()
        if view == "overlap":
            write_overlap_map(G, path, findings=findings)
        else:
            write_map(G, path, view=view, findings=findings)
        row: dict[str, Any] = {"write_s": round(time.perf_counter() - start, 2),
                               "mb": round(path.stat().st_size / MB, 2), "nodes": G.number_of_nodes()}
        if browser:
            from tests.browser import time_until_interactive

            row["interactive_s"] = round(min(time_until_interactive(path) for _ in range(2)), 2)
        out[view] = row
        print(f"{scale:>4} {view:8} write {row['write_s']:6.2f} s  {row['mb']:6.2f} MB  "
              f"interactive {row.get('interactive_s', float('nan')):5.2f} s", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="kbl,0.1,1", help="comma-separated: kbl and synthetic scales")
    parser.add_argument("--cache", type=Path, default=None, help="folder for the pickled graphs and findings")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--keep", type=Path, default=None, help="write the maps here (default: a temp folder)")
    parser.add_argument("--no-browser", action="store_true", help="skip the time to interactive")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="netmap-bench-maps-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {s: measure_scale(s, work, args.cache, not args.no_browser) for s in args.scales.split(",")}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
