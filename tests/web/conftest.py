"""The viewer in a real browser: uvicorn on a loopback port serving the seed, Debian's Chromium
driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import sync_playwright

from graph.store import Store

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1440, "height": 900}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One uvicorn process serving the API and the viewer on a store directory."""

    def __init__(self, store: Path, log: Path) -> None:
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
                 "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
                env={**os.environ, "STANCEGRAPH_STORE": str(store)}, cwd=log.parent,
                stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {log.read_text()}")
            try:
                if httpx.get(f"{self.url}/openapi.json", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the server did not start within 60 s: {log.read_text()}")

    def get(self, path: str, **params: object) -> object:
        response = httpx.get(f"{self.url}{path}", params=params, timeout=30)
        response.raise_for_status()
        return response.json()

    def every_node(self) -> set[str]:
        """The ids of every actor and proposal: the nodes of the unfiltered stance graph."""
        return {a["id"] for a in self.get("/actors")} | {p["id"] for p in self.get("/proposals")}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Iterator[Server]:
    """The server on a store holding the seed."""
    directory = tmp_path_factory.mktemp("viewer")
    with Store(directory / "store") as store:
        store.load(seed_files)
    running = Server(directory / "store", directory / "server.log")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Debian's Chromium (the tests are marked ``needs("chromium")``) with a fresh profile."""
    chromium = shutil.which("chromium")
    assert chromium is not None, "the browser tests are marked needs('chromium')"
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=chromium,
            args=CHROMIUM_ARGS, headless=True, viewport=VIEWPORT, accept_downloads=True)
        context.set_default_timeout(20_000)
        yield context
        context.close()


@dataclass
class Viewer:
    """The viewer open in a page, with every console error, page error and failed request seen."""

    page: object
    server: Server
    problems: list[str] = field(default_factory=list)

    def js(self, expression: str, *args: object) -> object:
        return self.page.evaluate(expression, *args)

    def drawn_nodes(self) -> set[str]:
        return set(self.js("window.stancegraphViewer.drawnNodes()"))

    def drawn_edges(self) -> dict[str, tuple[str, str]]:
        return {edge: (source, target)
                for edge, source, target in self.js("window.stancegraphViewer.drawnEdges()")}

    def highlighted_nodes(self) -> set[str]:
        return set(self.js("window.stancegraphViewer.highlightedNodes()"))

    def status(self) -> tuple[int, int]:
        status = self.page.locator("#status")
        return int(status.get_attribute("data-nodes")), int(status.get_attribute("data-edges"))

    def wait_for_status(self, nodes: int) -> None:
        self.page.wait_for_function(
            "n => document.getElementById('status').dataset.nodes === String(n)", arg=nodes)

    def panel(self) -> object:
        """The details panel, once what it was asked to load has arrived."""
        self.page.wait_for_selector("#panel[aria-busy='false']")
        return self.page.locator("#panel")

    def panel_titled(self, title: str) -> object:
        """The details panel once it shows ``title`` with everything it was asked to load: one
        state, read at once, so a panel still showing an earlier selection never passes for it."""
        self.page.wait_for_function("""title => {
            const panel = document.getElementById('panel');
            return panel.getAttribute('aria-busy') === 'false' && panel.querySelector('h2')?.textContent === title;
        }""", arg=title)
        return self.page.locator("#panel")

    def wait_for_highlight(self, nodes: set[str]) -> None:
        """Until the renderer draws exactly ``nodes`` highlighted (its display data, as drawn)."""
        self.page.wait_for_function("""nodes => {
            const drawn = window.stancegraphViewer.highlightedNodes();
            return drawn.length === nodes.length && nodes.every((n) => drawn.includes(n));
        }""", arg=sorted(nodes))

    def click_node(self, node: str) -> None:
        """Click where the renderer draws ``node``: a real mouse click on the WebGL canvas."""
        at = self.js("node => window.stancegraphViewer.nodePosition(node)", node)
        self.click_canvas(at["x"], at["y"])

    def click_canvas(self, x: float, y: float) -> None:
        """A real click at ``(x, y)`` of the graph's canvas, made once the renderer, hovered there,
        has picked a node or an edge under the pointer (it sets the pointer cursor): the click
        then lands on what the renderer has drawn, not on a frame it has yet to draw."""
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.move(box["x"] + x, box["y"] + y)
        self.page.wait_for_function("() => document.getElementById('graph').style.cursor === 'pointer'")
        self.page.mouse.click(box["x"] + x, box["y"] + y)

    def reload(self) -> None:
        """The page loaded afresh: a new renderer, with no click of an earlier one pending."""
        self.page.reload()
        self.page.wait_for_selector("body[data-ready='true']")


@pytest.fixture
def viewer(browser: object, server: Server) -> Iterator[Viewer]:
    """A fresh page of the viewer, loaded and drawn. A test ends by finding no problem logged."""
    page = browser.new_page()
    opened = Viewer(page, server)
    page.on("console", lambda message: message.type == "error" and opened.problems.append(
        f"console: {message.text}"))
    page.on("pageerror", lambda error: opened.problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: opened.problems.append(
        f"request failed: {request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and opened.problems.append(
        f"HTTP {response.status}: {response.url}"))
    page.goto(f"{server.url}/")
    page.wait_for_selector("body[data-ready]")
    ready = page.locator("body").get_attribute("data-ready")
    assert ready == "true", f"the viewer did not start: {page.locator('#panel').inner_text()}"
    yield opened
    page.close()
    assert not opened.problems, "the page logged problems:\n" + "\n".join(opened.problems)
