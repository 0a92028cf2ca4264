"""``Module`` and ``Parameter``: the PyTorch way of holding a model's weights.

A ``Module`` registers every ``Parameter`` and sub-``Module`` assigned to it as an
attribute, so ``parameters()`` finds all weights of a network, in order, with dotted
names (``"0.weight"``). ``state_dict``/``load_state_dict`` copy them out and back in.

Examples
--------
>>> import numpy as np
>>> from mml.nn import Module, Parameter
>>> class Scale(Module):
...     def __init__(self):
...         super().__init__()
...         self.factor = Parameter(np.array([2.0], dtype=np.float32))
...     def forward(self, x):
...         return x * self.factor
>>> model = Scale()
>>> [name for name, _ in model.named_parameters()]
['factor']
>>> model(np.array([1.5], dtype=np.float32))
Tensor([3.], requires_grad=True)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import numpy as np

from mml.autodiff import Tensor
from mml.errors import MMLError, ShapeError

__all__ = ["Parameter", "Module", "Sequential"]


class Parameter(Tensor):
    """A tensor that is a weight of a module: ``requires_grad`` is on by default.

    Parameters
    ----------
    data : array_like
        Initial values (float32 unless the array says otherwise).
    requires_grad : bool, default True
    """

    def __init__(self, data: Any, requires_grad: bool = True) -> None:
        super().__init__(data, requires_grad=requires_grad)

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()


class Module:
    """Base class of layers and networks (PyTorch's ``nn.Module``).

    Subclasses call ``super().__init__()`` first, assign parameters and sub-modules as
    attributes, and define ``forward``. Calling the module calls ``forward``.
    """

    def __init__(self) -> None:
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "training", True)

    def __setattr__(self, name: str, value: Any) -> None:
        if "_parameters" not in self.__dict__:
            raise MMLError(
                f"{type(self).__name__}.__init__ must call super().__init__() before "
                f"assigning attributes (tried to set '{name}')"
            )
        self._parameters.pop(name, None)
        self._modules.pop(name, None)
        if isinstance(value, Parameter):
            self._parameters[name] = value
        elif isinstance(value, Module):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def forward(self, *args: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def __call__(self, *args: Any) -> Any:
        return self.forward(*args)

    # -- parameters ----------------------------------------------------------------------

    def named_parameters(self, prefix: str = "") -> Iterator[tuple[str, Parameter]]:
        """Yield ``(dotted name, parameter)`` for this module and every sub-module."""
        seen: set[int] = set()
        for name, module in self.named_modules(prefix):
            for pname, p in module._parameters.items():
                if id(p) not in seen:
                    seen.add(id(p))
                    yield (f"{name}.{pname}" if name else pname), p

    def parameters(self) -> Iterator[Parameter]:
        """Yield every parameter once (shared parameters are not repeated)."""
        for _, p in self.named_parameters():
            yield p

    def named_modules(self, prefix: str = "") -> Iterator[tuple[str, Module]]:
        """Yield ``(dotted name, module)`` for this module and all sub-modules, depth first."""
        yield prefix, self
        for name, child in self._modules.items():
            yield from child.named_modules(f"{prefix}.{name}" if prefix else name)

    def children(self) -> Iterator[Module]:
        """Yield the direct sub-modules."""
        yield from self._modules.values()

    def zero_grad(self) -> None:
        """Reset ``.grad`` of every parameter to None."""
        for p in self.parameters():
            p.grad = None

    def train(self, mode: bool = True) -> Module:
        """Switch training behaviour (``Dropout``) on or off, recursively; returns self."""
        for _, module in self.named_modules():
            object.__setattr__(module, "training", mode)
        return self

    def eval(self) -> Module:
        """Evaluation mode: the same as ``train(False)``."""
        return self.train(False)

    def to(self, dtype: Any) -> Module:
        """Convert every parameter to ``dtype`` (float32 by default; float64 allowed)."""
        for p in self.parameters():
            p._value = np.asarray(p._value).astype(dtype)
            p._version += 1
            p.grad = None
        return self

    def state_dict(self) -> OrderedDict[str, np.ndarray]:
        """A copy of every parameter's values, by dotted name."""
        return OrderedDict((name, p.data.copy()) for name, p in self.named_parameters())

    def load_state_dict(self, state: dict[str, Any], strict: bool = True) -> None:
        """Copy values from ``state`` into the parameters of the same names.

        Raises
        ------
        MMLError
            With ``strict``, if names are missing or unexpected (both are listed).
        ShapeError
            If a value's shape differs from its parameter's.
        """
        own = dict(self.named_parameters())
        missing = sorted(set(own) - set(state))
        unexpected = sorted(set(state) - set(own))
        if strict and (missing or unexpected):
            raise MMLError(f"state_dict mismatch: missing {missing}, unexpected {unexpected}")
        for name, value in state.items():
            if name not in own:
                continue
            p = own[name]
            value = np.asarray(value)
            if value.shape != p.shape:
                raise ShapeError(
                    f"state_dict entry '{name}' has shape {value.shape}, parameter has {p.shape}"
                )
            p._value = value.astype(p.dtype, copy=True)
            p._version += 1

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        lines = [f"{type(self).__name__}({self.extra_repr()}"]
        for name, child in self._modules.items():
            child_lines = repr(child).split("\n")
            lines.append(f"  ({name}): " + "\n  ".join(child_lines))
        return lines[0] + ")" if len(lines) == 1 else "\n".join(lines) + "\n)"


class Sequential(Module):
    """Apply modules one after another: ``Sequential(f, g)(x) = g(f(x))``.

    Examples
    --------
    >>> from mml.nn import Linear, ReLU, Sequential
    >>> net = Sequential(Linear(3, 4, rng=0), ReLU(), Linear(4, 2, rng=1))
    >>> [name for name, _ in net.named_parameters()]
    ['0.weight', '0.bias', '2.weight', '2.bias']
    """

    def __init__(self, *modules: Module) -> None:
        super().__init__()
        for i, module in enumerate(modules):
            if not isinstance(module, Module):
                raise MMLError(f"Sequential item {i} is a {type(module).__name__}, not a Module")
            setattr(self, str(i), module)

    def __len__(self) -> int:
        return len(self._modules)

    def __getitem__(self, index: int) -> Module:
        return list(self._modules.values())[index]

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def forward(self, x: Any) -> Any:
        for module in self._modules.values():
            x = module(x)
        return x
