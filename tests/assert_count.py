"""Count the assertions a test run executes (for comparing two versions of the suite).

    make test PYTEST_ADDOPTS="-p tests.assert_count -o enable_assertion_pass_hook=true"

pytest calls ``pytest_assertion_pass`` for every passing ``assert`` in a rewritten module
(test files, conftest.py, helpers under tests/); this plugin counts them and prints one line
at the end: ``assertions passed: N in M tests``. Failing assertions fail their test, so a
green run's count is every assertion it ran. Off by default: building the explanation of
every passing assertion costs time.
"""

from __future__ import annotations

_passed = 0
_tests = 0


def pytest_assertion_pass(item, lineno, orig, expl):
    global _passed
    _passed += 1


def pytest_runtest_logreport(report):
    global _tests
    if report.when == "call":
        _tests += 1


def pytest_terminal_summary(terminalreporter):
    workers = getattr(terminalreporter.config, "workerinput", None)
    if workers is None:
        terminalreporter.write_line(f"assertions passed: {_passed} in {_tests} tests")


def pytest_testnodedown(node, error):
    """Under pytest-xdist each worker counts its own; the controller adds them up."""
    global _passed
    _passed += node.workeroutput.get("assertions_passed", 0)


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["assertions_passed"] = _passed
