"""The JSON API under ``/api/v1``: what the library returns, with the service's privacy applied.

Documented by FastAPI's OpenAPI description at ``/api/v1/openapi.json``.
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from netmap.errors import DataError
from netmap.web import nodes
from netmap.web.access import needs, principal_of
from netmap.web.pages import history
from netmap.web.service import MAP_VIEWS, MAX_DEPTH, Service, SnapshotView

router = APIRouter(prefix="/api/v1", tags=["netmap"])
Lang = Query("nl", pattern="^(nl|en)$", description="language of the sentences: nl (default) or en")


def service_of(request: Request) -> Service:
    """The service this request reads from (roles-only for a lezer or a share link; see access.Gate)."""
    return request.scope.get("netmap.service", request.app.state.service)


def view_of(request: Request, sid: int) -> SnapshotView:
    view = service_of(request).view(sid)
    if view is None:
        raise HTTPException(404, f"no snapshot {sid}")
    return view


@router.get("/session", summary="Who is signed in: name, role, and the CSRF token for X-CSRF-Token")
@needs("read")
def session(request: Request) -> dict[str, Any]:
    principal = principal_of(request)
    return {"name": principal.actor, "role": principal.role, "roles_only": principal.roles_only,
            "csrf": principal.session.csrf if principal.session else None}


@router.get("/snapshots", summary="Every stored snapshot, oldest first")
@needs("read")
def snapshots(request: Request) -> list[dict[str, Any]]:
    return [s.to_dict() for s in service_of(request).snapshots()]


@router.post("/snapshots", status_code=201, summary="Upload a workbook, CSV zip or YAML file as a new snapshot",
             responses={422: {"description": "the problems found; nothing was stored"}})
@needs("write")
async def upload(request: Request, file: Annotated[UploadFile, File()], lang: str = Lang) -> Any:
    try:
        data = await file.read()
        snapshot = await run_in_threadpool(service_of(request).upload, file.filename or "", data, lang, None,
                                            principal_of(request).actor)
    except DataError as err:
        problems = [{"table": p.source, "row": p.row, "column": p.column,
                     "value": None if p.value is None else str(p.value), "message": p.message}
                    for p in err.problems]
        return JSONResponse({"detail": str(err), "problems": problems}, status_code=422)
    return snapshot.to_dict()


@router.get("/snapshots/{sid}", summary="One snapshot's metadata")
@needs("read")
def snapshot(request: Request, sid: int) -> dict[str, Any]:
    return view_of(request, sid).snapshot.to_dict()


@router.get("/snapshots/{sid}/analysis", summary="The analysis (Analysis.to_dict()) of a snapshot")
@needs("read")
def analysis(request: Request, sid: int, lang: str = Lang) -> dict[str, Any]:
    view = view_of(request, sid)
    return view.public(view.analysis(lang).to_dict())


@router.get("/snapshots/{sid}/findings", summary="The findings, filtered by audience, kind, severity, network")
@needs("read")
def findings(request: Request, sid: int, lang: str = Lang, audience: str = "", kind: str = "", severity: str = "",
             network: str = "") -> list[dict[str, Any]]:
    view = view_of(request, sid)
    chosen = nodes.filter_findings(view, lang, audience, kind, severity, network)
    return view.public([f.to_dict() for f in chosen])


@router.get("/snapshots/{sid}/graph", summary="The map data of a snapshot, optionally around a focus node")
@needs("read")
def graph(request: Request, sid: int, lang: str = Lang, focus: str = "",
          depth: int = Query(1, ge=1, le=MAX_DEPTH), view: str = Query("levels", pattern="^(levels|force)$")) -> Any:
    snapshot_view = view_of(request, sid)
    node = snapshot_view.node_for(focus) if focus else None
    if focus and node is None:
        raise HTTPException(404, f"no node {focus!r} on the map of snapshot {sid}")
    assert view in MAP_VIEWS
    return service_of(request).graph_payload(snapshot_view, view, node, depth, lang)


@router.get("/snapshots/{sid}/nodes/{node_id:path}", summary="The page data of one network, organisation or person")
@needs("read")
def node(request: Request, sid: int, node_id: str, lang: str = Lang) -> dict[str, Any]:
    view = view_of(request, sid)
    found = view.node_for(node_id)
    if found is None:
        raise HTTPException(404, f"no node {node_id!r} in snapshot {sid}")
    return nodes.node_json(view, found, lang, history(service_of(request), found, lang))


@router.get("/diff", summary="The difference between two snapshots (the diff report's JSON)")
@needs("read")
def diff(request: Request, old: int, new: int, lang: str = Lang) -> dict[str, Any]:
    a, b = view_of(request, old), view_of(request, new)
    return service_of(request).diff_json(a, b, lang)


@router.get("/snapshots/{sid}/whatif", summary="Findings a change would open, close and change (nothing is stored)",
            responses={422: {"description": "the change names something not in the snapshot"}})
@needs("read")
def what_if(request: Request, sid: int, lang: str = Lang, remove: str = "", tie_from: str = "", tie_to: str = "",
            member: str = "", network: str = "") -> Any:
    from netmap.i18n import t
    from netmap.web.whatif import Change, ChangeError
    from netmap.web.whatif import what_if as run

    view = view_of(request, sid)
    change = Change(remove, tie_from, tie_to, member, network)
    if change.empty():
        raise HTTPException(422, "give remove, tie_from and tie_to, or member and network")
    try:
        return run(view, change, lang)
    except ChangeError as err:
        return JSONResponse({"detail": t(f"web.{err.key}", lang, **err.params)}, status_code=422)
