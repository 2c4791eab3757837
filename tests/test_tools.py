"""The ``needs`` marker (tests/conftest.py): a missing tool skips its tests with one summary line
naming the install command, under CI it fails them, and a present tool lets them run.

Each case runs a pytest of its own on tests/conftest.py with a ``PATH`` that holds only the
tools the case grants (as small shell scripts).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
CASES = """
import pytest

@pytest.mark.needs("xmllint")
def test_validates() -> None:
    pass

@pytest.mark.needs("xmllint", "rapper")
@pytest.mark.parametrize("n", [1, 2])
def test_parses(n: int) -> None:
    pass

def test_plain() -> None:
    pass
"""
XMLLINT = "apt-get install -y --no-install-recommends libxml2-utils (`make test` does this when run as root)"
RAPPER = "apt-get install -y --no-install-recommends raptor2-utils (`make test` does this when run as root)"


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A pytester directory with the project's conftest, its tool table and the cases above."""
    pytester.makeconftest((TESTS / "conftest.py").read_text(encoding="utf-8"))
    shutil.copy(TESTS / "tools.txt", pytester.path / "tools.txt")
    pytester.makepyfile(test_cases=CASES)
    (pytester.path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(pytester.path / "bin"))
    monkeypatch.delenv("CI", raising=False)
    return pytester


def _grant(suite: pytest.Pytester, tool: str) -> None:
    program = suite.path / "bin" / tool
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(0o755)


def _summary(result: pytest.RunResult) -> list[str]:
    """The lines of the run's "missing tools" section."""
    lines = result.outlines
    start = next(i for i, line in enumerate(lines) if " missing tools " in line) + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("="))
    return [line for line in lines[start:end] if line]


def test_a_missing_tool_skips_its_tests_with_one_line_naming_the_install(suite: pytest.Pytester) -> None:
    result = suite.runpytest("-rs")
    result.assert_outcomes(passed=1, skipped=3)
    assert _summary(result) == [
        f"rapper is not installed (2 tests skipped); install it with: {RAPPER}",
        f"xmllint is not installed (3 tests skipped); install it with: {XMLLINT}",
    ]
    assert sum("is not installed" in line for line in result.outlines) == 2
    assert result.ret == pytest.ExitCode.OK


def test_under_ci_a_missing_tool_fails_its_tests_naming_it(suite: pytest.Pytester,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    _grant(suite, "rapper")
    result = suite.runpytest()
    result.assert_outcomes(passed=1, errors=3)
    result.stdout.fnmatch_lines([
        f"xmllint is not installed (3 tests failed: under CI nothing is skipped); install it with: {XMLLINT}",
        (f"ERROR test_cases.py::test_validates - Failed: xmllint missing, and under CI (CI=true) nothing "
         f"is skipped: {XMLLINT}"),
    ])
    assert "rapper is not installed" not in result.stdout.str()
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_present_tools_let_the_tests_run_without_a_summary(suite: pytest.Pytester) -> None:
    _grant(suite, "xmllint")
    _grant(suite, "rapper")
    result = suite.runpytest()
    result.assert_outcomes(passed=4)
    assert "missing tools" not in result.stdout.str()


def test_an_unknown_tool_is_a_failure_of_the_test(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_typo="""
        import pytest

        @pytest.mark.needs("xmlint")
        def test_typo() -> None:
            pass
    """)
    result = suite.runpytest("test_typo.py")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*needs('xmlint',): not a tool of tests/tools.txt*"])
