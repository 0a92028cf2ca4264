"""Which reference libraries a student's function uses (the forbidden-import check).

A coding exercise asks for an algorithm written with NumPy arrays and arithmetic, so a
function that calls ``numpy.linalg``, SciPy, scikit-learn, PyTorch, JAX or autograd (or
``mml``'s own implementation) does not count. Three looks, since notebooks have no module
file to read:

1. the function's source (``inspect.getsource``), parsed with :mod:`ast`: ``import``
   statements, and dotted names such as ``np.linalg.qr`` resolved through the function's
   globals;
2. the global and enclosing names its code objects (nested ones too) refer to, and what
   they are bound to
   (``from numpy.linalg import qr`` in an earlier notebook cell, then ``qr(A)``);
3. the bytecode: a module loaded, then attributes read from it (``np.linalg.norm``), for
   code whose source cannot be found.

The student's own helper functions (functions of the same module that it calls) are looked
at the same way. What the module imports for other purposes does not count: only what the
function uses.

Examples
--------
>>> import numpy as np
>>> def with_numpy_linalg(A):
...     return np.linalg.qr(A)[0]
>>> forbidden_uses(with_numpy_linalg)
('numpy.linalg.qr',)
>>> def by_hand(A):
...     return A / np.sqrt((A * A).sum(axis=0))
>>> forbidden_uses(by_hand)
()
"""

from __future__ import annotations

import ast
import dis
import inspect
import textwrap
import types
from collections.abc import Callable, Iterator, Sequence
from typing import Any

__all__ = ["FORBIDDEN_MODULES", "forbidden_uses"]

FORBIDDEN_MODULES = (
    "numpy.linalg",
    "scipy",
    "sklearn",
    "torch",
    "jax",
    "autograd",
    "mml.linalg",
    "mml.exact",
    "mml.autodiff",
    "mml.nn",
    "mml.models",
    "mml.optim",
    "mml.calculus",
)


def _is_forbidden(dotted: str, prefixes: Sequence[str]) -> bool:
    return any(dotted == p or dotted.startswith(p + ".") for p in prefixes)


def _origin(value: Any) -> str | None:
    """The dotted module path a global value comes from (a module, or a function's module)."""
    if isinstance(value, types.ModuleType):
        return value.__name__
    module = getattr(value, "__module__", None)
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
    if isinstance(module, str) and isinstance(name, str):
        return f"{module}.{name}"
    return None


def _code_names(code: types.CodeType) -> Iterator[str]:
    yield from code.co_names
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _code_names(constant)


def _dotted(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def _source_uses(
    tree: ast.AST, namespace: dict[str, Any], prefixes: Sequence[str]
) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_forbidden(alias.name, prefixes):
                    yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if _is_forbidden(full, prefixes):
                    yield full
        elif isinstance(node, ast.Attribute):
            parts = _dotted(node)
            if parts and isinstance(namespace.get(parts[0]), types.ModuleType):
                full = ".".join([namespace[parts[0]].__name__, *parts[1:]])
                if _is_forbidden(full, prefixes):
                    yield full


def _function_source_tree(function: Callable[..., Any]) -> ast.AST | None:
    try:
        source = textwrap.dedent(inspect.getsource(function))
        return ast.parse(source)
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None


def _bytecode_uses(
    code: types.CodeType, namespace: dict[str, Any], prefixes: Sequence[str]
) -> Iterator[str]:
    """Dotted names read from the bytecode: a module loaded, then attributes of it
    (``np`` → ``.linalg`` → ``.norm``); works where the source is not available."""
    instructions = list(dis.get_instructions(code))
    for i, instruction in enumerate(instructions):
        if instruction.opname == "IMPORT_NAME" and _is_forbidden(str(instruction.argval), prefixes):
            yield str(instruction.argval)  # ``import scipy.linalg`` inside the function
        if instruction.opname not in ("LOAD_GLOBAL", "LOAD_NAME", "LOAD_DEREF"):
            continue
        value = namespace.get(str(instruction.argval))
        if not isinstance(value, types.ModuleType):
            continue
        parts = [value.__name__]
        for following in instructions[i + 1 :]:
            if following.opname not in ("LOAD_ATTR", "LOAD_METHOD"):
                break
            parts.append(str(following.argval))
        dotted = ".".join(parts)
        if _is_forbidden(dotted, prefixes):
            yield dotted
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _bytecode_uses(constant, namespace, prefixes)


def _uses_of(target: Any, prefixes: Sequence[str], helpers: list[Any]) -> set[str]:
    """Forbidden names one function uses; its helpers (functions of its own module) are
    appended to ``helpers`` to be looked at in turn."""
    found: set[str] = set()
    namespace: dict[str, Any] = dict(getattr(target, "__globals__", {}) or {})
    code = getattr(target, "__code__", None)
    if code is not None and target.__closure__:
        # variables of an enclosing function (``import sklearn as sk`` one level up)
        for name, cell in zip(code.co_freevars, target.__closure__):
            try:
                namespace[name] = cell.cell_contents
            except ValueError:  # an empty cell
                continue
    if code is not None:
        for name in set(_code_names(code)) | set(code.co_freevars):
            if name not in namespace:
                continue
            value = namespace[name]
            origin = _origin(value)
            if origin and _is_forbidden(origin, prefixes):
                found.add(origin)
            elif isinstance(value, types.FunctionType) and value.__module__ == target.__module__:
                helpers.append(value)
        found.update(_bytecode_uses(code, namespace, prefixes))
    tree = _function_source_tree(target)
    if tree is not None:
        found.update(_source_uses(tree, namespace, prefixes))
    return found


def forbidden_uses(function: Callable[..., Any], extra: Sequence[str] = ()) -> tuple[str, ...]:
    """The forbidden names ``function`` uses, sorted (empty when it is clean).

    Parameters
    ----------
    function : callable
        The student's function.
    extra : sequence of str
        More module prefixes to forbid.

    Returns
    -------
    tuple of str
        Dotted names such as ``'numpy.linalg.qr'`` or ``'scipy'``.
    """
    prefixes = tuple(FORBIDDEN_MODULES) + tuple(extra)
    found: set[str] = set()
    seen: set[int] = set()
    pending = [inspect.unwrap(function)]
    while pending:  # the function, then the student's own helpers it calls
        target = pending.pop()
        if id(target) in seen:
            continue
        seen.add(id(target))
        found.update(_uses_of(target, prefixes, pending))
    # np.linalg.qr is also seen as np.linalg: keep the longest name only
    longest = {name for name in found if not any(o.startswith(name + ".") for o in found)}
    return tuple(sorted(longest))
