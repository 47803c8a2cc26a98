"""netmap serve: the network map as a service the werkorganisatie opens in a browser.

Stack, and why:

- **FastAPI** (on Starlette) for routing: a well-kept ASGI framework whose in-process
  ``TestClient`` lets every route be tested without a server, and which writes the
  API's OpenAPI description from the route signatures. Its interactive docs page
  loads scripts from a CDN, so it is off; the description is at ``/api/v1/openapi.json``.
- **Jinja2** with autoescaping always on, for server-rendered pages: the pages work
  without JavaScript, and every name from the data is escaped by the template engine
  rather than by hand.
- **uvicorn** runs it: the usual ASGI server, pure Python install, no other service.
- **sqlite3** (standard library) holds the service's own state, the snapshot list.

The web layer holds no analysis: it reads datasets (:func:`netmap.dataset.read_dataset`),
builds graphs (:func:`netmap.graph.build_graph`), analyses once per snapshot
(:func:`netmap.analysis.analyse`, other languages by ``Analysis.in_language``), and
renders with the library's report, map and diff functions. Modules:

- :mod:`netmap.web.workspace`: the folder and the SQLite database of snapshots.
- :mod:`netmap.web.service`: analysed snapshots cached in memory, maps, diffs, downloads.
- :mod:`netmap.web.nodes`: page data shaped from the library's facts.
- :mod:`netmap.web.pages`, :mod:`netmap.web.api`: HTML routes and the JSON API.
- :mod:`netmap.web.app`: the application, its CSP and error pages.
- :mod:`netmap.web.server`: the loopback and port checks and uvicorn (the click command is
  :mod:`netmap.cli.serve`).
- :mod:`netmap.web.library`: the one place importing library internals (labels, privacy rule).
"""
from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Lazy, so `netmap --help` does not import FastAPI.
    if name == "create_app":
        from netmap.web.app import create_app

        return create_app
    raise AttributeError(name)
