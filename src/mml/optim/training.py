"""``fit``: the training loop, with a tqdm progress bar and a loss history.

One epoch: for every minibatch ``(x, y)``, clear the gradients, compute
``loss_fn(model(x), y)``, backpropagate, and let the optimiser take a step; then advance
the learning-rate schedule.

Examples
--------
>>> import numpy as np
>>> from mml.nn import MLP, mse_loss
>>> from mml.optim import SGD, DataLoader, fit
>>> rng = np.random.default_rng(0)
>>> X = rng.normal(size=(64, 2)).astype(np.float32)
>>> y = (X @ np.array([[1.0], [-2.0]], dtype=np.float32))
>>> model = MLP([2, 1], rng=0)                           # linear regression
>>> history = fit(model, mse_loss, SGD(model.parameters(), lr=0.1),
...               DataLoader(X, y, batch_size=16, shuffle=True, rng=0), epochs=20,
...               progress=False)
>>> history.epoch_losses[-1] < 1e-3 < history.epoch_losses[0]
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from mml.errors import DomainError
from mml.optim.optimizers import Optimizer

if TYPE_CHECKING:  # pragma: no cover
    from mml.nn.module import Module

__all__ = ["fit", "History"]


@dataclass
class History:
    """What happened during ``fit``.

    Attributes
    ----------
    losses : list of float
        The loss of every minibatch, in order.
    epoch_losses : list of float
        The mean minibatch loss of each epoch.
    learning_rates : list of float
        The learning rate of the first parameter group in each epoch.
    """

    losses: list[float] = field(default_factory=list)
    epoch_losses: list[float] = field(default_factory=list)
    learning_rates: list[float] = field(default_factory=list)


def fit(
    model: Module,
    loss_fn: Callable[[Any, Any], Any],
    optimizer: Optimizer,
    data: Iterable[Any],
    epochs: int = 1,
    scheduler: Any = None,
    progress: bool = True,
) -> History:
    """Train ``model`` for ``epochs`` passes over ``data``; return the ``History``.

    Parameters
    ----------
    model : Module
    loss_fn : callable
        ``loss_fn(prediction, target)`` returning a scalar tensor, e.g. ``cross_entropy``.
    optimizer : Optimizer
        Built on ``model.parameters()``.
    data : iterable of (inputs, target)
        A ``DataLoader`` or any re-iterable of batches.
    epochs : int, default 1
    scheduler : LRScheduler, optional
        Stepped once after each epoch.
    progress : bool, default True
        Show a tqdm progress bar with the running loss.

    Raises
    ------
    DomainError
        If ``epochs`` < 1, or the loss becomes NaN or infinite (the message names the
        epoch and step; a smaller learning rate usually helps).
    """
    if epochs < 1:
        raise DomainError(f"epochs must be >= 1, got {epochs}")
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is optional at run time
        tqdm = _plain_progress

    history = History()
    model.train()
    for epoch in range(epochs):
        history.learning_rates.append(optimizer.param_groups[0]["lr"])
        bar = tqdm(data, desc=f"epoch {epoch + 1}/{epochs}", disable=not progress, leave=False)
        epoch_losses = []
        for step, (*inputs, target) in enumerate(bar):
            optimizer.zero_grad()
            # Overflow is reported below as a clear error, not as NumPy warnings.
            with np.errstate(over="ignore", invalid="ignore"):
                loss = loss_fn(model(*inputs), target)
                loss.backward()
                optimizer.step()
            value = float(loss.item())
            if not math.isfinite(value):
                raise DomainError(
                    f"the loss became {value} at epoch {epoch + 1}, step {step + 1}; try a "
                    "smaller learning rate"
                )
            epoch_losses.append(value)
            bar.set_postfix(loss=f"{value:.4f}", refresh=False)
        bar.close()
        history.losses.extend(epoch_losses)
        history.epoch_losses.append(sum(epoch_losses) / max(len(epoch_losses), 1))
        if scheduler is not None:
            scheduler.step()
    return history


class _plain_progress:
    """Stand-in for tqdm when it is not installed: one line per epoch on stderr."""

    def __init__(self, iterable: Iterable[Any], desc: str = "", disable: bool = False, **_: Any):
        self.iterable, self.desc, self.disable, self.postfix = iterable, desc, disable, ""

    def __iter__(self):
        return iter(self.iterable)

    def set_postfix(self, refresh: bool = True, **values: Any) -> None:
        self.postfix = ", ".join(f"{k}={v}" for k, v in values.items())

    def close(self) -> None:
        if not self.disable:
            import sys

            print(f"{self.desc}: {self.postfix}", file=sys.stderr)
