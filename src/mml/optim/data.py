"""``DataLoader``: minibatches of arrays, optionally shuffled each epoch (as PyTorch's).

Examples
--------
>>> import numpy as np
>>> from mml.optim.data import DataLoader
>>> X, y = np.arange(10.0).reshape(5, 2), np.arange(5)
>>> loader = DataLoader(X, y, batch_size=2)
>>> len(loader)
3
>>> [yb.tolist() for _, yb in loader]
[[0, 1], [2, 3], [4]]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from mml.errors import DomainError, ShapeError

__all__ = ["DataLoader"]


class DataLoader:
    """Iterate over aligned arrays in minibatches of ``batch_size`` rows.

    Parameters
    ----------
    *arrays : array_like
        Arrays with the same first dimension (inputs, targets, ...).
    batch_size : int, default 1
    shuffle : bool, default False
        Draw a new random order of the rows at the start of every pass.
    drop_last : bool, default False
        Skip the last batch if it is smaller than ``batch_size``.
    rng : int or numpy.random.Generator, optional
        Seed of the shuffling.

    Yields
    ------
    tuple of numpy.ndarray
        One slice of each array per batch.

    Raises
    ------
    ShapeError
        If the arrays have different numbers of rows, or no array is given.
    DomainError
        If ``batch_size`` < 1.
    """

    def __init__(
        self,
        *arrays: Any,
        batch_size: int = 1,
        shuffle: bool = False,
        drop_last: bool = False,
        rng: Any = None,
    ) -> None:
        if not arrays:
            raise ShapeError("DataLoader needs at least one array")
        self.arrays = tuple(np.asarray(a) for a in arrays)
        lengths = {len(a) if a.ndim else -1 for a in self.arrays}
        if len(lengths) != 1 or -1 in lengths:
            shapes = [a.shape for a in self.arrays]
            raise ShapeError(f"DataLoader arrays need the same number of rows, got {shapes}")
        if int(batch_size) < 1:
            raise DomainError(f"batch_size must be >= 1, got {batch_size}")
        self.n_samples = lengths.pop()
        self.batch_size = int(batch_size)
        self.shuffle = bool(shuffle)
        self.drop_last = bool(drop_last)
        self.rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)

    def __len__(self) -> int:
        if self.drop_last:
            return self.n_samples // self.batch_size
        return -(-self.n_samples // self.batch_size)

    def __iter__(self) -> Iterator[tuple[np.ndarray, ...]]:
        n, size = self.n_samples, self.batch_size
        order = self.rng.permutation(n) if self.shuffle else None
        for start in range(0, n, size):
            stop = min(start + size, n)
            if self.drop_last and stop - start < size:
                return
            if order is None:
                yield tuple(a[start:stop] for a in self.arrays)
            else:
                rows = order[start:stop]
                yield tuple(a[rows] for a in self.arrays)
