"""The report at national scale as a reader gets it: page height, finding boxes and file sizes in headless Chromium.

    python -m bench.report --scale 1 --seed 1

Generates the synthetic field, analyses it, writes ``rapport.html`` and ``bevindingen.html`` as
``netmap run`` does and opens both at 1366x768 (a beamer's size). Figures are in bench/README.md
under "The report at national scale".
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

MEASURE_JS = """() => ({height: document.documentElement.scrollHeight,
  boxes: document.querySelectorAll('.finding').length, rows: document.querySelectorAll('table.all tbody tr').length,
  toc: document.querySelectorAll('nav.toc a').length})"""


def measure_report(scale: float, seed: int, out: Path) -> dict[str, Any]:
    """Write the report and the full list for the field at ``scale`` into ``out`` and measure both."""
    from netmap.analysis import analyse
    from netmap.graph import build_graph
    from netmap.outputs import DEFINITIONS_FILE, FINDINGS_FILE, MAP_FILES, REPORT_FILE
    from netmap.report import write_findings_page, write_report
    from netmap.synth import generate
    from tests.browser import open_page

    G = build_graph(generate(scale, seed).dataset)
    started = time.perf_counter()
    result = analyse(G)
    analysed = time.perf_counter()
    report = write_report(result, G, out / REPORT_FILE, maps=MAP_FILES, definitions=DEFINITIONS_FILE,
                          full_list=FINDINGS_FILE)
    written = time.perf_counter()
    listed = write_findings_page(result, G, out / FINDINGS_FILE, maps=MAP_FILES, report=REPORT_FILE)
    figures: dict[str, Any] = {"scale": scale, "seed": seed, "findings": len(result.findings),
                               "analyse_s": round(analysed - started, 1), "report_s": round(written - analysed, 1),
                               "list_s": round(time.perf_counter() - written, 1)}
    for name, path in (("report", report), ("list", listed)):
        with open_page(path, wait=False, viewport=(1366, 768)) as page:
            figures[name] = {**page.evaluate(MEASURE_JS), "bytes": path.stat().st_size,
                             "console_errors": len(page.console_errors)}
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="netmap-bench-report-") as folder:
        print(json.dumps(measure_report(args.scale, args.seed, Path(folder)), indent=1))


if __name__ == "__main__":
    main()
