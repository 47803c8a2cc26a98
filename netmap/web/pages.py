"""The HTML pages (Dutch by default, ``?lang=en`` for English); data from :mod:`netmap.web.nodes`."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from netmap.errors import Problem
from netmap.i18n import t
from netmap.web import library as lib
from netmap.web import nodes
from netmap.web.access import needs, principal_of
from netmap.web.render import make_url, page_lang, render
from netmap.web.service import MAP_COLORS, MAP_VIEWS, MAX_DEPTH, Service, SnapshotView, UploadJob, export_name
from netmap.web.team import STATUSES
from netmap.web.workspace import UPLOAD_SUFFIXES

router = APIRouter(include_in_schema=False)
NETWORK_KINDS = ("network",)
ACTOR_KINDS = ("organisation", "person")
UPLOAD_WAIT_S = 3.0  # an upload done within this answers directly; a slower one gets a progress page
MEDIA = {".html": "text/html; charset=utf-8", ".md": "text/markdown; charset=utf-8",
         ".json": "application/json", ".graphml": "application/xml", ".gexf": "application/xml",
         ".cypher": "text/plain; charset=utf-8", ".zip": "application/zip",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def service_of(request: Request) -> Service:
    """The service this request reads from (roles-only for a lezer or a share link; see access.Gate)."""
    return request.scope.get("netmap.service", request.app.state.service)


def view_or_404(request: Request, sid: int) -> SnapshotView:
    view = service_of(request).view(sid)
    if view is None:
        raise HTTPException(404)
    return view


def page(request: Request, template: str, view: SnapshotView | None, status: int = 200, **context) -> HTMLResponse:
    lang = page_lang(request)
    snapshot = view.snapshot if view is not None else None
    return HTMLResponse(render(request, template, lang, snapshot, **context), status_code=status)


@router.get("/favicon.ico")
@needs("public")
def favicon() -> Response:
    """Browsers ask for it on pages without an icon link (the map file)."""
    from netmap.web.app import STATIC

    return Response((STATIC / "favicon.svg").read_bytes(), media_type="image/svg+xml")


@router.get("/")
@needs("read")
def home(request: Request) -> Response:
    latest = service_of(request).latest()
    if latest is None:
        return page(request, "empty.html", None)
    return RedirectResponse(make_url(page_lang(request))(f"/s/{latest.id}"), status_code=303)


@router.get("/s/{sid}")
@needs("read")
def overview(request: Request, sid: int) -> HTMLResponse:
    view = view_or_404(request, sid)
    lang = page_lang(request)
    service = service_of(request)
    previous = service.workspace.previous(sid)
    change = None
    if previous is not None:
        old = service.view(previous.id)
        assert old is not None
        result = service.diff(old, view, lang)
        labels = {table: t("diff.actors" if table == "nodes" else f"diff.{table}", lang) for table in result.counts()}
        change = {"old": previous.id, "unchanged": result.unchanged, "labels": labels, "counts": result.counts(),
                  "opened": len(result.findings_opened or []), "closed": len(result.findings_closed or []),
                  "changed": len(result.findings_changed or [])}
    from netmap.web.team_pages import annotate

    data = nodes.overview(view, lang, rows=annotate(request, nodes.finding_rows(view, lang)),
                          coverage=service.coverage(view))
    return page(request, "overview.html", view, data=data, change=change,
                charts=service.overview_charts(view, lang))


@router.get("/s/{sid}/bevindingen")
@needs("read")
def findings(request: Request, sid: int, audience: str = "", kind: str = "", severity: str = "",
             network: str = "", status: str = "open") -> HTMLResponse:
    """The findings; open ones by default (``status=all`` or one status shows the triaged ones too)."""
    from netmap.web.team_pages import annotate

    view = view_or_404(request, sid)
    lang = page_lang(request)
    chosen = nodes.filter_findings(view, lang, audience, kind, severity, network)
    rows = annotate(request, nodes.finding_rows(view, lang, chosen))
    if status != "all":
        rows = [r for r in rows if (r["triage"]["status"] if r["triage"] else "open") == status]
    kinds = sorted({f.kind for f in view.findings(lang)})
    options = {"audience": list(lib.AUDIENCES), "severity": list(lib.SEVERITIES), "kind": kinds,
               "network": nodes.node_list(view, NETWORK_KINDS, lang)}
    return page(request, "findings.html", view, rows=rows, status_filter=status, statuses=STATUSES,
                total=len(view.findings(lang)), options=options,
                kind_labels={k: lib.finding_kind_label(k, lang) for k in kinds},
                chosen={"audience": audience, "kind": kind, "severity": severity, "network": network})


@router.get("/s/{sid}/netwerken")
@needs("read")
def networks(request: Request, sid: int, q: str = "") -> HTMLResponse:
    view = view_or_404(request, sid)
    return page(request, "list.html", view, rows=nodes.node_list(view, NETWORK_KINDS, page_lang(request), q),
                q=q, title_key="nav_networks", list_path=f"/s/{sid}/netwerken")


@router.get("/s/{sid}/actoren")
@needs("read")
def actors(request: Request, sid: int, q: str = "") -> HTMLResponse:
    view = view_or_404(request, sid)
    return page(request, "list.html", view, rows=nodes.node_list(view, ACTOR_KINDS, page_lang(request), q),
                q=q, title_key="nav_actors", list_path=f"/s/{sid}/actoren")


def history(service: Service, node: str, lang: str) -> list[dict]:
    """Whether the node is in each snapshot (by id), with its member count there. Where it has no page
    (absent, or private there) and that snapshot withholds anyone, the row says "absent or withheld":
    neither claim alone would be true for both, and telling them apart would tie this id to a
    pseudonym there."""
    rows = []
    for snap in service.snapshots():
        other = service.view(snap.id)
        present = other is not None and other.node_for(node) is not None
        members = (sum(1 for _, _, d in other.G.in_edges(node, data=True) if d["rel"] == "membership")
                   if present and other is not None else None)
        withholds = other is not None and bool(other.aliases)
        rows.append({"id": snap.id, "created": snap.created, "present": present, "members": members,
                     "state": "present" if present else "withheld" if withholds else "absent"})
    return rows


@router.get("/s/{sid}/n/{node_id:path}")
@needs("read")
def node_page(request: Request, sid: int, node_id: str) -> HTMLResponse:
    view = view_or_404(request, sid)
    lang = page_lang(request)
    node = view.node_for(node_id)
    if node is None:
        return page(request, "error.html", view, status=404, message=t("web.not_found_node", lang, id=node_id),
                    code=404)
    data = nodes.node_page(view, node, lang, history(service_of(request), node, lang))
    kind = "network" if view.G.nodes[node].get("kind") in NETWORK_KINDS else "actor"
    return page(request, "node.html", view, data=data, comment_kind=kind,
                comments=request.app.state.team.comments(kind, node))


def map_options(view: SnapshotView, kind: str, focus: str, depth: int, color: str, lang: str) -> dict:
    """The map's options from the URL, each checked; a focus that is not on the map becomes a message."""
    if kind not in MAP_VIEWS:
        raise HTTPException(422, t("web.bad_request", lang, detail=f"view={kind!r}"))
    if color not in MAP_COLORS:
        raise HTTPException(422, t("web.bad_request", lang, detail=f"color={color!r}"))
    if not 1 <= depth <= MAX_DEPTH:
        raise HTTPException(422, t("web.bad_request", lang, detail=f"depth={depth}"))
    node = view.node_for(focus) if focus else None
    problem = t("web.map_bad_focus", lang, id=focus) if focus and node is None else ""
    return {"view": kind, "focus": node if kind != "overlap" else None, "depth": depth, "color": color,
            "problem": problem}


@router.get("/s/{sid}/kaart")
@needs("read")
def map_page(request: Request, sid: int, view: str = "levels", focus: str = "", depth: int = 1,
             color: str = "level") -> HTMLResponse:
    snapshot_view = view_or_404(request, sid)
    lang = page_lang(request)
    options = map_options(snapshot_view, view, focus, depth, color, lang)
    return page(request, "map.html", snapshot_view, options=options, focus_text=focus,
                views=MAP_VIEWS, colors=MAP_COLORS, max_depth=MAX_DEPTH,
                networks=nodes.node_list(snapshot_view, NETWORK_KINDS, lang))


@router.get("/s/{sid}/kaart/pagina")
@needs("read")
def map_frame(request: Request, sid: int, view: str = "levels", focus: str = "", depth: int = 1,
              color: str = "level") -> HTMLResponse:
    """The offline map file itself, for the Kaart page's frame (and to open on the full screen)."""
    from netmap.web.app import map_page_csp

    snapshot_view = view_or_404(request, sid)
    lang = page_lang(request)
    options = map_options(snapshot_view, view, focus, depth, color, lang)
    html = service_of(request).map_page(snapshot_view, options["view"], options["focus"], options["depth"],
                                        options["color"], lang)
    return HTMLResponse(html, headers={"Content-Security-Policy": map_page_csp(html)})


def what_if_rows(view: SnapshotView, lang: str, found: list[dict]) -> list[dict]:
    """What-if findings as page rows; a changed one also says what it read before the change."""
    rows = nodes.finding_rows(view, lang, [lib.Finding(**{k: v for k, v in f.items() if k != "changes"})
                                           for f in found])
    for row, f in zip(rows, found):
        row["before"] = f.get("changes", {}).get("message", ["", ""])[0]
    return rows


@router.get("/s/{sid}/watals")
@needs("read")
def what_if_page(request: Request, sid: int, remove: str = "", tie_from: str = "", tie_to: str = "",
                 member: str = "", network: str = "") -> HTMLResponse:
    from netmap.web.whatif import Change, ChangeError, what_if

    view = view_or_404(request, sid)
    lang = page_lang(request)
    change = Change(remove.strip(), tie_from.strip(), tie_to.strip(), member.strip(), network.strip())
    result, problem = None, ""
    if not change.empty():
        try:
            outcome = what_if(view, change, lang)
        except ChangeError as err:
            problem = t(f"web.{err.key}", lang, **err.params)
        else:
            result = {k: what_if_rows(view, lang, v) for k, v in outcome.items()}
    return page(request, "whatif.html", view, change=change, result=result, problem=problem,
                networks=nodes.node_list(view, NETWORK_KINDS, lang), actors=nodes.node_list(view, ACTOR_KINDS, lang))


def snapshots_page(request: Request, status: int = 200, **context) -> HTMLResponse:
    service = service_of(request)
    latest = service.latest()
    view = service.view(latest.id) if latest else None
    context.setdefault("problems", None)
    context.setdefault("upload_name", "")
    context.setdefault("stored", None)
    return page(request, "snapshots.html", view, status=status, snapshots=list(reversed(service.snapshots())),
                upload_suffixes=",".join(UPLOAD_SUFFIXES), **context)


@router.get("/momentopnamen")
@needs("read")
def snapshots(request: Request, stored: int | None = None) -> HTMLResponse:
    return snapshots_page(request, stored=stored)


@router.post("/momentopnamen")
@needs("write")
async def upload(request: Request, file: Annotated[UploadFile | None, File()] = None) -> Response:
    """Check and store an upload. Problems re-render the form with status 200, as a form page does
    (the page loaded fine; browsers log a 4xx document as an error); the API answers 422."""
    lang = page_lang(request)
    service = service_of(request)
    name = (file.filename or "") if file is not None else ""
    if file is None or not name:
        return snapshots_page(request, status=200, upload_name="",
                              problems=[Problem("", t("web.upload_missing", lang))])
    data = await file.read()
    # In a worker thread, so a national-scale upload never stalls the readers. A quick one answers at
    # once; a slow one sends the browser to a page that shows its progress.
    job = service.start_upload(name, data, lang, principal_of(request).actor)
    if await run_in_threadpool(job.done.wait, UPLOAD_WAIT_S):
        return upload_outcome(request, job)
    return RedirectResponse(make_url(lang)(f"/momentopnamen/taak/{job.id}"), status_code=303)


def upload_outcome(request: Request, job: UploadJob) -> Response:
    """A finished upload: the form with its problems, or the diff against the previous snapshot."""
    if job.snapshot is None:
        return snapshots_page(request, status=200, upload_name=job.name, problems=job.problems)
    snapshot = job.snapshot
    previous = service_of(request).workspace.previous(snapshot.id)
    url = make_url(page_lang(request))
    target = (url("/momentopnamen/verschil", old=previous.id, new=snapshot.id, stored=snapshot.id)
              if previous else url(f"/s/{snapshot.id}"))
    return RedirectResponse(target, status_code=303)


@router.get("/momentopnamen/taak/{job_id}")
@needs("write")
def upload_progress(request: Request, job_id: str) -> Response:
    """The progress of a slow upload; reloads itself every two seconds until it is done."""
    job = service_of(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404)
    if job.done.is_set():
        return upload_outcome(request, job)
    latest = service_of(request).latest()
    response = page(request, "progress.html", service_of(request).view(latest.id) if latest else None, job=job)
    response.headers["Cache-Control"] = "no-store"
    return response


def pair(request: Request, old: int, new: int) -> tuple[SnapshotView, SnapshotView]:
    service = service_of(request)
    a, b = service.view(old), service.view(new)
    if a is None or b is None:
        raise HTTPException(404)
    return a, b


@router.get("/momentopnamen/trends")
@needs("read")
def trends(request: Request) -> HTMLResponse:
    from netmap.web.charts import charts_available, trend_rows

    service = service_of(request)
    latest = service.latest()
    view = service.view(latest.id) if latest else None
    return page(request, "trends.html", view, rows=trend_rows(service, page_lang(request)),
                charts=charts_available() and latest is not None)


@router.get("/momentopnamen/trends/{name}.svg")
@needs("read")
def trend_chart(request: Request, name: str) -> Response:
    from netmap.web.charts import CHARTS, chart_svg, charts_available, trend_rows

    if name not in CHARTS or not charts_available():
        raise HTTPException(404)
    lang = page_lang(request)
    svg = chart_svg(name, trend_rows(service_of(request), lang), lang)
    # Opened on its own, the SVG needs its inline styles; it holds no script and loads nothing.
    return Response(svg, media_type="image/svg+xml",
                    headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                                        "frame-ancestors 'self'"})


@router.get("/momentopnamen/verschil")
@needs("read")
def diff_page(request: Request, old: int, new: int, stored: int | None = None) -> HTMLResponse:
    a, b = pair(request, old, new)
    lang = page_lang(request)
    service = service_of(request)
    blocks = service.diff_blocks(a, b, lang)
    return page(request, "diff.html", b, blocks=blocks[1:], old=old, new=new, stored=stored,
                snapshots=list(reversed(service.snapshots())))


@router.get("/momentopnamen/verschil/kaart")
@needs("read")
def diff_map(request: Request, old: int, new: int) -> HTMLResponse:
    from netmap.web.app import map_page_csp

    a, b = pair(request, old, new)
    html = service_of(request).diff_map(a, b, page_lang(request))
    return HTMLResponse(html, headers={"Content-Security-Policy": map_page_csp(html)})


@router.get("/s/{sid}/downloads")
@needs("read")
def downloads(request: Request, sid: int) -> HTMLResponse:
    view = view_or_404(request, sid)
    # each download by its name in the library's one list (netmap.outputs), with the text that says what it is
    groups = {"report": [(lib.REPORT_FILES["html"], "download_report_html"),
                         (lib.REPORT_FILES["md"], "download_report_md"),
                         (lib.FINDINGS_FILE, "download_findings_html"), (lib.FINDINGS_JSON, "download_findings_json")],
              "maps": [(name, f"download_map_{view}") for name, view in lib.MAP_FILES.items()]}
    listed = {name for links in groups.values() for name, _ in links}
    exports = [n for n in service_of(request).download_names() if n not in listed]
    return page(request, "downloads.html", view, groups={**groups, "exports": exports},
                export_formats={export_name(fmt): fmt for fmt in lib.EXPORT_FORMATS})


@router.get("/s/{sid}/downloads/{name}")
@needs("read")
def download(request: Request, sid: int, name: str) -> Response:
    view = view_or_404(request, sid)
    lang = page_lang(request)
    from netmap.web.team_pages import report_triage

    data = service_of(request).download(view, name, lang, report_triage(request))
    if data is None:
        raise HTTPException(404, t("web.download_refused", lang))
    suffix = "." + name.rsplit(".", 1)[-1]
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if suffix == ".html":  # an offline map or report opened from the download keeps its own strict policy
        from netmap.web.app import map_page_csp

        headers["Content-Security-Policy"] = map_page_csp(data.decode("utf-8"))
    return Response(data, media_type=MEDIA.get(suffix, "application/octet-stream"), headers=headers)
