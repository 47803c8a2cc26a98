"""A real `netmap serve` for the browser tests: a subprocess on a free loopback port, stopped afterwards."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(workspace: Path, probe: str = "/api/v1/snapshots", timeout_s: float = 60) -> Iterator[str]:
    """`python -m netmap serve --workspace WORKSPACE` on 127.0.0.1; yields its base URL once ``probe`` answers."""
    port = free_port()
    log = open(workspace.parent / "serve.log", "w+")  # noqa: SIM115 - open for the server's whole life
    proc = subprocess.Popen([sys.executable, "-m", "netmap", "serve", "--port", str(port), "--workspace",
                             str(workspace)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env=os.environ | {"PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                urllib.request.urlopen(base + probe, timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"netmap serve did not start:\n{log.read()}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
