"""Clocks and memory gauges for the benchmark: wall time samples, percentiles, resident memory."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class Timing:
    """Wall-clock samples of one operation, in seconds."""

    samples: tuple[float, ...]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p99(self) -> float:
        return percentile(self.samples, 99)

    @property
    def best(self) -> float:
        return min(self.samples)

    def to_dict(self) -> dict[str, float | int]:
        return {"runs": len(self.samples), "p50_s": self.p50, "p99_s": self.p99, "min_s": self.best,
                "max_s": max(self.samples)}


def percentile(samples: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``samples``.

    >>> percentile([1, 2, 3, 4], 50), percentile([1, 2, 3, 4], 99)
    (2, 4)
    """
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def timed(call: Callable[[], T], *, runs: int = 1, warmup: int = 0) -> tuple[T, Timing]:
    """Run ``call`` ``warmup`` times unmeasured, then ``runs`` times; the last result and the timing."""
    for _ in range(warmup):
        call()
    samples = []
    gc.collect()
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        samples.append(time.perf_counter() - start)
    return result, Timing(tuple(samples))


def timed_pair(ours: Callable[[], T], baseline: Callable[[], U], *, runs: int = 5
               ) -> tuple[T, Timing, U, Timing, float]:
    """Both calls timed in alternation, ``runs`` times each: their last results and timings, and
    the median of the per-round ratios ours / baseline. On a shared machine a slow spell then
    hits both sides of a round instead of one side's every run.
    """
    first, second = [], []
    gc.collect()
    for _ in range(runs):
        start = time.perf_counter()
        mine = ours()
        middle = time.perf_counter()
        theirs = baseline()
        first.append(middle - start)
        second.append(time.perf_counter() - middle)
    ratio = statistics.median(a / b for a, b in zip(first, second, strict=True))
    return mine, Timing(tuple(first)), theirs, Timing(tuple(second)), ratio


def _status(pid: int | str, field: str) -> int:
    """A memory field of /proc/PID/status in bytes (0 where /proc is missing)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def rss(pid: int | str = "self") -> int:
    """Resident memory of a process, in bytes."""
    return _status(pid, "VmRSS")


def peak_rss(pid: int | str = "self") -> int:
    """Peak resident memory of a process since it started (or since :func:`reset_peak`)."""
    return _status(pid, "VmHWM")


def reset_peak() -> bool:
    """Reset this process's peak resident memory to the current one; False where Linux refuses."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def mib(size: int) -> float:
    """Bytes in MiB, rounded to 0.1."""
    return round(size / 2**20, 1)
