"""Reference solutions of the machine-learning coding tasks (NumPy arrays and arithmetic only).

Their signatures and docstrings are the students' stubs; their bodies are the instructor's
solution.

Examples
--------
>>> import numpy as np
>>> loss, grad = softmax_cross_entropy(np.zeros((1, 2)), np.array([0]))
>>> round(loss, 6), grad.tolist()
(0.693147, [[-0.5, 0.5]])
"""

from __future__ import annotations

import numpy as np

from mml.exercises.coding.solutions_linear_algebra import cholesky_factor

__all__ = ["softmax_cross_entropy", "hinge_loss", "backprop_mlp", "gmm_em_step"]


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax probabilities and its gradient (MML book §8.2, §5.6).

    With ``p_n = softmax(z_n)``, ``L = −(1/N) Σ_n log p_{n, y_n}`` and
    ``∂L/∂z_n = (p_n − e_{y_n}) / N``. Subtract each row's maximum before exponentiating so
    large logits do not overflow.

    Parameters
    ----------
    logits : ndarray of shape (N, C)
    labels : ndarray of shape (N,)
        Class indices in ``[0, C)``.

    Returns
    -------
    loss : float
    grad : ndarray of shape (N, C)

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy(np.array([[1000.0, 0.0]]), np.array([0]))
    >>> abs(loss), grad.round(6).tolist()
    (0.0, [[0.0, 0.0]])
    """
    z = np.asarray(logits, dtype=float)
    n = z.shape[0]
    shifted = z - z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(n)
    loss = -log_p[rows, labels].mean()
    grad = np.exp(log_p)
    grad[rows, labels] -= 1.0
    return float(loss), grad / n


def hinge_loss(
    w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, C: float = 1.0
) -> tuple[float, np.ndarray, float]:
    """The soft-margin SVM objective and a subgradient (MML book §12.2.5, eq. 12.31).

    ``J(w, b) = ½‖w‖² + C Σ_n max(0, 1 − y_n (wᵀx_n + b))``. Where a margin
    ``y_n (wᵀx_n + b)`` is below 1 the hinge contributes ``−C y_n x_n`` to ``∂J/∂w`` and
    ``−C y_n`` to ``∂J/∂b``; elsewhere it contributes 0.

    Parameters
    ----------
    w : ndarray of shape (D,)
    b : float
    X : ndarray of shape (N, D)
    y : ndarray of shape (N,)
        Labels −1 or +1.
    C : float

    Returns
    -------
    value : float
    grad_w : ndarray of shape (D,)
    grad_b : float

    Examples
    --------
    >>> value, grad_w, grad_b = hinge_loss(np.zeros(1), 0.0, np.array([[1.0]]), np.array([1.0]))
    >>> value, grad_w.tolist(), grad_b
    (1.0, [-1.0], -1.0)
    """
    w = np.asarray(w, dtype=float)
    margins = y * (X @ w + b)
    active = margins < 1.0
    value = 0.5 * (w @ w) + C * np.maximum(0.0, 1.0 - margins).sum()
    grad_w = w - C * (y[active] @ X[active])
    grad_b = -C * y[active].sum()
    return float(value), grad_w, float(grad_b)


def backprop_mlp(
    params: dict[str, np.ndarray], X: np.ndarray, Y: np.ndarray
) -> tuple[float, dict[str, np.ndarray]]:
    """Loss and gradients of a 2-layer tanh MLP by backpropagation (MML book §5.6).

    Forward: ``H = tanh(X W1 + b1)``, ``F = H W2 + b2``, ``L = (1/2N) Σ_n ‖F_n − Y_n‖²``.
    Backward: ``δF = (F − Y)/N``; ``∂L/∂W2 = Hᵀ δF``, ``∂L/∂b2 = Σ_n δF_n``;
    ``δZ = (δF W2ᵀ) ⊙ (1 − H²)``; ``∂L/∂W1 = Xᵀ δZ``, ``∂L/∂b1 = Σ_n δZ_n``.

    Parameters
    ----------
    params : dict
        ``"W1"`` (D, H), ``"b1"`` (H,), ``"W2"`` (H, K), ``"b2"`` (K,).
    X : ndarray of shape (N, D)
    Y : ndarray of shape (N, K)

    Returns
    -------
    loss : float
    grads : dict
        The gradient of ``loss`` for each entry of ``params``, with the same shapes.

    Examples
    --------
    >>> params = {"W1": np.zeros((1, 1)), "b1": np.zeros(1), "W2": np.ones((1, 1)),
    ...           "b2": np.zeros(1)}
    >>> loss, grads = backprop_mlp(params, np.ones((1, 1)), np.ones((1, 1)))
    >>> loss, grads["b2"].tolist(), grads["W1"].tolist()
    (0.5, [-1.0], [[-1.0]])
    """
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=float) for k in ("W1", "b1", "W2", "b2"))
    n = X.shape[0]
    H = np.tanh(X @ W1 + b1)
    F = H @ W2 + b2
    loss = 0.5 * ((F - Y) ** 2).sum() / n
    dF = (F - Y) / n
    dZ = (dF @ W2.T) * (1.0 - H**2)
    grads = {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": H.T @ dF, "b2": dF.sum(axis=0)}
    return float(loss), grads


def gaussian_log_density(X: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    """``log N(x_n | μ, Σ)`` for every row of ``X`` (MML book eq. 6.63), by Cholesky.

    With ``Σ = L Lᵀ`` and ``L u_n = x_n − μ``:
    ``log N = −½ (D log 2π + ‖u_n‖²) − Σ_i log L_ii``.

    Examples
    --------
    >>> round(float(gaussian_log_density(np.zeros((1, 1)), np.zeros(1), np.eye(1))[0]), 6)
    -0.918939
    """
    L = cholesky_factor(cov)
    d = X.shape[1]
    U = np.zeros_like(X, dtype=float)
    centred = X - mean
    for i in range(d):  # forward substitution for all rows at once
        U[:, i] = (centred[:, i] - U[:, :i] @ L[i, :i]) / L[i, i]
    return -0.5 * (d * np.log(2 * np.pi) + (U * U).sum(axis=1)) - np.log(np.diag(L)).sum()


def gmm_em_step(
    X: np.ndarray, weights: np.ndarray, means: np.ndarray, covariances: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """One EM iteration for a Gaussian mixture with full covariances (MML book §11.3).

    E-step (eq. 11.17): ``r_nk = π_k N(x_n|μ_k, Σ_k) / Σ_j π_j N(x_n|μ_j, Σ_j)``, in log space
    (log-sum-exp) for stability. M-step with ``N_k = Σ_n r_nk``: ``μ_k = Σ_n r_nk x_n / N_k``
    (11.20), ``Σ_k = Σ_n r_nk (x_n − μ_k)(x_n − μ_k)ᵀ / N_k`` with the new ``μ_k`` (11.30),
    ``π_k = N_k / N`` (11.42).

    Parameters
    ----------
    X : ndarray of shape (N, D)
    weights : ndarray of shape (K,)
    means : ndarray of shape (K, D)
    covariances : ndarray of shape (K, D, D)

    Returns
    -------
    weights, means, covariances : the updated parameters, same shapes
    log_likelihood : float
        ``Σ_n log Σ_k π_k N(x_n | μ_k, Σ_k)`` at the parameters passed in (before the update).

    Examples
    --------
    >>> X = np.array([[0.0], [2.0]])
    >>> w, mu, cov, ll = gmm_em_step(X, np.array([1.0]), np.array([[0.0]]), np.array([[[1.0]]]))
    >>> w.tolist(), mu.tolist(), cov.tolist()
    ([1.0], [[1.0]], [[[1.0]]])
    """
    X = np.asarray(X, dtype=float)
    log_weighted = np.stack(
        [
            np.log(weights[k]) + gaussian_log_density(X, means[k], covariances[k])
            for k in range(len(weights))
        ],
        axis=1,
    )
    top = log_weighted.max(axis=1, keepdims=True)
    log_norm = top + np.log(np.exp(log_weighted - top).sum(axis=1, keepdims=True))
    resp = np.exp(log_weighted - log_norm)
    nk = resp.sum(axis=0)
    new_means = (resp.T @ X) / nk[:, None]
    new_covariances = np.empty_like(np.asarray(covariances, dtype=float))
    for k in range(len(nk)):
        centred = X - new_means[k]
        new_covariances[k] = (resp[:, k, None] * centred).T @ centred / nk[k]
    return nk / X.shape[0], new_means, new_covariances, float(log_norm.sum())
