"""The package's shape, as a maintainer reads it (issue 15; ``../shared/reviews/architecture.md``).

- no function in ``course/`` is longer than 100 lines;
- every explorer is a small :class:`course.ui._common.Explorer` subclass whose ``compute`` is a static (pure)
  method returning a view with no widget in it;
- the figure builders in ``course/figures/`` import no widgets; ``course/ui/`` holds the widgets;
- public module-level registries are read-only (``MappingProxyType``, tuples, frozen dataclasses);
- one home per constant: no module-level constant is restated, with the same name and value, in another module.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pkgutil
from collections import defaultdict
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest

import course
import course.ui
from course.ui._common import Explorer

PACKAGE = Path(course.__file__).parent
MAX_FUNCTION_LINES = 100


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(course.__path__, "course.") if not m.name.endswith("__main__")]


def test_no_function_in_the_package_is_longer_than_100_lines():
    long = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, "functions over 100 lines:\n" + "\n".join(long)


@pytest.mark.parametrize("name", list(course.ui.EXPLORERS))
def test_every_explorer_is_a_small_class_with_a_pure_compute(name):
    explorer = getattr(course.ui, name)()
    cls = type(explorer)
    assert isinstance(explorer, Explorer) and cls is not Explorer
    for part in ("make_controls", "read", "compute", "arrange", "render"):
        assert part in vars(cls) or any(part in vars(base) for base in cls.__mro__[1:-1] if base is not Explorer), \
            f"{cls.__name__} does not define {part}"
    assert isinstance(inspect.getattr_static(cls, "compute"), staticmethod), f"{cls.__name__}.compute is not pure"
    inputs = explorer.read()
    assert dataclasses.is_dataclass(inputs) and type(inputs).__dataclass_params__.frozen
    view = cls.compute(inputs)  # called on the class: no explorer, no widget needed
    assert dataclasses.is_dataclass(view) and type(view).__dataclass_params__.frozen
    for field in dataclasses.fields(view):
        assert not isinstance(getattr(view, field.name), widgets.Widget), f"{cls.__name__} view.{field.name}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "figures").glob("*.py")), ids=lambda p: p.name)
def test_figure_builders_import_no_widgets(path):
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert not {m for m in imported if m.startswith(("ipywidgets", "anywidget", "course.ui"))}, imported


def test_public_registries_are_read_only():
    writable = []
    for name in _modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if attr.startswith("_") or inspect.ismodule(value):
                continue
            if isinstance(value, dict | list | set | bytearray):
                writable.append(f"{name}.{attr} ({type(value).__name__})")
            elif isinstance(value, np.ndarray) and value.flags.writeable:
                writable.append(f"{name}.{attr} (writeable ndarray)")
    assert not writable, "make these MappingProxyType / tuple / read-only:\n" + "\n".join(sorted(writable))


def test_no_constant_is_restated_in_a_second_module():
    homes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in _sources():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            else:
                continue
            if not isinstance(target, ast.Name) or not target.id.lstrip("_").isupper():
                continue
            try:
                literal = repr(ast.literal_eval(value))
            except ValueError:
                continue  # computed from something else: not a restatement
            homes[target.id.lstrip("_"), literal].append(str(path.relative_to(PACKAGE.parent)))
    restated = {f"{name} = {literal}": paths for (name, literal), paths in homes.items() if len(paths) > 1}
    assert not restated, restated
