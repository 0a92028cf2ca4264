"""``MLP``: the multi-layer perceptron of the lecture and of MML book §5.6.

A network with layer sizes ``[n_0, n_1, ..., n_L]`` computes

    f_0 = x,    f_k = σ(f_{k-1} W_kᵀ + b_k)  for k = 1..L-1,    f_L = f_{L-1} W_Lᵀ + b_L,

where ``W_k`` has shape ``(n_k, n_{k-1})`` (one row per unit of layer k, one column per
unit feeding it) and ``b_k`` has shape ``(n_k,)``. The last layer has no activation: its
outputs are logits or regression values, and the loss applies softmax or sigmoid itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from mml.errors import DomainError
from mml.nn.init import as_generator
from mml.nn.layers import GELU, Identity, Linear, ReLU, Sigmoid, Tanh
from mml.nn.module import Module, Sequential

__all__ = ["MLP"]

ACTIVATIONS: dict[str, type[Module]] = {
    "relu": ReLU,
    "tanh": Tanh,
    "sigmoid": Sigmoid,
    "gelu": GELU,
    "identity": Identity,
}


class MLP(Sequential):
    """Fully connected network ``Linear → activation → ... → Linear``.

    Parameters
    ----------
    sizes : sequence of int
        ``[inputs, hidden_1, ..., outputs]``; at least two entries.
    activation : {"relu", "tanh", "sigmoid", "gelu", "identity"} or Module class
        Nonlinearity after every layer but the last.
    bias : bool, default True
    dtype : data-type, default float32
    rng : int or numpy.random.Generator, optional
        Seed for the initial weights (PyTorch's ``Linear`` initialisation).

    Raises
    ------
    DomainError
        If fewer than two sizes are given, a size is not positive, or the activation is
        unknown.

    Examples
    --------
    The lecture's network: 3 inputs, one hidden layer of 4 units, 2 outputs.

    >>> import numpy as np
    >>> from mml.nn import MLP
    >>> net = MLP([3, 4, 2], activation="tanh", rng=0)
    >>> net
    MLP(
      (0): Linear(in_features=3, out_features=4, bias=True)
      (1): Tanh()
      (2): Linear(in_features=4, out_features=2, bias=True)
    )

    Every weight's shape, and why:

    >>> for name, p in net.named_parameters():
    ...     print(f"{name:9s} {str(p.shape):7s} {p.dtype}")
    0.weight  (4, 3)  float32
    0.bias    (4,)    float32
    2.weight  (2, 4)  float32
    2.bias    (2,)    float32

    * ``0.weight`` is 4×3: each of the 4 hidden units has one weight per input (3);
      row ``j`` holds the weights into hidden unit ``j``.
    * ``0.bias`` has 4 entries, one per hidden unit.
    * ``2.weight`` is 2×4: each of the 2 outputs has one weight per hidden unit (4).
    * ``2.bias`` has 2 entries, one per output.

    That is 4·3 + 4 + 2·4 + 2 = 26 numbers; the hidden width (4 here) is a free choice.

    >>> sum(p.size for p in net.parameters())
    26
    >>> x = np.array([[1.0, 0.0, -1.0]])            # one input, as a row: shape (1, 3)
    >>> net(x).shape                                 # f = tanh(x W0ᵀ + b0) W2ᵀ + b2
    (1, 2)
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str | type[Module] = "relu",
        bias: bool = True,
        dtype: Any = np.float32,
        rng: Any = None,
    ) -> None:
        sizes = [int(n) for n in sizes]
        if len(sizes) < 2:
            raise DomainError(f"MLP needs at least [inputs, outputs], got sizes {sizes}")
        if min(sizes) < 1:
            raise DomainError(f"MLP layer sizes must be positive, got {sizes}")
        if isinstance(activation, str):
            if activation not in ACTIVATIONS:
                raise DomainError(
                    f"unknown activation '{activation}'; choose from {sorted(ACTIVATIONS)}"
                )
            activation = ACTIVATIONS[activation]
        generator = as_generator(rng)
        layers: list[Module] = []
        for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            layers.append(Linear(n_in, n_out, bias=bias, dtype=dtype, rng=generator))
            if k < len(sizes) - 2:
                layers.append(activation())
        super().__init__(*layers)
        self.sizes = tuple(sizes)
