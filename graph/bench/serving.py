"""Sections 5 and 6: the HTTP API under load on loopback, its start-up and resident memory.

The server is started as ``stancegraph serve`` would start it (uvicorn, one process) on the
store the load section filled, with the access log off. The load generator is ``wrk`` when it
is installed (C, one thread, so a core stays with the server), else an asyncio client with
httpx. Each endpoint gets ``connections`` concurrent connections for at most ``duration``
seconds and at most ``max_requests`` requests. ``/health`` (constant) is the yardstick for
``/who`` (the headline query).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from typing import Any
from urllib.parse import urlencode

import httpx

from graph.bench.context import Context
from graph.bench.measure import mib, peak_rss, percentile, rss
from graph.paths import STORE_ENV

STARTUP_LIMIT = 120.0
"""Seconds to wait for the server to answer before the run fails."""

_WRK_SCRIPT = """
local count = 0
local limit = tonumber(os.getenv("BENCH_MAX_REQUESTS"))
function response(status, headers, body)
  count = count + 1
  if count >= limit then wrk.thread:stop() end
end
"""
_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _seconds(text: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if found is None:
        raise ValueError(f"not a wrk duration: {text!r}")
    number, unit = found.groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict[str, Any]:
    """Requests per second, latency percentiles and errors from ``wrk --latency`` output.

    >>> sample = '''  Latency Distribution
    ...      50%  812.00us
    ...      99%    3.10ms
    ...   41000 requests in 5.00s, 6.2MB read
    ...   Non-2xx or 3xx responses: 3
    ... Requests/sec:   8200.15'''
    >>> parse_wrk(sample)
    {'requests': 41000, 'seconds': 5.0, 'req_per_s': 8200.15, 'p50_ms': 0.812, 'p99_ms': 3.1, 'errors': 3}
    """
    def find(pattern: str) -> re.Match[str]:
        match = re.search(pattern, output)
        if match is None:
            raise RuntimeError(f"cannot read wrk's output ({pattern!r} missing):\n{output}")
        return match

    done = find(r"(\d+) requests in ([\d.]+\w+)")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"requests": int(done.group(1)), "seconds": _seconds(done.group(2)),
            "req_per_s": float(find(r"Requests/sec:\s+([\d.]+)").group(1)),
            "p50_ms": round(_seconds(find(r"50%\s+([\d.]+\w+)").group(1)) * 1e3, 3),
            "p99_ms": round(_seconds(find(r"99%\s+([\d.]+\w+)").group(1)) * 1e3, 3),
            "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0)}


def _wrk(url: str, connections: int, duration: float, max_requests: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_SCRIPT)
    try:
        done = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--latency",
             "--timeout", "10s", "-s", script.name, url],
            capture_output=True, text=True, timeout=duration + 60, check=True,
            env={**os.environ, "BENCH_MAX_REQUESTS": str(max_requests)})
    finally:
        os.unlink(script.name)
    return {"generator": "wrk, 1 thread", **parse_wrk(done.stdout)}


async def _hammer(url: str, connections: int, duration: float, max_requests: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline and len(latencies) + errors < max_requests:
                start = time.perf_counter()
                try:
                    response = await client.get(url)
                    ok = response.status_code < 400
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - start)
                else:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - began
    return {"generator": "httpx asyncio client", "requests": len(latencies) + errors,
            "seconds": round(elapsed, 3), "req_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(percentile(latencies, 50) * 1e3, 3) if latencies else None,
            "p99_ms": round(percentile(latencies, 99) * 1e3, 3) if latencies else None,
            "errors": errors}


def load(url: str, connections: int, duration: float, max_requests: int) -> dict[str, Any]:
    """Load ``url`` with ``connections`` connections, bounded in time and count."""
    if shutil.which("wrk"):
        return _wrk(url, connections, duration, max_requests)
    return asyncio.run(_hammer(url, connections, duration, max_requests))


def _wait(base: str, path: str, process: subprocess.Popen[bytes]) -> float:
    """Seconds until ``path`` answers 200; raises when the server dies or the limit passes."""
    began = time.perf_counter()
    while time.perf_counter() - began < STARTUP_LIMIT:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode} before answering")
        try:
            if httpx.get(base + path, timeout=1).status_code == 200:
                return time.perf_counter() - began
        except httpx.TransportError:
            pass
        time.sleep(0.01)
    raise RuntimeError(f"the server did not answer {path} within {STARTUP_LIMIT:g} s")


def run(ctx: Context) -> dict[str, Any]:
    """Start the server on the benchmark's store, time its start-up and load it."""
    assert ctx.store is not None and ctx.store_dir is not None
    ctx.store.close()
    ctx.store = None
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host",
               "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    began = time.perf_counter()
    server = subprocess.Popen(command, env={**os.environ, STORE_ENV: str(ctx.store_dir)})
    try:
        startup = _wait(base, "/health", server)
        query = "/who?" + urlencode({"relation": ctx.headline["relation"], "target": ctx.headline["target"]})
        first = time.perf_counter()
        answer = httpx.get(base + query, timeout=60)
        first_query = time.perf_counter() - first
        result: dict[str, Any] = {
            "startup": {"seconds_to_first_answer": startup, "first_who_s": first_query,
                        "rss_after_startup_mib": mib(rss(server.pid))},
            "who_equal": ctx.check("api: GET /who == who() in process",
                                   answer.status_code == 200 and answer.json() == ctx.headline["answer"]),
            "who_bytes": len(answer.content),
        }
        options = ctx.options
        for name, path in (("health", "/health"), ("who", query)):
            result[name] = load(base + path, options.connections, options.duration, options.max_requests)
        result["ratio_who_to_health"] = result["who"]["req_per_s"] / result["health"]["req_per_s"]
        result["memory"] = {"rss_mib": mib(rss(server.pid)), "peak_rss_mib": mib(peak_rss(server.pid))}
        result["total_s"] = time.perf_counter() - began
        return result
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

