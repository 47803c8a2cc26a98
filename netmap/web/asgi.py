"""Two pure ASGI middlewares: the security headers, and a cache of finished GET responses.

A snapshot never changes once stored, so a page or an API answer about it is the
same until the snapshot list changes (a node page shows its history across
snapshots; the list pages show the list). The cache therefore keeps every
successful GET response, keyed by path and query, within a byte budget (least
recently used out first), and is emptied whenever a snapshot is added. A request
the cache answers never reaches routing, validation or a worker thread.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

Scope = dict[str, Any]
NOT_CACHED = ("/", "/favicon.ico")


class ResponseCache:
    """Finished responses (status 200, headers, body) by request key, within ``budget`` bytes."""

    def __init__(self, budget: int = 96 * 2**20):
        self.budget = budget
        self.size = 0
        self._items: OrderedDict[str, tuple[list, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.generation = 0  # bumped by clear(): an answer computed before a change is not stored after it

    def get(self, key: str) -> tuple[list, bytes] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return found

    def put(self, key: str, headers: list, body: bytes, generation: int) -> None:
        if len(body) > self.budget // 4:
            return
        with self._lock:
            if generation != self.generation:
                return
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= len(old[1])
            self._items[key] = (headers, body)
            self.size += len(body)
            while self.size > self.budget and self._items:
                _, (_, dropped) = self._items.popitem(last=False)
                self.size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.size = 0
            self.generation += 1


class SecurityHeaders:
    """Add the CSP (unless the route set its own) and the other security headers to every response."""

    def __init__(self, app: Any, csp: str, headers: dict[str, str]):
        self.app = app
        self.defaults = [(b"content-security-policy", csp.encode())] + [
            (k.lower().encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.defaults if k not in present]
            await send(message)

        await self.app(scope, receive, sending)


class CachedGets:
    """Answer repeated GETs from a :class:`ResponseCache`; store each new 200 answer."""

    def __init__(self, app: Any, cache: ResponseCache):
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] in NOT_CACHED:
            await self.app(scope, receive, send)
            return
        key = (scope.get("netmap.cache_scope", "") + "|" + scope["path"] + "?"
               + scope.get("query_string", b"").decode("latin-1"))
        found = self.cache.get(key)
        if found is not None:
            headers, body = found
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        state: dict[str, Any] = {"status": 0, "headers": [], "parts": [], "generation": self.cache.generation}

        async def sending(message: dict) -> None:
            if message["type"] == "http.response.start":
                state["status"], state["headers"] = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                state["parts"].append(message.get("body", b""))
                stored = not any(k.lower() == b"cache-control" and b"no-store" in v for k, v in state["headers"])
                if not message.get("more_body") and state["status"] == 200 and stored:
                    self.cache.put(key, state["headers"], b"".join(state["parts"]), state["generation"])
            await send(message)

        await self.app(scope, receive, sending)
