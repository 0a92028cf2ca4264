"""A computation graph from :mod:`mml.autodiff`, with forward values and backward adjoints.

The graph of book §5.6: one box per intermediate variable, an arrow from each input of an
operation to its result. Every box shows the forward value ``v`` and the adjoint
``v̄ = ∂f/∂v`` that the reverse sweep computes: the output's adjoint is 1, and each node's
adjoint is the sum over its children of ``child adjoint × ∂child/∂node`` (the chain rule).
Drawn with matplotlib only (no graphviz): the nodes are laid out in columns by depth.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError
from mml.plot.axes import new_axes

__all__ = ["adjoints", "computation_graph"]

LEAF, OPERATION, OUTPUT, CONSTANT = "#dbe9f6", "#fdf0d5", "#d8f0d2", "#eeeeee"


def adjoints(output: Any) -> dict[int, np.ndarray]:
    """The adjoint ``∂f/∂v`` of every node ``v`` of the graph of ``output``, keyed by ``id(v)``.

    One reverse sweep, as in ``Tensor.backward``, but keeping the adjoints of the
    intermediate nodes as well as those of the leaves.

    Parameters
    ----------
    output : Tensor
        A tensor with a single element, computed from tensors with ``requires_grad=True``.

    Returns
    -------
    dict of int to ndarray
        Each node's adjoint has the node's shape.

    Raises
    ------
    DomainError
        If ``output`` is not a tensor recorded on the tape.
    ShapeError
        If ``output`` has more than one element.

    Examples
    --------
    >>> from mml.autodiff import Tensor
    >>> x = Tensor(3.0, requires_grad=True)
    >>> y = x * x
    >>> float(adjoints(y)[id(x)])  # dy/dx = 2x
    6.0
    """
    from mml.autodiff import Tensor
    from mml.autodiff.backward import topological_order, unbroadcast
    from mml.autodiff.tensor import raw

    if not isinstance(output, Tensor) or output._trace != 1:
        raise DomainError(
            "draw the graph of a Tensor computed from tensors with requires_grad=True"
        )
    if output.size != 1:
        raise ShapeError(f"the output must be a scalar to have adjoints; got shape {output.shape}")
    table = {id(output): np.ones(output.shape)}
    for node in reversed(topological_order(output)):
        g = table.get(id(node))
        if node._prim is None or g is None:
            continue
        for i, parent in node._parents:
            rule = node._prim.vjp_rule(i)
            if rule is None:
                continue
            pg = np.asarray(raw(rule(g, node._value, *node._args, **(node._kwargs or {}))))
            shape = np.shape(raw(parent))
            if pg.shape != shape:
                pg = np.asarray(unbroadcast(pg, shape))
            table[id(parent)] = table[id(parent)] + pg if id(parent) in table else pg
    return table


def _text(value: Any) -> str:
    a = np.asarray(value, dtype=float)
    if a.size == 1:
        return f"{float(a.reshape(())):.4g}"
    if a.size <= 3:
        return "[" + ", ".join(f"{v:.3g}" for v in a.ravel()) + "]"
    return f"array{a.shape}"


def _depths(nodes: list) -> dict[int, int]:
    depth: dict[int, int] = {}
    for node in nodes:  # topological order: parents first
        depth[id(node)] = 1 + max((depth[id(p)] for _, p in node._parents), default=-1)
    return depth


def _edge(ax: Any, source: Any, target: Any, rad: float, colour: str) -> None:
    """An arrow between two text boxes, clipped to their outlines."""
    ax.annotate(
        "",
        xy=target.get_position(),
        xytext=source.get_position(),
        gid="edge",
        zorder=4,  # after the boxes, so their outlines are in place when the arrow is clipped
        arrowprops={
            "arrowstyle": "-|>",
            "color": colour,
            "lw": 1.2,
            "patchA": source.get_bbox_patch(),
            "patchB": target.get_bbox_patch(),
            "connectionstyle": f"arc3,rad={rad}",
        },
    )


def computation_graph(fun_or_output: Any, ax: Any = None, **inputs: Any) -> Any:
    """Draw the computation graph of ``f`` with forward values and backward adjoints.

    Either pass a function and its inputs by name, ``computation_graph(f, x=2.0, y=3.0)``
    (each input becomes a ``Tensor`` with ``requires_grad=True`` and ``f(**inputs)`` is
    traced), or pass an output tensor you already computed and name its leaves,
    ``computation_graph(z, x=x, y=y)``.

    Each box shows the operation (or the input's name), its forward value ``v`` and its
    adjoint ``v̄ = ∂f/∂v`` (book §5.6). Grey boxes are constants that feed an operation.

    Parameters
    ----------
    fun_or_output : callable or Tensor
        A function of the named inputs returning a scalar, or the scalar output tensor.
    ax : matplotlib Axes, optional
    **inputs : float, array_like or Tensor
        The inputs (for a function) or names for the leaf tensors (for an output).

    Returns
    -------
    matplotlib.figure.Figure
        Node boxes are texts with gid ``"node"``; arrows are annotations with gid ``"edge"``.

    Raises
    ------
    DomainError
        If the output was not recorded from tensors that require gradients.
    ShapeError
        If the output is not a scalar.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = computation_graph(lambda x, y: x * y + x, x=2.0, y=3.0)
    >>> sorted(t.get_text().split()[0] for t in fig.axes[0].texts if t.get_gid() == "node")
    ['add', 'multiply', 'x', 'y']
    """
    from mml.autodiff import Tensor
    from mml.autodiff.backward import topological_order
    from mml.autodiff.tensor import raw

    if isinstance(fun_or_output, Tensor):
        output, names = fun_or_output, {id(t): name for name, t in inputs.items()}
    elif callable(fun_or_output):
        tensors = {
            name: Tensor(np.asarray(v, dtype=float), requires_grad=True)
            for name, v in inputs.items()
        }
        names = {id(t): name for name, t in tensors.items()}
        output = fun_or_output(**tensors)
    else:
        raise DomainError("pass a function of the named inputs, or the output Tensor")
    bars = adjoints(output)
    nodes = topological_order(output)
    depth = _depths(nodes)
    columns: dict[int, list] = {}
    for node in nodes:
        columns.setdefault(depth[id(node)], []).append(node)
    width = max(columns) + 1
    height = max(len(c) for c in columns.values())
    ax = new_axes(ax, figsize=(max(6.0, 2.4 * width), 1.1 * height + 1.4))
    position: dict[int, tuple[float, float]] = {}
    for d, column in columns.items():
        for k, node in enumerate(column):
            position[id(node)] = (float(d), (len(column) - 1) / 2 - k)
    unnamed = iter(range(1, len(nodes) + 1))
    boxes: dict[int, Any] = {}
    for node in nodes:
        x, y = position[id(node)]
        if node._prim is None:
            title, colour = names.get(id(node)) or f"input {next(unnamed)}", LEAF
        else:
            title = node._prim.name
            colour = OUTPUT if node is output else OPERATION
        bar = bars.get(id(node))
        lines = [title, f"v = {_text(raw(node))}", f"v̄ = {_text(bar) if bar is not None else '0'}"]
        boxes[id(node)] = ax.text(
            x,
            y,
            "\n".join(lines),
            ha="center",
            va="center",
            fontsize=8,
            gid="node",
            bbox={"boxstyle": "round,pad=0.4", "fc": colour, "ec": "0.3"},
            zorder=3,
        )
    for node in nodes:
        x, y = position[id(node)]
        traced = {i for i, _ in node._parents}
        seen: dict[int, int] = {}
        for _, parent in node._parents:
            repeat = seen[id(parent)] = seen.get(id(parent), -1) + 1
            span = x - position[id(parent)][0]
            # Curve edges that skip a column (so they miss the boxes between) and repeats.
            rad = 0.3 * repeat + (0.25 if span > 1 else 0.0)
            _edge(ax, boxes[id(parent)], boxes[id(node)], rad, "0.35")
        constants = [a for i, a in enumerate(node._args or ()) if i not in traced]
        for j, c in enumerate(constants):
            box = ax.text(
                x - 0.4,
                y - 0.5 - 0.3 * j,
                _text(raw(c)),
                ha="center",
                va="center",
                fontsize=7,
                gid="constant",
                zorder=3,
                bbox={"boxstyle": "round,pad=0.2", "fc": CONSTANT, "ec": "0.6"},
            )
            _edge(ax, box, boxes[id(node)], 0.0, "0.6")
    ax.set_xlim(-0.7, width - 0.3)
    ys = [y for _, y in position.values()] + [t.get_position()[1] for t in ax.texts]
    ax.set_ylim(min(ys) - 0.4, max(ys) + 0.4)
    ax.axis("off")
    ax.set_title(
        f"forward: v = value of each node; backward: v̄ = ∂f/∂v (f = {_text(raw(output))})",
        fontsize=10,
    )
    return ax.figure
