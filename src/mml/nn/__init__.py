"""Neural networks with PyTorch's names (MML book §5.6), built on ``mml.autodiff``.

``Module``/``Parameter``, the layers ``Linear``, ``Sequential``, ``ReLU``, ``Sigmoid``,
``Tanh``, ``GELU``, ``Softmax``, ``Dropout``, the network ``MLP(sizes, activation)``, the
losses ``mse_loss``, ``cross_entropy``, ``binary_cross_entropy_with_logits``,
``hinge_loss``, and Xavier/He initialisers in ``mml.nn.init``. Networks are float32 by
default; pass ``dtype=np.float64`` for double precision.

Examples
--------
>>> import numpy as np
>>> from mml.nn import MLP, cross_entropy
>>> net = MLP([3, 8, 2], rng=0)
>>> loss = cross_entropy(net(np.ones((4, 3))), np.array([0, 1, 1, 0]))
>>> loss.backward()
>>> net[0].weight.grad.shape
(8, 3)
"""

from __future__ import annotations

from mml.nn import init
from mml.nn.layers import GELU, Dropout, Identity, Linear, ReLU, Sigmoid, Softmax, Tanh
from mml.nn.losses import binary_cross_entropy_with_logits, cross_entropy, hinge_loss, mse_loss
from mml.nn.mlp import MLP
from mml.nn.module import Module, Parameter, Sequential

__all__ = [
    "init",
    "Module",
    "Parameter",
    "Sequential",
    "Linear",
    "Identity",
    "ReLU",
    "Sigmoid",
    "Tanh",
    "GELU",
    "Softmax",
    "Dropout",
    "MLP",
    "mse_loss",
    "cross_entropy",
    "binary_cross_entropy_with_logits",
    "hinge_loss",
]
