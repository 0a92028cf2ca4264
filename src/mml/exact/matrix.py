"""An immutable matrix of exact rational numbers, and the one validator that builds it.

``as_matrix`` accepts what students and instructors have at hand: a ``Matrix``, nested
lists of ints / Fractions / decimal strings, integer or Fraction NumPy arrays, floats (read
by their shortest decimal spelling, so ``0.1`` is 1/10) and math text (``"1 2; 3 4"``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from numbers import Rational
from typing import Any

from mml.errors import DomainError, ShapeError
from mml.steps.mathtext import latex_value, matrix_latex, matrix_text_lines

__all__ = [
    "Matrix",
    "AugmentedMatrix",
    "as_matrix",
    "as_vector",
    "as_fraction",
    "MatrixLike",
    "identity",
]

MatrixLike = Any  # Matrix | nested sequences | numpy array | str


# Fractions are immutable, so the small integers can be shared: building a matrix of small
# integers (the usual exercise) then costs a dictionary lookup per entry.
_SMALL_INTEGERS = {n: Fraction(n) for n in range(-256, 257)}


def small_integer_fraction(n: int) -> Fraction:
    """``Fraction(n)`` for an int, shared for |n| ≤ 256.

    >>> small_integer_fraction(3) is small_integer_fraction(3)
    True
    """
    cached = _SMALL_INTEGERS.get(n)
    return cached if cached is not None else Fraction(n)


def as_fraction(value: Any, where: str = "entry") -> Fraction:
    """One exact rational number from an int, Fraction, decimal string or finite float.

    Raises
    ------
    DomainError
        For NaN, infinity, or a value that is not a real number.

    >>> as_fraction(0.1), as_fraction("3/4"), as_fraction(2)
    (Fraction(1, 10), Fraction(3, 4), Fraction(2, 1))
    """
    kind = type(value)
    if kind is int:
        return small_integer_fraction(value)
    if kind is Fraction:
        return value
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        return Fraction(int(value))
    if isinstance(value, (int, Rational)):
        return Fraction(value)
    if hasattr(value, "dtype") and getattr(value, "shape", None) == ():
        value = value.item()  # a NumPy scalar
        if isinstance(value, int):
            return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DomainError(f"{where} is {value}; exact arithmetic needs finite numbers")
        return Fraction(repr(value))
    if isinstance(value, str):
        from mml.parse import constant_value, parse_expression

        return constant_value(parse_expression(value), value)
    raise DomainError(
        f"{where} is {value!r} of type {type(value).__name__}; expected a rational number"
    )


class Matrix:
    """An immutable m×n matrix of :class:`fractions.Fraction`.

    Parameters
    ----------
    rows : nested sequence, Matrix, NumPy array or str
        See :func:`as_matrix` for everything that is accepted.

    Examples
    --------
    >>> A = Matrix([[3, 1], [4, -2]])
    >>> A.shape
    (2, 2)
    >>> A[1, 0], A.T[0, 1]
    (Fraction(4, 1), Fraction(4, 1))
    >>> print(A @ A)
    [ 13  1 ]
    [  4  8 ]
    >>> (A - A) == Matrix.zeros(2, 2)
    True
    """

    __slots__ = ("_rows", "_ncols")

    def __init__(self, rows: Any) -> None:
        if isinstance(rows, Matrix):
            self._rows, self._ncols = rows._rows, rows._ncols
            return
        built = as_matrix(rows)
        self._rows, self._ncols = built._rows, built._ncols

    @classmethod
    def _trusted(cls, rows: tuple[tuple[Fraction, ...], ...], ncols: int | None = None) -> Matrix:
        """Build from rows already known to be tuples of Fractions of equal length."""
        matrix = object.__new__(cls)
        matrix._rows = rows
        matrix._ncols = len(rows[0]) if rows else (ncols or 0)
        return matrix

    # -- constructors ---------------------------------------------------------------
    @classmethod
    def zeros(cls, m: int, n: int) -> Matrix:
        """The m×n zero matrix."""
        zero = Fraction(0)
        return cls._trusted(tuple((zero,) * n for _ in range(m)), n)

    @classmethod
    def identity(cls, n: int) -> Matrix:
        """The n×n identity matrix."""
        one, zero = Fraction(1), Fraction(0)
        return cls._trusted(
            tuple(tuple(one if i == j else zero for j in range(n)) for i in range(n)), n
        )

    @classmethod
    def from_columns(cls, columns: Iterable[Iterable[Any]]) -> Matrix:
        """The matrix whose columns are the given vectors.

        >>> Matrix.from_columns([(1, 2), (3, 4)]).tolist() == [[1, 3], [2, 4]]
        True
        """
        return as_matrix([list(column) for column in columns]).T

    @classmethod
    def from_numpy(cls, array: Any) -> Matrix:
        """An exact matrix from a 2-D NumPy array (ints, Fractions, or floats read as decimals)."""
        return as_matrix(array)

    # -- shape and access -------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        return (len(self._rows), self._ncols)

    @property
    def rows(self) -> tuple[tuple[Fraction, ...], ...]:
        """The rows, as tuples of Fractions."""
        return self._rows

    @property
    def columns(self) -> tuple[tuple[Fraction, ...], ...]:
        """The columns, as tuples of Fractions."""
        return tuple(zip(*self._rows)) if self._rows else tuple(() for _ in range(self._ncols))

    def row(self, i: int) -> tuple[Fraction, ...]:
        return self._rows[i]

    def column(self, j: int) -> tuple[Fraction, ...]:
        return tuple(row[j] for row in self._rows)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, tuple):
            i, j = index
            if isinstance(i, int) and isinstance(j, int):
                return self._rows[i][j]
            picked = self._rows[i] if isinstance(i, slice) else (self._rows[i],)
            if isinstance(j, int):
                return tuple(row[j] for row in picked)
            return Matrix._trusted(tuple(tuple(row[j]) for row in picked))
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self):
        return iter(self._rows)

    # -- arithmetic -------------------------------------------------------------------
    def _check_same_shape(self, other: Matrix, op: str) -> None:
        if self.shape != other.shape:
            raise ShapeError(f"cannot {op} matrices of shapes {self.shape} and {other.shape}")

    def __add__(self, other: Any) -> Matrix:
        other = as_matrix(other)
        self._check_same_shape(other, "add")
        return Matrix._trusted(
            tuple(tuple(a + b for a, b in zip(r, s)) for r, s in zip(self._rows, other._rows)),
            self._ncols,
        )

    def __sub__(self, other: Any) -> Matrix:
        other = as_matrix(other)
        self._check_same_shape(other, "subtract")
        return Matrix._trusted(
            tuple(tuple(a - b for a, b in zip(r, s)) for r, s in zip(self._rows, other._rows)),
            self._ncols,
        )

    def __neg__(self) -> Matrix:
        return Matrix._trusted(tuple(tuple(-a for a in r) for r in self._rows), self._ncols)

    def __mul__(self, scalar: Any) -> Matrix:
        if isinstance(scalar, Matrix):
            raise ShapeError("use @ for the matrix product; * multiplies by a scalar")
        factor = as_fraction(scalar, "scalar")
        return Matrix._trusted(tuple(tuple(a * factor for a in r) for r in self._rows), self._ncols)

    __rmul__ = __mul__

    def __truediv__(self, scalar: Any) -> Matrix:
        factor = as_fraction(scalar, "scalar")
        if factor == 0:
            raise DomainError("division of a matrix by zero")
        return self * (1 / factor)

    def __matmul__(self, other: Any) -> Matrix | tuple[Fraction, ...]:
        if isinstance(other, (tuple, list)) and other and not isinstance(other[0], (list, tuple)):
            vector = as_vector(other)
            if len(vector) != self._ncols:
                raise ShapeError(
                    f"cannot multiply a {self.shape} matrix by a vector of length {len(vector)}"
                )
            return tuple(
                sum((a * x for a, x in zip(row, vector)), Fraction(0)) for row in self._rows
            )
        other = as_matrix(other)
        if self._ncols != other.shape[0]:
            raise ShapeError(f"cannot multiply matrices of shapes {self.shape} and {other.shape}")
        columns = other.columns
        zero = Fraction(0)
        return Matrix._trusted(
            tuple(
                tuple(sum((a * b for a, b in zip(row, col)), zero) for col in columns)
                for row in self._rows
            ),
            other.shape[1],
        )

    def __rmatmul__(self, other: Any) -> Matrix:
        return as_matrix(other) @ self

    @property
    def T(self) -> Matrix:
        """The transpose."""
        return Matrix._trusted(self.columns, len(self._rows))

    def __pow__(self, exponent: int) -> Matrix:
        if self.shape[0] != self.shape[1]:
            raise ShapeError(f"only a square matrix has powers; this one is {self.shape}")
        if not isinstance(exponent, int) or exponent < 0:
            raise DomainError(f"matrix power {exponent!r}: expected an integer ≥ 0 (use inverse)")
        result, base = Matrix.identity(self.shape[0]), self
        while exponent:
            if exponent & 1:
                result = result @ base
            base = base @ base
            exponent >>= 1
        return result

    # -- comparison and conversion ----------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Matrix):
            try:
                other = as_matrix(other)
            except (ValueError, TypeError):
                return NotImplemented
        return self.shape == other.shape and self._rows == other._rows

    def __hash__(self) -> int:
        return hash((self.shape, self._rows))

    def tolist(self) -> list[list[Fraction]]:
        """Rows as lists of Fractions."""
        return [list(row) for row in self._rows]

    def to_numpy(self, dtype: Any = float) -> Any:
        """A NumPy array (float64 by default; ``dtype=object`` keeps the Fractions)."""
        import numpy as np

        return np.array(self.tolist(), dtype=dtype).reshape(self.shape)

    def is_square(self) -> bool:
        return self.shape[0] == self.shape[1]

    def is_integer(self) -> bool:
        return all(a.denominator == 1 for row in self._rows for a in row)

    def hstack(self, other: Any) -> Matrix:
        """``[self | other]`` as one matrix."""
        other = as_matrix(other)
        if other.shape[0] != self.shape[0]:
            raise ShapeError(
                f"cannot put side by side matrices of shapes {self.shape} and {other.shape}"
            )
        return Matrix._trusted(
            tuple(r + s for r, s in zip(self._rows, other._rows)), self._ncols + other._ncols
        )

    # -- display ----------------------------------------------------------------------
    bar_before: int | None = None

    def __str__(self) -> str:
        return "\n".join(matrix_text_lines(self.tolist(), self.bar_before))

    def __repr__(self) -> str:
        def entry(a: Fraction) -> str:
            return str(a.numerator) if a.denominator == 1 else f"'{a}'"

        body = ", ".join("[" + ", ".join(entry(a) for a in row) + "]" for row in self._rows)
        return f"{type(self).__name__}([{body}])"

    def __mml_latex__(self) -> str:
        return matrix_latex(self.tolist(), self.bar_before)

    def _repr_latex_(self) -> str:
        return f"$${self.__mml_latex__()}$$"


class AugmentedMatrix(Matrix):
    """A matrix shown with a bar before column ``bar_before``: ``[A | b]``.

    >>> M = AugmentedMatrix.from_parts([[3, 1], [4, -2]], [[9], [5]])
    >>> print(M)
    [ 3   1 | 9 ]
    [ 4  -2 | 5 ]
    """

    __slots__ = ("bar_before",)

    @classmethod
    def from_parts(cls, left: Any, right: Any) -> AugmentedMatrix:
        left_matrix = as_matrix(left)
        whole = left_matrix.hstack(right)
        return cls._with_bar(whole._rows, whole.shape[1], left_matrix.shape[1])

    @classmethod
    def _with_bar(
        cls, rows: tuple[tuple[Fraction, ...], ...], ncols: int, bar: int
    ) -> AugmentedMatrix:
        matrix = cls._trusted(rows, ncols)
        matrix.bar_before = bar
        return matrix

    @property
    def left(self) -> Matrix:
        """The part before the bar (``A`` of ``[A | b]``)."""
        return self[:, : self.bar_before]

    @property
    def right(self) -> Matrix:
        """The part after the bar (``b`` of ``[A | b]``)."""
        return self[:, self.bar_before :]


def identity(n: int) -> Matrix:
    """The n×n identity matrix (exact)."""
    return Matrix.identity(n)


def as_matrix(value: Any, name: str = "matrix") -> Matrix:
    """The one validator for exact-matrix input.

    Parameters
    ----------
    value : Matrix, nested sequence, 2-D NumPy array, or str
        Rows of numbers; text is read by :func:`mml.parse.parse_matrix`.
    name : str
        How to call the argument in error messages.

    Raises
    ------
    ShapeError
        If the rows have different lengths or the input is not two-dimensional.
    DomainError
        For entries that are not finite rational numbers.
    ParseError
        For text that is not a matrix.

    Examples
    --------
    >>> as_matrix("1 2; 3 4") == as_matrix([[1, 2], [3, 4]])
    True
    >>> as_matrix([[1, 2], [3]])
    Traceback (most recent call last):
        ...
    mml.errors.ShapeError: matrix has rows of different lengths [2, 1]
    """
    if isinstance(value, Matrix):
        return value
    if isinstance(value, str):
        from mml.parse import parse_matrix

        return Matrix._trusted(tuple(tuple(row) for row in parse_matrix(value)))
    if hasattr(value, "tolist") and hasattr(value, "ndim"):
        if value.ndim != 2:
            raise ShapeError(f"{name} must be two-dimensional; got an array of shape {value.shape}")
        if value.dtype.kind == "c":
            raise DomainError(
                f"{name} has complex entries; exact arithmetic here is over the rationals"
            )
        ncols = value.shape[1]
        value = value.tolist()
        if not value:
            return Matrix._trusted((), ncols)
    if not isinstance(value, Sequence) or isinstance(value, (bytes, bytearray)):
        raise ShapeError(f"{name} must be a list of rows; got {type(value).__name__}")
    rows = []
    for i, row in enumerate(value):
        if type(row) in (list, tuple) and all(type(entry) is int for entry in row):
            rows.append(tuple(map(small_integer_fraction, row)))  # the common case, kept fast
            continue
        if (
            isinstance(row, str)
            or not isinstance(row, (Sequence, Iterable))
            or hasattr(row, "shape")
            and getattr(row, "ndim", 1) == 0
        ):
            raise ShapeError(f"{name} must be a list of rows; row {i} is {row!r}")
        rows.append(tuple(as_fraction(entry, f"{name}[{i}, {j}]") for j, entry in enumerate(row)))
    lengths = [len(row) for row in rows]
    if len(set(lengths)) > 1:
        raise ShapeError(f"{name} has rows of different lengths {lengths}")
    return Matrix._trusted(tuple(rows))


def as_vector(value: Any, name: str = "vector") -> tuple[Fraction, ...]:
    """The one validator for exact-vector input: a sequence, 1-D array, column or text.

    >>> as_vector("(1, 1/2)")
    (Fraction(1, 1), Fraction(1, 2))
    >>> as_vector([[1], [2]])
    (Fraction(1, 1), Fraction(2, 1))
    """
    if isinstance(value, str):
        from mml.parse import parse_vector

        return tuple(parse_vector(value))
    if isinstance(value, Matrix):
        if value.shape[1] == 1:
            return value.column(0)
        if value.shape[0] == 1:
            return value.row(0)
        raise ShapeError(f"{name} must be a vector; got a matrix of shape {value.shape}")
    if hasattr(value, "ndim"):
        if value.ndim == 2 and 1 in value.shape:
            value = value.reshape(-1)
        if value.ndim != 1:
            raise ShapeError(f"{name} must be one-dimensional; got shape {value.shape}")
        value = value.tolist()
    if not isinstance(value, Sequence):
        raise ShapeError(f"{name} must be a sequence of numbers; got {type(value).__name__}")
    if value and all(isinstance(v, (list, tuple)) and len(v) == 1 for v in value):
        value = [v[0] for v in value]
    return tuple(as_fraction(v, f"{name}[{i}]") for i, v in enumerate(value))


def latex(value: Any) -> str:
    """LaTeX for an exact value (re-exported for convenience)."""
    return latex_value(value)
