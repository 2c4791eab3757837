"""The real server: uvicorn on a loopback port, queried over HTTP, killed and restarted."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from graph.store import Store
from tests.api.conftest import NEW_QUOTE

TOKEN = "server-test-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One uvicorn process serving the API on a store directory."""

    def __init__(self, store: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "STANCEGRAPH_STORE": str(store), "STANCEGRAPH_TOKEN": TOKEN}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.process.stderr.read().decode()}")
            try:
                if httpx.get(f"{self.url}/openapi.json", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError("server did not start within 60 s")

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, as when a machine loses the process."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture
def store_dir(tmp_path: Path, mini_dir: Path) -> Path:
    location = tmp_path / "store"
    with Store(location) as store:
        store.load([mini_dir])
    return location


@pytest.fixture
def server(store_dir: Path) -> Iterator[Server]:
    running = Server(store_dir, _free_port())
    yield running
    running.stop()


def test_http_and_sparql_clients(server: Server) -> None:
    rows = httpx.get(f"{server.url}/who", params={"relation": "opposes", "target": "foreign-troops"}).json()
    assert {r["actor"] for r in rows} == {"ruritania", "osterlich"}
    sparql = SPARQLWrapper(f"{server.url}/sparql")
    sparql.setQuery("""PREFIX sg: <https://w3id.org/stancegraph/ontology#>
        SELECT ?label WHERE { ?a sg:warnsAgainst ?t . ?a <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }""")
    sparql.setReturnFormat(JSON)
    bindings = sparql.queryAndConvert()["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == ["Osterlich"]
    sparql.setMethod("POST")
    assert sparql.queryAndConvert()["results"]["bindings"] == bindings


def test_acknowledged_writes_survive_a_kill(server: Server, store_dir: Path) -> None:
    statement = {"source": "mini", "id": "k1", "actor": "freedonia", "relation": "rejects",
                 "target": "foreign-troops", "quote": NEW_QUOTE, "start": 139, "end": 139 + len(NEW_QUOTE),
                 "attribution": "unattributed"}
    assert httpx.post(f"{server.url}/statements", json=statement).status_code == 401
    bad = httpx.post(f"{server.url}/statements", json={**statement, "id": "k2", "start": 0},
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad.status_code == 422
    written = httpx.post(f"{server.url}/statements", json=statement,
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert written.status_code == 201
    server.kill()
    restarted = Server(store_dir, _free_port())
    try:
        assert httpx.get(f"{restarted.url}/statements/mini-k1").json()["quote"] == NEW_QUOTE
        assert httpx.get(f"{restarted.url}/statements/mini-k2").status_code == 404
        rows = httpx.get(f"{restarted.url}/who", params={"relation": "rejects", "target": "peace-support"}).json()
        assert [r["actor"] for r in rows] == ["freedonia"]
    finally:
        restarted.stop()
