"""The team's state in the workspace database: accounts, sessions, settings, triage, comments, share links, audit.

Everything lives in the workspace's SQLite file (``netmap.sqlite``), in WAL mode, one short
connection and one short transaction per call, so uvicorn's worker threads never share a
connection and a writer never holds readers up.

- **Accounts**: a user name, a role (:data:`ROLES`) and an argon2id hash of the password
  (argon2-cffi's ``PasswordHasher``, its current defaults). No password is ever stored or logged.
- **Sessions**: a random 256-bit token in the cookie; the table keeps only its SHA-256, with an
  expiry. "Log out everywhere" deletes every session of the account; removing an account or
  resetting its password does too.
- **Throttling**: failed logins counted per account and per client address in a sliding window
  (:data:`THROTTLE_WINDOW_S`); past :data:`THROTTLE_MAX` failures further attempts are refused
  without checking the password. The table is pruned on every write, so it stays bounded.
- **Triage** is keyed by a finding's identity, its kind plus subjects (``Finding.key``), not by
  snapshot, so a status carries over to the next snapshot. A finding marked ``opgelost`` that
  appears in a later snapshot is reopened (:meth:`TeamStore.reopen_resolved`) and marked so.
- **Audit log**: append-only (no update or delete statement touches it; a trigger refuses both).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ROLES = ("beheerder", "werkorganisatie", "lezer")
STATUSES = ("open", "erkend", "opgelost", "niet_van_toepassing")
TARGET_KINDS = ("finding", "network", "actor")
SHARE_KINDS = ("map", "overview", "finding", "diff")
SESSION_HOURS = 12
SHARE_DAYS = 30
THROTTLE_WINDOW_S = 15 * 60
THROTTLE_MAX = 5  # failures per account, and per client address x 4, in the window
MAX_TEXT = 4000  # a comment or a reason
DEFAULT_NAME_ROLES = ("beheerder", "werkorganisatie")
_hasher = PasswordHasher()  # argon2id, the library's current parameters

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL, created REAL NOT NULL,
    expires REAL NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user);
CREATE TABLE IF NOT EXISTS login_failures (subject TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS login_failures_subject ON login_failures(subject);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS triage (
    kind TEXT NOT NULL, subjects TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,
    author TEXT NOT NULL, at TEXT NOT NULL, reopened INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, subjects));
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT, target_kind TEXT NOT NULL, target TEXT NOT NULL,
    author TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS comments_target ON comments(target_kind, target);
CREATE TABLE IF NOT EXISTS shares (
    token_hash TEXT PRIMARY KEY, id TEXT UNIQUE NOT NULL, kind TEXT NOT NULL, params TEXT NOT NULL,
    author TEXT NOT NULL, created TEXT NOT NULL, expires REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    target TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


# names the service itself writes as uploader, author or audit actor: no account may take them
LOCAL = "lokaal"  # who acted, on a workspace without accounts (loopback only)
ANONYMOUS = "anoniem"  # who uploaded a snapshot no one did (the example seeded on first start)
RESERVED_NAMES = (LOCAL, ANONYMOUS, "share", "cli")


class AccountError(ValueError):
    """A refused account operation; ``key`` names the text in ``web.yaml`` (``team_<key>``)."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class User:
    name: str
    role: str
    created: str


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str
    token_hash: str


@dataclass(frozen=True)
class Share:
    id: str
    kind: str
    params: dict[str, Any]
    author: str
    created: str
    expires: float
    revoked: bool

    def active(self, now: float | None = None) -> bool:
        return not self.revoked and self.expires > (time.time() if now is None else now)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "params": self.params, "author": self.author,
                "created": self.created, "expires": _iso(self.expires), "revoked": self.revoked}


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).isoformat(timespec="seconds")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def subjects_key(subjects: Iterable[str]) -> str:
    """A finding's subjects as the stored part of its identity."""
    return json.dumps(list(subjects), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class TeamStore:
    """The team tables of one workspace database (see the module docstring)."""

    def __init__(self, db_path: str | Path):
        self.db_path = Path(db_path)
        self._write = threading.Lock()  # one writer at a time in this process; SQLite's own lock across processes

    def open(self) -> TeamStore:
        with closing(self._connect()) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
        return self

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA busy_timeout=30000")
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction (BEGIN IMMEDIATE: the write lock up front, no upgrade deadlock)."""
        with self._write, closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _read(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with closing(self._connect()) as db:
            return db.execute(sql, args).fetchall()

    # --- audit -----------------------------------------------------------------------------
    @staticmethod
    def _audit(db: sqlite3.Connection, actor: str, action: str, target: str = "", **detail: Any) -> None:
        db.execute("INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                   (now_iso(), actor, action, target, json.dumps(detail, ensure_ascii=False, sort_keys=True)))

    def audit(self, actor: str, action: str, target: str = "", **detail: Any) -> None:
        """Append one line to the audit log."""
        with self._tx() as db:
            self._audit(db, actor, action, target, **detail)

    def audit_log(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The audit log, newest first."""
        sql = "SELECT * FROM audit ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        return [{"id": r["id"], "at": r["at"], "actor": r["actor"], "action": r["action"], "target": r["target"],
                 "detail": json.loads(r["detail"])} for r in self._read(sql)]

    # --- accounts --------------------------------------------------------------------------
    def has_accounts(self) -> bool:
        """True once the workspace has had an account: removing them all never reopens it to everyone."""
        return bool(self._read("SELECT 1 FROM users LIMIT 1")
                    or self._read("SELECT 1 FROM settings WHERE key = 'accounts'"))

    def users(self) -> list[User]:
        return [User(r["name"], r["role"], r["created"]) for r in self._read("SELECT * FROM users ORDER BY name")]

    def user(self, name: str) -> User | None:
        rows = self._read("SELECT * FROM users WHERE name = ?", (name,))
        return User(rows[0]["name"], rows[0]["role"], rows[0]["created"]) if rows else None

    @staticmethod
    def _check_password(password: str) -> None:
        if len(password) < 10:
            raise AccountError("password_short", n=10)
        if len(password) > 1024:
            raise AccountError("password_long", n=1024)

    def add_user(self, name: str, role: str, password: str, actor: str = "cli") -> User:
        name = name.strip()
        if not name or len(name) > 64 or any(c.isspace() or not c.isprintable() for c in name):
            raise AccountError("bad_name")
        if name.casefold() in RESERVED_NAMES:
            raise AccountError("reserved_name", name=name)
        if role not in ROLES:
            raise AccountError("bad_role", roles=", ".join(ROLES))
        self._check_password(password)
        hashed = _hasher.hash(password)
        with self._tx() as db:
            if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise AccountError("user_exists", name=name)
            db.execute("INSERT INTO users (name, role, hash, created) VALUES (?, ?, ?, ?)",
                       (name, role, hashed, now_iso()))
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('accounts', '1')")
            self._audit(db, actor, "account_added", name, role=role)
        user = self.user(name)
        assert user is not None
        return user

    def remove_user(self, name: str, actor: str = "cli") -> None:
        with self._tx() as db:
            row = db.execute("SELECT role FROM users WHERE name = ?", (name,)).fetchone()
            if row is None:
                raise AccountError("no_user", name=name)
            admins = db.execute("SELECT COUNT(*) FROM users WHERE role = 'beheerder'").fetchone()[0]
            if row["role"] == "beheerder" and admins == 1:
                raise AccountError("last_admin", name=name)
            db.execute("DELETE FROM users WHERE name = ?", (name,))
            db.execute("DELETE FROM sessions WHERE user = ?", (name,))
            self._audit(db, actor, "account_removed", name)

    def reset_password(self, name: str, password: str, actor: str = "cli") -> None:
        self._check_password(password)
        hashed = _hasher.hash(password)
        with self._tx() as db:
            if not db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise AccountError("no_user", name=name)
            db.execute("UPDATE users SET hash = ? WHERE name = ?", (hashed, name))
            db.execute("DELETE FROM sessions WHERE user = ?", (name,))
            self._audit(db, actor, "password_reset", name)

    # --- login, throttling, sessions ---------------------------------------------------------
    def throttled(self, name: str, client: str) -> bool:
        """True when the account or the address has too many recent failures."""
        since = time.time() - THROTTLE_WINDOW_S
        rows = self._read("SELECT subject, COUNT(*) AS n FROM login_failures WHERE at > ? AND subject IN (?, ?) "
                          "GROUP BY subject", (since, f"u:{name}", f"a:{client}"))
        counts = {r["subject"]: r["n"] for r in rows}
        return counts.get(f"u:{name}", 0) >= THROTTLE_MAX or counts.get(f"a:{client}", 0) >= 4 * THROTTLE_MAX

    def login(self, name: str, password: str, client: str) -> tuple[str, Session] | None:
        """A new session (cookie token, session) for a right password; None otherwise (and counted).

        Refused without checking while throttled (:meth:`throttled`); the caller tells the two apart.
        """
        if self.throttled(name, client):
            return None
        rows = self._read("SELECT * FROM users WHERE name = ?", (name,))
        ok = False
        if rows:
            try:
                ok = _hasher.verify(rows[0]["hash"], password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
        else:
            try:  # the same work for an unknown name, so timing does not tell which names exist
                _hasher.verify(_DUMMY_HASH, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                pass
        if not ok:
            with self._tx() as db:
                cutoff = time.time() - THROTTLE_WINDOW_S
                db.execute("DELETE FROM login_failures WHERE at < ?", (cutoff,))
                db.executemany("INSERT INTO login_failures (subject, at) VALUES (?, ?)",
                               [(f"u:{name}", time.time()), (f"a:{client}", time.time())])
                self._audit(db, name if rows else "?", "login_failed", name, client=client)
            return None
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        with self._tx() as db:
            if _hasher.check_needs_rehash(rows[0]["hash"]):
                db.execute("UPDATE users SET hash = ? WHERE name = ?", (_hasher.hash(password), name))
            db.execute("DELETE FROM sessions WHERE expires < ?", (time.time(),))
            db.execute("DELETE FROM login_failures WHERE subject = ?", (f"u:{name}",))
            db.execute("INSERT INTO sessions (token_hash, user, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
                       (_digest(token), name, csrf, time.time(), time.time() + SESSION_HOURS * 3600))
            self._audit(db, name, "login", name, client=client)
        user = User(rows[0]["name"], rows[0]["role"], rows[0]["created"])
        return token, Session(user, csrf, _digest(token))

    def session(self, token: str) -> Session | None:
        """The live session of a cookie token, or None (unknown, expired, or its account removed)."""
        if not token or len(token) > 200:
            return None
        rows = self._read("SELECT s.token_hash, s.csrf, s.expires, u.name, u.role, u.created FROM sessions s "
                          "JOIN users u ON u.name = s.user WHERE s.token_hash = ?", (_digest(token),))
        if not rows or rows[0]["expires"] < time.time():
            return None
        r = rows[0]
        return Session(User(r["name"], r["role"], r["created"]), r["csrf"], r["token_hash"])

    def logout(self, session: Session, everywhere: bool = False) -> None:
        with self._tx() as db:
            if everywhere:
                db.execute("DELETE FROM sessions WHERE user = ?", (session.user.name,))
                self._audit(db, session.user.name, "logout_everywhere", session.user.name)
            else:
                db.execute("DELETE FROM sessions WHERE token_hash = ?", (session.token_hash,))

    # --- settings --------------------------------------------------------------------------
    def name_roles(self) -> tuple[str, ...]:
        """The roles that see names (a workspace setting; default werkorganisatie and beheerder)."""
        rows = self._read("SELECT value FROM settings WHERE key = 'name_roles'")
        if not rows:
            return DEFAULT_NAME_ROLES
        return tuple(r for r in json.loads(rows[0]["value"]) if r in ROLES)

    def set_name_roles(self, roles: Iterable[str], actor: str) -> None:
        chosen = [r for r in ROLES if r in set(roles)]
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('name_roles', ?)",
                       (json.dumps(chosen, allow_nan=False),))
            self._audit(db, actor, "setting_changed", "name_roles", roles=chosen)

    # --- triage ----------------------------------------------------------------------------
    def triage(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Every triaged finding by (kind, subjects key)."""
        return {(r["kind"], r["subjects"]): {"status": r["status"], "reason": r["reason"], "author": r["author"],
                                             "at": r["at"], "reopened": bool(r["reopened"])}
                for r in self._read("SELECT * FROM triage")}

    def set_status(self, kind: str, subjects: list[str], status: str, reason: str, actor: str) -> None:
        if status not in STATUSES:
            raise AccountError("bad_status")
        reason = reason.strip()[:MAX_TEXT]
        if status == "niet_van_toepassing" and not reason:
            raise AccountError("reason_needed")
        key = subjects_key(subjects)
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO triage (kind, subjects, status, reason, author, at, reopened) "
                       "VALUES (?, ?, ?, ?, ?, ?, 0)", (kind, key, status, reason, actor, now_iso()))
            self._audit(db, actor, "status_changed", f"{kind} {key}", status=status, reason=reason)

    def reopen_resolved(self, present: Iterable[tuple[str, tuple[str, ...]]], actor: str, snapshot: int) -> int:
        """Reopen every ``opgelost`` finding that is present again (a new snapshot); how many."""
        keys = {(kind, subjects_key(subjects)) for kind, subjects in present}
        n = 0
        with self._tx() as db:
            for r in db.execute("SELECT kind, subjects FROM triage WHERE status = 'opgelost'").fetchall():
                if (r["kind"], r["subjects"]) in keys:
                    db.execute("UPDATE triage SET status = 'open', reopened = 1, author = ?, at = ? "
                               "WHERE kind = ? AND subjects = ?", (actor, now_iso(), r["kind"], r["subjects"]))
                    self._audit(db, actor, "status_changed", f"{r['kind']} {r['subjects']}", status="open",
                                reopened=True, snapshot=snapshot)
                    n += 1
        return n

    # --- comments --------------------------------------------------------------------------
    def add_comment(self, target_kind: str, target: str, body: str, actor: str) -> int:
        body = body.strip()
        if target_kind not in TARGET_KINDS:
            raise AccountError("bad_target")
        if not body:
            raise AccountError("comment_empty")
        if len(body) > MAX_TEXT:
            raise AccountError("comment_long", n=MAX_TEXT)
        with self._tx() as db:
            cursor = db.execute("INSERT INTO comments (target_kind, target, author, at, body) VALUES (?, ?, ?, ?, ?)",
                                (target_kind, target, actor, now_iso(), body))
            self._audit(db, actor, "comment_added", f"{target_kind} {target}", comment=cursor.lastrowid)
            return int(cursor.lastrowid or 0)

    def comments(self, target_kind: str, target: str) -> list[dict[str, Any]]:
        return [dict(r) for r in self._read("SELECT id, author, at, body FROM comments WHERE target_kind = ? AND "
                                            "target = ? ORDER BY id", (target_kind, target))]

    def comment_count(self) -> int:
        return int(self._read("SELECT COUNT(*) AS n FROM comments")[0]["n"])

    # --- share links -----------------------------------------------------------------------
    def add_share(self, kind: str, params: dict[str, Any], actor: str, days: int = SHARE_DAYS) -> tuple[str, Share]:
        """A new share link (its secret token, shown once, and its record)."""
        if kind not in SHARE_KINDS:
            raise AccountError("bad_share")
        days = max(1, min(int(days), 365))
        token = secrets.token_urlsafe(32)
        share_id = secrets.token_hex(6)
        with self._tx() as db:
            db.execute("INSERT INTO shares (token_hash, id, kind, params, author, created, expires) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (_digest(token), share_id, kind,
                                                        json.dumps(params, sort_keys=True), actor, now_iso(),
                                                        time.time() + days * 86400))
            self._audit(db, actor, "share_created", share_id, kind=kind, params=params, days=days)
        share = self.share_by_id(share_id)
        assert share is not None
        return token, share

    @staticmethod
    def _share(r: sqlite3.Row) -> Share:
        return Share(r["id"], r["kind"], json.loads(r["params"]), r["author"], r["created"], r["expires"],
                     bool(r["revoked"]))

    def share(self, token: str) -> Share | None:
        """The active share of a link token; None for an unknown, expired or revoked one."""
        if not token or len(token) > 200:
            return None
        rows = self._read("SELECT * FROM shares WHERE token_hash = ?", (_digest(token),))
        share = self._share(rows[0]) if rows else None
        return share if share is not None and share.active() else None

    def share_by_id(self, share_id: str) -> Share | None:
        rows = self._read("SELECT * FROM shares WHERE id = ?", (share_id,))
        return self._share(rows[0]) if rows else None

    def shares(self) -> list[Share]:
        return [self._share(r) for r in self._read("SELECT * FROM shares ORDER BY created DESC")]

    def revoke_share(self, share_id: str, actor: str) -> bool:
        with self._tx() as db:
            changed = db.execute("UPDATE shares SET revoked = 1 WHERE id = ? AND revoked = 0", (share_id,)).rowcount
            if changed:
                self._audit(db, actor, "share_revoked", share_id)
        return bool(changed)


_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
