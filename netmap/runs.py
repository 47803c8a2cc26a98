"""Stored analysis runs: nothing is overwritten, every run can be compared later.

A run is one JSON file in a runs folder (the CLI's default is ``exports/runs/``)
named ``<UTC timestamp>-<fingerprint[:12]>.json``. It holds the input
fingerprint (SHA-256 of the tables, the same whatever file format they came
in), the settings, the results (an analysis' ``to_dict()``) and the input
tables themselves, so that a later ``diff`` can say which actors and ties
changed. Files are created exclusively: an existing run is never replaced.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netmap.io.readers import RawTable
from netmap.io.writers import json_lines, table_records, to_tables
from netmap.model import Dataset

RUN_FORMAT = 1


def fingerprint(dataset: Dataset) -> str:
    """SHA-256 (hex) of the dataset's tables in canonical JSON; equal data give equal fingerprints.

    The one fingerprint of netmap: stored runs, the diff and the Neo4j load's status all use it,
    so a load and the run kept of it carry the same fingerprint. Each row is canonical JSON (keys
    sorted) and each table's rows are sorted, so neither the file format nor the order of the rows
    (a sorted spreadsheet, a graph read back from Neo4j) changes it.

    >>> from netmap.model import Node
    >>> a = Dataset(nodes={"x": Node("x", "organisation", "X")}, source="a.xlsx")
    >>> b = Dataset(nodes={"x": Node("x", "organisation", "X")}, source="b.yaml")
    >>> fingerprint(a) == fingerprint(b), len(fingerprint(a))
    (True, 64)
    >>> b.nodes["y"] = Node("y", "organisation", "Y")
    >>> fingerprint(b) == fingerprint(Dataset(nodes={"y": b.nodes["y"], "x": b.nodes["x"]}))
    True
    """
    digest = hashlib.sha256()
    # one encoder for every row (json.dumps with options makes a new one per call)
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode
    for table, records in sorted(table_records(dataset).items()):
        lines = sorted(json_lines(table, records, encode))
        # surrogatepass: a lone surrogate from a broken file is hashed, not a crash
        digest.update(json.dumps(table, allow_nan=False).encode("utf-8") + b"\n"
                      + "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n\n")
    return digest.hexdigest()


@dataclass
class RunInfo:
    """What ``runs list`` shows of one stored run."""

    path: Path
    created: str
    fingerprint: str
    source: str
    counts: dict[str, int]


def save_run(folder: str | Path, dataset: Dataset, settings: dict[str, Any] | None = None,
             results: dict[str, Any] | None = None, now: dt.datetime | None = None,
             digest: str | None = None) -> Path:
    """Store one run in ``folder`` (created if needed) and return its path; never overwrites.

    ``digest``: the dataset's :func:`fingerprint` when the caller has it already (a load keeps it).
    """
    from netmap.io.safe import create_new, ensure_folder, strict_json

    folder = ensure_folder(folder)
    now = now or dt.datetime.now(dt.timezone.utc)
    digest = digest or fingerprint(dataset)
    record = {
        "netmap_run": RUN_FORMAT, "created": now.isoformat(timespec="microseconds"), "fingerprint": digest,
        "source": dataset.source, "counts": dataset.counts(), "settings": settings or {},
        "results": results or {}, "tables": to_tables(dataset),
    }
    stem = f"{now.strftime('%Y%m%dT%H%M%SZ')}-{digest[:12]}"
    text = strict_json(record, indent=1)
    for attempt in range(1000):
        path = folder / (f"{stem}.json" if attempt == 0 else f"{stem}-{attempt + 1}.json")
        try:
            return create_new(path, text)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free run name for {stem} in {folder}")


def load_run(path: str | Path) -> dict[str, Any]:
    """Read a stored run (the dict written by :func:`save_run`)."""
    from netmap.errors import DataError, Problem

    path = Path(path)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataError([Problem(path.name, f"geen leesbare run / not a readable run: {err}")]) from err
    if not isinstance(record, dict) or "netmap_run" not in record:
        raise DataError([Problem(path.name, "geen netmap-run / not a netmap run")])
    return record


def list_runs(folder: str | Path) -> list[RunInfo]:
    """The runs stored in ``folder``, oldest first (an absent folder has none)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    runs = []
    for path in folder.glob("*.json"):
        try:
            record = load_run(path)
        except Exception:  # noqa: BLE001 - a stray JSON file in the folder is not a run; skip it
            continue
        runs.append(RunInfo(path, record["created"], record["fingerprint"], record.get("source", ""),
                            record.get("counts", {})))
    return sorted(runs, key=lambda run: (run.created, len(run.path.name), run.path.name))  # x.json < x-2.json


def dataset_of_run(record: dict[str, Any], lang: str = "nl") -> Dataset:
    """The validated Dataset stored in a run record."""
    from netmap.validate import validate

    tables = {name: RawTable(name, f"run [{name}]", list(dict.fromkeys(k for row in rows for k in row)),
                             [(i, row) for i, row in enumerate(rows, start=1)])
              for name, rows in record.get("tables", {}).items()}
    return validate(tables, lang=lang, source=record.get("source", ""))
