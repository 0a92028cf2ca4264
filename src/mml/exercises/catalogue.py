"""Importing this module registers every exercise kind (one module per chapter group)."""

from mml.exercises import (  # noqa: F401
    beyond_the_book,
    calculus,
    gaussians_and_transforms,
    geometry_decompositions,
    latent_models,
    linear_algebra,
    models,
    optimisation,
    probability,
    spaces_and_maps,
)
