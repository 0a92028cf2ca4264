"""Reference solutions of the probability, optimisation and model-fitting coding tasks
(NumPy arrays and arithmetic only).

Their signatures and docstrings are the students' stubs; their bodies are the instructor's
solution.

Examples
--------
>>> import numpy as np
>>> labels, centres = kmeans_step(np.array([[0.0], [1.0], [9.0]]), np.array([[0.0], [10.0]]))
>>> labels.tolist(), centres.ravel().tolist()
([0, 0, 1], [0.5, 9.0])
"""

from __future__ import annotations

import numpy as np

from mml.exercises.coding.solutions_linear_algebra import cholesky_solve, power_iteration

__all__ = ["gaussian_conditional", "gradient_descent", "pca", "kmeans_step"]


def gaussian_conditional(
    mean: np.ndarray, cov: np.ndarray, given: list[int], values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The Gaussian ``p(x_a | x_b = values)`` of a joint Gaussian (MML book §6.5.1, eq. 6.66).

    With ``a`` the indices not in ``given`` and ``b = given``:
    ``μ_{a|b} = μ_a + Σ_ab Σ_bb⁻¹ (x_b − μ_b)`` and ``Σ_{a|b} = Σ_aa − Σ_ab Σ_bb⁻¹ Σ_ba``.
    Solve with ``Σ_bb`` (by Cholesky) instead of inverting it.

    Parameters
    ----------
    mean : ndarray of shape (D,)
    cov : ndarray of shape (D, D)
        Symmetric positive definite.
    given : list of int
        The observed indices ``b``, in the order of ``values``.
    values : ndarray of shape (len(given),)

    Returns
    -------
    mean : ndarray of shape (D − len(given),)
    cov : ndarray of shape (D − len(given), D − len(given))
        Of the unobserved entries, in increasing index order.

    Examples
    --------
    >>> m, S = gaussian_conditional(np.zeros(2), np.array([[2.0, 1.0], [1.0, 2.0]]), [1],
    ...                             np.array([1.0]))
    >>> m.round(12).tolist(), S.round(12).tolist()
    ([0.5], [[1.5]])
    """
    mean, cov = np.asarray(mean, dtype=float), np.asarray(cov, dtype=float)
    b = list(given)
    a = [i for i in range(len(mean)) if i not in b]
    S_ab, S_bb = cov[np.ix_(a, b)], cov[np.ix_(b, b)]
    shift = cholesky_solve(S_bb, np.asarray(values, dtype=float) - mean[b])
    gain = np.stack([cholesky_solve(S_bb, S_ab[i]) for i in range(len(a))])  # Σ_ab Σ_bb⁻¹
    return mean[a] + S_ab @ shift, cov[np.ix_(a, a)] - gain @ S_ab.T


def gradient_descent(
    A: np.ndarray, b: np.ndarray, x0: np.ndarray, max_iter: int = 500, tol: float = 1e-10
) -> tuple[np.ndarray, list[float]]:
    """Minimise ``f(x) = ½xᵀAx − bᵀx`` by gradient descent with backtracking (MML book §7.1).

    The gradient is ``∇f = Ax − b``. At each step start from ``γ = 1`` and halve it until
    Armijo's condition ``f(x − γ∇f) ≤ f(x) − ½ γ ‖∇f‖²`` holds; stop when ``‖∇f‖ < tol``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Symmetric positive definite.
    b, x0 : ndarray of shape (n,)
    max_iter : int
    tol : float

    Returns
    -------
    x : ndarray of shape (n,)
        The minimiser found.
    values : list of float
        ``f`` at every iterate, starting with ``f(x0)``; it never increases.

    Examples
    --------
    >>> x, values = gradient_descent(np.eye(2), np.array([1.0, 2.0]), np.zeros(2))
    >>> x.tolist(), values
    ([1.0, 2.0], [0.0, -2.5])
    """

    def f(x: np.ndarray) -> float:
        return float(0.5 * x @ A @ x - b @ x)

    x = np.array(x0, dtype=float)
    values = [f(x)]
    for _ in range(max_iter):
        g = A @ x - b
        if np.sqrt(g @ g) < tol:
            break
        step = 1.0
        while f(x - step * g) > values[-1] - 0.5 * step * (g @ g):
            step /= 2
        x = x - step * g
        values.append(f(x))
    return x, values


def pca(X: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray]:
    """Principal components by power iteration with deflation (MML book §10.2–10.4).

    Centre the data, form the covariance ``S = X_cᵀX_c / (N − 1)``, then for each component
    find the dominant eigenpair ``(λ, v)`` of ``S`` by power iteration and deflate
    ``S ← S − λ v vᵀ``.

    Parameters
    ----------
    X : ndarray of shape (N, D)
    n_components : int

    Returns
    -------
    components : ndarray of shape (n_components, D)
        Orthonormal rows, the principal directions by decreasing variance.
    explained_variance : ndarray of shape (n_components,)
        The eigenvalues of ``S``, decreasing.

    Examples
    --------
    >>> X = np.array([[2.0, 0.0], [-2.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    >>> components, variance = pca(X, 1)
    >>> np.abs(components).round(6).tolist(), variance.round(6).tolist()
    ([[1.0, 0.0]], [2.666667])
    """
    centred = np.asarray(X, dtype=float) - np.mean(X, axis=0)
    S = centred.T @ centred / (centred.shape[0] - 1)
    components, variances = [], []
    for _ in range(n_components):
        value, vector = power_iteration(S, num_iterations=5000, tol=1e-13)
        components.append(vector)
        variances.append(value)
        S = S - value * np.outer(vector, vector)
    return np.array(components), np.array(variances)


def kmeans_step(X: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One iteration of Lloyd's algorithm for k-means (MML book §11.2 remark, §12b).

    Assignment: each point goes to its nearest centre (squared Euclidean distance; ties to
    the lowest index). Update: each centre moves to the mean of its points; a centre with no
    points stays where it was.

    Parameters
    ----------
    X : ndarray of shape (N, D)
    centres : ndarray of shape (K, D)

    Returns
    -------
    labels : ndarray of int, shape (N,)
    centres : ndarray of shape (K, D)
        The updated centres.
    """
    X = np.asarray(X, dtype=float)
    distances = ((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    labels = np.argmin(distances, axis=1)
    updated = np.array(centres, dtype=float)
    for k in range(len(centres)):
        if np.any(labels == k):
            updated[k] = X[labels == k].mean(axis=0)
    return labels, updated
