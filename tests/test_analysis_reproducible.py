"""The same input gives the same findings in every process, whatever Python's string hashing."""
from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import json
from netmap.analysis import Settings, analyse
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
G = build_graph(read_dataset(example_path()))
result = analyse(G, Settings(as_of="2026-12-01", suggestion_pool=1, max_suggestions=1))
print(json.dumps([[f.kind, f.subjects, f.suggestion, f.details.get("candidates")] for f in result.findings]))
"""


def _findings(hash_seed: str) -> list:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_suggestions_do_not_depend_on_set_order():
    # single_level_network looked at the first networks/actors of a set: with a pool of one, the one it
    # named changed with the hash seed
    runs = [_findings(seed) for seed in ("1", "2", "3", "4")]
    assert any(kind == "single_level_network" for kind, *_ in runs[0])
    assert all(run == runs[0] for run in runs[1:])


def test_netmap_run_writes_the_same_maps_and_report_whatever_the_hash_seed(tmp_path):
    # the maps' table of type labels came from a set, so two identical runs wrote different pages
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "netmap", "run", "--out", str(out), "--as-of", "2026-12-01"],
                       env=env, capture_output=True, text=True, check=True)
        outputs.append(out)
    names = ["kaart-niveaus.html", "kaart-netwerk.html", "kaart-overlap.html", "rapport.html", "rapport.md",
             "definities.html", "bevindingen.html"]
    assert all((outputs[0] / name).is_file() for name in names)
    assert [name for name in names if (outputs[0] / name).read_bytes() != (outputs[1] / name).read_bytes()] == []
