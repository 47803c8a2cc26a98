"""Interactive network maps: self-contained HTML files that open offline, and PNG pictures of them.

- :func:`write_map`: the network map, level view (bands I-IV) or free view, with
  colour, size, filters, search, focus and the findings overlay.
- :func:`write_overlap_map`: networks as nodes, tied by the members they share.
- :func:`write_png`: a picture of a map page, taken with headless Chromium.

This is the only package that imports pyvis (for the vis-network library it bundles).
"""
from netmap.maps import mapview, payload
from netmap.maps.mapgraph import AGGREGATE_AT, AGGREGATIONS, RENDERER_MODES, WEBGL_AT, build_map_graph
from netmap.maps.mapview import build_map_payload, write_map
from netmap.maps.overlap import write_overlap_map
from netmap.maps.payload import SIZE_METRICS
from netmap.maps.png import find_browser, write_png

#: The maps one can ask for: :func:`write_map`'s views and the overlap map (:func:`write_overlap_map`).
VIEWS = (*mapview.VIEWS, "overlap")
#: Colour schemes of a network map (``change`` belongs to the diff map, which has changes to colour).
COLOR_SCHEMES = tuple(scheme for scheme in payload.COLOR_SCHEMES if scheme != "change")
#: ``aggregate=``: ``auto`` picks the first mode that keeps a map at or under AGGREGATE_AT drawn nodes.
AGGREGATE_MODES = ("auto", *AGGREGATIONS)

__all__ = [
    "AGGREGATE_AT",
    "AGGREGATE_MODES",
    "COLOR_SCHEMES",
    "RENDERER_MODES",
    "SIZE_METRICS",
    "VIEWS",
    "WEBGL_AT",
    "build_map_graph",
    "build_map_payload",
    "find_browser",
    "write_map",
    "write_overlap_map",
    "write_png",
]
