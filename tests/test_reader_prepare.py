"""``reader.prepare`` loads every library the reader imports only when a message needs it
(the HTML reader, charset detection, winmail.dat), so that the processes forked after it
find them loaded. The reader's modules are read for their imports inside functions, and
each of those must be loaded by ``prepare`` in a fresh interpreter: a lazy import added
without naming it in ``prepare`` fails here instead of costing each forked planner its
first message."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import mailgate.parse

PARSE = Path(mailgate.parse.__file__).parent


def _lazy_imports() -> set[str]:
    """The modules imported inside a function of the reader's modules."""
    found: set[str] = set()
    for path in sorted(PARSE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import):
                    found.update(alias.name for alias in sub.names)
                elif isinstance(sub, ast.ImportFrom) and sub.module and not sub.level:
                    for alias in sub.names:
                        name = f"{sub.module}.{alias.name}"
                        found.add(name if _is_module(name) else sub.module)
    return found


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, AttributeError, ValueError):
        return False  # a name inside a module ("inscriptis.css_profiles.CSS_PROFILES")


def test_the_reader_imports_some_libraries_lazily() -> None:
    # The scan itself finds them (a scan that found nothing would prove nothing).
    assert {"lxml.html", "charset_normalizer", "tnefparse"} <= _lazy_imports()


def test_prepare_loads_every_lazy_import() -> None:
    code = (
        "import json, sys\n"
        "from mailgate.parse import reader\n"
        "reader.prepare()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(json.loads(out.stdout))
    assert _lazy_imports() - loaded == set()
