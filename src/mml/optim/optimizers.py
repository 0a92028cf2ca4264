"""Training optimisers with PyTorch's names, update formulas and per-parameter state.

Each optimiser holds ``param_groups`` (lists of parameters with their hyperparameters)
and ``state[p]`` (the running averages of one parameter). ``step()`` applies one update
to every parameter that has a ``.grad``, in place; ``zero_grad()`` clears the gradients.
With ``g`` the gradient, ``θ`` the parameter, ``γ`` the learning rate and ``t`` the step:

* SGD (MML book §7.1): ``g ← g + λθ``; momentum ``b ← μ b + (1 - τ) g`` (``b = g`` on the
  first step); Nesterov ``g ← g + μ b``, else ``g ← b``; ``θ ← θ - γ g``.
* RMSprop: ``v ← α v + (1 - α) g²``; ``θ ← θ - γ g / (√v + ε)`` (centred: ``√(v - m²)``).
* Adagrad: ``s ← s + g²``; ``θ ← θ - γ_t g / (√s + ε)``, ``γ_t = γ / (1 + (t-1) decay)``.
* Adam: ``m ← β₁m + (1-β₁)g``, ``v ← β₂v + (1-β₂)g²``,
  ``θ ← θ - (γ / (1-β₁ᵗ)) m / (√v / √(1-β₂ᵗ) + ε)``; weight decay adds ``λθ`` to ``g``.
* AdamW: the same, but weight decay shrinks the parameter directly: ``θ ← θ(1 - γλ)``.

Examples
--------
>>> import numpy as np
>>> from mml.autodiff import Tensor
>>> from mml.optim import SGD
>>> w = Tensor([1.0, -2.0], requires_grad=True)
>>> opt = SGD([w], lr=0.1, momentum=0.9)
>>> for _ in range(3):
...     opt.zero_grad()
...     loss = (w * w).sum()
...     loss.backward()
...     opt.step()
>>> w      # w_1 = 0.8, w_2 = 0.8 - 0.1 (0.9·2 + 1.6) = 0.46, w_3 = 0.062 (first entry)
Tensor([ 0.062, -0.124], requires_grad=True)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from mml.autodiff import Tensor, enable_grad
from mml.errors import DomainError

__all__ = ["Optimizer", "SGD", "RMSprop", "Adagrad", "Adam", "AdamW"]


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise DomainError(message)


class Optimizer:
    """Base class: parameter groups, per-parameter state, ``zero_grad`` and ``step``.

    Parameters
    ----------
    params : iterable of Tensor, or of dict
        The tensors to optimise, or groups ``{"params": [...], "lr": ...}`` whose entries
        override ``defaults``.
    defaults : dict
        Hyperparameters of every group.

    Raises
    ------
    DomainError
        If there are no parameters, or a parameter does not require gradients.
    """

    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]) -> None:
        groups = list(params)
        _check(len(groups) > 0, "optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        self.defaults = dict(defaults)
        self.param_groups: list[dict[str, Any]] = []
        self.state: dict[Tensor, dict[str, Any]] = {}
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, group: dict[str, Any]) -> None:
        """Add a group of parameters with its own hyperparameters."""
        params = group["params"]
        params = [params] if isinstance(params, Tensor) else list(params)
        for p in params:
            _check(isinstance(p, Tensor), f"can only optimise tensors, got {type(p).__name__}")
            _check(p.requires_grad and p.is_leaf, "optimised tensors must be leaves with grad")
        self.param_groups.append({**self.defaults, **group, "params": params})

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Clear ``.grad`` of every parameter (to None, or to zeros)."""
        for group in self.param_groups:
            for p in group["params"]:
                if set_to_none or p.grad is None:
                    p.grad = None
                else:
                    p.grad = np.zeros(p.shape, dtype=p.dtype)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """Update every parameter that has a gradient; returns ``closure()`` if given."""
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state.setdefault(p, {})
                self._update(p._value, p.grad.data, state, group)
                p._version += 1
        return loss

    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict, group: dict) -> None:
        raise NotImplementedError

    def state_dict(self) -> dict[str, Any]:
        """Hyperparameters and state, with parameters numbered in order (as PyTorch)."""
        index = {}
        groups = []
        for group in self.param_groups:
            ids = []
            for p in group["params"]:
                index[id(p)] = len(index)
                ids.append(index[id(p)])
            groups.append({**{k: v for k, v in group.items() if k != "params"}, "params": ids})
        state = {index[id(p)]: {k: np.copy(v) for k, v in s.items()} for p, s in self.state.items()}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore hyperparameters and state saved by ``state_dict``."""
        params = [p for group in self.param_groups for p in group["params"]]
        saved_groups = state_dict["param_groups"]
        _check(len(saved_groups) == len(self.param_groups), "state_dict has other param groups")
        for group, saved in zip(self.param_groups, saved_groups):
            group.update({k: v for k, v in saved.items() if k != "params"})
        self.state = {
            params[i]: {k: np.copy(v) for k, v in s.items()} for i, s in state_dict["state"].items()
        }

    def __repr__(self) -> str:
        settings = ", ".join(
            f"{k}={v}" for k, v in self.param_groups[0].items() if k not in ("params", "initial_lr")
        )
        return f"{type(self).__name__}({settings})"


class SGD(Optimizer):
    """Stochastic gradient descent with momentum, Nesterov momentum and weight decay.

    Parameters
    ----------
    params : iterable
    lr : float, default 1e-3
    momentum : float, default 0
    dampening : float, default 0
    weight_decay : float, default 0
        L2 penalty ``λ``: adds ``λθ`` to the gradient.
    nesterov : bool, default False
        Needs ``momentum > 0`` and ``dampening == 0``.

    Raises
    ------
    DomainError
        For negative hyperparameters or Nesterov without momentum.
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        momentum: float = 0.0,
        dampening: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        _check(lr >= 0, f"learning rate must be >= 0, got {lr}")
        _check(momentum >= 0, f"momentum must be >= 0, got {momentum}")
        _check(weight_decay >= 0, f"weight_decay must be >= 0, got {weight_decay}")
        _check(
            not nesterov or (momentum > 0 and dampening == 0),
            "Nesterov momentum needs momentum > 0 and dampening = 0",
        )
        defaults = dict(
            lr=lr,
            momentum=momentum,
            dampening=dampening,
            weight_decay=weight_decay,
            nesterov=nesterov,
        )
        super().__init__(params, defaults)

    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict, group: dict) -> None:
        if group["weight_decay"]:
            grad = grad + group["weight_decay"] * param
        momentum = group["momentum"]
        if momentum:
            buffer = state.get("momentum_buffer")
            if buffer is None:
                buffer = state["momentum_buffer"] = np.array(grad, copy=True)
            else:
                buffer *= momentum
                buffer += (1 - group["dampening"]) * grad
            grad = grad + momentum * buffer if group["nesterov"] else buffer
        param -= group["lr"] * grad


class RMSprop(Optimizer):
    """RMSprop: divide the gradient by a running root mean square of recent gradients.

    Parameters
    ----------
    lr : float, default 1e-2
    alpha : float, default 0.99
        Smoothing constant of the running average of ``g²``.
    eps : float, default 1e-8
    weight_decay, momentum : float, default 0
    centered : bool, default False
        Divide by the running standard deviation instead (subtract the mean's square).
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        momentum: float = 0.0,
        centered: bool = False,
    ) -> None:
        _check(lr >= 0, f"learning rate must be >= 0, got {lr}")
        _check(0 <= alpha <= 1, f"alpha must be in [0, 1], got {alpha}")
        _check(eps >= 0 and momentum >= 0 and weight_decay >= 0, "eps, momentum, weight_decay >= 0")
        defaults = dict(
            lr=lr,
            alpha=alpha,
            eps=eps,
            weight_decay=weight_decay,
            momentum=momentum,
            centered=centered,
        )
        super().__init__(params, defaults)

    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict, group: dict) -> None:
        if not state:
            state["step"] = 0
            state["square_avg"] = np.zeros_like(param)
            if group["momentum"]:
                state["momentum_buffer"] = np.zeros_like(param)
            if group["centered"]:
                state["grad_avg"] = np.zeros_like(param)
        state["step"] += 1
        if group["weight_decay"]:
            grad = grad + group["weight_decay"] * param
        alpha = group["alpha"]
        square_avg = state["square_avg"]
        square_avg *= alpha
        square_avg += (1 - alpha) * grad * grad
        if group["centered"]:
            grad_avg = state["grad_avg"]
            grad_avg += (1 - alpha) * (grad - grad_avg)
            avg = np.sqrt(square_avg - grad_avg * grad_avg) + group["eps"]
        else:
            avg = np.sqrt(square_avg) + group["eps"]
        if group["momentum"]:
            buffer = state["momentum_buffer"]
            buffer *= group["momentum"]
            buffer += grad / avg
            param -= group["lr"] * buffer
        else:
            param -= group["lr"] * grad / avg


class Adagrad(Optimizer):
    """Adagrad: per-coordinate step sizes from the sum of all past squared gradients.

    Parameters
    ----------
    lr : float, default 1e-2
    lr_decay, weight_decay : float, default 0
    initial_accumulator_value : float, default 0
    eps : float, default 1e-10
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        lr_decay: float = 0.0,
        weight_decay: float = 0.0,
        initial_accumulator_value: float = 0.0,
        eps: float = 1e-10,
    ) -> None:
        _check(lr >= 0, f"learning rate must be >= 0, got {lr}")
        _check(lr_decay >= 0 and weight_decay >= 0 and eps >= 0, "lr_decay, weight_decay, eps >= 0")
        _check(initial_accumulator_value >= 0, "initial_accumulator_value must be >= 0")
        defaults = dict(
            lr=lr,
            lr_decay=lr_decay,
            weight_decay=weight_decay,
            initial_accumulator_value=initial_accumulator_value,
            eps=eps,
        )
        super().__init__(params, defaults)

    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict, group: dict) -> None:
        if not state:
            state["step"] = 0
            state["sum"] = np.full_like(param, group["initial_accumulator_value"])
        state["step"] += 1
        if group["weight_decay"]:
            grad = grad + group["weight_decay"] * param
        lr = group["lr"] / (1 + (state["step"] - 1) * group["lr_decay"])
        state["sum"] += grad * grad
        param -= lr * grad / (np.sqrt(state["sum"]) + group["eps"])


class Adam(Optimizer):
    """Adam: momentum on the gradient and on its square, with bias correction.

    Parameters
    ----------
    lr : float, default 1e-3
    betas : (float, float), default (0.9, 0.999)
    eps : float, default 1e-8
    weight_decay : float, default 0
        L2 penalty added to the gradient (see ``AdamW`` for decoupled decay).
    amsgrad : bool, default False
        Use the running maximum of the second moment.

    Raises
    ------
    DomainError
        If a beta is outside ``[0, 1)`` or another hyperparameter is negative.
    """

    decoupled_weight_decay = False

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        amsgrad: bool = False,
    ) -> None:
        _check(lr >= 0, f"learning rate must be >= 0, got {lr}")
        _check(all(0 <= b < 1 for b in betas), f"betas must be in [0, 1), got {betas}")
        _check(eps >= 0 and weight_decay >= 0, "eps and weight_decay must be >= 0")
        defaults = dict(lr=lr, betas=tuple(betas), eps=eps, weight_decay=weight_decay)
        super().__init__(params, {**defaults, "amsgrad": amsgrad})

    def _update(self, param: np.ndarray, grad: np.ndarray, state: dict, group: dict) -> None:
        if not state:
            state["step"] = 0
            state["exp_avg"] = np.zeros_like(param)
            state["exp_avg_sq"] = np.zeros_like(param)
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = np.zeros_like(param)
        state["step"] += 1
        t = state["step"]
        lr, (beta1, beta2), decay = group["lr"], group["betas"], group["weight_decay"]
        if decay:
            if self.decoupled_weight_decay:
                param *= 1 - lr * decay
            else:
                grad = grad + decay * param
        exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
        exp_avg += (1 - beta1) * (grad - exp_avg)  # = β₁m + (1-β₁)g, as torch's lerp
        exp_avg_sq *= beta2
        exp_avg_sq += (1 - beta2) * grad * grad
        if group["amsgrad"]:
            np.maximum(state["max_exp_avg_sq"], exp_avg_sq, out=state["max_exp_avg_sq"])
            second = state["max_exp_avg_sq"]
        else:
            second = exp_avg_sq
        step_size = lr / (1 - beta1**t)
        denominator = np.sqrt(second) / math.sqrt(1 - beta2**t) + group["eps"]
        param -= step_size * exp_avg / denominator


class AdamW(Adam):
    """Adam with decoupled weight decay: ``θ ← θ(1 - γλ)`` before the Adam step.

    Same parameters as ``Adam``, with ``weight_decay`` defaulting to 1e-2.
    """

    decoupled_weight_decay = True

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad)
