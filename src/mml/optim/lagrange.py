"""Lagrange multipliers on paper: a quadratic objective with linear equality constraints,
solved exactly with the stationarity system shown (book §7.2).

Examples
--------
>>> result = lagrange("x^2 + y^2", "x + y = 1")
>>> result.point, result.multipliers
({'x': Fraction(1, 2), 'y': Fraction(1, 2)}, {'λ1': Fraction(-1, 1)})
>>> result.value
Fraction(1, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from mml.errors import DomainError
from mml.parse import parse_equations, parse_expression
from mml.parse.polynomials import Polynomial, derivative, polynomial, polynomial_text
from mml.steps import Derivation, Step, fraction_text

__all__ = ["LagrangeResult", "lagrange"]


@dataclass(frozen=True)
class LagrangeResult:
    """The stationary point of the Lagrangian: ``point``, ``multipliers``, ``value`` = f(point)."""

    point: dict[str, Fraction]
    multipliers: dict[str, Fraction]
    value: Fraction
    steps: Derivation

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def _variables(polys: Sequence[Polynomial]) -> list[str]:
    names: list[str] = []
    for poly in polys:
        for monomial in poly:
            for name in monomial:
                if name not in names:
                    names.append(name)
    return names


def _evaluate(poly: Polynomial, point: dict[str, Fraction]) -> Fraction:
    total = Fraction(0)
    for monomial, coefficient in poly.items():
        term = coefficient
        for name in monomial:
            term *= point[name]
        total += term
    return total


def lagrange(objective: str, constraints: str | Sequence[str]) -> LagrangeResult:
    """Stationary points of ``f(x)`` subject to ``gᵢ(x) = 0`` via ``L = f + Σ λᵢ gᵢ``.

    Setting ``∂L/∂xⱼ = 0`` and ``∂L/∂λᵢ = gᵢ = 0`` gives a linear system when ``f`` is
    quadratic and the constraints are linear; it is solved exactly by Gaussian elimination.

    Parameters
    ----------
    objective : str
        A polynomial of degree ≤ 2, e.g. ``"x^2 + y^2"``.
    constraints : str or sequence of str
        Linear equations, e.g. ``"x + y = 1"`` (several separated by ``;``).

    Returns
    -------
    LagrangeResult

    Raises
    ------
    ParseError
        For text that cannot be read, an objective of degree > 2 or non-linear constraints.
    DomainError
        If the stationarity system has no solution or infinitely many.
    """
    f = polynomial(parse_expression(objective), objective, max_degree=2)
    texts = [constraints] if isinstance(constraints, str) else list(constraints)
    gs: list[Polynomial] = []
    for text in texts:
        for equation in parse_equations(text):
            lhs = polynomial(equation.lhs, text, max_degree=1)
            rhs = polynomial(equation.rhs, text, max_degree=1)
            gs.append({m: c for m, c in _subtract(lhs, rhs).items() if c})
    names = _variables([f, *gs])
    multipliers = [f"λ{i + 1}" for i in range(len(gs))]
    derivation = Derivation(f"Minimise {objective} subject to " + "; ".join(texts))
    lagrangian_terms = " + ".join(
        f"{lam}·({polynomial_text(g)})" for lam, g in zip(multipliers, gs)
    )
    derivation.add(Step("lagrangian", f"L(x, λ) = {polynomial_text(f)} + {lagrangian_terms}"))
    equations = []
    for name in names:
        partial = dict(derivative(f, name))
        for lam, g in zip(multipliers, gs):
            coefficient = g.get((name,), Fraction(0))
            if coefficient:
                partial[(lam,)] = partial.get((lam,), Fraction(0)) + coefficient
        equation = f"{polynomial_text(partial)} = 0"
        equations.append(equation)
        derivation.add(Step("stationarity", f"∂L/∂{name} = {equation}"))
    for lam, g in zip(multipliers, gs):
        constant = g.get((), Fraction(0))
        linear = {m: c for m, c in g.items() if m}
        equation = f"{polynomial_text(linear)} = {fraction_text(-constant)}"
        equations.append(equation)
        derivation.add(Step("constraint", f"∂L/∂{lam} = 0 gives back the constraint {equation}"))
    from mml.exact.systems import solve

    system = solve("; ".join(equations))
    derivation.extend(system.steps)
    if system.kind != "unique":
        raise DomainError(
            "the stationarity system has "
            + ("no solution" if system.kind == "none" else "infinitely many solutions")
            + "; there is no unique stationary point"
        )
    values = system.as_dict()
    point = {name: values.get(name, Fraction(0)) for name in names}
    lambdas = {lam: values.get(lam, Fraction(0)) for lam in multipliers}
    value = _evaluate(f, point)
    derivation.result = ", ".join(
        f"{k} = {fraction_text(v)}" for k, v in {**point, **lambdas}.items()
    )
    derivation.conclusion.append(f"f at the stationary point = {fraction_text(value)}")
    return LagrangeResult(point, lambdas, value, derivation)


def _subtract(p: Polynomial, q: Polynomial) -> Polynomial:
    out = dict(p)
    for m, c in q.items():
        out[m] = out.get(m, Fraction(0)) - c
    return out
