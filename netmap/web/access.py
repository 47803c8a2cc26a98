"""Who is asking, and may they: the gate in front of every route.

Every route declares what it needs with :func:`needs` (one of :data:`LEVELS`); a route that
declares nothing is refused to everyone, so a new route cannot slip past the gate
(``tests/test_web_team.py`` walks the application's route table to check both).

:class:`Gate`, a pure ASGI middleware, runs before routing and before the response cache:

- it finds the route the request will reach (the application's own route table) and its level;
- it works out the :class:`Principal`: a share link (``/l/{token}`` routes only, from the token in
  the path), an account (the session cookie), anonymous, or, while the workspace has no accounts,
  the local user on loopback (the service as issue 13 left it);
- it refuses what the principal may not do: anonymous is sent to the login page (the API answers
  401), a signed-in account without the right gets 403; a refused body holds no data;
- it picks the service the request reads from: roles-only data for a ``lezer`` (unless the
  workspace setting lets that role see names), for every share link and under ``--roles-only``.

CSRF (:func:`csrf_guard`, a dependency of every route): a state-changing request of an account
must carry the session's token (form field ``csrf`` or header ``X-CSRF-Token``); any
state-changing request whose ``Origin`` is another site is refused, with or without accounts.
"""
from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import HTTPException, Request
from starlette.routing import Match, Mount

from netmap.i18n import t
from netmap.web.team import LOCAL, Session, Share, TeamStore

LEVELS = ("public", "read", "comment", "write", "admin", "share")
ALLOWED: dict[str, tuple[str, ...]] = {
    "read": ("beheerder", "werkorganisatie", "lezer"),
    "comment": ("beheerder", "werkorganisatie", "lezer"),
    "write": ("beheerder", "werkorganisatie"),
    "admin": ("beheerder",),
}
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
SESSION_COOKIE = "netmap_sessie"
#: Answers that are the same for everyone of a privacy tier (no account name, no CSRF token in them).
TIER_CACHED = ("/api/", "/kaart/pagina", "/downloads/", "/verschil/kaart", ".svg")
_LEVEL_OF: dict[Callable[..., Any], str] = {}


def needs(level: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare the access level of a route's endpoint (put it under the router's decorator)."""
    assert level in LEVELS, level

    def mark(endpoint: Callable[..., Any]) -> Callable[..., Any]:
        _LEVEL_OF[endpoint] = level
        return endpoint
    return mark


def level_of(endpoint: Any) -> str | None:
    return _LEVEL_OF.get(endpoint)


@dataclass(frozen=True)
class Principal:
    """Who a request is from. ``kind``: ``local`` (no accounts), ``user``, ``share`` or ``anonymous``."""

    kind: str
    role: str | None = None
    name: str = ""
    session: Session | None = None
    share: Share | None = None
    roles_only: bool = True

    def may(self, level: str) -> bool:
        if level == "public":
            return True
        if level == "share":
            return self.kind == "share"
        if self.kind == "local":
            return True
        return self.kind == "user" and self.role in ALLOWED.get(level, ())

    @property
    def actor(self) -> str:
        """The name written into the audit log and on comments."""
        return self.name or ("share" if self.kind == "share" else LOCAL)


def principal_of(request: Request) -> Principal:
    return request.scope["netmap.principal"]


def flat_routes(app: Any) -> list[Any]:
    """Every leaf route of the application (routes of included routers too), in matching order."""
    found: list[Any] = []

    def walk(routes: list[Any]) -> None:
        for route in routes:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                walk(inner.routes)
            else:
                found.append(route)
    walk(list(app.router.routes))
    return found


def route_of(app: Any, scope: dict) -> tuple[Any, dict[str, Any]] | None:
    """The route a request will reach and its path parameters (None: none matches fully)."""
    routes = getattr(app.state, "flat_routes", None)
    if routes is None:
        routes = app.state.flat_routes = flat_routes(app)
    for route in routes:
        match, child = route.matches(dict(scope))
        if match == Match.FULL:
            return route, child.get("path_params", {})
    return None


def _cookies(scope: dict, name: str) -> list[str]:
    """Every value sent for the cookie ``name`` (a planted copy may come along with the real one)."""
    found = []
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name:
                    found.append(v)
    return found[:4]


def _lang(scope: dict) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    return "en" if "lang=en" in query.split("&") else "nl"


class Gate:
    """The access check before routing (see the module docstring)."""

    def __init__(self, app: Any, fastapi_app: Any):
        self.app = app
        self.fastapi_app = fastapi_app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = self.fastapi_app.state
        store: TeamStore = state.team
        found = route_of(self.fastapi_app, scope)
        if found is None:  # 404 or 405: nothing of the workspace is reached
            await self.app(scope, receive, send)
            return
        route, params = found
        level = "public" if isinstance(route, Mount) else level_of(getattr(route, "endpoint", None))
        principal = self._principal(store, scope, level, params, state.roles_only)
        scope["netmap.principal"] = principal
        if principal is None or level is None or not principal.may(level):
            await self._refuse(scope, send, principal, level)
            return
        scope["netmap.service"] = state.services[principal.roles_only]
        path = scope["path"]
        tier = "r" if principal.roles_only else "f"
        who = principal.session.token_hash if principal.session else principal.kind
        if principal.share is not None:
            who = principal.share.id
        scope["netmap.cache_scope"] = tier if any(p in path for p in TIER_CACHED) else f"{tier}:{who}"
        await self.app(scope, receive, send)
        if scope["method"] in UNSAFE:
            state.responses.clear()  # a comment, a status or a share shows on cached pages

    @staticmethod
    def _principal(store: TeamStore, scope: dict, level: str | None, params: dict, forced: bool) -> Principal | None:
        if level == "share":
            share = store.share(str(params.get("token", "")))
            return Principal("share", share=share, roles_only=True) if share is not None else None
        if not store.has_accounts():
            return Principal("local", roles_only=forced)
        session = next((s for v in _cookies(scope, SESSION_COOKIE) if (s := store.session(v)) is not None), None)
        if session is None:
            return Principal("anonymous")
        sees_names = session.user.role in store.name_roles()
        return Principal("user", session.user.role, session.user.name, session=session,
                         roles_only=forced or not sees_names)

    @staticmethod
    async def _refuse(scope: dict, send: Any, principal: Principal | None, level: str | None) -> None:
        lang = _lang(scope)
        api = scope["path"].startswith("/api/")
        if principal is None:  # an unknown, expired or revoked share link
            status, text = 404, t("web.team_share_gone", lang)
        elif principal.kind == "anonymous":
            status, text = 401, t("web.team_login_needed", lang)
            if not api and scope["method"] == "GET":
                target = "/login?next=" + quote(scope["path"], safe="")
                await _send(send, 303, b"", "text/plain", [(b"location", target.encode("latin-1"))])
                return
        else:
            status, text = 403, t("web.team_forbidden", lang)
        if api:
            import json

            await _send(send, status, json.dumps({"detail": text}, allow_nan=False).encode(), "application/json")
        else:
            body = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{status}</title>'
                    f'<link rel="stylesheet" href="/static/web.css"></head><body><main><h1>{status}</h1>'
                    f'<p>{text}</p><p><a href="/login">{t("web.team_login", lang)}</a></p></main></body></html>')
            await _send(send, status, body.encode(), "text/html; charset=utf-8")


async def _send(send: Any, status: int, body: bytes, media: str, extra: list | None = None) -> None:
    headers = [(b"content-type", media.encode()), (b"content-length", str(len(body)).encode()),
               (b"cache-control", b"no-store")] + (extra or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def csrf_guard(request: Request) -> None:
    """Refuse a state-changing request from another site, or an account's without its CSRF token."""
    if request.method not in UNSAFE:
        return
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise HTTPException(403, t("web.team_csrf", "nl"))
    principal: Principal | None = request.scope.get("netmap.principal")
    if principal is None or principal.session is None:
        return
    sent = request.headers.get("x-csrf-token", "")
    if not sent and request.headers.get("content-type", "").startswith(("multipart/", "application/x-www")):
        form = await request.form()
        value = form.get("csrf", "")
        sent = value if isinstance(value, str) else ""
    if not hmac.compare_digest(sent.encode(), principal.session.csrf.encode()):
        raise HTTPException(403, t("web.team_csrf", "nl"))
