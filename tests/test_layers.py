"""The modules of mailgate import only from the layers below them, and never in a circle.

The import graph is read from the source (stdlib ``ast``): every ``import`` and ``from …
import`` of a ``mailgate`` module, at module level or inside a function alike — a
function-level import is still a dependency, only a later one.  Imports under ``if
TYPE_CHECKING:`` are left out: they are annotations, never run.  An import counts for the
module it names (``from mailgate.store import inbox_repo`` is an import of
``mailgate.store.inbox_repo``).
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Container, Iterable, Iterator
from pathlib import Path

from tests.support.layers import LAYERS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "mailgate"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(nodes: Iterable[ast.AST]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements among ``nodes`` and inside them, but under ``if
    TYPE_CHECKING:`` (its ``else`` still counts)."""
    for node in nodes:
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from _imports(node.orelse)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        else:
            yield from _imports(ast.iter_child_nodes(node))


def _imported(tree: ast.Module, package: str, modules: Container[str]) -> Iterator[str]:
    """Every module an import of ``tree`` names."""
    for node in _imports(tree.body):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:  # relative: ``from . import x`` in package ``package``
            parts = package.split(".")
            base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
        for alias in node.names:
            # ``from package import module``, or else ``from module import name``.
            submodule = f"{base}.{alias.name}"
            yield submodule if submodule in modules else base


def import_graph() -> dict[str, set[str]]:
    """For each module of mailgate, the modules of mailgate it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(), str(path))
        graph[name] = {m for m in _imported(tree, package, modules) if m in modules} - {name}
    return graph


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (length of the entry, layer)
    for level, (_, entries) in enumerate(LAYERS):
        for entry in entries:
            matches = module == entry or (entry != PACKAGE and module.startswith(entry + "."))
            if matches and (best is None or len(entry) > best[0]):
                best = (len(entry), level)
    return None if best is None else best[1]


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_imports_are_read_at_every_level_but_type_checking() -> None:
    source = textwrap.dedent(
        """
        from typing import TYPE_CHECKING
        import mailgate.a
        from mailgate.b import name
        from mailgate import c
        if TYPE_CHECKING:
            from mailgate import d
        else:
            from mailgate import e
        def f():
            from mailgate.g import name
            from . import i
        """
    )
    modules = {"mailgate", *(f"mailgate.{m}" for m in "abcdeg"), "mailgate.p", "mailgate.p.i"}
    found = set(_imported(ast.parse(source), "mailgate.p", modules)) & modules
    assert found == {f"mailgate.{m}" for m in ("a", "b", "c", "e", "g", "p.i")}


def test_a_module_is_in_the_layer_of_its_longest_entry() -> None:
    assert layer_of("mailgate") == 0
    assert layer_of("mailgate.config.model") == layer_of("mailgate.config")
    assert layer_of("mailgate.parse.model") < layer_of("mailgate.config")  # type: ignore[operator]
    assert layer_of("mailgate.cli.main") == len(LAYERS) - 1
    assert layer_of("mailgate.elsewhere") is None  # only the package itself is at the bottom


def test_circles_are_found_with_every_module_in_them() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e", "a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_every_module_has_a_layer() -> None:
    unplaced = sorted(m for m in import_graph() if layer_of(m) is None)
    assert not unplaced, f"modules missing from LAYERS: {unplaced}"


def test_no_module_imports_from_a_layer_above_it() -> None:
    upward = []
    for module, targets in sorted(import_graph().items()):
        here = layer_of(module)
        for target in sorted(targets):
            there = layer_of(target)
            if here is not None and there is not None and there > here:
                upward.append(f"{module} ({LAYERS[here][0]}) imports {target} ({LAYERS[there][0]})")
    assert not upward, "imports up the layers:\n  " + "\n  ".join(upward)


def test_no_modules_import_each_other_in_a_circle() -> None:
    found = circles(import_graph())
    assert not found, "import circles:\n  " + "\n  ".join(" <-> ".join(c) for c in found)


def test_no_module_imports_another_modules_private_name() -> None:
    """What two modules share is public in the one below them: no module imports a name
    another keeps to itself (``from mailgate.parse.footers import _speaks_for_self``)."""
    modules = _modules()
    private = []
    for name, path in sorted(modules.items()):
        for node in _imports(ast.parse(path.read_text(), str(path)).body):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE):
                private += [
                    f"{name} imports {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and alias.name != "__version__"
                ]
    assert not private, "private names imported:\n  " + "\n  ".join(private)
