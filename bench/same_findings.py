"""Check that a speed change leaves every finding and every fact as it was.

``--write DIR`` analyses the KBL examples (``kbl``, ``kbl-realistisch``) and the synthetic field at
scale 0.1 (seed 42) and writes, per input and language/privacy mode, ``bevindingen.json`` (what
``netmap run`` writes, its timings removed) and ``facts.json`` (every fact of the analysis, sets
sorted). ``--compare DIR`` does the same into a temporary folder and compares byte for byte::

    .venv/bin/python bench/same_findings.py --write /tmp/before     # on the code before
    .venv/bin/python bench/same_findings.py --compare /tmp/before   # on the code after

The analysis date is fixed (``--as-of``, default 2026-12-01) so that runs on two days compare.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from netmap.analysis import Settings, analyse  # noqa: E402
from netmap.dataset import example_path, read_dataset  # noqa: E402
from netmap.graph import build_graph  # noqa: E402

MODES = (("nl", False), ("en", True))


def inputs(scratch: Path) -> dict[str, Path]:
    from netmap.synth import generate, write_synthetic

    examples = example_path().parent
    synth = scratch / "synth-0.1"
    if not synth.exists():
        write_synthetic(generate(scale=0.1, seed=42), synth)
    return {"kbl": examples / "kbl", "kbl-realistisch": examples / "kbl-realistisch", "synth-0.1": synth}


def canonical(value: Any) -> Any:
    """JSON-ready with sets and tuples as sorted/ordered lists and keys as strings."""
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, default=str))
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value


def write_all(out: Path, as_of: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, path in inputs(out).items():
        G = build_graph(read_dataset(path))
        for lang, roles_only in MODES:
            result = analyse(G, Settings(as_of=as_of), lang=lang, roles_only=roles_only)
            data = result.to_dict()
            data["summary"].pop("timings", None)
            stem = f"{name}.{lang}{'.roles' if roles_only else ''}"
            for suffix, value in (("bevindingen", data), ("facts", canonical(result.facts))):
                target = out / f"{stem}.{suffix}.json"
                target.write_text(json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True, default=str),
                                  encoding="utf-8")
                written.append(target)
            print(f"{stem}: {len(result.findings)} findings", file=sys.stderr)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    parser.add_argument("--as-of", default="2026-12-01")
    args = parser.parse_args()
    if args.write:
        write_all(args.write, args.as_of)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "synth-0.1").symlink_to((args.compare / "synth-0.1").resolve(), target_is_directory=True)
        differ = [p.name for p in write_all(Path(tmp), args.as_of)
                  if p.read_bytes() != (args.compare / p.name).read_bytes()]
    print("identical" if not differ else "DIFFERENT: " + ", ".join(differ))
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
