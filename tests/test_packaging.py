"""The installed package, not the working copy: ``pip install .`` into a fresh venv (not editable),
then the CLI and the viewer run from a directory that holds no source.

The venv borrows the third-party dependencies of the running interpreter (one ``.pth`` line) and
gets stancegraph itself from a wheel built from a copy of the repository, so only what the wheel
carries (modules, ontology, shapes, viewer bundle) can be found; the copy keeps build
directories out of the working tree.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from graph.analysis.evidence import who
from graph.store import Store

_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "var", "build", "*.egg-info", "node_modules",
                                     "__pycache__", ".stancegraph", "tests", "docs", "data", "web")
_VIEWER_CHECK = """
import sys
from fastapi.testclient import TestClient
from api.app import create_app
from api.settings import Settings
with TestClient(create_app(Settings(store=sys.argv[1]))) as client:
    page, script = client.get("/"), client.get("/static/viewer.js")
    assert page.status_code == 200 and "<script" in page.text, page.text
    assert script.status_code == 200 and len(script.content) > 1000
"""


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done


def test_a_non_editable_install_loads_and_queries_from_any_directory(
        tmp_path: Path, repo_root: Path, data_dir: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(repo_root, source, ignore=_NOT_SOURCE)
    env = tmp_path / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     cwd=tmp_path).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", source,
         cwd=tmp_path)
    shutil.rmtree(source)  # nothing may be read from the source tree after the install
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    store = tmp_path / "store"

    located = _run(python, "-c", "import graph, ontology; print(graph.__file__, ontology.__file__)",
                   cwd=elsewhere).stdout
    assert located.count(str(site)) == 2, located
    assert (site / "graph" / "py.typed").is_file() and (site / "api" / "py.typed").is_file()
    _run(env / "bin" / "stancegraph", "load", data_dir, "--store", store, cwd=elsewhere)
    answer = json.loads(_run(env / "bin" / "stancegraph", "who", "opposes", "troop-deployment",
                             "--store", store, "--json", cwd=elsewhere).stdout)
    with Store(None) as expected:
        expected.load([data_dir])
        rows = who(expected, "opposes", "troop-deployment")
    assert [(e["actor"], e["statement"]) for e in answer] == [(e.actor, e.statement) for e in rows]
    assert {"russia", "poland"} <= {e["actor"] for e in answer}  # the seed's opponents among them
    _run(python, "-c", _VIEWER_CHECK, store, cwd=elsewhere)
