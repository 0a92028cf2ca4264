"""A backpropagation trace for a small multi-layer perceptron with given weights (§5.6).

``z_k = W_k h_{k−1} + b_k``, ``h_k = σ(z_k)`` (``h_0 = x``), output ``ŷ = z_K`` (or
``σ(z_K)``), loss ``L = ‖y − ŷ‖²`` (MML book eq. (5.112)). Gradients are row vectors, as in
the book: ``∂L/∂z_k`` is 1×n_k, and ``∂L/∂W_k = (∂L/∂z_k)ᵀ h_{k−1}ᵀ`` has the shape of
``W_k``. With rational weights and a piecewise-linear activation every value is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from mml.calculus.backprop import Value, format_value
from mml.calculus.derivative import differentiate
from mml.calculus.evaluation import evaluate
from mml.calculus.table import Table
from mml.errors import DomainError, ShapeError
from mml.exact.matrix import as_matrix, as_vector
from mml.parse import FunctionCall, Number, Symbol
from mml.steps import Derivation, MathText, Step

__all__ = ["mlp_backprop_trace", "MLPTrace", "ACTIVATIONS"]

ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")

Vector = list[Value]
Grid = list[list[Value]]


def _activation(name: str, z: Value) -> Value:
    if name == "identity":
        return z
    if isinstance(z, Fraction):
        return evaluate(FunctionCall(name, (Number(z),)))
    return evaluate(FunctionCall(name, (Symbol("t"),)), {"t": z})


def _activation_derivative(name: str, z: Value) -> Value:
    if name == "identity":
        return Fraction(1)
    local = differentiate(FunctionCall(name, (Symbol("t"),)), "t", steps=False).value
    return evaluate(local, {"t": z})


def _vector_cell(values: Sequence[Value], row: bool = False) -> MathText:
    text = "[" + ", ".join(format_value(v) for v in values) + "]" + ("" if row else "ᵀ")
    body = (" & " if row else r" \\ ").join(format_value(v) for v in values)
    return MathText(text, rf"\begin{{bmatrix}} {body} \end{{bmatrix}}")


def _matrix_cell(rows: Grid) -> MathText:
    text = "[" + "; ".join(", ".join(format_value(v) for v in row) for row in rows) + "]"
    body = r" \\ ".join(" & ".join(format_value(v) for v in row) for row in rows)
    return MathText(text, rf"\begin{{bmatrix}} {body} \end{{bmatrix}}")


def _shape(m: int, n: int) -> MathText:
    return MathText(f"{m}×{n}", rf"{m} \times {n}")


@dataclass(frozen=True)
class MLPTrace:
    """Forward values and backward gradients of an MLP's squared-error loss.

    Attributes
    ----------
    loss : Fraction or float
    forward : dict
        ``"z1"``, ``"h1"``, ..., ``"y_hat"`` → vectors (lists).
    gradients : dict
        ``"W1"`` → n₁×n₀ nested list, ``"b1"`` → list, ..., one per parameter.
    forward_table, backward_table : Table
    steps : Derivation
    """

    loss: Value
    forward: dict[str, Vector]
    gradients: dict[str, Any]
    forward_table: Table = field(repr=False)
    backward_table: Table = field(repr=False)
    steps: Derivation = field(compare=False, repr=False)

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _layers(weights: Sequence[Any], biases: Sequence[Any], x: Any, y: Any):
    if isinstance(weights, str) or isinstance(biases, str):
        raise ShapeError("give weights and biases as lists, one matrix and one vector per layer")
    if len(weights) != len(biases) or not weights:
        raise ShapeError(f"{len(weights)} weight matrices but {len(biases)} bias vectors")
    Ws = [as_matrix(W, f"W{k + 1}") for k, W in enumerate(weights)]
    bs = [as_vector(b, f"b{k + 1}") for k, b in enumerate(biases)]
    x_vec, y_vec = as_vector(x, "x"), as_vector(y, "y")
    width = len(x_vec)
    for k, (W, b) in enumerate(zip(Ws, bs), start=1):
        if W.shape[1] != width:
            raise ShapeError(
                f"W{k} has shape {W.shape}; it needs {width} columns to act on a vector of length {width}"
            )
        if len(b) != W.shape[0]:
            raise ShapeError(
                f"b{k} has length {len(b)}; W{k} has shape {W.shape}, so b{k} needs length {W.shape[0]}"
            )
        width = W.shape[0]
    if len(y_vec) != width:
        raise ShapeError(f"y has length {len(y_vec)}; the network outputs {width} values")
    return Ws, bs, list(x_vec), list(y_vec)


def mlp_backprop_trace(
    weights: Sequence[Any],
    biases: Sequence[Any],
    x: Any,
    y: Any,
    activation: str = "sigmoid",
    output_activation: bool = False,
) -> MLPTrace:
    """Trace the forward and backward pass of an MLP for one example ``(x, y)``.

    Forward: ``z_k = W_k h_{k−1} + b_k``, ``h_k = σ(z_k)``, ``ŷ = z_K`` (or ``σ(z_K)``
    with ``output_activation``), ``L = ‖y − ŷ‖²``. Backward (row vectors):
    ``∂L/∂ŷ = 2(ŷ − y)ᵀ``; ``∂L/∂b_k = ∂L/∂z_k``; ``∂L/∂W_k = (∂L/∂z_k)ᵀ h_{k−1}ᵀ``;
    ``∂L/∂h_{k−1} = ∂L/∂z_k · W_k``; ``∂L/∂z_{k−1} = ∂L/∂h_{k−1} · diag(σ'(z_{k−1}))``.

    Parameters
    ----------
    weights : list of matrices
        ``W_k`` of shape n_k×n_{k−1} (nested lists, text ``"1 2; 3 4"``, arrays).
    biases : list of vectors
        ``b_k`` of length n_k.
    x, y : vectors
        The input (length n₀) and the target (length n_K).
    activation : {"sigmoid", "tanh", "relu", "identity"}
    output_activation : bool
        Apply the activation to the last layer too.

    Returns
    -------
    MLPTrace

    Raises
    ------
    ShapeError
        If the shapes do not chain, naming both.
    DomainError
        For an unknown activation.

    Examples
    --------
    >>> t = mlp_backprop_trace(["1 -1; 2 0"], ["0 1"], x="1 2", y="0 1", activation="relu")
    >>> t.forward["y_hat"], t.loss
    ([Fraction(-1, 1), Fraction(3, 1)], Fraction(5, 1))
    >>> t.gradients["W1"]
    [[Fraction(-2, 1), Fraction(-4, 1)], [Fraction(4, 1), Fraction(8, 1)]]
    """
    if activation not in ACTIVATIONS:
        raise DomainError(
            f"unknown activation {activation!r}; expected one of {', '.join(ACTIVATIONS)}"
        )
    Ws, bs, x_vec, y_vec = _layers(weights, biases, x, y)
    K = len(Ws)
    sigma = activation
    hs: list[Vector] = [x_vec]
    zs: list[Vector] = []
    forward_rows = [
        (
            MathText("h0 = x", "h_0 = x"),
            MathText("input", r"\text{input}"),
            _shape(len(x_vec), 1),
            _vector_cell(x_vec),
        )
    ]
    forward: dict[str, Vector] = {}
    for k, (W, b) in enumerate(zip(Ws, bs), start=1):
        h = hs[-1]
        z = [
            sum((W[i, j] * h[j] for j in range(len(h))), Fraction(0)) + b[i]
            for i in range(W.shape[0])
        ]
        zs.append(z)
        forward[f"z{k}"] = z
        last_linear = k == K and not output_activation
        label = MathText(f"z{k} = ŷ", rf"z_{{{k}}} = \hat{{y}}") if last_linear else None
        forward_rows.append(
            (
                label or MathText(f"z{k}", f"z_{{{k}}}"),
                MathText(f"W{k}·h{k - 1} + b{k}", rf"W_{{{k}}} h_{{{k - 1}}} + b_{{{k}}}"),
                _shape(len(z), 1),
                _vector_cell(z),
            )
        )
        if k < K or output_activation:
            h_next = [_activation(sigma, v) for v in z]
            forward[f"h{k}"] = h_next
            forward_rows.append(
                (
                    MathText(f"h{k}", f"h_{{{k}}}"),
                    MathText(f"{sigma}(z{k})", rf"\operatorname{{{sigma}}}(z_{{{k}}})"),
                    _shape(len(z), 1),
                    _vector_cell(h_next),
                )
            )
            hs.append(h_next)
        else:
            hs.append(z)
    y_hat = hs[-1]
    forward["y_hat"] = y_hat
    residual = [p - t for p, t in zip(y_hat, y_vec)]
    loss = sum((r * r for r in residual), Fraction(0))
    forward_rows.append(
        (
            MathText("L", "L"),
            MathText("‖y − ŷ‖²", r"\|y - \hat{y}\|^2"),
            _shape(1, 1),
            MathText(format_value(loss), format_value(loss)),
        )
    )

    # backward pass, row-vector gradients
    gradients: dict[str, Any] = {}
    backward_rows = []
    delta = [2 * r for r in residual]  # ∂L/∂ŷ = 2(ŷ − y)ᵀ
    backward_rows.append(
        (
            MathText("∂L/∂ŷ", r"\partial L / \partial \hat{y}"),
            MathText("2(ŷ − y)ᵀ", r"2(\hat{y} - y)^\top"),
            _shape(1, len(delta)),
            _vector_cell(delta, row=True),
        )
    )
    if output_activation:
        delta = [d * _activation_derivative(sigma, z) for d, z in zip(delta, zs[-1])]
        backward_rows.append(
            (
                MathText(f"∂L/∂z{K}", rf"\partial L / \partial z_{{{K}}}"),
                MathText(
                    f"∂L/∂ŷ · diag({sigma}'(z{K}))",
                    rf"\frac{{\partial L}}{{\partial \hat y}} \operatorname{{diag}}(\sigma'(z_{{{K}}}))",
                ),
                _shape(1, len(delta)),
                _vector_cell(delta, row=True),
            )
        )
    for k in range(K, 0, -1):
        W, h_prev = Ws[k - 1], hs[k - 1]
        grad_b = list(delta)
        grad_W = [[d * h for h in h_prev] for d in delta]
        gradients[f"W{k}"] = grad_W
        gradients[f"b{k}"] = grad_b
        backward_rows.append(
            (
                MathText(f"∂L/∂b{k}", rf"\partial L / \partial b_{{{k}}}"),
                MathText(
                    f"∂L/∂z{k} · ∂z{k}/∂b{k} = ∂L/∂z{k} · I",
                    rf"\frac{{\partial L}}{{\partial z_{{{k}}}}} I",
                ),
                _shape(1, len(grad_b)),
                _vector_cell(grad_b, row=True),
            )
        )
        backward_rows.append(
            (
                MathText(f"∂L/∂W{k}", rf"\partial L / \partial W_{{{k}}}"),
                MathText(
                    f"(∂L/∂z{k})ᵀ · h{k - 1}ᵀ",
                    rf"\left(\frac{{\partial L}}{{\partial z_{{{k}}}}}\right)^\top h_{{{k - 1}}}^\top",
                ),
                _shape(len(delta), len(h_prev)),
                _matrix_cell(grad_W),
            )
        )
        if k > 1:
            grad_h = [
                sum((delta[i] * W[i, j] for i in range(len(delta))), Fraction(0))
                for j in range(W.shape[1])
            ]
            backward_rows.append(
                (
                    MathText(f"∂L/∂h{k - 1}", rf"\partial L / \partial h_{{{k - 1}}}"),
                    MathText(
                        f"∂L/∂z{k} · W{k}", rf"\frac{{\partial L}}{{\partial z_{{{k}}}}} W_{{{k}}}"
                    ),
                    _shape(1, len(grad_h)),
                    _vector_cell(grad_h, row=True),
                )
            )
            local = [_activation_derivative(sigma, z) for z in zs[k - 2]]
            delta = [g * s for g, s in zip(grad_h, local)]
            backward_rows.append(
                (
                    MathText(f"∂L/∂z{k - 1}", rf"\partial L / \partial z_{{{k - 1}}}"),
                    MathText(
                        f"∂L/∂h{k - 1} · diag({sigma}'(z{k - 1})), {sigma}'(z{k - 1}) = {_vector_cell(local).text}",
                        rf"\frac{{\partial L}}{{\partial h_{{{k - 1}}}}} \operatorname{{diag}}(\sigma'(z_{{{k - 1}}}))",
                    ),
                    _shape(1, len(delta)),
                    _vector_cell(delta, row=True),
                )
            )
    header = ("quantity", "chain rule", "shape", "value")
    forward_table = Table.build(("quantity", "definition", "shape", "value"), forward_rows)
    backward_table = Table.build(header, backward_rows)
    sizes = [len(x_vec)] + [W.shape[0] for W in Ws]
    derivation = Derivation(
        MathText(
            f"Backpropagation through an MLP {'-'.join(map(str, sizes))} ({activation}), loss ‖y − ŷ‖²",
            rf"\text{{Backpropagation through an MLP {'-'.join(map(str, sizes))} ({activation})}}",
        )
    )
    shapes = ", ".join(
        f"W{k}: {W.shape[0]}×{W.shape[1]}, b{k}: {W.shape[0]}" for k, W in enumerate(Ws, start=1)
    )
    derivation.add(
        Step(
            "forward_pass",
            "compute the pre-activations z and activations h layer by layer",
            after=forward_table,
            note=f"parameter shapes: {shapes}",
        )
    )
    derivation.add(
        Step(
            "backward_pass",
            MathText(
                "from ∂L/∂ŷ backwards, one chain-rule factor per row (gradients are row vectors)",
                r"\text{from } \partial L / \partial \hat{y} \text{ backwards, one chain-rule factor per row}",
            ),
            after=backward_table,
            note=MathText(
                "∂L/∂W has the shape of W: the book's flattened Jacobian reshaped (§5.4)",
                r"\partial L / \partial W \text{ has the shape of } W \text{ (§5.4)}",
            ),
        )
    )
    derivation.result = MathText(f"L = {format_value(loss)}", f"L = {format_value(loss)}")
    return MLPTrace(loss, forward, gradients, forward_table, backward_table, derivation)
