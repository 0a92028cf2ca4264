"""Importing this module registers every exercise kind (one module per chapter group)."""

from mml.exercises import calculus, linear_algebra, optimisation, probability  # noqa: F401
