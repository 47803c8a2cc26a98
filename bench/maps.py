"""The maps at three sizes: time to write each map, its file size, and time until it is interactive.

    .venv/bin/python bench/maps.py                       # KBL, synthetic 0.1 and 1 (several minutes)
    .venv/bin/python bench/maps.py --scales kbl,0.1 --json /tmp/maps.json
    .venv/bin/python bench/maps.py --cache /tmp/netmap-bench-maps   # reuse the graph and findings

Per map (levels, force, overlap) it reports the wall time of writing the HTML with the
findings overlay (the analysis is not counted: it runs once per scale before), the file's
size, and the time from navigation until the page has drawn and accepts input in headless
Chromium (tests/browser.py; the browser's start is not counted). ``--cache`` keeps the
graph and the findings of each scale in a pickle, so a second run measures only the maps.

``--renderers 0.1,1`` measures the two renderers on the unaggregated level map (every actor drawn,
``aggregate="none"``): time to interactive of the same payload drawn by vis-network's canvas and by
sigma.js on WebGL, beside the issue's target (scale 1 interactive in 3 s), and the time of one zoom
step until it is drawn (two animation frames), which is what a reader feels as smooth or not.

    .venv/bin/python bench/maps.py --scales kbl --renderers 0.1,1 --cache /tmp/netmap-bench-maps

``--run-maps 0.1,1`` times the three maps `netmap run` writes (levels, force, overlap) as it writes them:
one analysis, the maps drawn one after the other with the work they share (:mod:`netmap.maps.shared`), in
CPU seconds per map (process time, the analysis not counted), and their growth with the number of edges.

    .venv/bin/python bench/maps.py --scales "" --run-maps 0.1,1 --no-browser
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
#: the issue's target: the national field (scale 1) unaggregated interactive in this many seconds
TARGET_S = 3.0
#: canvas pages above this many nodes are timed once, not best of two (vis-network takes long there)
CANVAS_MAX = 30000
ZOOM_STEP = """() => new Promise(done => { const t = performance.now(); netmap.zoomBy(1.25);
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t))); })"""


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


def zoom_frame_ms(path: Path) -> float:
    """Milliseconds from one zoom step until the page has drawn it (best of three)."""
    from tests.browser import open_page

    with open_page(path, timeout_s=600) as page:
        return min(page.page.evaluate(ZOOM_STEP) for _ in range(3))


def measure_renderers(scale: str, work: Path, cache: Path | None) -> dict[str, dict]:
    """The unaggregated level map of one scale, drawn by each renderer: write, size, interactive, zoom frame."""
    from netmap.maps import build_map_payload
    from netmap.maps.html import write_page
    from tests.browser import time_until_interactive

    G, findings = graph_and_findings(scale, cache)
    start = time.perf_counter()
    payload = build_map_payload(G, findings=findings, aggregate="none")
    build_s = time.perf_counter() - start
    out: dict[str, dict] = {}
    for renderer in ("canvas", "webgl"):
        payload["meta"]["renderer"] = renderer
        path = work / f"kaart-{scale}-none-{renderer}.html"
        start = time.perf_counter()
        write_page(payload, path)
        row: dict[str, Any] = {"nodes": len(payload["nodes"]), "edges": len(payload["edges"]),
                               "write_s": round(build_s + time.perf_counter() - start, 2),
                               "mb": round(path.stat().st_size / MB, 2)}
        runs = 1 if renderer == "canvas" and row["nodes"] > CANVAS_MAX else 2
        row["interactive_s"] = round(min(time_until_interactive(path, timeout_s=900) for _ in range(runs)), 2)
        row["zoom_frame_ms"] = round(zoom_frame_ms(path))
        out[renderer] = row
        target = f"(target {TARGET_S:.0f} s at scale 1)" if scale == "1" else ""
        print(f"{scale:>4} none/{renderer:6} {row['nodes']:>7,} nodes {row['edges']:>8,} lines  write "
              f"{row['write_s']:6.2f} s {row['mb']:6.2f} MB  interactive "
              f"{row.get('interactive_s', float('nan')):6.2f} s {target}  zoom frame "
              f"{row.get('zoom_frame_ms', float('nan')):6.0f} ms", flush=True)
    return out


def measure_run_maps(scale: str, work: Path) -> dict[str, Any]:
    """CPU seconds of each map `netmap run` writes at one scale, drawn as it draws them."""
    from netmap.analysis import analyse
    from netmap.cli.core import _draw
    from netmap.graph import build_graph
    from netmap.maps.shared import SharedWork
    from netmap.outputs import MAP_FILES
    from netmap.synth import generate

    G = build_graph(generate(float(scale), seed=42).dataset)
    result = analyse(G)
    shared = SharedWork.of_analysis(G, result)
    row: dict[str, Any] = {"edges": G.number_of_edges()}
    for name, view in MAP_FILES.items():
        start = time.process_time()
        _draw(G, work / f"run-{scale}-{name}", view, result, result.lang, result.roles_only, shared=shared)
        row[view] = round(time.process_time() - start, 3)
    row["total"] = round(sum(row[view] for view in MAP_FILES.values()), 3)
    print(f"{scale:>4} netmap run's maps, cpu s: " + "  ".join(f"{v} {row[v]:.2f}" for v in MAP_FILES.values())
          + f"  total {row['total']:.2f}", flush=True)
    return row


def print_growth(rows: dict[str, dict[str, Any]]) -> None:
    """cpu ~ edges^b between the smallest and the largest scale, per map and in total (issue 17: b <= 1.15)."""
    import math

    if len(rows) < 2:
        return
    small, large = min(rows.values(), key=lambda r: r["edges"]), max(rows.values(), key=lambda r: r["edges"])
    ratio = math.log(large["edges"] / small["edges"])
    for key in ("levels", "force", "overlap", "total"):
        print(f"growth, cpu ~ edges^b: {key:8} b = {math.log(large[key] / small[key]) / ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="kbl,0.1,1", help="comma-separated: kbl and synthetic scales")
    parser.add_argument("--cache", type=Path, default=None, help="folder for the pickled graphs and findings")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--keep", type=Path, default=None, help="write the maps here (default: a temp folder)")
    parser.add_argument("--no-browser", action="store_true", help="skip the time to interactive")
    parser.add_argument("--renderers", default="", help="comma-separated scales for the canvas/WebGL comparison")
    parser.add_argument("--run-maps", default="", help="comma-separated scales: CPU s of netmap run's three maps")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="netmap-bench-maps-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {s: measure_scale(s, work, args.cache, not args.no_browser)
                               for s in args.scales.split(",") if s}
    if args.renderers and not args.no_browser:
        results["renderers"] = {s: measure_renderers(s, work, args.cache) for s in args.renderers.split(",")}
    if args.run_maps:
        results["run_maps"] = {s: measure_run_maps(s, work) for s in args.run_maps.split(",") if s}
        print_growth(results["run_maps"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
