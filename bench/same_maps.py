"""Check that a speed change leaves every map `netmap run` writes as it was, byte for byte.

``--write DIR`` analyses the KBL examples (``kbl``, ``kbl-realistisch``) and the synthetic field at
scale 0.1 (seed 42), then writes the three maps of `netmap run` (levels, force, overlap) the way the
CLI draws them (``netmap.cli.core._draw``, with the analysis's findings and settings), per input and
language/privacy mode (nl; en roles-only). ``--compare DIR`` does the same into a temporary folder and
compares each HTML file byte for byte (the page is the fixed template plus the payload JSON, so this is
the payload's identity too)::

    .venv/bin/python bench/same_maps.py --write /tmp/maps-before     # on the code before
    .venv/bin/python bench/same_maps.py --compare /tmp/maps-before   # on the code after

``--scales 0.1,1`` picks the synthetic scales (scale 1 keeps only a SHA-256 per map, its files are large).
The analysis date is fixed (``--as-of``, default 2026-12-01), and so is Python's string hashing
(the script runs itself again with ``PYTHONHASHSEED=0``): the label table of types is built from a set,
so its order, and with it a page's bytes, changes from one process to the next otherwise.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from netmap.analysis import Settings, analyse  # noqa: E402
from netmap.cli.core import _draw  # noqa: E402
from netmap.dataset import example_path, read_dataset  # noqa: E402
from netmap.graph import build_graph  # noqa: E402
from netmap.outputs import MAP_FILES  # noqa: E402

MODES = (("nl", False), ("en", True))


def inputs(scratch: Path, scales: list[str]) -> dict[str, Path]:
    from netmap.synth import generate, write_synthetic

    examples = example_path().parent
    out = {"kbl": examples / "kbl", "kbl-realistisch": examples / "kbl-realistisch"}
    for scale in scales:
        synth = scratch / f"synth-{scale}"
        if not synth.exists():
            write_synthetic(generate(scale=float(scale), seed=42), synth)
        out[f"synth-{scale}"] = synth
    return out


def run_shared(G, result) -> dict:
    """What `netmap run` hands each map besides the analysis (nothing on code from before netmap.maps.shared)."""
    try:
        from netmap.maps.shared import SharedWork
    except ImportError:
        return {}
    return {"shared": SharedWork.of_analysis(G, result)}


def write_all(out: Path, as_of: str, scales: list[str]) -> list[Path]:
    """Every map of every input and mode into ``out``; scale 1 and up as a .sha256 file."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, path in inputs(out, scales).items():
        G = build_graph(read_dataset(path))
        for lang, roles_only in MODES:
            result = analyse(G, Settings(as_of=as_of), lang=lang, roles_only=roles_only)
            stem = f"{name}.{lang}{'.roles' if roles_only else ''}"
            shared = run_shared(G, result)
            for file, view in MAP_FILES.items():
                target = out / f"{stem}.{file}"
                _draw(G, target, view, result, lang, roles_only, **shared)
                if name.startswith("synth-") and float(name.split("-", 1)[1]) >= 1:
                    digest = out / f"{target.name}.sha256"
                    digest.write_text(hashlib.sha256(target.read_bytes()).hexdigest() + "\n", encoding="utf-8")
                    target.unlink()
                    target = digest
                written.append(target)
            print(f"{stem}: maps written", file=sys.stderr)
    return written


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    parser.add_argument("--as-of", default="2026-12-01")
    parser.add_argument("--scales", default="0.1", help="comma-separated synthetic scales")
    args = parser.parse_args()
    scales = [s for s in args.scales.split(",") if s]
    if args.write:
        write_all(args.write, args.as_of, scales)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            (Path(tmp) / f"synth-{scale}").symlink_to((args.compare / f"synth-{scale}").resolve(),
                                                     target_is_directory=True)
        differ = [p.name for p in write_all(Path(tmp), args.as_of, scales)
                  if p.read_bytes() != (args.compare / p.name).read_bytes()]
    print("identical" if not differ else "DIFFERENT: " + ", ".join(differ))
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
