"""Run untrusted SPARQL in a child process that is killed when a query overruns its time limit.

The child reads a snapshot of the store (a RocksDB checkpoint, or a dump for in-memory stores),
made again after each write, so a runaway query never holds up the server or its writes. A remote
store (a SPARQL endpoint) needs no child: the query goes to the server, which isolates it, and the
time limit bounds the wait for its answer.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import shutil
import tempfile
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from graph.errors import QueryError, StancegraphError, UnsupportedFormat
from graph.store.engine import query_error
from graph.store.results import SparqlAnswer
from graph.store.store import Store

STARTUP_TIMEOUT = 120.0
"""Seconds the child may take to import and open its snapshot."""

_ERRORS: dict[str, type[StancegraphError]] = {
    "QueryError": QueryError, "UnsupportedFormat": UnsupportedFormat,
}


def _serve(conn: Connection, snapshot: str, max_rows: int) -> None:
    """The child's loop: answer (query, media type) requests until told to stop."""
    store = Store.from_snapshot(Path(snapshot))
    conn.send("ready")
    while True:
        request = conn.recv()
        if request is None:
            return
        query, media_type = request
        try:
            conn.send(("ok", store.sparql(query, media_type, max_rows)))
        except StancegraphError as err:
            conn.send((type(err).__name__, str(err)))


class QueryRunner:
    """SPARQL over a snapshot of ``store`` in a killable child process.

    Parameters
    ----------
    store
        The store to snapshot.
    timeout
        Seconds a query may run before the child is killed and :class:`QueryTimeout` raised.
    max_rows
        Solutions or triples kept per answer; longer answers come back truncated.
    """

    def __init__(self, store: Store, *, timeout: float, max_rows: int) -> None:
        self.store, self.timeout, self.max_rows = store, timeout, max_rows
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._snapshot: Path | None = None
        self._stale = True

    def invalidate(self) -> None:
        """Note that the store changed: the next query runs on a fresh snapshot."""
        self._stale = True

    def _stop(self) -> None:
        if self._process is not None:
            if self._conn is not None and self._process.is_alive():
                with contextlib.suppress(BrokenPipeError, OSError):
                    self._conn.send(None)
            self._process.join(timeout=2)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        self._process = self._conn = None

    def _start(self) -> None:
        self._stop()
        if self._stale or self._snapshot is None:
            if self._snapshot is not None:
                shutil.rmtree(self._snapshot.parent, ignore_errors=True)
            self._snapshot = self.store.snapshot(Path(tempfile.mkdtemp(prefix="stancegraph-")) / "snapshot")
            self._stale = False
        parent, child = self._context.Pipe()
        self._process = self._context.Process(
            target=_serve, args=(child, str(self._snapshot), self.max_rows), daemon=True)
        self._process.start()
        child.close()
        self._conn = parent
        # start-up (imports, opening the snapshot) does not count against a query's time limit
        try:
            ready = parent.poll(STARTUP_TIMEOUT) and parent.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self._stop()
            raise QueryError("the query process did not start")

    def run(self, query: str, media_type: str) -> SparqlAnswer:
        """Answer ``query`` as ``media_type``.

        Raises
        ------
        QueryTimeout
            The query ran past the time limit; the child was killed.
        QueryError, UnsupportedFormat
            As :meth:`graph.store.Store.sparql`.
        """
        if self.store.isolates_queries:
            return self.store.sparql(query, media_type, self.max_rows, timeout=self.timeout)
        with self._lock:
            if self._process is None or self._stale or not self._process.is_alive():
                self._start()
            assert self._conn is not None and self._process is not None
            self._conn.send((query, media_type))
            if not self._conn.poll(self.timeout):
                self._process.kill()
                self._process.join()
                self._process = self._conn = None
                raise query_error(TimeoutError(), self.timeout)
            try:
                kind, payload = self._conn.recv()
            except (EOFError, OSError) as err:
                self._process.kill()
                self._process = self._conn = None
                raise QueryError("the query process died; it will be restarted") from err
        if kind == "ok":
            return payload
        raise _ERRORS.get(kind, QueryError)(payload)

    def close(self) -> None:
        """Stop the child and delete the snapshot."""
        with self._lock:
            self._stop()
            if self._snapshot is not None:
                shutil.rmtree(self._snapshot.parent, ignore_errors=True)
                self._snapshot = None
