"""Pictures of the mathematics, drawn with matplotlib (imported lazily, inside each function).

Every function returns the matplotlib ``Figure`` and takes ``ax=`` to draw into an existing
axes (a sequence of axes for the functions that draw several panels). New figures are
plain ``matplotlib.figure.Figure`` objects: save them with ``fig.savefig(path)``; Jupyter
displays them.

=========================  ===========================================================
module                     functions
=========================  ===========================================================
``linear_systems`` (§2.1)  linear_system
``linear_maps`` (§2.7, 4)  linear_map, eigenvectors, svd_steps
``geometry`` (ch. 3)       angle_between, projection, gram_schmidt_steps
``graphs`` (§5.6)          computation_graph, adjoints
``probability`` (ch. 6)    density, gaussian_ellipses, conditioning, beta_binomial,
                           normal_normal
``optimisation`` (ch. 7)   contour, optimiser_paths
``evaluation`` (§8.2)      loss_curves, confusion_matrix, roc_curve, learning_curve,
                           validation_curve
``models`` (ch. 9–11)      regression_fit, pca_projection, scree_plot, gmm_iterations
``animation`` (§11.3)      gmm_animation (an animated GIF of EM)
``classifiers`` (ch. 12)   svm_margin, decision_boundary
=========================  ===========================================================

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from mml.plot import linear_system
>>> fig = linear_system("3x + y = 9; 4x - 2y = 5")
>>> [line.get_label() for line in fig.axes[0].lines if line.get_label() != "_axis"]
['3x + y = 9', '4x - 2y = 5', 'solution (2.3, 2.1)']
"""

from mml.plot.animation import gmm_animation
from mml.plot.classifiers import decision_boundary, svm_margin
from mml.plot.evaluation import (
    confusion_matrix,
    learning_curve,
    loss_curves,
    roc_curve,
    validation_curve,
)
from mml.plot.geometry import angle_between, gram_schmidt_steps, projection
from mml.plot.graphs import adjoints, computation_graph
from mml.plot.linear_maps import eigenvectors, linear_map, svd_steps
from mml.plot.linear_systems import linear_system
from mml.plot.models import gmm_iterations, pca_projection, regression_fit, scree_plot
from mml.plot.optimisation import contour, optimiser_paths
from mml.plot.probability import (
    beta_binomial,
    conditioning,
    density,
    gaussian_ellipses,
    normal_normal,
)

__all__ = [
    "linear_system",
    "linear_map",
    "eigenvectors",
    "svd_steps",
    "angle_between",
    "projection",
    "gram_schmidt_steps",
    "computation_graph",
    "adjoints",
    "density",
    "gaussian_ellipses",
    "conditioning",
    "beta_binomial",
    "normal_normal",
    "contour",
    "optimiser_paths",
    "loss_curves",
    "confusion_matrix",
    "roc_curve",
    "learning_curve",
    "validation_curve",
    "regression_fit",
    "pca_projection",
    "scree_plot",
    "gmm_iterations",
    "gmm_animation",
    "svm_margin",
    "decision_boundary",
]
