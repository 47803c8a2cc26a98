"""The team's routes: login and logout, a finding's page (triage, comments), comments on networks and actors,
share links and what they show, and the beheerder's page (audit log and its export, the names setting).

Every route declares its access level (:func:`netmap.web.access.needs`); the gate checks it.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from netmap.i18n import has_text, t
from netmap.io.cells import csv_escape
from netmap.web import nodes
from netmap.web.access import SESSION_COOKIE, needs, principal_of
from netmap.web.render import make_url, page_lang
from netmap.web.service import MAP_COLORS, MAP_VIEWS, MAX_DEPTH, Service, SnapshotView
from netmap.web.team import ROLES, SESSION_HOURS, SHARE_DAYS, STATUSES, AccountError, TeamStore, subjects_key

router = APIRouter(include_in_schema=False)


def team_of(request: Request) -> TeamStore:
    return request.app.state.team


def service_of(request: Request) -> Service:
    return request.scope.get("netmap.service", request.app.state.service)


def _page(request: Request, template: str, view: SnapshotView | None, status: int = 200, **context: Any):
    from netmap.web.pages import page

    return page(request, template, view, status, **context)


def _view(request: Request, sid: int) -> SnapshotView:
    view = service_of(request).view(sid)
    if view is None:
        raise HTTPException(404)
    return view


def _problem(request: Request, err: AccountError) -> HTTPException:
    return HTTPException(422, t(f"web.team_{err.key}", page_lang(request), **err.params))


def annotate(request: Request, rows: list[dict]) -> list[dict]:
    """Finding rows with their triage (status, by whom, why) from the team store."""
    triage = team_of(request).triage()
    for row in rows:
        kind, subjects = row["key"]
        row["triage"] = triage.get((kind, subjects_key(subjects)))
    return rows


def report_triage(request: Request) -> dict[tuple[str, tuple[str, ...]], dict[str, Any]]:
    """The team's triage by ``Finding.key``, as the report renderer takes it (open ones left out)."""
    return {(kind, tuple(json.loads(subjects))): state for (kind, subjects), state in team_of(request).triage().items()
            if state["status"] != "open"}


def is_open(row: dict) -> bool:
    return row["triage"] is None or row["triage"]["status"] == "open"


# --- login and logout ------------------------------------------------------------------------
def _safe_next(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.get("/login")
@needs("public")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _page(request, "login.html", None, next=_safe_next(next), problem="", name="")


@router.post("/login")
@needs("public")
def login(request: Request, name: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
          next: Annotated[str, Form()] = "/") -> Response:
    lang = page_lang(request)
    team = team_of(request)
    client = request.client.host if request.client else "?"
    if team.throttled(name, client):
        return _page(request, "login.html", None, status=429, next=_safe_next(next), name=name,
                     problem=t("web.team_throttled", lang))
    found = team.login(name, password, client)
    if found is None:
        return _page(request, "login.html", None, status=401, next=_safe_next(next), name=name,
                     problem=t("web.team_login_failed", lang))
    token, _ = found
    response = RedirectResponse(_safe_next(next), status_code=303)
    # A new token on every login (no session id from before the login is ever accepted: no fixation).
    response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")
    return response


@router.post("/afmelden")
@needs("read")
def logout(request: Request, everywhere: Annotated[str, Form()] = "") -> Response:
    principal = principal_of(request)
    if principal.session is not None:
        team_of(request).logout(principal.session, everywhere=bool(everywhere))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- findings: page, triage, comments --------------------------------------------------------
def _finding(view: SnapshotView, n: int, lang: str):
    found = view.findings(lang)
    if not 0 <= n < len(found):
        raise HTTPException(404)
    return found[n]


@router.get("/s/{sid}/bevinding/{n}")
@needs("read")
def finding_page(request: Request, sid: int, n: int) -> HTMLResponse:
    view = _view(request, sid)
    lang = page_lang(request)
    finding = _finding(view, n, lang)
    row = annotate(request, nodes.finding_rows(view, lang, [finding]))[0]
    target = f"{finding.kind} {subjects_key(finding.subjects)}"
    return _page(request, "finding.html", view, f=row, n=n, statuses=STATUSES,
                 comments=team_of(request).comments("finding", target))


@router.post("/s/{sid}/bevinding/{n}/status")
@needs("write")
def set_status(request: Request, sid: int, n: int, status: Annotated[str, Form()] = "",
               reason: Annotated[str, Form()] = "") -> Response:
    view = _view(request, sid)
    finding = _finding(view, n, page_lang(request))
    try:
        team_of(request).set_status(finding.kind, list(finding.subjects), status, reason,
                                    principal_of(request).actor)
    except AccountError as err:
        raise _problem(request, err) from err
    return RedirectResponse(make_url(page_lang(request))(f"/s/{sid}/bevinding/{n}"), status_code=303)


@router.post("/s/{sid}/opmerkingen")
@needs("comment")
def comment(request: Request, sid: int, target_kind: Annotated[str, Form()] = "",
            target: Annotated[str, Form()] = "", body: Annotated[str, Form()] = "") -> Response:
    """A comment on a finding (``target`` is its number in the snapshot) or a network or actor (its id)."""
    view = _view(request, sid)
    lang = page_lang(request)
    url = make_url(lang)
    if target_kind == "finding":
        if not target.isdigit():
            raise HTTPException(404)
        finding = _finding(view, int(target), lang)
        key, back = f"{finding.kind} {subjects_key(finding.subjects)}", f"/s/{sid}/bevinding/{target}"
    elif target_kind in ("network", "actor"):
        node = view.node_for(target)  # a hidden node, or one not in this snapshot, has no page: refused
        if node is None:
            raise HTTPException(404)
        key, back = node, f"/s/{sid}/n/{target}"
    else:
        raise HTTPException(422, t("web.team_bad_target", lang))
    try:
        team_of(request).add_comment(target_kind, key, body, principal_of(request).actor)
    except AccountError as err:
        raise _problem(request, err) from err
    from urllib.parse import quote

    return RedirectResponse(url(quote(back)), status_code=303)


# --- share links -------------------------------------------------------------------------------
@router.get("/delen")
@needs("write")
def shares(request: Request, created: str = "") -> HTMLResponse:
    latest = service_of(request).latest()
    view = service_of(request).view(latest.id) if latest else None
    return _page(request, "shares.html", view, shares=[s.to_dict() for s in team_of(request).shares()],
                 created=created, days=SHARE_DAYS)


@router.post("/delen")
@needs("write")
def create_share(request: Request, kind: Annotated[str, Form()] = "", sid: Annotated[int, Form()] = 0,
                 old: Annotated[int, Form()] = 0, view: Annotated[str, Form()] = "levels",
                 focus: Annotated[str, Form()] = "", depth: Annotated[int, Form()] = 1,
                 color: Annotated[str, Form()] = "level", n: Annotated[int, Form()] = -1,
                 days: Annotated[int, Form()] = SHARE_DAYS) -> Response:
    """A new share link of one view; its address is shown once, on the shares page."""
    lang = page_lang(request)
    service = service_of(request)
    snapshot_view = _view(request, sid)
    params: dict[str, Any] = {"sid": sid}
    if kind == "map":
        if view not in MAP_VIEWS or color not in MAP_COLORS or not 1 <= depth <= MAX_DEPTH:
            raise HTTPException(422, t("web.bad_request", lang, detail="view/color/depth"))
        node = snapshot_view.node_for(focus) if focus else None
        if focus and node is None:
            raise HTTPException(404)
        params |= {"view": view, "focus": node or "", "depth": depth, "color": color}
    elif kind == "finding":
        finding = _finding(snapshot_view, n, lang)
        params |= {"kind": finding.kind, "subjects": list(finding.subjects)}
    elif kind == "diff":
        if service.view(old) is None:
            raise HTTPException(404)
        params |= {"old": old}
    elif kind != "overview":
        raise HTTPException(422, t("web.team_bad_share", lang))
    token, _ = team_of(request).add_share(kind, params, principal_of(request).actor, days)
    return _page(request, "shares.html", snapshot_view, shares=[s.to_dict() for s in team_of(request).shares()],
                 created=f"{request.base_url}l/{token}", days=SHARE_DAYS)


@router.post("/delen/{share_id}/intrekken")
@needs("write")
def revoke_share(request: Request, share_id: str) -> Response:
    if not team_of(request).revoke_share(share_id, principal_of(request).actor):
        raise HTTPException(404)
    return RedirectResponse(make_url(page_lang(request))("/delen"), status_code=303)


def _shared(request: Request) -> tuple[Any, SnapshotView]:
    share = principal_of(request).share
    assert share is not None
    view = service_of(request).view(int(share.params["sid"]))
    if view is None:
        raise HTTPException(404)
    return share, view


@router.get("/l/{token}")
@needs("share")
def shared(request: Request, token: str) -> HTMLResponse:
    """What a share link shows: its one view, roles only, nothing else of the workspace."""
    share, view = _shared(request)
    lang = page_lang(request)
    context: dict[str, Any] = {"share": share.to_dict(), "frame": f"/l/{token}/pagina", "rows": [], "data": None}
    if share.kind == "overview":
        rows = annotate(request, nodes.finding_rows(view, lang))
        context["rows"] = [r for r in rows if is_open(r)]
        context["data"] = nodes.overview(view, lang)
    elif share.kind == "finding":
        key = (share.params["kind"], tuple(share.params["subjects"]))
        found = [f for f in view.findings(lang) if f.key == key]
        if not found:
            raise HTTPException(404)
        context["rows"] = annotate(request, nodes.finding_rows(view, lang, found))
    response = _page(request, "shared.html", None, shared=share.to_dict(), **context)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/l/{token}/pagina")
@needs("share")
def shared_frame(request: Request, token: str) -> HTMLResponse:
    """The map or the diff report of a map or diff share link (the offline page, roles only)."""
    from netmap.web.app import map_page_csp

    share, view = _shared(request)
    service = service_of(request)
    p = share.params
    if share.kind == "map":
        html = service.map_page(view, p["view"], p["focus"] or None, int(p["depth"]), p["color"],
                                page_lang(request))
    elif share.kind == "diff":
        old = service.view(int(p["old"]))
        if old is None:
            raise HTTPException(404)
        html = service.diff_page(old, view, page_lang(request))
    else:
        raise HTTPException(404)
    return HTMLResponse(html, headers={"Content-Security-Policy": map_page_csp(html), "Cache-Control": "no-store"})


# --- the beheerder -----------------------------------------------------------------------------
#: audit actions whose target is a finding's identity, a node, a snapshot number or a share link
FINDING_TARGETS, NODE_TARGETS = ("status_changed",), ("network", "actor")


def _subject_label(view: SnapshotView | None, subject: str, lang: str) -> str:
    """A subject as the reader may see it: a node's name (its role or type when hidden), a level or a
    perspective; an id no longer in the latest snapshot by itself, unless names are withheld."""
    from netmap.web import library as lib

    if view is not None and subject in view.G:
        return view.label(subject, lang)
    if subject in lib.LEVELS:
        return lib.level_label(subject, lang)
    if subject in lib.PERSPECTIVES:
        return lib.perspective_label(subject, lang)
    if view is None or view.roles_only:
        return t("web.audit_gone", lang)
    return subject


def _finding_subject(view: SnapshotView | None, target: str, lang: str) -> str:
    """'kind ["a","b"]' (a finding's identity) as 'Kind title: A, B'."""
    from netmap.web import library as lib

    kind, _, key = target.partition(" ")
    try:
        subjects = json.loads(key) if key else []
    except ValueError:
        subjects = []
    names = [_subject_label(view, str(s), lang) for s in subjects if isinstance(s, str)]
    return lib.finding_kind_label(kind, lang) + (": " + ", ".join(names) if names else "")


def audit_rows(request: Request, log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The audit log with readable actions and subjects (labels, or roles-only pseudonyms for a reader who
    may not see names: then the raw target and detail are the view's public ones)."""
    service = service_of(request)
    latest = service.latest()
    view = service.view(latest.id) if latest else None
    lang = page_lang(request)
    shares = {s.id: s for s in team_of(request).shares()}
    rows = []
    for entry in log:
        action, target = entry["action"], entry["target"]
        if action in FINDING_TARGETS:
            subject = _finding_subject(view, target, lang)
        elif action == "comment_added":
            kind, _, rest = target.partition(" ")
            subject = (_finding_subject(view, rest, lang) if kind == "finding"
                       else _subject_label(view, rest, lang) if kind in NODE_TARGETS else rest)
        elif action == "snapshot_uploaded":
            subject = t("web.audit_snapshot", lang, id=target, source=entry["detail"].get("source", ""))
        elif action in ("share_created", "share_revoked"):
            kind = entry["detail"].get("kind") or (shares[target].kind if target in shares else "")
            subject = t("web.audit_share", lang, id=target, kind=t(f"web.share_kind_{kind}", lang) if kind else "")
        elif action == "setting_changed":
            subject = t(f"web.audit_setting_{target}", lang) if target == "name_roles" else target
        else:
            subject = target  # an account name
        public = view.public if view is not None and service.roles_only else (lambda d: d)
        label = t(f"web.audit_action_{action}", lang) if has_text(f"web.audit_action_{action}") else action
        rows.append(entry | {"action_label": label, "subject": subject,
                             "target": subject if service.roles_only else target,
                             "detail": public(entry["detail"])})
    return rows


@router.get("/beheer")
@needs("admin")
def admin(request: Request) -> HTMLResponse:
    team = team_of(request)
    return _page(request, "admin.html", None, users=team.users(), log=audit_rows(request, team.audit_log(200)),
                 roles=ROLES, name_roles=team.name_roles())


@router.post("/beheer/namen")
@needs("admin")
def name_roles(request: Request, roles: Annotated[list[str] | None, Form()] = None) -> Response:
    team_of(request).set_name_roles(roles or [], principal_of(request).actor)
    return RedirectResponse(make_url(page_lang(request))("/beheer"), status_code=303)


@router.get("/beheer/audit.{fmt}")
@needs("admin")
def audit_export(request: Request, fmt: str) -> Response:
    log = audit_rows(request, list(reversed(team_of(request).audit_log())))
    headers = {"Content-Disposition": f'attachment; filename="auditlog.{fmt}"', "Cache-Control": "no-store"}
    if fmt == "json":
        return Response(json.dumps(log, ensure_ascii=False, indent=2, allow_nan=False), media_type="application/json",
                        headers=headers)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["id", "at", "actor", "action", "action_label", "subject", "target", "detail"])
        for row in log:
            writer.writerow([csv_escape(v) for v in (
                row["id"], row["at"], row["actor"], row["action"], row["action_label"], row["subject"], row["target"],
                json.dumps(row["detail"], ensure_ascii=False, allow_nan=False))])
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    raise HTTPException(404)
