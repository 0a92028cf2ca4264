"""The reverse sweep: topological order, then one pass of vector-Jacobian products.

This is backpropagation (MML book §5.6) for any graph of primitives. The cotangent
(adjoint) of each node is the sum over its children of ``vjp(child cotangent)``, so a node
used twice gets both contributions. Broadcasting is undone here, in one place: when a
rule returns a cotangent of the broadcast shape, ``unbroadcast`` sums it back to the shape
of the input it belongs to.

Examples
--------
>>> import numpy as np
>>> from mml.autodiff import Tensor
>>> from mml.autodiff.backward import backward_pass
>>> x = Tensor(np.array([1.0, 2.0]), requires_grad=True)
>>> y = x * x + x                    # x is used twice
>>> [(leaf is x, g.tolist()) for leaf, g in backward_pass(y, np.ones(2))]
[(True, [3.0, 5.0])]
"""

from __future__ import annotations

from collections.abc import Iterator
from heapq import heappop, heappush
from typing import Any

import numpy as np

from mml.autodiff import numpy as anp
from mml.autodiff.tensor import GraphError, Tensor

__all__ = ["backward_pass", "topological_order", "unbroadcast"]


def unbroadcast(g: Any, shape: tuple[int, ...]) -> Any:
    """Sum a cotangent of a broadcast result back to an input's ``shape``.

    If ``x`` of shape ``shape`` was broadcast to ``g.shape``, each entry of ``x`` fed
    several entries of the result, so its cotangent is the sum of theirs.

    Examples
    --------
    >>> import numpy as np
    >>> unbroadcast(np.ones((2, 3)), (1, 3))
    array([[2., 2., 2.]])
    """
    g_shape = g.shape
    if g_shape == shape:
        return g
    extra = len(g_shape) - len(shape)
    axes = tuple(range(extra)) + tuple(
        extra + i for i, n in enumerate(shape) if n == 1 and g_shape[extra + i] != 1
    )
    if type(g) is np.ndarray:  # a plain array: nothing to record, skip the dispatch
        g = np.add.reduce(g, axis=axes) if axes else g
        return g if g.shape == shape else g.reshape(shape)
    if axes:
        g = anp._sum(g, axis=axes, keepdims=False)
    return g if g.shape == shape else anp.reshape(g, shape)


def topological_order(root: Tensor) -> list[Tensor]:
    """Nodes reachable from ``root`` through its parents, each after all of its parents.

    A node is created after its inputs, so sorting by creation number is enough.
    """
    seen = {id(root): root}
    stack = [root]
    while stack:
        for _, parent in stack.pop()._parents:
            if id(parent) not in seen:
                seen[id(parent)] = parent
                stack.append(parent)
    return sorted(seen.values(), key=lambda node: node._seq)


def backward_pass(root: Tensor, seed: Any) -> Iterator[tuple[Tensor, Any]]:
    """Propagate the cotangent ``seed`` of ``root`` to every leaf of its trace.

    Yields ``(leaf, cotangent)`` pairs: the leaves are the inputs of the trace (tensors
    with no primitive). Each cotangent has the leaf's shape.

    Nodes wait in a heap keyed by creation number and leave it newest first: every node
    that uses a value was created after it, so a node's cotangent is complete (all its
    uses have contributed) by the time it is taken out.
    """
    cotangents: dict[int, Any] = {id(root): seed}
    heap = [(-root._seq, root)]
    while heap:
        node = heappop(heap)[1]
        g = cotangents.pop(id(node))
        prim = node._prim
        if prim is None:
            yield node, g
            continue
        for tensor, version in node._saved:
            if tensor._version != version:
                _raise_modified(node, tensor)
        if node._version != 0:
            _raise_modified(node, node)
        args = node._args
        kwargs = node._kwargs
        ans = node._value
        vjps = prim._vjps
        for i, parent in node._parents:
            rule = vjps[i] if vjps is not None else prim.vjp_rule(i)
            if rule is None:
                continue
            pg = rule(g, ans, *args, **kwargs)
            shape = parent._value.shape
            if pg.shape != shape:
                pg = unbroadcast(pg, shape)
            key = id(parent)
            previous = cotangents.get(key)
            if previous is None:
                cotangents[key] = pg
                heappush(heap, (-parent._seq, parent))
            else:
                cotangents[key] = previous + pg


def _raise_modified(node: Tensor, tensor: Tensor) -> None:
    if tensor is node:
        raise GraphError(
            f"the result of '{node._prim.name}' was changed in place after it was computed, "
            "so the gradient through it would be wrong; use y = y + 1 instead of y += 1"
        )
    raise GraphError(
        f"a tensor of shape {tensor.shape} that '{node._prim.name}' saved for the backward "
        "pass was changed in place afterwards, so its gradient would be wrong; use an "
        "out-of-place operation (y = y + 1) instead"
    )
