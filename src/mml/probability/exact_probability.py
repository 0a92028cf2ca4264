"""Exact probabilities for the Paper side: validation and formatting shared by the worked
solutions of chapter 6 (Bayes' rule, joint tables, conjugate updates)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from mml.errors import DomainError
from mml.exact.matrix import as_fraction

__all__ = ["as_probability", "as_distribution"]


def as_probability(value: Any, name: str) -> Fraction:
    """One probability as an exact Fraction in [0, 1] (``0.01``, ``"1/100"``, ``Fraction``).

    Raises
    ------
    DomainError
        If the value is not a number in [0, 1]; the message names the argument.

    >>> as_probability("0.95", "sensitivity")
    Fraction(19, 20)
    >>> as_probability(1.5, "prior")
    Traceback (most recent call last):
        ...
    mml.errors.DomainError: prior must be a probability in [0, 1]; got 3/2
    """
    probability = as_fraction(value, name)
    if not 0 <= probability <= 1:
        raise DomainError(f"{name} must be a probability in [0, 1]; got {probability}")
    return probability


def as_distribution(values: Mapping[str, Any], name: str) -> dict[str, Fraction]:
    """A discrete distribution {outcome: probability} that sums to exactly 1.

    Raises
    ------
    DomainError
        If an entry is outside [0, 1] or the entries do not sum to 1.
    """
    distribution = {key: as_probability(value, f"{name}[{key!r}]") for key, value in values.items()}
    if not distribution:
        raise DomainError(f"{name} is empty; expected at least one outcome")
    total = sum(distribution.values(), Fraction(0))
    if total != 1:
        raise DomainError(f"{name} must sum to 1; its probabilities sum to {total}")
    return distribution
