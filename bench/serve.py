"""Service benchmark: `netmap serve` on loopback under 1, 10 and 50 concurrent readers.

Starts a real ``netmap serve`` (uvicorn) in a subprocess with a fresh workspace (the
KBL example; with ``--scale S`` also the synthetic field of ``netmap synth --scale S``
uploaded as snapshot 2), warms every route once (the first request of a snapshot
analyses it; later ones read the cache), then runs bounded loops: each reader sends
a fixed number of requests, cycling over overview, map data, findings and a node
page. Prints p50, p99 and errors per route and concurrency, and the server's memory
(VmRSS and VmHWM from /proc). Target: 50 readers at p99 <= 300 ms on the KBL
example, no errors.

    .venv/bin/python bench/serve.py                      # KBL example, 1/10/50 readers
    .venv/bin/python bench/serve.py --scale 0.1          # also the synthetic field at scale 0.1
    .venv/bin/python bench/serve.py --requests 20 --json out.json
"""
from __future__ import annotations

import argparse
import functools
import io
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
print = functools.partial(print, flush=True)  # noqa: A001 - progress shows when the output is a file


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workspace: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "netmap", "serve", "--port", str(port), "--workspace",
                             str(workspace)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/api/v1/snapshots", timeout=2).read()
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("netmap serve did not start")


def memory(pid: int) -> dict[str, float]:
    """Resident memory of the server process now and at its peak, in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out


def upload_field(base: str, scale: float, folder: Path) -> int:
    """Write the synthetic field, upload it as a CSV zip, return the new snapshot's id."""
    target = folder / f"synth-{scale}"
    subprocess.run([sys.executable, "-m", "netmap", "synth", "--scale", str(scale), "-o", str(target)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(target.glob("*.csv")):
            zf.write(file, file.name)
    boundary = "netmapbench"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"synth-{scale}.zip\"\r\n"
            "Content-Type: application/zip\r\n\r\n").encode() + buffer.getvalue() + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/api/v1/snapshots", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=3600) as response:
        snapshot = json.loads(response.read())
    print(f"  uploaded synth-{scale}: snapshot {snapshot['id']}, {snapshot['counts']} "
          f"in {time.perf_counter() - start:.1f} s (validate + analyse)")
    return snapshot["id"]


def routes(sid: int, node: str) -> dict[str, str]:
    return {"overview": f"/s/{sid}", "map data": f"/api/v1/snapshots/{sid}/graph?focus={node}&depth=1",
            "findings": f"/s/{sid}/bevindingen", "node page": f"/s/{sid}/n/{node}"}


def fetch(url: str) -> tuple[float, bool]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            ok = response.status == 200
    except (urllib.error.URLError, OSError):
        ok = False
    return time.perf_counter() - start, ok


def has_page(url: str) -> bool:
    """Whether the API has a node page there (a level or perspective subject answers 404)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status == 200
    except urllib.error.HTTPError:
        return False


def run_readers(base: str, paths: dict[str, str], readers: int, requests: int) -> dict[str, dict]:
    """``readers`` threads, each sending ``requests`` requests cycling over the routes."""
    names = list(paths)
    samples: dict[str, list[float]] = {n: [] for n in names}
    errors = dict.fromkeys(names, 0)
    lock = threading.Lock()

    def reader(offset: int) -> None:
        for i in range(requests):
            name = names[(offset + i) % len(names)]
            seconds, ok = fetch(base + paths[name])
            with lock:
                samples[name].append(seconds)
                errors[name] += not ok

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(readers)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    out = {}
    for name in names:
        xs = sorted(samples[name])
        out[name] = {"n": len(xs), "p50_ms": 1000 * statistics.median(xs),
                     "p99_ms": 1000 * xs[min(len(xs) - 1, round(0.99 * (len(xs) - 1)))],
                     "errors": errors[name]}
    out["_all"] = {"requests": readers * requests, "wall_s": wall, "rps": readers * requests / wall}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", default="1,10,50")
    parser.add_argument("--requests", type=int, default=40, help="requests per reader")
    parser.add_argument("--scale", type=float, default=None, help="also the synthetic field at this scale")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="netmap-bench-serve-") as tmp:
        proc, base = start_server(Path(tmp) / "werkruimte")
        try:
            sets = {"kbl": routes(1, "rkj_friesland")}
            if args.scale:
                sid = upload_field(base, args.scale, Path(tmp))
                graph = json.loads(urllib.request.urlopen(f"{base}/api/v1/snapshots/{sid}/findings").read())
                node = next(s for f in graph for s in f["subjects"] if not s.startswith(("persoon", "afgeschermd"))
                            and has_page(f"{base}/api/v1/snapshots/{sid}/nodes/{s}"))
                sets[f"synth-{args.scale}"] = routes(sid, node)
            for label, paths in sets.items():
                for path in paths.values():  # warm: the first request of a snapshot analyses and draws it
                    seconds, ok = fetch(base + path)
                    print(f"  warm {label} {path}: {seconds * 1000:.0f} ms{'' if ok else ' ERROR'}")
                for readers in (int(x) for x in args.readers.split(",")):
                    result = run_readers(base, paths, readers, args.requests)
                    result["_all"]["memory_mb"] = memory(proc.pid)
                    results[f"{label}/{readers}"] = result
                    print_result(label, readers, result)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


def print_result(label: str, readers: int, result: dict) -> None:
    total = result["_all"]
    mem = total["memory_mb"]
    print(f"{label}, {readers} readers: {total['requests']} requests in {total['wall_s']:.1f} s "
          f"({total['rps']:.0f}/s), server RSS {mem.get('VmRSS', 0):.0f} MB (peak {mem.get('VmHWM', 0):.0f} MB)")
    for name, row in result.items():
        if not name.startswith("_"):
            print(f"  {name:10s} p50 {row['p50_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms  errors {row['errors']}")


if __name__ == "__main__":
    main()
