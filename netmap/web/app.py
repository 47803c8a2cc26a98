"""The ASGI application: FastAPI routes over :class:`~netmap.web.service.Service`.

Every response carries a strict Content-Security-Policy: scripts and styles only
from netmap itself (``'self'``, no inline code), no other host, no framing by
others. The one exception is the map page, the very file ``netmap map`` writes,
whose inline scripts and styles are allowed by their SHA-256 hashes, not by
``'unsafe-inline'``; it keeps its own ``default-src 'none'`` and fetches nothing.
FastAPI's interactive docs load their scripts from a CDN, so they are switched
off; the OpenAPI description is served at ``/api/v1/openapi.json``.
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import partial
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from netmap.web import api, pages, team_pages
from netmap.web.access import Gate, csrf_guard, needs
from netmap.web.asgi import CachedGets, ResponseCache, SecurityHeaders
from netmap.web.render import page_lang, render
from netmap.web.service import Neo4jSettings, Service, SnapshotView
from netmap.web.team import TeamStore
from netmap.web.workspace import Snapshot, Workspace

STATIC = Path(str(resources.files("netmap.web").joinpath("static")))
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'")
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                    "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Resource-Policy": "same-origin"}


def create_app(workspace: str | Path | Workspace, roles_only: bool = False, seed_example: bool = True,
               neo4j: Neo4jSettings | None = None) -> FastAPI:
    """The application for ``workspace`` (created, and seeded with the KBL example, on first start).

    With ``neo4j`` the map is kept in Neo4j (see :class:`~netmap.web.service.Service`); a
    server that cannot be reached raises :class:`~netmap.errors.Neo4jError` here, before
    anything listens.
    """
    ws = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
    ws.open(seed_example=seed_example)
    cache = ResponseCache()
    service = Service(ws, roles_only=roles_only, on_change=cache.clear, neo4j=neo4j)
    service.connect()
    # the same snapshots with roles only, for a lezer and every share link (see netmap.web.access)
    hidden = service if roles_only else Service(ws, roles_only=True, on_change=cache.clear)
    hidden.driver = service.driver
    hidden.neo4j = service.neo4j
    app = FastAPI(title="netmap", version="1", docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
                  dependencies=[Depends(csrf_guard)],
                  description="netmap serve: snapshots, findings, graphs, node data and diffs of the KBL "
                              "learning network, as the library computes them.")
    app.state.service = service
    app.state.services = {False: service, True: hidden}
    app.state.roles_only = roles_only
    app.state.team = ws.team
    app.state.responses = cache
    for one in {id(service): service, id(hidden): hidden}.values():
        one.on_stored = partial(stored, ws.team)
    for route in app.routes:  # FastAPI's own OpenAPI route: what every reader of the API may fetch
        if getattr(route, "path", "") == app.openapi_url:
            needs("read")(route.endpoint)  # type: ignore[attr-defined]
    app.router.on_shutdown.append(service.close)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.include_router(team_pages.router)
    app.include_router(api.router)
    # outermost first: headers on every answer, cached or not; then the access gate; then the cache
    app.add_middleware(CachedGets, cache=cache)
    app.add_middleware(Gate, fastapi_app=app)
    app.add_middleware(SecurityHeaders, csp=CSP, headers=SECURITY_HEADERS)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    return app


def stored(team: TeamStore, snapshot: Snapshot, view: SnapshotView, uploader: str) -> None:
    """A new snapshot: logged, and every resolved finding present again reopened."""
    team.audit(uploader, "snapshot_uploaded", str(snapshot.id), source=snapshot.source)
    team.reopen_resolved((f.key for f in view.findings("nl")), uploader, snapshot.id)


_INLINE = re.compile(r"<(script|style)>([\s\S]*?)</\1>")


def map_page_csp(page: str) -> str:
    """A CSP that allows exactly the inline scripts and styles of this map page, by hash."""
    hashes: dict[str, list[str]] = {"script": [], "style": []}
    for tag, body in _INLINE.findall(page):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes[tag].append(f"'sha256-{digest}'")
    return (f"default-src 'none'; script-src {' '.join(hashes['script']) or chr(39) + 'none' + chr(39)}; "
            f"style-src {' '.join(hashes['style']) or chr(39) + 'none' + chr(39)}; img-src data:; font-src data:; "
            "connect-src 'none'; frame-ancestors 'self'; form-action 'none'; base-uri 'none'")


async def http_error(request: Request, exc: Exception) -> Response:
    """404 and friends: JSON under /api, a page in the reader's language elsewhere."""
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
    lang = page_lang(request)
    key = "web.not_found_page" if exc.status_code == 404 else "web.error_title"
    message = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else None
    return HTMLResponse(render(request, "error.html", lang, None, message=message or _t(key, lang),
                               code=exc.status_code), status_code=exc.status_code)


async def validation_error(request: Request, exc: Exception) -> Response:
    """A query parameter of the wrong type: 422 with the library-free detail, never a traceback."""
    assert isinstance(exc, RequestValidationError)
    detail = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors())
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": detail}, status_code=422)
    lang = page_lang(request)
    return HTMLResponse(render(request, "error.html", lang, None, code=422,
                               message=_t("web.bad_request", lang, detail=detail)), status_code=422)


def _t(key: str, lang: str, **params: object) -> str:
    from netmap.i18n import t

    return t(key, lang, **params)
