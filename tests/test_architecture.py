"""The project's import rules, checked statically (standard library ``ast``, nothing is imported).

- no import cycle between project modules (``bot``, ``actions``, ``redaction``), counting
  imports inside functions too: they run as soon as the function does
- SQLAlchemy only in ``bot/store/`` and ``bot/migrations/``: every query has one home
- ``redaction/`` and ``actions/`` never import ``bot`` (they are used by it, not the reverse)

Imports under ``if TYPE_CHECKING:`` never run and are left out.
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "actions", "redaction")
SQLALCHEMY_HOMES = ("bot.store", "bot.migrations")

# Known debt, in code other work owns at the moment (issue 15). The checks fail on anything
# new; remove an entry here when its fix lands.
KNOWN_CYCLES: List[List[str]] = []
KNOWN_SQLALCHEMY_OUTSIDE: List[str] = []
KNOWN_UPWARD: List[str] = []


def module_name(path: Path) -> str:
    """``bot/web/auth.py`` → ``bot.web.auth``; a package's ``__init__.py`` → the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> Dict[str, Path]:
    """Every Python module of the project packages, by dotted name."""
    modules: Dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            modules[module_name(path)] = path
    return modules


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.stmt]:
    """Every import statement that can run, wherever it is (module level or in a function)."""
    stack: List[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def imported_names(name: str, path: Path) -> Iterator[Tuple[str, int]]:
    """(dotted name, line) of everything ``path`` imports, relative imports resolved.

    ``from a.b import c`` yields both ``a.b`` and ``a.b.c`` (c may be a module).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
            continue
        assert isinstance(node, ast.ImportFrom)
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            base = ".".join(anchor + ([base] if base else []))
        yield base, node.lineno
        for alias in node.names:
            yield f"{base}.{alias.name}", node.lineno


def import_graph() -> Dict[str, Set[str]]:
    """Project module → the project modules it imports (and the packages on the way,
    whose ``__init__`` runs too; a module's own parent packages are left out)."""
    modules = project_modules()
    graph: Dict[str, Set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        own_parents = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        for imported, _ in imported_names(name, path):
            parts = imported.split(".")
            for i in range(1, len(parts) + 1):
                target = ".".join(parts[:i])
                if target in modules and target != name and target not in own_parents:
                    graph[name].add(target)
    return graph


def cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    on_stack: Set[str] = set()
    stack: List[str] = []
    found: List[List[str]] = []
    counter = [0]

    def visit(start: str) -> None:
        # Iterative, so a deep graph cannot hit the recursion limit.
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


def test_the_checker_finds_a_cycle_and_skips_type_checking_imports(tmp_path: Path) -> None:
    """The checker itself: a two-module cycle is found, a chain is not."""
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import bot.web\n"
        "def f():\n    from bot.store import reads\n"
    )
    names = {n for n, _ in imported_names("m", source)}
    assert "bot.web" not in names and "bot.store.reads" in names


def test_no_import_cycle_between_project_modules() -> None:
    found = [c for c in cycles(import_graph()) if c not in KNOWN_CYCLES]
    assert found == [], "import cycles: " + "; ".join(" ↔ ".join(c) for c in found)


def _offences(rule, known: List[str]) -> List[str]:  # type: ignore[no-untyped-def]
    """``path:line imports name`` for each import statement ``rule`` refuses, known debt left out."""
    result: Dict[str, str] = {}
    for name, path in project_modules().items():
        for imported, line in imported_names(name, path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if rule(name, imported) and where not in known:
                result.setdefault(where, f"{where} imports {imported}")
    return sorted(result.values())


def test_sqlalchemy_only_in_the_store_and_the_migrations() -> None:
    def outside_home(name: str, imported: str) -> bool:
        home = any(name == h or name.startswith(h + ".") for h in SQLALCHEMY_HOMES)
        return not home and (imported == "sqlalchemy" or imported.startswith("sqlalchemy."))

    assert _offences(outside_home, KNOWN_SQLALCHEMY_OUTSIDE) == []


@pytest.mark.parametrize("package", ["redaction", "actions"])
def test_lower_packages_do_not_import_bot(package: str) -> None:
    def upward(name: str, imported: str) -> bool:
        return name.split(".")[0] == package and (imported == "bot" or imported.startswith("bot."))

    assert _offences(upward, KNOWN_UPWARD) == []
