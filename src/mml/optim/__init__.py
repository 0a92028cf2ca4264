"""Continuous optimisation (MML book ch. 7) and the optimisers that train models.

``minimize`` (gradient descent, momentum, Newton, BFGS, L-BFGS), line searches, projections
and projected gradient, ``linprog`` (simplex) and ``quadprog`` (active set) follow the names
of ``scipy.optimize``; the training optimisers follow ``torch.optim``.

Examples
--------
>>> import numpy as np
>>> from mml.optim import minimize
>>> res = minimize(lambda x: float((x[0] - 2.0) ** 2), np.array([0.0]))
>>> np.round(res.x, 6)
array([2.])
"""

from __future__ import annotations

from mml.optim import lr_scheduler
from mml.optim.data import DataLoader
from mml.optim.line_search import LineSearchResult, backtracking_line_search, wolfe_line_search
from mml.optim.linprog import LinprogResult, linprog
from mml.optim.minimize import minimize
from mml.optim.optimizers import SGD, Adagrad, Adam, AdamW, Optimizer, RMSprop
from mml.optim.projection import project_onto_box, project_onto_simplex, projected_gradient_descent
from mml.optim.quadprog import QuadprogResult, quadprog
from mml.optim.result import OptimizeResult
from mml.optim.training import History, fit

__all__ = [
    "Optimizer",
    "SGD",
    "RMSprop",
    "Adagrad",
    "Adam",
    "AdamW",
    "lr_scheduler",
    "DataLoader",
    "fit",
    "History",
    "LineSearchResult",
    "LinprogResult",
    "QuadprogResult",
    "linprog",
    "quadprog",
    "OptimizeResult",
    "backtracking_line_search",
    "minimize",
    "project_onto_box",
    "project_onto_simplex",
    "projected_gradient_descent",
    "wolfe_line_search",
]
