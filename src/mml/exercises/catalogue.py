"""Importing this module registers every exercise kind (one module per chapter group)."""

from mml.exercises import (  # noqa: F401
    calculus,
    geometry_decompositions,
    linear_algebra,
    models,
    optimisation,
    probability,
)
