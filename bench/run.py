"""netmap at national scale: time and memory of every step on the synthetic field, and how they grow.

    .venv/bin/python bench/run.py                      # scales 0.1, 0.5, 1, 2 (several minutes)
    .venv/bin/python bench/run.py --quick              # scales 0.05, 0.1 (a minute)
    .venv/bin/python bench/run.py --scales 0.1,1 --start-neo4j --json bench/results.json

Each scale runs in a fresh subprocess, so one scale's memory never inflates the next.
Per step it reports the wall time and the process's peak resident memory during the
step (RSS sampled every 10 ms from /proc/self/statm; it includes what earlier steps
still hold) and the growth over the step. Afterwards it fits, per step, the exponent b
of time ~ edges^b (least squares of log time on log edges across the scales), compares
the structure kernels with the compiled libraries' own calls (bench/kernels.py), the batched
Neo4j load with a naive one-row-per-transaction load, checks that every planted gap
and overlap of the synthetic data is found, and checks the targets of issue 7.

A step whose piece of netmap is not installed or not built yet is shown as "n/a".
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.browser and tests.neo4jserver

from tables import print_tables  # noqa: E402  (bench/ is on the path: this script's folder)

SCALES = (0.1, 0.5, 1.0, 2.0)
QUICK = (0.05, 0.1)
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


# -- measuring ----------------------------------------------------------------------------------
def rss_bytes() -> int:
    """Resident memory of this process now."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * PAGE


class Sampler(threading.Thread):
    """Samples RSS every ``interval`` seconds; :meth:`window` gives the peak since the last reset."""

    def __init__(self, interval: float = 0.01):
        super().__init__(daemon=True)
        self.interval, self.peak, self.running = interval, rss_bytes(), True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, rss_bytes())
            time.sleep(self.interval)

    def reset(self) -> int:
        self.peak = now = rss_bytes()
        return now


class Steps:
    """The measured steps of one scale: name -> {seconds, peak_mb, delta_mb} or {missing: why}.

    Each step runs as `netmap run` runs it, with Python's cyclic collector paused
    (:func:`netmap.collector.paused`), after a collection outside its time: otherwise a full
    collection the earlier steps' objects have made due lands in whichever step comes next. At scale 1 one
    such collection (~0.45 cpu s) made the Markdown report 0.80 s instead of 0.18 s, and its growth 1.35.
    """

    def __init__(self) -> None:
        self.results: dict[str, dict[str, Any]] = {}
        self.sampler = Sampler()
        self.sampler.start()

    @contextmanager
    def measure(self, name: str) -> Iterator[dict[str, Any]]:
        from netmap import collector

        gc.collect()
        start_rss = self.sampler.reset()
        extra: dict[str, Any] = {}
        with collector.paused():
            start, cpu = time.perf_counter(), time.process_time()
            yield extra
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = max(self.sampler.peak, rss_bytes())
        # the caller may still add to ``extra`` after the step (counts, rates), so keep that dict
        extra.update(seconds=round(seconds, 3), cpu_s=round(cpu, 3), peak_mb=round(peak / MB, 1),
                     delta_mb=round((peak - start_rss) / MB, 1))
        self.results[name] = extra
        log(f"  {name}: {seconds:.2f} s (cpu {cpu:.2f} s), peak {peak / MB:.0f} MB")

    def missing(self, name: str, why: str) -> None:
        self.results[name] = {"missing": why}
        log(f"  {name}: not available ({why})")


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def optional(steps: Steps, name: str, load: Callable[[], Any]) -> Any:
    """``load()`` (an import), or None with the step marked not available."""
    try:
        return load()
    except (ImportError, AttributeError) as err:
        steps.missing(name, f"{type(err).__name__}: {err}")
        return None


# -- one scale (runs in its own subprocess) ----------------------------------------------------
def run_scale(scale: float, seed: int, options: dict[str, Any]) -> dict[str, Any]:
    """Every step at one scale; returns the measurements as a JSON-ready dict."""
    from netmap.dataset import read_dataset
    from netmap.graph import build_graph
    from netmap.synth import generate, write_synthetic

    steps = Steps()
    work = Path(tempfile.mkdtemp(prefix=f"netmap-bench-{scale:g}-"))
    with steps.measure("generate"):
        field = generate(scale, seed)
    with steps.measure("write input (CSV)"):
        written = write_synthetic(field, work / "input")
    del field.dataset
    with steps.measure("read + validate"):
        dataset = read_dataset(written)
    with steps.measure("graph build"):
        G = build_graph(dataset)
    # the Neo4j load is given the dataset as `netmap load` is (its fingerprint); else it is freed here
    loaded = dataset if options.get("neo4j_uri") else None
    del dataset
    if options.get("reading", True):
        from reading import run_reading

        reading = run_reading(steps, Path(written), repeat=1)
    info = {"scale": scale, "seed": seed, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "ties": sum(1 for *_, r in G.edges(data="rel") if r == "tie")}
    if options.get("reading", True):
        info["reading"] = reading
    analysis = run_analyses(steps, G, field.planted, info)
    if options.get("end_to_end", True):
        run_end_to_end(steps, Path(written), work)
    run_report(steps, G, analysis, work)
    run_map(steps, G, analysis, work, options)
    if options.get("igraph", True):
        from kernels import run_kernels  # bench/kernels.py: the structure kernels beside their libraries

        info["kernels"] = run_kernels(steps, G, {**options, "scale": scale, "seed": seed})
    if options.get("neo4j_uri"):
        info["neo4j"] = run_neo4j(steps, G, options, loaded)
    info["steps"] = steps.results
    info["max_rss_mb"] = round(max_rss_mb(), 1)
    info["commit"] = git_commit()
    info["load_average"] = os.getloadavg()[0]
    steps.sampler.running = False
    if not options.get("keep"):
        shutil.rmtree(work, ignore_errors=True)
    else:
        info["work"] = str(work)
    return info


def git_commit() -> str:
    """The commit measured, with ``+dirty`` when the working tree has changes."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
        return done.stdout.strip()

    return git("rev-parse", "--short", "HEAD") + ("+dirty" if git("status", "--porcelain", "--", "netmap") else "")


def max_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_analyses(steps: Steps, G, planted: list, info: dict[str, Any]):
    """All analyses in one run (netmap.analysis.analyse), each topic's own time from its timings."""
    analyse = optional(steps, "analyses (all)", lambda: __import__("netmap.analysis", fromlist=["analyse"]).analyse)
    if analyse is None:
        return None
    from netmap.synth import check_planted

    with steps.measure("analyses (all)") as extra:
        analysis = analyse(G)
    timings = analysis.summary.get("timings", {})
    extra["topics"] = {k: v for k, v in timings.items() if k != "total"}
    checks = check_planted(planted, analysis.findings)
    info["planted"] = {"found": sum(ok for _, ok in checks), "total": len(checks),
                       "missed": [[p.kind, list(p.subjects)] for p, ok in checks if not ok]}
    info["findings"] = len(analysis.findings)
    info["by_kind"] = analysis.summary.get("by_kind", {})
    info["betweenness"] = analysis.summary.get("betweenness")
    info["community_method"] = analysis.summary.get("community_method")
    log(f"  planted answers found: {info['planted']['found']}/{info['planted']['total']}")
    return analysis


# -- issue 17: `netmap run` end to end, and the growth targets -------------------------------------
END_TO_END = "end-to-end (netmap run)"
END_TO_END_TARGET = 20.0  # seconds at scale 1 (issue 17)
GROWTH_TARGET = 1.15  # every step (issue 17)


def run_end_to_end(steps: Steps, written: Path, work: Path) -> None:
    """`netmap run` on the CSV input, in this process (read, validate, build, analyse, the report in two
    formats, bevindingen.json, the three maps), as a user runs it: the CLI command itself."""
    from click.testing import CliRunner

    from netmap.cli import main as cli

    with steps.measure(END_TO_END) as extra:
        done = CliRunner().invoke(cli, ["run", str(written), "-o", str(work / "run")], catch_exceptions=True)
    extra["exit"] = done.exit_code
    if done.exit_code != 0:
        log(f"  {END_TO_END} failed: {done.exception!r}")


def print_issue17(results: list[dict[str, Any]]) -> None:
    """The end-to-end line at scale 1 beside its target, and each step's growth beside <= 1.15."""
    from tables import fit_exponent, step_names

    print("\nissue 17 targets")
    at_one = [r for r in results if r["scale"] == 1.0 and END_TO_END in r.get("steps", {})]
    if at_one:
        step = at_one[0]["steps"][END_TO_END]
        verdict = "met" if step["seconds"] <= END_TO_END_TARGET else "MISSED"
        if step.get("exit"):
            verdict = f"FAILED (exit {step['exit']})"
        print(f"  {END_TO_END + ' at scale 1':<58} {step['seconds']:8.2f} s (cpu {step['cpu_s']:.2f}) "
              f"(<= {END_TO_END_TARGET:g})  {verdict}")
    else:
        print(f"  {END_TO_END + ' at scale 1':<58} n/a (scale 1 not run)")
    ok = [r for r in results if "failed" not in r]
    growth = {}
    for name in step_names(ok):
        points = [(r["edges"], r["steps"][name]["cpu_s"]) for r in ok if "cpu_s" in r["steps"].get(name, {})]
        b = fit_exponent(points) if len(points) >= 2 else None
        if b is not None:
            growth[name] = b
    # a kernel step of netmap beside its library's bare kernel (bench/kernels.py): "netmap: X" and "<lib>: X"
    twins = {name: other for name in growth if name.startswith("netmap: ")
             for other in growth if other != name and other.split(": ", 1)[-1] == name.split(": ", 1)[-1]}
    for name, b in growth.items():
        verdict = "met" if b <= GROWTH_TARGET else "MISSED"
        if b > GROWTH_TARGET and name in twins and b <= growth[twins[name]]:
            verdict += f" (the library's own kernel grows {growth[twins[name]]:.2f})"
        print(f"  {'growth, cpu ~ edges^b: ' + name:<58} {b:8.2f}   (<= {GROWTH_TARGET:g})  {verdict}")


def run_report(steps: Steps, G, analysis, work: Path) -> None:
    write_report = optional(steps, "report (html)", lambda: __import__(
        "netmap.report", fromlist=["write_report"]).write_report)
    if write_report is None or analysis is None:
        for name in ("report (html)", "report (md)")[0 if write_report is not None else 1:]:
            steps.missing(name, "no analysis" if write_report is not None else "netmap.report not available")
        return
    with steps.measure("report (html)"):
        write_report(analysis, G, work / "rapport.html", fmt="html")
    with steps.measure("report (md)"):
        write_report(analysis, G, work / "rapport.md", fmt="md")


def run_map(steps: Steps, G, analysis, work: Path, options: dict[str, Any]) -> None:
    write_map = optional(steps, "map (national, aggregated)", lambda: __import__(
        "netmap.maps", fromlist=["write_map"]).write_map)
    if write_map is None:
        return
    path = work / "kaart.html"
    findings = analysis.findings if analysis is not None else None
    with steps.measure("map (national, aggregated)") as extra:
        write_map(G, path, view="levels", findings=findings)
    extra["html_mb"] = round(path.stat().st_size / MB, 2)
    if findings:  # the same map without the findings overlay shows what the overlay costs
        with steps.measure("map without findings overlay"):
            write_map(G, work / "kaart-zonder.html", view="levels")
    if not options.get("browser", True):
        steps.missing("map interactive (Chromium)", "--no-browser")
        return
    browser = optional(steps, "map interactive (Chromium)", lambda: __import__(
        "tests.browser", fromlist=["time_until_interactive"]))
    if browser is None:
        return
    if browser.find_chromium() is None:
        steps.missing("map interactive (Chromium)", "chromium not installed")
        return
    try:
        seconds = browser.time_until_interactive(path)
    except Exception as err:  # no playwright, a browser that will not start: the run goes on
        steps.missing("map interactive (Chromium)", f"{type(err).__name__}: {err}")
        return
    # the browser is its own process: its time is the figure, this process's memory is not its memory
    steps.results["map interactive (Chromium)"] = {"seconds": round(seconds, 3)}
    log(f"  map interactive (Chromium): {seconds:.2f} s")


# -- Neo4j -------------------------------------------------------------------------------------
def run_neo4j(steps: Steps, G, options: dict[str, Any], dataset=None) -> dict[str, Any]:
    """The batched load of the whole graph; batched and naive loads of the same sample for the ratio.
    ``dataset``: the one ``G`` was built from, given to the load as ``netmap load`` gives it."""
    try:
        from netmap.neo4j.connect import open_driver
        from netmap.neo4j.load import load_graph, load_graph_naive
    except ImportError as err:
        steps.missing("neo4j load (batched)", str(err))
        return {}
    driver = open_driver(options["neo4j_uri"], options.get("neo4j_user"), options.get("neo4j_password"))
    try:
        sample = sample_graph(G, options.get("naive_rows", 2000))
        with steps.measure("neo4j naive, sample (1 row/tx)") as extra:
            naive = load_graph_naive(driver, sample)
        extra["rows_per_s"] = round(naive.rows_per_second)
        with steps.measure("neo4j batched, sample") as extra:
            small = load_graph(driver, sample)
        extra["rows_per_s"] = round(small.rows_per_second)
        with steps.measure("neo4j load (batched)") as extra:
            full = load_graph(driver, G, dataset=dataset)
        extra["rows_per_s"] = round(full.rows_per_second)
        section = neo4j_section(G, driver, options, dataset)
    finally:
        driver.close()
    return {"rows": full.rows, "rows_per_s": round(full.rows_per_second),
            "sample_rows": naive.rows, "naive_rows_per_s": round(naive.rows_per_second),
            "batched_sample_rows_per_s": round(small.rows_per_second),
            "ratio": round(small.rows_per_second / naive.rows_per_second, 1), "section": section}


def neo4j_section(G, driver, options: dict[str, Any], dataset=None) -> dict[str, Any]:
    """bench/neo4j_bench.py's section: the load beside LOAD CSV (when the server's import folder is known)
    and the bytes analyse --neo4j moves; --bulk needs the server stopped, so only neo4j_bench.py runs it."""
    from neo4j_bench import print_section, run_neo4j_section

    folder = options.get("neo4j_import_dir")
    section = run_neo4j_section(G, driver, import_dir=Path(folder) if folder else None, server=None,
                                dataset=dataset)
    print_section(section, file=sys.stderr)
    return section


def sample_graph(G, rows: int):
    """A random sample of edges with their end nodes, about ``rows`` rows (nodes + edges) in all."""
    edges = list(G.edges(keys=True))
    picked = random.Random(0).sample(edges, min(len(edges), rows * 2 // 5))
    return G.edge_subgraph(picked).copy()


# -- the parent: one subprocess per scale, then the tables -------------------------------------
def run_all(args: argparse.Namespace) -> list[dict[str, Any]]:
    results = []
    for scale in args.scales:
        log(f"scale {scale:g} ...")
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(scale), "--seed", str(args.seed),
                   "--options", json.dumps(worker_options(args))]
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
        if done.returncode != 0:
            log(f"scale {scale:g} failed (exit {done.returncode})")
            results.append({"scale": scale, "failed": done.returncode, "steps": {}})
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def worker_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"igraph": not args.no_igraph, "betweenness_exact": args.betweenness_exact,
            "browser": not args.no_browser, "neo4j_uri": args.neo4j_uri,
            "neo4j_user": args.neo4j_user, "neo4j_password": args.neo4j_password, "naive_rows": args.naive_rows,
            "neo4j_import_dir": getattr(args, "neo4j_import_dir", None),
            "keep": args.keep, "end_to_end": not args.no_end_to_end}


# -- command line ------------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=lambda s: [float(x) for x in s.split(",")], default=list(SCALES),
                        help="comma-separated scales (default 0.1,0.5,1,2)")
    parser.add_argument("--quick", action="store_true", help="scales 0.05,0.1 only")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--neo4j-uri", default=None, help="measure the Neo4j load on this server")
    parser.add_argument("--neo4j-user", default="neo4j")
    parser.add_argument("--neo4j-password", default=None)
    parser.add_argument("--start-neo4j", action="store_true",
                        help="start a Neo4j 5.26 for the run (tests/neo4jserver.py; needs Java 17+)")
    parser.add_argument("--naive-rows", type=int, default=2000, help="rows in the naive-load sample")
    parser.add_argument("--no-igraph", action="store_true",
                        help="skip the structure kernels beside their libraries (bench/kernels.py)")
    parser.add_argument("--no-browser", action="store_true", help="skip timing the map in headless Chromium")
    parser.add_argument("--betweenness-exact", action="store_true",
                        help="compute exact betweenness (igraph) where no stored reference matches "
                             "(bench/exact_betweenness.py), for the estimate's top-20 agreement")
    parser.add_argument("--no-end-to-end", action="store_true", help="skip timing `netmap run` end to end")
    parser.add_argument("--keep", action="store_true", help="keep the generated input, report and map files")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results to this file")
    parser.add_argument("--show", type=Path, nargs="+", default=None,
                        help="print the tables of earlier --json files (merged, by scale) and stop")
    parser.add_argument("--worker", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--options", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.scales = list(QUICK)
    return args


@contextmanager
def neo4j_server(args: argparse.Namespace) -> Iterator[None]:
    """Start a throwaway Neo4j when asked to, and point the run at it."""
    if not args.start_neo4j:
        yield
        return
    from tests.neo4jserver import Neo4jServer

    data_dir = tempfile.mkdtemp(prefix="netmap-bench-neo4j-")
    import_dir = Path(data_dir) / "import"
    import_dir.mkdir()
    server = Neo4jServer(port=None, data_dir=data_dir, password=None, heap="4g",
                         extra_conf={"server.directories.import": str(import_dir)})
    args.neo4j_import_dir = str(import_dir)
    log("starting Neo4j ...")
    server.start()
    args.neo4j_uri, args.neo4j_password = server.uri, None
    try:
        yield
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker is not None:
        print(json.dumps(run_scale(args.worker, args.seed, json.loads(args.options))))
        return 0
    if args.show:
        results = [r for path in args.show for r in json.loads(path.read_text(encoding="utf-8"))]
        print_tables(sorted(results, key=lambda r: r["scale"]))
        print_issue17(sorted(results, key=lambda r: r["scale"]))
        return 0
    with neo4j_server(args):
        results = run_all(args)
    print_tables(results)
    print_issue17(results)
    from reading import print_reading

    print_reading(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0 if all("failed" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
