"""The shape of viz: no import circles between its modules, no module hidden by a function."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import types
from pathlib import Path

import viz

VIZ = Path(viz.__file__).resolve().parent


def module_name(path: Path) -> str:
    parts = path.relative_to(VIZ.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The viz modules a file imports, anywhere in it (an import inside a function that
    closes a circle is a circle too, only a later one)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("viz"):
                if node.module:  # from . import theme names a module, not the package
                    found.add(target)
                for alias in node.names:  # from . import theme
                    if (
                        (VIZ.parent / f"{target}.{alias.name}".replace(".", "/"))
                        .with_suffix(".py")
                        .exists()
                    ):
                        found.add(f"{target}.{alias.name}")
    return found - {name}


def test_viz_has_no_import_circles() -> None:
    graph = {module_name(p): imports_of(p) for p in VIZ.rglob("*.py")}
    for package in [m for m in graph if (VIZ.parent / m.replace(".", "/")).is_dir()]:
        for module in graph:  # a package's __init__ runs before its modules: not a circle
            graph[module].discard(package) if module.startswith(package + ".") else None
    visiting, done = set(), set()

    def visit(module: str, path: list[str]) -> None:
        assert module not in visiting, " -> ".join([*path, module])
        if module in done or module not in graph:
            return
        visiting.add(module)
        for target in graph[module]:
            visit(target, [*path, module])
        visiting.discard(module)
        done.add(module)

    for module in graph:
        visit(module, [])


def test_no_module_of_viz_is_hidden_by_a_function() -> None:
    for info in pkgutil.walk_packages(viz.__path__, "viz."):
        parent, _, leaf = info.name.rpartition(".")
        module = importlib.import_module(info.name)
        assert getattr(importlib.import_module(parent), leaf) is module, info.name
        assert isinstance(module, types.ModuleType)
