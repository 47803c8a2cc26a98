"""Privacy mode for exports: a copy of a Dataset in which people appear as roles.

Maps and exports that leave the werkorganisatie must be able to show roles
instead of names (GDPR/AVG). :func:`apply_privacy` returns a masked *copy*;
every exporter takes the dataset it is given, so privacy applies to every export
alike. In the copy:

- every person is renamed to their role (or ``persoon N``) and gets a
  pseudonymous id ``persoon-N``, because ids are often names too;
- every node marked ``private`` gets the same treatment (``afgeschermd-N``);
- masked nodes lose their extra columns (e-mail, phone ... are personal data),
  and ties, memberships and seats touching them lose notes and extra columns.

Levels, perspectives, roles and the structure are kept: they are what the
analyses need and they do not identify a person.

>>> from netmap.model import Dataset, Node
>>> ds = Dataset(nodes={"jan": Node("jan", "person", "Jan de Vries", role="voorzitter")})
>>> masked = apply_privacy(ds)
>>> [(n.id, n.name) for n in masked.nodes.values()]
[('persoon-1', 'voorzitter')]
"""
from __future__ import annotations

import copy
from dataclasses import replace

from netmap.model import Dataset, Node

PERSON_PREFIX = "persoon"
PRIVATE_PREFIX = "afgeschermd"


def is_masked(node: Node) -> bool:
    """True if privacy mode hides this node's name: every person and every private node."""
    return node.kind == "person" or node.private


def pseudonyms(dataset: Dataset) -> dict[str, str]:
    """Original id -> pseudonymous id for every masked node, numbered in input order."""
    taken = set(dataset.nodes)
    mapping: dict[str, str] = {}
    counters = {PERSON_PREFIX: 0, PRIVATE_PREFIX: 0}
    for node in dataset.nodes.values():
        if not is_masked(node):
            continue
        prefix = PERSON_PREFIX if node.kind == "person" else PRIVATE_PREFIX
        while True:
            counters[prefix] += 1
            candidate = f"{prefix}-{counters[prefix]}"
            if candidate not in taken:
                break
        taken.add(candidate)
        mapping[node.id] = candidate
    return mapping


def masked_name(node: Node, pseudonym: str) -> str:
    """What a masked node is called: a person's role, an organisation's type, else its pseudonym."""
    if node.kind == "person":
        return node.role or pseudonym.replace("-", " ")
    return f"{node.type or node.kind} ({pseudonym})"


def apply_privacy(dataset: Dataset) -> Dataset:
    """A copy of ``dataset`` with people shown as roles and private nodes masked (see module doc)."""
    mapping = pseudonyms(dataset)
    out = Dataset(source=dataset.source)

    def ref(node_id: str) -> str:
        return mapping.get(node_id, node_id)

    for node in dataset.nodes.values():
        new = copy.deepcopy(node)
        if node.id in mapping:
            new = replace(new, id=mapping[node.id], name=masked_name(node, mapping[node.id]), extra={})
        new.parent_id, new.home_organisation_id, new.host_id = (
            ref(node.parent_id), ref(node.home_organisation_id), ref(node.host_id))
        out.nodes[new.id] = new
    for m in dataset.memberships:
        touched = m.member_id in mapping
        out.memberships.append(replace(m, member_id=ref(m.member_id), network_id=ref(m.network_id),
                                       extra={} if touched else dict(m.extra)))
    for r in dataset.representation:
        out.representation.append(replace(r, person_id=ref(r.person_id), constituency_id=ref(r.constituency_id),
                                          body_id=ref(r.body_id), extra={}))
    for tie in dataset.ties:
        touched = tie.source_id in mapping or tie.target_id in mapping
        out.ties.append(replace(tie, source_id=ref(tie.source_id), target_id=ref(tie.target_id),
                                note="" if touched else tie.note, extra={} if touched else dict(tie.extra)))
    out.requirements = [replace(r, body_id=ref(r.body_id)) for r in dataset.requirements]
    return out
