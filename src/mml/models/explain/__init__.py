"""Each model's mathematics on paper, with the numbers of a small example (``mml explain``).

- :func:`explain_linear_regression`: the normal equations and the MAP estimate (§9.2, §9.4);
- :func:`explain_pca`: covariance, eigen-decomposition, projections (§10.2–10.3);
- :func:`explain_gmm_iteration`: one EM iteration of a Gaussian mixture (§11.2–11.3);
- :func:`explain_svm_dual`: the SVM dual and its KKT conditions (§12.3).

Each returns a result whose ``steps`` is a :class:`mml.steps.Derivation`.
"""

from mml.models.explain.gaussian_mixture import (
    GMMIterationExplanation,
    explain_gmm_iteration,
)
from mml.models.explain.linear_regression import (
    LinearRegressionExplanation,
    explain_linear_regression,
)
from mml.models.explain.pca import PCAExplanation, explain_pca
from mml.models.explain.svm import SVMDualExplanation, explain_svm_dual

__all__ = [
    "LinearRegressionExplanation",
    "explain_linear_regression",
    "PCAExplanation",
    "explain_pca",
    "GMMIterationExplanation",
    "explain_gmm_iteration",
    "SVMDualExplanation",
    "explain_svm_dual",
]
