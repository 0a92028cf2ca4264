"""Coding tasks about gradients (chapters 5, 8 and 12): ``softmax_cross_entropy``,
``backprop_mlp``, ``hinge_loss``.

Gradients are checked twice: against ``mml.autodiff`` on the same function, and against
central finite differences of the student's own loss (so a loss and a gradient that do not
belong together are caught even when each looks plausible).

Examples
--------
>>> from mml.exercises.coding.grading import TASKS, grade
>>> from mml.exercises.coding.solutions_learning import backprop_mlp
>>> grade(TASKS["backprop_mlp"], backprop_mlp).passed
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mml.exercises.coding import solutions_learning as solutions
from mml.exercises.coding.grading import (
    Case,
    CodingTask,
    Property,
    expect,
    expect_close,
    register_task,
)

__all__: list[str] = []

_STEP = 1e-6


def _central_difference(f: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray:
    """∂f/∂x entry by entry, ``(f(x + h e_i) − f(x − h e_i)) / 2h``."""
    gradient = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[index] += _STEP
        down[index] -= _STEP
        gradient[index] = (f(up) - f(down)) / (2 * _STEP)
    return gradient


def _tuple(output: Any, n: int, what: str) -> tuple:
    expect(
        isinstance(output, tuple | list) and len(output) == n,
        f"expected {what}, got {type(output).__name__}",
    )
    return tuple(output)


# ---------------------------------------------------------------- softmax cross-entropy


def _softmax_cases(rng: np.random.Generator) -> list[Case]:
    cases = [
        Case("one sample, equal logits", {"logits": np.zeros((1, 3)), "labels": np.array([2])})
    ]
    for n, c, scale in ((4, 3, 1.0), (6, 5, 3.0), (3, 2, 0.5)):
        cases.append(
            Case(
                f"{n} samples, {c} classes",
                {"logits": scale * rng.standard_normal((n, c)), "labels": rng.integers(0, c, n)},
            )
        )
    cases.append(
        Case(
            "large logits (±1000): the softmax must not overflow",
            {"logits": 1000.0 * rng.standard_normal((3, 4)), "labels": np.array([0, 1, 3])},
            {"large": True},
        )
    )
    return cases


def _ce_output(output: Any, logits: np.ndarray) -> tuple[float, np.ndarray]:
    loss, grad = _tuple(output, 2, "a pair (loss, grad)")
    grad = np.asarray(grad, dtype=float)
    expect(grad.shape == logits.shape, f"grad has shape {grad.shape}, expected {logits.shape}")
    return float(loss), grad


def _ce_reference(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    from mml.autodiff import value_and_grad
    from mml.nn import cross_entropy

    loss, grad = value_and_grad(lambda z: cross_entropy(z, labels))(logits)
    return float(loss), np.asarray(grad)


def _ce_stable(case: Case, output: Any, function: Any) -> None:
    loss, grad = _ce_output(output, case.inputs["logits"])
    expect(
        np.isfinite(loss) and np.all(np.isfinite(grad)),
        "the loss or gradient is NaN or inf: subtract each row's maximum logit before exp",
    )


def _ce_loss(case: Case, output: Any, function: Any) -> None:
    loss, _ = _ce_output(output, case.inputs["logits"])
    expected, _ = _ce_reference(case.inputs["logits"], case.inputs["labels"])
    expect_close(loss, expected, "the loss (vs mml.nn.cross_entropy, mean over samples)")


def _ce_gradient(case: Case, output: Any, function: Any) -> None:
    _, grad = _ce_output(output, case.inputs["logits"])
    _, expected = _ce_reference(case.inputs["logits"], case.inputs["labels"])
    expect_close(grad, expected, "the gradient (vs mml.autodiff)")


def _ce_finite_differences(case: Case, output: Any, function: Any) -> None:
    if case.extra.get("large"):
        return  # differences of 1000-sized logits lose every digit
    logits, labels = case.inputs["logits"], case.inputs["labels"]
    _, grad = _ce_output(output, logits)
    numeric = _central_difference(lambda z: float(function(z, labels.copy())[0]), logits)
    expect_close(
        grad, numeric, "the gradient (vs finite differences of your loss)", rtol=1e-4, atol=1e-6
    )


def _ce_rows_sum_to_zero(case: Case, output: Any, function: Any) -> None:
    _, grad = _ce_output(output, case.inputs["logits"])
    sums = grad.sum(axis=1)
    expect(
        np.all(np.abs(sums) < 1e-8),
        f"the gradient's rows sum to {sums.round(6).tolist()}, expected 0 (p − e_y sums to 0)",
    )


register_task(
    CodingTask(
        name="softmax_cross_entropy",
        title="Softmax cross-entropy and its gradient",
        statement=(
            "Write `softmax_cross_entropy(logits, labels)` returning the mean cross-entropy"
            " $L = -\\frac1N\\sum_n \\log \\mathrm{softmax}(z_n)_{y_n}$ and its gradient"
            " $\\partial L/\\partial z_n = (p_n - e_{y_n})/N$. It must work for logits as"
            " large as 1000 (subtract each row's maximum first)."
        ),
        solution=solutions.softmax_cross_entropy,
        cases=_softmax_cases,
        properties=(
            Property("stable", "loss and gradient are finite, even for large logits", _ce_stable),
            Property("loss_matches_mml_nn", "the loss equals mml.nn.cross_entropy", _ce_loss),
            Property(
                "gradient_matches_autodiff", "the gradient equals mml.autodiff's", _ce_gradient
            ),
            Property(
                "gradient_finite_differences",
                "the gradient matches finite differences of the loss",
                _ce_finite_differences,
            ),
            Property(
                "rows_sum_to_zero", "each row of the gradient sums to 0", _ce_rows_sum_to_zero
            ),
        ),
        chapter=8,
    )
)


# ---------------------------------------------------------------- hinge loss (§12.2.5)


def _hinge_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for n, d, c in ((5, 2, 1.0), (8, 3, 0.5), (12, 4, 2.0), (6, 2, 10.0)):
        while True:
            X = rng.standard_normal((n, d))
            y = np.where(rng.random(n) < 0.5, -1.0, 1.0)
            w, b = rng.standard_normal(d), float(rng.standard_normal())
            if np.min(np.abs(y * (X @ w + b) - 1.0)) > 1e-3:  # away from the kinks
                break
        cases.append(Case(f"N = {n}, D = {d}, C = {c}", {"w": w, "b": b, "X": X, "y": y, "C": c}))
    return cases


def _hinge_output(output: Any, w: np.ndarray) -> tuple[float, np.ndarray, float]:
    value, grad_w, grad_b = _tuple(output, 3, "a triple (value, grad_w, grad_b)")
    grad_w = np.asarray(grad_w, dtype=float)
    expect(grad_w.shape == w.shape, f"grad_w has shape {grad_w.shape}, expected {w.shape}")
    return float(value), grad_w, float(np.asarray(grad_b, dtype=float))


def _hinge_reference(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, C: float) -> tuple:
    import mml.autodiff.numpy as anp
    from mml.autodiff import value_and_grad
    from mml.nn import hinge_loss

    def objective(w: Any, b: Any) -> Any:
        return 0.5 * anp.sum(w * w) + C * hinge_loss(anp.matmul(X, w) + b, y, reduction="sum")

    value, (grad_w, grad_b) = value_and_grad(objective, argnums=(0, 1))(w, np.float64(b))
    return float(value), np.asarray(grad_w), float(grad_b)


def _hinge_value(case: Case, output: Any, function: Any) -> None:
    value, _, _ = _hinge_output(output, case.inputs["w"])
    expected = _hinge_reference(**case.inputs)[0]
    expect_close(value, expected, "J(w, b) (vs ½‖w‖² + C·Σ mml.nn.hinge_loss)")


def _hinge_gradient(case: Case, output: Any, function: Any) -> None:
    _, grad_w, grad_b = _hinge_output(output, case.inputs["w"])
    _, expected_w, expected_b = _hinge_reference(**case.inputs)
    expect_close(grad_w, expected_w, "∂J/∂w (vs mml.autodiff)")
    expect_close(grad_b, expected_b, "∂J/∂b (vs mml.autodiff)")


def _hinge_finite_differences(case: Case, output: Any, function: Any) -> None:
    inputs = case.inputs
    _, grad_w, grad_b = _hinge_output(output, inputs["w"])

    def value_at(w: np.ndarray, b: float) -> float:
        return float(function(w, b, inputs["X"].copy(), inputs["y"].copy(), inputs["C"])[0])

    numeric_w = _central_difference(lambda w: value_at(w, inputs["b"]), inputs["w"])
    numeric_b = _central_difference(
        lambda b: value_at(inputs["w"], float(b[0])), np.array([inputs["b"]])
    )
    expect_close(grad_w, numeric_w, "∂J/∂w (vs finite differences of your J)", rtol=1e-4, atol=1e-5)
    expect_close(
        grad_b, numeric_b[0], "∂J/∂b (vs finite differences of your J)", rtol=1e-4, atol=1e-5
    )


register_task(
    CodingTask(
        name="hinge_loss",
        title="The soft-margin SVM objective and its subgradient",
        statement=(
            "Write `hinge_loss(w, b, X, y, C=1.0)` returning"
            " $J(w,b) = \\tfrac12\\lVert w\\rVert^2 + C\\sum_n \\max(0, 1 - y_n(w^\\top x_n + b))$"
            " (MML book eq. 12.31) and a subgradient $(\\partial J/\\partial w, \\partial J/"
            "\\partial b)$, for labels $y_n \\in \\{-1, +1\\}$."
        ),
        solution=solutions.hinge_loss,
        cases=_hinge_cases,
        properties=(
            Property(
                "value_matches_mml_nn", "J equals ½‖w‖² + C·Σ mml.nn.hinge_loss", _hinge_value
            ),
            Property(
                "subgradient_matches_autodiff",
                "(∂J/∂w, ∂J/∂b) equal mml.autodiff's",
                _hinge_gradient,
            ),
            Property(
                "subgradient_finite_differences",
                "the subgradient matches finite differences of J away from the kinks",
                _hinge_finite_differences,
            ),
        ),
        chapter=12,
    )
)


# ---------------------------------------------------------------- backprop for a 2-layer MLP (§5.6)

_PARAMETERS = ("W1", "b1", "W2", "b2")


def _mlp_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for n, d, h, k in ((1, 2, 3, 1), (4, 3, 4, 2), (6, 2, 5, 3), (8, 4, 3, 2)):
        params = {
            "W1": 0.8 * rng.standard_normal((d, h)),
            "b1": 0.5 * rng.standard_normal(h),
            "W2": 0.8 * rng.standard_normal((h, k)),
            "b2": 0.5 * rng.standard_normal(k),
        }
        X, Y = rng.standard_normal((n, d)), rng.standard_normal((n, k))
        cases.append(Case(f"N = {n}, layers {d} → {h} → {k}", {"params": params, "X": X, "Y": Y}))
    return cases


def _mlp_output(output: Any, params: dict[str, np.ndarray]) -> tuple[float, dict]:
    loss, grads = _tuple(output, 2, "a pair (loss, grads)")
    expect(isinstance(grads, dict), f"grads should be a dict, got {type(grads).__name__}")
    for key in _PARAMETERS:
        expect(key in grads, f"grads has no entry {key!r}")
        shape = np.shape(grads[key])
        expect(
            shape == params[key].shape,
            f"grads[{key!r}] has shape {shape}, expected {params[key].shape}",
        )
    return float(loss), {key: np.asarray(grads[key], dtype=float) for key in _PARAMETERS}


def _mlp_reference(params: dict, X: np.ndarray, Y: np.ndarray) -> tuple[float, dict]:
    import mml.autodiff.numpy as anp
    from mml.autodiff import value_and_grad

    def loss(W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
        H = anp.tanh(anp.matmul(X, W1) + b1)
        F = anp.matmul(H, W2) + b2
        return 0.5 * anp.sum((F - Y) ** 2) / X.shape[0]

    value, grads = value_and_grad(loss, argnums=(0, 1, 2, 3))(*(params[k] for k in _PARAMETERS))
    return float(value), {k: np.asarray(g) for k, g in zip(_PARAMETERS, grads)}


def _mlp_loss(case: Case, output: Any, function: Any) -> None:
    loss, _ = _mlp_output(output, case.inputs["params"])
    expected, _ = _mlp_reference(**case.inputs)
    expect_close(loss, expected, "the loss (1/2N)·Σ‖F − Y‖²")


def _mlp_autodiff(case: Case, output: Any, function: Any) -> None:
    _, grads = _mlp_output(output, case.inputs["params"])
    _, expected = _mlp_reference(**case.inputs)
    for key in _PARAMETERS:
        expect_close(grads[key], expected[key], f"∂L/∂{key} (vs mml.autodiff)")


def _mlp_finite_differences(case: Case, output: Any, function: Any) -> None:
    params, X, Y = case.inputs["params"], case.inputs["X"], case.inputs["Y"]
    _, grads = _mlp_output(output, params)
    for key in _PARAMETERS:

        def loss_at(value: np.ndarray, key: str = key) -> float:
            changed = {k: v.copy() for k, v in params.items()}
            changed[key] = value
            return float(function(changed, X.copy(), Y.copy())[0])

        numeric = _central_difference(loss_at, params[key])
        expect_close(
            grads[key],
            numeric,
            f"∂L/∂{key} (vs finite differences of your loss)",
            rtol=1e-4,
            atol=1e-6,
        )


register_task(
    CodingTask(
        name="backprop_mlp",
        title="Backpropagation through a 2-layer MLP",
        statement=(
            "Write `backprop_mlp(params, X, Y)` for the network $H = \\tanh(XW_1 + b_1)$,"
            " $F = HW_2 + b_2$ with loss $L = \\frac{1}{2N}\\sum_n \\lVert F_n - Y_n\\rVert^2$:"
            " return $L$ and the gradients $\\partial L/\\partial W_1, \\partial L/\\partial b_1,"
            " \\partial L/\\partial W_2, \\partial L/\\partial b_2$ by the chain rule, backwards"
            " (MML book §5.6). No autodiff: write the backward pass yourself."
        ),
        solution=solutions.backprop_mlp,
        cases=_mlp_cases,
        properties=(
            Property("loss", "L equals (1/2N)·Σ‖F − Y‖²", _mlp_loss),
            Property(
                "gradients_match_autodiff", "every gradient equals mml.autodiff's", _mlp_autodiff
            ),
            Property(
                "gradients_finite_differences",
                "every gradient matches finite differences of the loss",
                _mlp_finite_differences,
            ),
        ),
        chapter=5,
    )
)
