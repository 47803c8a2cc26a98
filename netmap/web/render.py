"""Server-side pages: one Jinja2 environment with autoescaping always on.

Every text a page shows comes from the catalogue (``netmap/texts/web.yaml`` through
:func:`netmap.i18n.t`) or from the library's own sentences; every value from the
data goes through Jinja's escaping, so a name like ``<script>`` shows as text.
"""
from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from jinja2 import Environment, PackageLoader, StrictUndefined

from netmap.dates import date_text
from netmap.i18n import LANGUAGES, grouped, number, t
from netmap.web.team import ANONYMOUS, LOCAL

try:  # the readers' clock: KBL works in the Netherlands, whatever zone the server runs in (Docker: UTC)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    READERS_ZONE: dt.tzinfo | None = ZoneInfo("Europe/Amsterdam")
except (ImportError, ZoneInfoNotFoundError):  # no time-zone data on this system: the computer's own zone
    READERS_ZONE = None


def local_date_text(value: Any, lang: str, time: bool = False) -> str:
    """:func:`netmap.dates.date_text`, with a stored UTC timestamp (``2026-12-01T23:30:00+00:00``) first put
    in Dutch time, so a page says ``2 december 2026 00:30`` where the reader's clock does, not the UTC hour.

    >>> local_date_text("2026-12-01T23:30:00+00:00", "nl", time=True), local_date_text("2024-03", "nl")
    ('2 december 2026 00:30', 'maart 2024')
    """
    text = str(value or "").strip()
    if "T" in text:
        try:
            stamp = dt.datetime.fromisoformat(text)
        except ValueError:
            stamp = None
        if stamp is not None and stamp.tzinfo is not None:
            text = stamp.astimezone(READERS_ZONE).isoformat(timespec="minutes")
    return date_text(text, lang, time)


NO_ACCOUNT = (LOCAL, ANONYMOUS)  # what the service writes as uploader or author when no account acted


_env = Environment(loader=PackageLoader("netmap.web", "templates"), autoescape=True, undefined=StrictUndefined,
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["q"] = lambda value: quote(str(value), safe="")  # a path segment: '/' and '..' encoded too


def page_lang(request: Request) -> str:
    """``?lang=en`` gives English; anything else the Dutch default."""
    lang = request.query_params.get("lang", "nl")
    return lang if lang in LANGUAGES else "nl"


def make_url(lang: str):
    """A ``url(path, **query)`` helper for templates that keeps the reader's language."""
    def url(path: str, **query: Any) -> str:
        params = {k: v for k, v in query.items() if v not in (None, "")}
        if lang != "nl":
            params["lang"] = lang
        return path + ("?" + urlencode(params) if params else "")
    return url


def render(request: Request, template: str, lang: str, snapshot: Any, **context: Any) -> str:
    """Render ``template`` with the shared context (texts, url helper, current snapshot, language switch)."""
    other = "en" if lang == "nl" else "nl"
    switch = dict(request.query_params) | {"lang": other}
    if other == "nl":
        switch.pop("lang")
    service = request.scope.get("netmap.service", request.app.state.service)
    principal = request.scope.get("netmap.principal")
    base = {
        "lang": lang, "t": lambda key, **p: t(f"web.{key}", lang, **p), "url": make_url(lang),
        "date": lambda value, time=False: local_date_text(value, lang, time),  # the one date formatter
        "who": lambda name: t("web.who_no_account", lang) if name in NO_ACCOUNT else name,
        "decimal": lambda x: number(x, lang),  # 0,46 / 0.46, as the library's sentences write it
        "count": lambda n: grouped(n, lang),  # 94.668 / 94,668, as counts in the catalogue's texts
        "snapshot": snapshot, "roles_only": service.roles_only, "path": request.url.path, "neo4j": service.neo4j,
        "principal": principal, "csrf": principal.session.csrf if principal and principal.session else "",
        "switch_url": request.url.path + ("?" + urlencode(switch) if switch else ""),
    }
    base["shared"] = False
    return _env.get_template(template).render(**(base | context))
