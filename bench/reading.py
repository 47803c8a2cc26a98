"""Reading at national scale: netmap's read + validate beside pyarrow's parse of the same files (issue 17).

    .venv/bin/python bench/reading.py                     # scales 0.1, 0.5, 1, 2 (a few minutes)
    .venv/bin/python bench/reading.py --scales 1 --exact  # also the row-by-row path (the one before issue 17)

Each scale runs in a fresh subprocess (the synthetic field of ``netmap synth``, seed 42, written as
the usual CSV folder). Per scale: ``read_dataset`` (read + validate), ``build_graph``, and as
references on the same files pyarrow's CSV reader (``pyarrow.csv.read_csv``, its defaults, the
delimiter given) and the stdlib ``csv`` module (every row of every file); with ``--exact`` also
``validate(read_tables(...))``, the row-by-row path every input with a problem takes. The target
is read + validate <= 10x pyarrow's parse (judged on cpu seconds; wall is printed beside).
bench/run.py calls :func:`run_reading` for its own table.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Steps, log  # noqa: E402  (bench/ is on the path: this script's folder)
from tables import fit_exponent  # noqa: E402

TARGET = 10.0  #: read + validate at most this many times pyarrow's parse


def parse_pyarrow(folder: Path) -> int:
    """Every CSV file of ``folder`` through pyarrow's CSV reader (its defaults; delimiter ``;``). Rows read."""
    from pyarrow import csv as pacsv

    return sum(pacsv.read_csv(f, parse_options=pacsv.ParseOptions(delimiter=";")).num_rows
               for f in sorted(folder.glob("*.csv")))


def parse_stdlib(folder: Path) -> int:
    """Every CSV file of ``folder`` through the csv module, decoded as UTF-8. Rows read."""
    rows = 0
    for f in sorted(folder.glob("*.csv")):
        rows += sum(1 for _ in csv.reader(io.StringIO(f.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    return rows


def run_reading(steps: Steps, folder: Path, exact: bool = False, repeat: int = 3) -> dict[str, Any]:
    """netmap's read + validate and graph build beside the parsers' time on ``folder``; best of ``repeat``."""
    from netmap.dataset import read_dataset
    from netmap.graph import build_graph

    parse_pyarrow(folder)  # the import and the first call's set-up are no part of a parse
    best: dict[str, dict[str, Any]] = {}
    result: Any = None
    for _ in range(repeat):
        for name, call in (("reading: pyarrow parse", lambda: parse_pyarrow(folder)),
                           ("reading: csv module parse", lambda: parse_stdlib(folder)),
                           ("reading: read + validate", lambda: read_dataset(folder))):
            result = None  # the previous Dataset is no part of this step's memory
            with steps.measure(name):
                result = call()
            if name not in best or steps.results[name]["seconds"] < best[name]["seconds"]:
                best[name] = steps.results[name]
    dataset = result
    G: Any = None
    for _ in range(repeat):
        G = None  # the previous graph is no part of this build's memory
        with steps.measure("reading: graph build") as extra:
            G = build_graph(dataset)
        if "reading: graph build" not in best or extra["cpu_s"] < best["reading: graph build"]["cpu_s"]:
            best["reading: graph build"] = extra
    if exact:
        from netmap.io.readers import read_tables
        from netmap.validate import validate

        with steps.measure("reading: exact row path") as extra:
            validate(read_tables(folder))
        best["reading: exact row path"] = extra
    steps.results.update(best)
    ours, theirs = best["reading: read + validate"], best["reading: pyarrow parse"]
    ratio = {unit: round(ours[unit] / theirs[unit], 1) if theirs[unit] else None for unit in ("seconds", "cpu_s")}
    return {"ratio": ratio["seconds"], "ratio_cpu": ratio["cpu_s"], "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(), "mb": round(sum(f.stat().st_size for f in folder.glob("*.csv")) / 1e6, 1)}


def print_reading(results: list[dict[str, Any]]) -> None:
    """The reading table: per scale netmap's read + validate beside pyarrow's parse, the ratio, the build."""
    ok = [r for r in results if "reading" in r]
    if not ok:
        return
    names = ["reading: pyarrow parse", "reading: csv module parse", "reading: read + validate",
             "reading: graph build", "reading: exact row path"]
    print(f"\nreading (issue 17: read + validate <= {TARGET:g}x pyarrow's parse of the same files)")
    print(f"{'scale':>6} {'MB':>6} {'edges':>9} | " + " | ".join(f"{n.split(': ')[1]:>24}" for n in names)
          + " | ratio to pyarrow")
    print(f"{'':>23} | " + " | ".join(f"{'wall s   cpu s   peak MB':>24}" for _ in names) + " |")
    for r in ok:
        cells = []
        for name in names:
            step = r["steps"].get(name)
            cells.append(f"{step['seconds']:>6.3f} {step['cpu_s']:>7.3f} {step['peak_mb']:>9.0f}" if step
                         else f"{'-':>24}")
        ratio, cpu = r["reading"]["ratio"], r["reading"].get("ratio_cpu")
        verdict = "" if cpu is None else (" met" if cpu <= TARGET else " MISSED")
        print(f"{r['scale']:>6g} {r['reading']['mb']:>6.1f} {r['reading']['edges']:>9,} | " + " | ".join(cells)
              + f" | wall {ratio}x, cpu {cpu}x{verdict}")
    if len(ok) > 1:
        growth = []
        for name in names:
            points = [(r["reading"]["edges"], r["steps"][name]["seconds"]) for r in ok if name in r["steps"]]
            b = fit_exponent(points)
            if b is not None:
                growth.append(f"{name.split(': ')[1]} {b:.2f}")
        print("growth exponent (wall ~ edges^b): " + ", ".join(growth))
        for name in ("reading: read + validate", "reading: graph build"):  # per step, on cpu (the target's terms)
            points = [(r["reading"]["edges"], r["steps"][name]["cpu_s"]) for r in ok if name in r["steps"]]
            steps = [f"{a[0]:,}->{b[0]:,} {fit_exponent([a, b]):.2f}" for a, b in zip(points, points[1:])
                     if fit_exponent([a, b]) is not None]
            print(f"cpu growth exponent per step, {name.split(': ')[1]}: " + ", ".join(steps))


def run_scale(scale: float, seed: int, exact: bool) -> dict[str, Any]:
    from netmap.synth import generate, write_synthetic

    steps = Steps()
    with tempfile.TemporaryDirectory(prefix=f"netmap-reading-{scale:g}-") as work:
        field = generate(scale, seed)
        folder = Path(write_synthetic(field, Path(work) / "input"))
        del field
        info = run_reading(steps, folder, exact=exact)
    steps.sampler.running = False
    return {"scale": scale, "seed": seed, "reading": info, "steps": steps.results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=lambda s: [float(x) for x in s.split(",")], default=[0.1, 0.5, 1.0, 2.0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--exact", action="store_true", help="also time the row-by-row path")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results to this file")
    parser.add_argument("--worker", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        print(json.dumps(run_scale(args.worker, args.seed, args.exact)))
        return 0
    results = []
    for scale in args.scales:
        log(f"scale {scale:g} ...")
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(scale), "--seed", str(args.seed)]
        done = subprocess.run(command + (["--exact"] if args.exact else []), stdout=subprocess.PIPE, text=True)
        if done.returncode == 0:
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print_reading(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
