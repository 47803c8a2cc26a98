"""Start and stop a real Neo4j 5.26 (Community) server for tests, without Docker.

The server is the Neo4j test harness (``org.neo4j.test:neo4j-harness``) run
in-process by ``tests/neo4j_harness/Start.java``; Maven resolves its classpath
once (``tests/neo4j_harness/pom.xml``, jars cached in ``~/.m2``) and the
classpath is cached in ``tests/neo4j_harness/target/classpath.txt``.

Plain Python, no pytest dependency::

    from tests.neo4jserver import Neo4jServer, java_available

    ok, why = java_available()
    server = Neo4jServer(port=None, data_dir="/tmp/neo4j-test", password=None)
    server.start(timeout=180)          # blocks until Bolt answers
    driver = neo4j.GraphDatabase.driver(server.uri, auth=server.auth)
    server.restart()                   # same port, same data
    server.stop()

The data directory is persistent: stopping and starting again on the same
``data_dir`` keeps the databases.  With ``password`` set, auth is on and user
``neo4j`` has that password; without it auth is off (``auth`` is ``None``).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HARNESS_DIR = Path(__file__).resolve().parent / "neo4j_harness"
POM = HARNESS_DIR / "pom.xml"
START_JAVA = HARNESS_DIR / "Start.java"
TARGET_DIR = HARNESS_DIR / "target"
CLASSPATH_FILE = TARGET_DIR / "classpath.txt"
CLASSES_DIR = TARGET_DIR / "classes"

#: Neo4j 5.x runs on Java 17 or 21.
MIN_JAVA = 17
DEFAULT_HEAP = os.environ.get("NETMAP_TEST_NEO4J_HEAP", "768m")
DEFAULT_START_TIMEOUT = 180.0
MAVEN_TIMEOUT = 1200.0

_READY_RE = re.compile(r"^READY (bolt://\S+)\s*$", re.MULTILINE)
_running: set[Neo4jServer] = set()
_running_lock = threading.Lock()


class Neo4jServerError(RuntimeError):
    """The test server could not be set up, started or stopped."""


class _PortInUse(Neo4jServerError):
    pass


# --------------------------------------------------------------------------
# environment checks and classpath
# --------------------------------------------------------------------------

def _java_major(java: str) -> int | None:
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    if major == 1 and m.group(2):  # "1.8.0_..." style
        major = int(m.group(2))
    return major


def _java_executable() -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("java")


def _cached_classpath() -> str | None:
    """The cached classpath if it is newer than pom.xml and every jar exists."""
    try:
        if CLASSPATH_FILE.stat().st_mtime < POM.stat().st_mtime:
            return None
        cp = CLASSPATH_FILE.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    entries = [e for e in cp.split(os.pathsep) if e]
    if not entries or not all(os.path.exists(e) for e in entries):
        return None
    if not any("neo4j-harness" in os.path.basename(e) for e in entries):
        return None
    return cp


def java_available() -> tuple[bool, str]:
    """Can a test server be started here?  Returns ``(ok, reason)``.

    Needs Java 17+ and either Maven or an already cached, still valid
    classpath (``tests/neo4j_harness/target/classpath.txt``).
    """
    java = _java_executable()
    if not java:
        return False, "no `java` on PATH (Java 17+ is needed to run the Neo4j test server)"
    major = _java_major(java)
    if major is None:
        return False, f"could not read the version of {java}"
    if major < MIN_JAVA:
        return False, f"{java} is Java {major}; the Neo4j 5.26 test server needs Java {MIN_JAVA}+"
    if _cached_classpath() is None and not shutil.which("mvn"):
        return False, (
            "no `mvn` on PATH: Maven is needed (once) to resolve the Neo4j test "
            "harness, see tests/neo4j_harness/pom.xml"
        )
    return True, f"Java {major} at {java}"


@contextlib.contextmanager
def _file_lock(path: Path):
    """Inter-process lock (e.g. pytest-xdist workers resolving at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        try:
            import fcntl
        except ImportError:  # not on POSIX: no locking
            yield
            return
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def resolve_classpath(*, force: bool = False) -> str:
    """Return the harness classpath, running Maven only when needed.

    The first call on a machine downloads the harness into ``~/.m2`` (takes a
    while); afterwards the classpath is read from
    ``tests/neo4j_harness/target/classpath.txt`` as long as it is newer than
    ``pom.xml`` and every jar in it still exists.
    """
    if not force:
        cp = _cached_classpath()
        if cp:
            return cp
    with _file_lock(TARGET_DIR / ".classpath.lock"):
        if not force:
            cp = _cached_classpath()  # another process may have just made it
            if cp:
                return cp
        mvn = shutil.which("mvn")
        if not mvn:
            raise Neo4jServerError(
                "Maven (`mvn`) is not on PATH; it is needed to resolve the Neo4j "
                f"test harness from {POM}"
            )
        tmp = CLASSPATH_FILE.with_suffix(".txt.tmp")
        cmd = [
            mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(POM),
            "dependency:build-classpath",
            f"-Dmdep.outputFile={tmp}",
        ]
        try:
            proc = subprocess.run(
                cmd, cwd=HARNESS_DIR, capture_output=True, text=True,
                timeout=MAVEN_TIMEOUT, stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as e:
            raise Neo4jServerError(
                f"Maven did not resolve the Neo4j harness within {MAVEN_TIMEOUT:.0f}s: "
                + " ".join(cmd)
            ) from e
        if proc.returncode != 0 or not tmp.exists():
            tail = _tail_text((proc.stdout or "") + (proc.stderr or ""), 60)
            raise Neo4jServerError(
                f"Maven failed (exit {proc.returncode}) resolving the Neo4j harness:\n"
                f"  {' '.join(cmd)}\n{tail}"
            )
        os.replace(tmp, CLASSPATH_FILE)
        cp = _cached_classpath()
        if not cp:
            raise Neo4jServerError(
                f"Maven wrote {CLASSPATH_FILE} but it does not list the harness jars"
            )
        return cp


def _compiled_start(classpath: str, java: str) -> str | None:
    """Directory with Start.class compiled from Start.java, or ``None``.

    Only a speed-up: without ``javac`` (or if it fails) the caller runs
    Start.java through Java's single-file source launcher instead.
    """
    target = CLASSES_DIR / "Start.class"
    with contextlib.suppress(OSError):
        if target.stat().st_mtime >= START_JAVA.stat().st_mtime:
            return str(CLASSES_DIR)
    javac = Path(java).with_name("javac")
    if not javac.exists():
        found = shutil.which("javac")
        if not found:
            return None
        javac = Path(found)
    with _file_lock(TARGET_DIR / ".classes.lock"):
        with contextlib.suppress(OSError):
            if target.stat().st_mtime >= START_JAVA.stat().st_mtime:
                return str(CLASSES_DIR)
        tmp = Path(tempfile.mkdtemp(prefix="classes-", dir=TARGET_DIR))
        try:
            proc = subprocess.run(
                [str(javac), "-nowarn", "-d", str(tmp), "-cp", classpath, str(START_JAVA)],
                capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
            )
            if proc.returncode != 0 or not (tmp / "Start.class").exists():
                return None
            shutil.rmtree(CLASSES_DIR, ignore_errors=True)
            os.replace(tmp, CLASSES_DIR)
            return str(CLASSES_DIR)
        except (OSError, subprocess.SubprocessError):
            return None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now on ``host`` (bind to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def _tail_text(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _tail_file(path: Path, lines: int = 40) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 64 * 1024))
            data = fh.read().decode("utf-8", "replace")
    except OSError:
        return f"(no log at {path})"
    return _tail_text(data, lines)


def _is_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


# --------------------------------------------------------------------------
# the server
# --------------------------------------------------------------------------

class Neo4jServer:
    """A Neo4j 5.26 Community server on ``127.0.0.1:port`` in a child JVM.

    ``port``: Bolt port; ``None`` picks a free one (kept across restarts).
    ``data_dir``: persistent directory (databases in ``data_dir/data``, logs in
    ``data_dir/logs``, the JVM's output in ``data_dir/server.log``); ``None``
    makes a temporary one that :meth:`close` removes.
    ``password``: turns auth on for user ``neo4j`` with this password (at
    least 8 characters); ``None`` leaves auth off.
    """

    host = "127.0.0.1"

    def __init__(
        self,
        port: int | None = None,
        data_dir: str | os.PathLike[str] | None = None,
        password: str | None = None,
        *,
        heap: str = DEFAULT_HEAP,
        extra_conf: dict[str, str] | None = None,
        java: str | None = None,
    ) -> None:
        if password is not None and len(password) < 8:
            raise ValueError("Neo4j needs passwords of at least 8 characters")
        self.port = int(port) if port else free_port(self.host)
        # A port we picked may be taken by someone else before the JVM binds
        # it; then the first start moves to another one.  Later starts
        # (restart) always keep the port.
        self._may_move_port = not port
        self._owns_data_dir = data_dir is None
        self.data_dir = Path(
            data_dir if data_dir is not None else tempfile.mkdtemp(prefix="netmap-neo4j-")
        ).resolve()
        self.password = password
        self.heap = heap
        self.extra_conf = dict(extra_conf or {})
        self.java = java
        self.log_path = self.data_dir / "server.log"
        self._proc: subprocess.Popen | None = None
        self.last_start_seconds: float | None = None

    # ---- properties -------------------------------------------------------
    @property
    def uri(self) -> str:
        return f"bolt://{self.host}:{self.port}"

    @property
    def auth(self) -> tuple[str, str] | None:
        return ("neo4j", self.password) if self.password is not None else None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def rss_bytes(self) -> int | None:
        """Resident memory of the server JVM (Linux), or ``None``."""
        if not self.running or self._proc is None:
            return None
        try:
            status = Path(f"/proc/{self._proc.pid}/status").read_text()
        except OSError:
            return None
        m = re.search(r"^VmRSS:\s+(\d+)\s+kB", status, re.MULTILINE)
        return int(m.group(1)) * 1024 if m else None

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<Neo4jServer {self.uri} {state} data_dir={self.data_dir}>"

    # ---- life cycle -------------------------------------------------------
    def command(self, classpath: str) -> list[str]:
        java = self.java or _java_executable() or "java"
        cmd = [
            java,
            f"-Xmx{self.heap}",
            "-Xss2m",
            "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError",
            "-Dfile.encoding=UTF-8",
            "-Djava.awt.headless=true",
        ]
        classes = _compiled_start(classpath, java)
        if classes:  # precompiled Start.class: saves ~1.5 s per start
            cmd += ["-cp", classes + os.pathsep + classpath, "Start"]
        else:  # Java's single-file source launcher
            cmd += ["-cp", classpath, str(START_JAVA)]
        cmd += [
            "--host", self.host,
            "--port", str(self.port),
            "--data-dir", str(self.data_dir),
        ]
        for key, value in self.extra_conf.items():
            cmd += ["--conf", f"{key}={value}"]
        return cmd

    def admin_command(self, heap: str = "1g") -> tuple[list[str], dict[str, str]]:
        """``neo4j-admin`` on the harness classpath for this server's databases, and its environment.

        The tool reads ``neo4j.conf`` from ``NEO4J_CONF``: a folder made here that points at this
        server's data directory. Run it only while the server is stopped (e.g.
        ``netmap load --bulk DIR --neo4j-admin "<command>"`` or :func:`netmap.neo4j.bulk.run_import`).
        """
        java = self.java or _java_executable() or "java"
        conf = self.data_dir / "admin-conf"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "neo4j.conf").write_text(
            f"server.directories.data={self.data_dir / 'data'}\n"
            f"server.directories.logs={self.data_dir / 'logs'}\n", encoding="utf-8")
        env = dict(os.environ, NEO4J_CONF=str(conf), NEO4J_HOME=str(self.data_dir))
        env.pop("JAVA_TOOL_OPTIONS", None)
        return [java, f"-Xmx{heap}", "-cp", resolve_classpath(), "org.neo4j.cli.AdminTool"], env

    def start(self, timeout: float = DEFAULT_START_TIMEOUT) -> Neo4jServer:
        """Start the server; return when Bolt accepts connections.

        Raises :class:`Neo4jServerError` (with the tail of the server log) if
        the JVM exits or the server is not ready within ``timeout`` seconds
        (Maven's first download is not counted in ``timeout``).
        """
        if self.running:
            return self
        classpath = resolve_classpath()
        attempts = 3 if self._may_move_port else 1
        for attempt in range(1, attempts + 1):
            try:
                self._start_once(classpath, timeout)
                self._may_move_port = False
                return self
            except _PortInUse:
                if attempt == attempts:
                    raise
                self.port = free_port(self.host)
        raise AssertionError("unreachable")

    def _start_once(self, classpath: str, timeout: float) -> None:
        if _port_open(self.host, self.port):
            raise _PortInUse(
                f"port {self.port} on {self.host} is already in use; cannot start Neo4j there"
            )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.pop("NEO4J_HARNESS_PASSWORD", None)
        if self.password is not None:
            env["NEO4J_HARNESS_PASSWORD"] = self.password
        env.pop("JAVA_TOOL_OPTIONS", None)  # its banner would clutter the log

        t0 = time.monotonic()
        log = open(self.log_path, "ab")
        log.write(f"\n===== start {time.strftime('%Y-%m-%d %H:%M:%S')} {self.uri} =====\n".encode())
        log.flush()
        offset = log.tell()
        try:
            self._proc = subprocess.Popen(
                self.command(classpath),
                stdin=subprocess.PIPE,  # EOF on it stops the server
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.data_dir,
                env=env,
                start_new_session=True,  # a Ctrl-C in the terminal is ours to handle
            )
        except OSError as e:
            log.close()
            raise Neo4jServerError(f"could not run java: {e}") from e
        log.close()
        with _running_lock:
            _running.add(self)

        deadline = t0 + timeout
        ready = False
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                code = self._proc.returncode
                self._forget()
                tail = _tail_file(self.log_path)
                error = _PortInUse if "Address already in use" in tail else Neo4jServerError
                raise error(
                    f"Neo4j test server exited with code {code} during start-up.\n"
                    f"--- last lines of {self.log_path} ---\n{tail}"
                )
            if not ready:
                ready = self._ready_line_seen(offset)
            if ready and _port_open(self.host, self.port):
                self.last_start_seconds = time.monotonic() - t0
                return
            time.sleep(0.1)

        self._kill()
        raise Neo4jServerError(
            f"Neo4j test server not ready on {self.uri} after {timeout:.0f}s.\n"
            f"--- last lines of {self.log_path} ---\n{_tail_file(self.log_path)}"
        )

    def _ready_line_seen(self, offset: int) -> bool:
        try:
            with open(self.log_path, "rb") as fh:
                fh.seek(offset)
                text = fh.read().decode("utf-8", "replace")
        except OSError:
            return False
        return _READY_RE.search(text) is not None

    def stop(self, timeout: float = 60.0) -> None:
        """Shut the server down cleanly (data flushed); no-op if not running."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            # Closing stdin makes Start.java shut down; SIGTERM is the backup.
            with contextlib.suppress(OSError):
                if proc.stdin is not None:
                    proc.stdin.close()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired as err:
                    self._kill()
                    raise Neo4jServerError(
                        f"Neo4j test server on {self.uri} did not stop; killed it.\n"
                        f"--- last lines of {self.log_path} ---\n{_tail_file(self.log_path)}"
                    ) from err
        self._forget()
        # Wait until the port is released so a restart can bind it again.
        deadline = time.monotonic() + 10
        while _port_open(self.host, self.port, 0.2) and time.monotonic() < deadline:
            time.sleep(0.1)

    def kill(self) -> None:
        """Kill the JVM at once (SIGKILL), like a crash; the data stays."""
        self._kill()

    def restart(self, timeout: float = DEFAULT_START_TIMEOUT) -> Neo4jServer:
        """Stop and start again on the same port with the same data."""
        self.stop()
        return self.start(timeout=timeout)

    def close(self) -> None:
        """Stop, and remove the data directory if this object created it."""
        self.stop()
        if self._owns_data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> Neo4jServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def _kill(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=30)
        self._forget()

    def _forget(self) -> None:
        proc = self._proc
        if proc is not None and proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        self._proc = None
        with _running_lock:
            _running.discard(self)


@atexit.register
def _stop_all() -> None:
    with _running_lock:
        servers = list(_running)
    for server in servers:
        try:
            server.stop(timeout=30)
        except Exception as e:  # pragma: no cover - best effort at exit
            print(f"warning: could not stop {server!r}: {e}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.neo4jserver [PORT [DATA_DIR]]``: run one by hand."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        print("usage: python -m tests.neo4jserver [PORT [DATA_DIR]]\n"
              "Starts Neo4j 5.26 (resolved from Maven) on 127.0.0.1:PORT until Ctrl-C;\n"
              "auth is on when NETMAP_NEO4J_PASSWORD is set (at least 8 characters).")
        return 0
    port = int(argv[0]) if argv else None
    data_dir = argv[1] if len(argv) > 1 else None
    password = os.environ.get("NETMAP_NEO4J_PASSWORD") or None
    ok, why = java_available()
    if not ok:
        print(why, file=sys.stderr)
        return 2
    server = Neo4jServer(port, data_dir, password)
    server.start()
    print(f"{server.uri} ready in {server.last_start_seconds:.1f}s "
          f"(auth {'on' if password else 'off'}, data in {server.data_dir}); Ctrl-C stops it")
    try:
        while server.running:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
