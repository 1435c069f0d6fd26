"""What the tests share lives in tests/support: no Python file under tests/ imports from a
test module (test_*.py) or from a conftest.py, so that each helper has one home, a test
module holds its own tests, and a conftest holds fixtures and hooks only."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def module_of(path: Path) -> str:
    """The dotted name of a file under tests/ ("tests.safety.test_xss")."""
    parts = path.relative_to(TESTS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.Module, path: Path) -> list[tuple[int, str]]:
    """Every module the file ``path`` (parsed as ``tree``) imports, or imports names from,
    with its line: relative imports made absolute, ``from X import Y`` counted as both X
    and X.Y (Y may be a module)."""
    package = module_of(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def forbidden(module: str) -> bool:
    """A test module or a conftest, by the last part of its dotted name."""
    last = module.rsplit(".", 1)[-1]
    return last == "conftest" or last.startswith("test_")


def test_no_test_file_imports_a_test_module_or_a_conftest() -> None:
    files = sorted(TESTS.rglob("*.py"))
    assert TESTS / "support" / "__init__.py" in files
    offences = [
        f"{path.relative_to(TESTS.parent)}:{line}: imports {module}"
        for path in files
        for line, module in imported(ast.parse(path.read_text(), str(path)), path)
        if forbidden(module)
    ]
    assert offences == [], "shared helpers belong in tests/support:\n" + "\n".join(offences)


def test_the_scan_sees_each_way_of_importing() -> None:
    """The check above would catch each of these, whatever file they were in."""
    samples = {
        "from tests.test_api import Client": True,
        "from tests.conftest import make_toml": True,
        "from conftest import make_toml": True,
        "import tests.test_smtp": True,
        "from tests.safety.test_sender_auth import Signer": True,
        "from tests.safety import test_sender_auth": True,
        "from .test_x import helper": True,
        "from . import conftest": True,
        "from .. import test_api": True,
        "from tests.support.smtp import Dialogue": False,
        "from tests.chaos.harness import Tally": False,
        "import pytest": False,
    }
    probe = TESTS / "safety" / "test_probe.py"
    for source, caught in samples.items():
        found = imported(ast.parse(source), probe)
        assert any(forbidden(module) for _, module in found) is caught, source
