"""Fixtures of the browser tests: one ``mailgate run`` per test module, shared by its
tests (each test makes tickets of its own), and browsers, each with a fresh profile in
the test's temporary directory.  A failing test leaves a screenshot and the page's HTML
of each of its browsers beside its temporary files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.browser import Browser, ConsoleServer, serving


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when == "call":
        item.stash[_FAILED] = report.failed


_FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    with serving(tmp_path_factory.mktemp("console")) as server:
        yield server


@pytest.fixture
def browsers(
    console: ConsoleServer, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Browser]]:
    """Open a browser: ``browsers()``; each has a profile of its own."""
    opened: list[Browser] = []

    def open_one() -> Browser:
        b = Browser(console, tmp_path / f"browser{len(opened) + 1}")
        opened.append(b)
        return b

    yield open_one
    failed = request.node.stash.get(_FAILED, False)
    for n, b in enumerate(opened, 1):
        if failed:
            try:
                b.screenshot(tmp_path / f"failure-browser{n}.png")
                (tmp_path / f"failure-browser{n}.html").write_text(b.driver.page_source)
                print(f"browser {n} at {b.driver.current_url}: {tmp_path}/failure-browser{n}.*")
            except Exception as e:  # noqa: BLE001 - the test's own failure is what matters
                print(f"browser {n}: no screenshot ({type(e).__name__})")
        b.quit()


@pytest.fixture
def browser(browsers: Callable[[], Browser]) -> Browser:
    return browsers()
