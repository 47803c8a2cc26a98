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
- ``unrepresented_constituency``: a national parents' organisation without a seat in a KBL body
  that takes part in no network (it only collaborates with one);
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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from netmap.io.safe import write_json
from netmap.io.writers import write_dataset
from netmap.model import Dataset
from netmap.synth_field import (
    BASE_STAGES,
    N_MUNICIPALITIES,
    N_REGIONS,
    PLATFORMS,
    Field,
    add_region_bodies,
    add_region_people,
    attach,
)

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
    write_json(planted_path(path), doc, indent=1)
    return written


def read_planted(path: str | Path) -> list[Planted]:
    """The planted answers written beside the dataset at ``path``."""
    doc = json.loads(planted_path(path).read_text(encoding="utf-8"))
    return [Planted(p["kind"], tuple(p["subjects"]), p.get("note", "")) for p in doc["planted"]]


def check_planted(planted: list[Planted], findings: list[Any]) -> list[tuple[Planted, bool]]:
    """Each planted answer with whether ``findings`` (objects with ``kind``, ``subjects``) contain it."""
    return [(p, p.found_in(findings)) for p in planted]


# -- KBL's own bodies and the planted answers -------------------------------------------------
_KOERSGROEP = (  # seat person, constituency, perspectives; only ONE of the two SBJ seats is filled (planted)
    ("kg_sbj", "sbj", ("professionals",)), ("kg_bgzj", "bgzj", ("aanbieders", "bestuur")),
    ("kg_awt", "awt", ("wijkteams",)), ("kg_jongeren", "njr", ("jongeren",)),
    ("kg_clienten", "iederin", ("clienten",)), ("kg_rijk", "vws", ("rijk",)), ("kg_vng", "vng", ("gemeenten",)),
    ("kg_zonmw", "zonmw", ("onderzoek",)))
_WERKORGANISATIE = (
    ("wo_sbj_1", "sbj", ("professionals",)), ("wo_sbj_2", "sbj", ("professionals",)),
    ("wo_njr", "njr", ("jongeren",)), ("wo_jongpit", "jongpit", ("jongeren",)), ("wo_mind", "mind", ("clienten",)),
    ("wo_vng", "vng", ("gemeenten",)), ("wo_bgzj", "bgzj", ("aanbieders",)), ("wo_awt", "awt", ("wijkteams",)),
    ("wo_ouders", "ouderplatform", ("ouders",)), ("wo_nji", "nji", ("onderzoek",)),
    ("wo_kckjp", "kckjp", ("onderzoek",)), ("wo_lvb", "lvb", ("onderzoek",)))
_ADVIESRAAD: tuple[tuple[str, ...], ...] = (
    (("onderzoek",),) * 5 + (("professionals", "onderzoek"),) * 2 + (("jongeren",),) * 2 + (("ouders",),) * 2
    + (("onderwijs",), ("bestuur",), ("clienten",)))


def _stage_kbl(F: Field) -> None:
    """KBL's own bodies: koersgroep seats, the werkorganisatie, the adviesraad and the bureau."""
    F.add("kg_voorzitter", "person", F.person_name(), "", ("IV",), ("bestuur",), role="onafhankelijk voorzitter")
    F.member("kg_voorzitter", "kbl_koersgroep", "chair")
    for person, org, persp in _KOERSGROEP:
        F.add(person, "person", F.person_name(), "", ("IV",), persp, role=f"koersgroeplid namens {org}",
              home_organisation_id=org)
        F.member(person, "kbl_koersgroep")
        F.represent(person, org, "kbl_koersgroep", org)
    F.plant("composition_shortfall", ["kbl_koersgroep", "sbj"], "the koersgroep has 1 of its 2 SBJ seats")
    for person, org, persp in _WERKORGANISATIE:
        F.add(person, "person", F.person_name(), "", ("II",), persp, role=f"inhoudsdeskundige namens {org}",
              home_organisation_id=org)
        F.member(person, "kbl_werkorganisatie")
        F.represent(person, org, "kbl_werkorganisatie", org)
    F.add("wo_zonder_thuis", "person", F.person_name(), "", ("II",), ("jongeren",), role="inhoudsdeskundige")
    F.member("wo_zonder_thuis", "kbl_werkorganisatie")
    F.represent("wo_zonder_thuis", "expex", "kbl_werkorganisatie", "expex")
    F.plant("representative_without_home", ["wo_zonder_thuis"], "a representative without home organisation")
    for i, seat in enumerate(_ADVIESRAAD, start=1):
        level = ("I",) if seat[0] in ("jongeren", "ouders") else ("III",)
        F.add(f"ar_{i:02}", "person", F.person_name(), "", level, seat, role="lid adviesraad")
        F.member(f"ar_{i:02}", "kbl_adviesraad")
    for i, role in enumerate(("programmaleider", "deelprogrammaleider", "deelprogrammaleider", "deelprogrammaleider",
                              "deelprogrammaleider", "secretaris", "backoffice", "data-analist"), start=1):
        F.add(f"bureau_{i}", "person", F.person_name(), "", ("II",), ("bestuur",), role=role)
        F.member(f"bureau_{i}", "kbl_bureau")
    F.member("bureau_1", "kbl_koersgroep")
    F.member("bureau_6", "kbl_koersgroep")
    F.plant("unrepresented_constituency", ["pleegouders_nl"], "a national parents' organisation nobody represents")


def _stage_wadden(F: Field) -> None:
    """The 42nd region, the Wadden islands, joined to the mainland by one person only (planted)."""
    name = "Regio Waddeneilanden"
    region: dict[str, Any] = {"name": name, "index": N_REGIONS, "munis": [], "wijkteams": [], "providers": [],
                              "professionals": [], "officers": [], "aldermen": [], "boards": []}
    for k, island in enumerate(("Texel", "Vlieland", "Terschelling", "Ameland"), start=N_MUNICIPALITIES - 3):
        region["munis"].append(F.add(f"gem_{k:03}", "organisation", f"Gemeente {island}", "gemeente", ("II",),
                                     ("gemeenten",), region=name))
        region["wijkteams"].append(F.add(f"wt_{k:03}", "organisation", f"Wijkteam {island}", "wijkteam", ("I",),
                                         ("wijkteams",), region=name))
    add_region_bodies(F, region)
    for k in (1, 2):
        region["providers"].append(F.add(f"aanb_wad_{k}", "organisation", f"Jeugdhulp Eilanden {k}",
                                         "zorgaanbieder", ("II",), ("aanbieders",), region=name))
    for k in range(1, 21):
        home = region["providers"][k % 2] if k % 4 else region["wijkteams"][k % 4]
        region["professionals"].append(F.add(f"prof_wad_{k:02}", "person", F.person_name(), "", ("I",),
                                             ("professionals",), region=name, role="jeugdprofessional",
                                             home_organisation_id=home))
    add_region_people(F, region)
    for group in ("professionals", "officers", "aldermen"):
        attach(F, region[group])
    for p, gem, team in zip(region["providers"] * 2, region["munis"], region["wijkteams"]):
        F.tie(p, gem)
        F.tie(team, gem)
    for alderman, gem in zip(region["aldermen"], region["munis"]):
        F.tie(alderman, f"beleid_{gem[4:]}_1")
    F.add("makelaar_wadden", "person", F.person_name(), "", ("II",), ("gemeenten",), region=name,
          role="regiomakelaar jeugd", home_organisation_id=region["munis"][0])
    F.tie("makelaar_wadden", F.rkjs[0])
    F.plant("single_point_of_failure", ["makelaar_wadden"], "the only link between the Wadden region and the rest")


def _stage_plants(F: Field) -> None:
    """The overloaded provider (more networks than anyone) and the level gap."""
    for net in [*F.rkjs, *F.bens, *F.wsds, "mao", *(p[0] for p in PLATFORMS)]:
        F.member("aanb_overal", net)
    # load as the analysis counts it: people through their home organisation
    load: dict[str, set[str]] = defaultdict(set)
    for m in F.memberships:
        load[F.nodes[m.member_id].home_organisation_id or m.member_id].add(m.network_id)
    others = max(len(v) for k, v in load.items() if k != "aanb_overal")
    spare = [n for n in F.nodes if n.startswith("leernetwerk_0") and n not in load["aanb_overal"]]
    for net in spare[: max(0, others + 5 - len(load["aanb_overal"]))]:
        F.member("aanb_overal", net)
    F.plant("multi_network_load", ["aanb_overal"], "a provider in more networks than any other actor")
    F.plant("level_gap", ["I", "IV"], "no learning tie or shared network joins level I and level IV")


STAGES: tuple[tuple[str, Callable[[Field], None]], ...] = (
    *BASE_STAGES, ("kbl bodies", _stage_kbl), ("wadden", _stage_wadden), ("planted", _stage_plants))


__all__ = ["PLANTED_FILE", "Planted", "Synthetic", "check_planted", "generate", "planted_path",
           "read_planted", "write_synthetic"]
