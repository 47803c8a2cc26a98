"""A synthetic, national-scale Dutch youth-care field, for benchmarks and scale tests.

:func:`generate` builds a plausible field: 42 youth regions, 342 municipalities,
8 BEN's, 15 RKJ's, 16 Werkplaatsen Sociaal Domein, about 8,000 providers and
80,000 professionals at ``scale=1``, national bodies and movements, KBL's own
bodies, memberships, representation and learning ties. Sizes are skewed the way
real fields are: provider sizes follow a Zipf law and memberships and ties are
drawn by preferential attachment, so a few hubs carry much and most actors little.

``scale`` multiplies what grows with the country's care market (providers,
professionals, researchers, learning groups, thematic networks, memberships and
ties); what is fixed by law or policy (regions, municipalities, RKJ's, BEN's,
Werkplaatsen) keeps its national count. The output depends only on
``(scale, seed)``: one :class:`random.Random`, no global state, stable ordering.

Planted answers: the generator hides gaps and overlaps whose answers it knows
(:attr:`Synthetic.planted`), so a benchmark can check that the analyses find them:

- ``missing_perspective``: one RKJ without any parents' organisation;
- ``composition_shortfall``: the koersgroep holds one SBJ seat of the two it needs;
- ``network_overlap``: two national learning networks with near-identical members;
- ``multi_network_load``: one provider that sits in more networks than anyone else;
- ``isolated``: three providers with no tie, membership or staff at all;
- ``representative_without_home``: a werkorganisatie member without home organisation;
- ``unrepresented_constituency``: a national parents' organisation nobody represents;
- ``level_gap``: no learning tie or shared network joins level I and level IV;
- ``single_point_of_failure``: one person is the only link of the Wadden region.

>>> s = generate(scale=0.002, seed=3)
>>> s.dataset.counts()["networks"] == generate(scale=0.002, seed=3).dataset.counts()["networks"]
True
>>> sorted({p.kind for p in s.planted})[:3]
['composition_shortfall', 'isolated', 'level_gap']
"""
from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from netmap.io.writers import write_dataset
from netmap.model import Dataset
from netmap.synth_field import STAGES, Field

PLANTED_FILE = "planted.json"


@dataclass(frozen=True)
class Planted:
    """One answer the analyses must find: a finding ``kind`` whose subjects include ``subjects``."""

    kind: str
    subjects: tuple[str, ...]
    note: str = ""

    def found_in(self, findings: list[Any]) -> bool:
        """True if some finding has this kind and names every planted subject."""
        want = set(self.subjects)
        return any(f.kind == self.kind and want <= set(f.subjects) for f in findings)


@dataclass
class Synthetic:
    """A generated field: the dataset and the answers planted in it."""

    dataset: Dataset
    planted: list[Planted] = field(default_factory=list)
    scale: float = 1.0
    seed: int = 1


def generate(scale: float = 1.0, seed: int = 1,
             progress: Callable[[str], None] | None = None) -> Synthetic:
    """Generate the synthetic national field for ``scale`` and ``seed``.

    Parameters
    ----------
    scale : float
        1.0 is the national field (about 8,000 providers and 80,000 professionals);
        0.1 a tenth of the care market with the same regions and municipalities.
    seed : int
        Seed of the one random generator used; same ``(scale, seed)``, same output.
    progress : callable, optional
        Called with a short stage name as generation proceeds (for a CLI progress line).

    Returns
    -------
    Synthetic
        The dataset (valid: ids unique, every reference resolved) and the planted answers.
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, not {scale!r}")
    field_ = Field(random.Random(seed), scale)
    for name, step in STAGES:
        if progress is not None:
            progress(name)
        step(field_)
    dataset = Dataset(nodes=field_.nodes, memberships=field_.memberships,
                      representation=field_.representation, ties=field_.ties,
                      source=f"synthetic scale={scale:g} seed={seed}")
    planted = [Planted(kind, tuple(subjects), note) for kind, subjects, note in field_.planted]
    return Synthetic(dataset, planted, scale, seed)


def planted_path(path: str | Path) -> Path:
    """Where :func:`write_synthetic` puts the planted answers for a dataset written to ``path``."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".yaml", ".yml"):
        return path.with_name(f"{path.stem}.{PLANTED_FILE}")
    return path / PLANTED_FILE


def write_synthetic(synthetic: Synthetic, path: str | Path) -> Path:
    """Write the dataset in the normal input format (by suffix, see
    :func:`netmap.io.writers.write_dataset`) and the planted answers as JSON beside it.

    Returns the dataset's path.
    """
    written = write_dataset(synthetic.dataset, path)
    doc = {"scale": synthetic.scale, "seed": synthetic.seed,
           "planted": [asdict(p) | {"subjects": list(p.subjects)} for p in synthetic.planted]}
    planted_path(path).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return written


def read_planted(path: str | Path) -> list[Planted]:
    """The planted answers written beside the dataset at ``path``."""
    doc = json.loads(planted_path(path).read_text(encoding="utf-8"))
    return [Planted(p["kind"], tuple(p["subjects"]), p.get("note", "")) for p in doc["planted"]]


def check_planted(planted: list[Planted], findings: list[Any]) -> list[tuple[Planted, bool]]:
    """Each planted answer with whether ``findings`` (objects with ``kind``, ``subjects``) contain it."""
    return [(p, p.found_in(findings)) for p in planted]


__all__ = ["PLANTED_FILE", "Planted", "Synthetic", "check_planted", "generate", "planted_path",
           "read_planted", "write_synthetic"]
