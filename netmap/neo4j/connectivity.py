"""Components and cut vertices inside Neo4j with GDS: what the connectivity facts need, and no more.

The connectivity view (:func:`netmap.analysis.structure.connectivity_graph`: the relations and tie kinds of
``Settings.connectivity_*`` that count on the analysis date) is projected into GDS's catalog
(``project_connectivity_graph.cypher``); GDS finds its components (WCC), each node's number of distinct
neighbours and the articulation points (``mutate_connectivity.cypher``). Then the core (the component with
most of KBL's bodies, else the largest) without its articulation points is split into *fragments* (WCC on a
filtered copy, ``project_core_fragments.cypher``). What comes back are results only:

- per component its size, first actor (load order) and bodies; the members of every component but the core
  (the separate groups and isolated actors the findings list);
- per fragment what its actors hold together (size, networks, constituencies, bodies, first actor, most
  telling actors), ``read_core_fragments.cypher``;
- per articulation point its degree, the articulation points beside it and the fragments it touches,
  ``read_cut_vertices.cypher``.

From these :func:`netmap.analysis.cuts.contracted_facts` builds the core's blocks on a graph of a few hundred
nodes (one per articulation point and fragment) and the same block-cut tree the embedded engine builds on the
whole view; the facts are equal (tests/test_neo4j_connectivity.py). At synthetic scale 1 (94,668 actors) that
is 117 articulation points and 526 fragments.
"""
from __future__ import annotations

import uuid
from typing import Any

from netmap.analysis import Settings, is_constituency_type
from netmap.neo4j.load import REL_TYPE
from netmap.neo4j.queries import run_query

#: The relations of the connectivity view that are a relationship type of their own ('seat' is a
#: REPRESENTS relationship's body, 'tie' is filtered by kind).
_SPECIAL = ("tie", "seat")


def constituency_types(driver, settings: Settings, **options: Any) -> list[str]:
    """The organisation types in the database that mark a constituency
    (:func:`netmap.analysis.is_constituency_type`), as stored."""
    return [r["type"] for r in run_query(driver, "list_organisation_types", **options)
            if r["type"] is not None and is_constituency_type(r["type"], settings)]


def connectivity_summary(driver, settings: Settings, **options: Any) -> dict[str, Any]:
    """The connectivity view's components, the core's fragments and its articulation points, computed by
    GDS (see the module); the fact ``connectivity`` that :func:`netmap.analysis.analyse` turns into the
    components, separate groups, isolated actors and cuts."""
    name = f"netmap-{uuid.uuid4().hex[:12]}"
    fragments = f"{name}-core"
    relations = set(settings.connectivity_relations)
    anchor_ids = list(settings.anchor_ids) or None
    try:
        run_query(driver, "project_connectivity_graph", {
            "name": name, "as_of": settings.as_of_date(), "tie": "tie" in relations,
            "tie_kinds": list(settings.connectivity_tie_kinds), "seat": "seat" in relations,
            "types": sorted(REL_TYPE[r] for r in relations if r not in _SPECIAL)}, **options)
        mutated = run_query(driver, "mutate_connectivity", {"name": name}, **options)[0]
        rows = sorted(run_query(driver, "count_components", {"name": name, "anchor_ids": anchor_ids}, **options),
                      key=lambda r: (-r["size"], r["first"]))
        if not rows:
            return {"components": [], "core": 0, "cuts": [], "fragments": []}
        core = max(range(len(rows)), key=lambda i: (rows[i]["anchors"], rows[i]["size"], -i))
        others = [r["component"] for i, r in enumerate(rows) if i != core]
        members = {r["component"]: list(r["ids"]) for r in
                   run_query(driver, "read_component_members", {"name": name, "components": others}, **options)}
        components = [{"size": int(r["size"]), "ids": members.get(r["component"])} for r in rows]
        found: dict[str, Any] = {"components": components, "core": core, "cuts": [], "fragments": []}
        if not mutated["cuts"] or rows[core]["size"] < 3:
            return found
        params = {"name": name, "fragments": fragments, "core": rows[core]["component"]}
        run_query(driver, "project_core_fragments", params, **options)
        found["cuts"] = [{"id": r["id"], "ord": r["ord"], "degree": r["degree"], "cuts": list(r["cuts"]),
                          "fragments": list(r["fragments"])}
                         for r in run_query(driver, "read_cut_vertices", params, **options)]
        if found["cuts"]:
            found["fragments"] = [
                {"fragment": r["fragment"], "size": r["size"], "networks": r["networks"],
                 "constituencies": r["constituencies"], "anchors": r["anchors"], "first": r["first"],
                 "top": r["top"], "best": list(r["best"])}
                for r in run_query(driver, "read_core_fragments", params | {
                    "anchor_ids": anchor_ids, "as_of": settings.as_of_date(),
                    "types": constituency_types(driver, settings, **options)}, **options)]
        return found
    finally:
        for graph in (fragments, name):
            run_query(driver, "drop_projection", {"name": graph}, **options)
