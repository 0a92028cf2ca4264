"""The estimator contract: parameters, repr, clone, and interoperability with scikit-learn."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from mml.errors import DomainError, NotFittedError, ShapeError
from mml.models import KMeans, Perceptron, clone, is_classifier, is_regressor
from mml.models._validation import check_array, check_is_fitted, check_X_y


def test_get_params_lists_every_constructor_argument():
    params = KMeans(n_clusters=3).get_params()
    assert set(params) == {"n_clusters", "init", "n_init", "max_iter", "tol", "random_state"}
    assert params["n_clusters"] == 3


def test_set_params_changes_values_and_rejects_unknown_names():
    model = KMeans().set_params(n_clusters=5, tol=0.5)
    assert (model.n_clusters, model.tol) == (5, 0.5)
    with pytest.raises(DomainError, match="Invalid parameter 'bogus'"):
        model.set_params(bogus=1)


def test_repr_shows_only_changed_parameters():
    assert repr(KMeans()) == "KMeans()"
    assert repr(KMeans(n_clusters=3, init="random")) == "KMeans(init='random', n_clusters=3)"


def test_clone_gives_unfitted_copy_with_same_params():
    fitted = KMeans(n_clusters=2, random_state=0).fit(np.eye(4))
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params()
    assert not hasattr(copy, "cluster_centers_")


def test_sklearn_clone_and_our_clone_agree():
    sklearn_base = pytest.importorskip("sklearn.base")
    ours = Perceptron(eta0=0.5)
    assert sklearn_base.clone(ours).get_params() == clone(ours).get_params()
    from sklearn.linear_model import Ridge

    assert clone(Ridge(alpha=3.0)).alpha == 3.0


def test_estimator_kinds():
    assert is_classifier(Perceptron()) and not is_regressor(Perceptron())
    assert not is_classifier(KMeans())


def test_unfitted_estimator_raises_not_fitted_error():
    with pytest.raises(NotFittedError, match="not fitted yet"):
        KMeans().predict(np.eye(2))
    with pytest.raises(AttributeError):
        check_is_fitted(Perceptron())


def test_not_fitted_error_is_sklearns_too_when_sklearn_is_loaded():
    exceptions = pytest.importorskip("sklearn.exceptions")
    with pytest.raises(exceptions.NotFittedError):
        Perceptron().predict(np.eye(2))


@pytest.mark.parametrize(
    ("X", "error", "match"),
    [
        ([1.0, 2.0], ShapeError, "Expected 2D array"),
        (np.zeros((0, 3)), ShapeError, "0 sample"),
        (np.zeros((3, 0)), ShapeError, "0 feature"),
        ([[1.0, np.inf]], DomainError, "infinity"),
        ([[1.0, np.nan]], DomainError, "NaN"),
        ([[1 + 2j]], DomainError, "Complex data not supported"),
        (np.zeros((2, 2, 2)), ShapeError, "dim 3"),
    ],
)
def test_check_array_rejects_bad_input_with_typed_error(X, error, match):
    with pytest.raises(error, match=match):
        check_array(X)


def test_check_X_y_names_both_lengths():
    with pytest.raises(ShapeError, match=r"\[3, 2\]"):
        check_X_y(np.zeros((3, 1)), [0, 1])
    with pytest.raises(ShapeError, match="requires y"):
        check_X_y(np.zeros((3, 1)), None)


def test_models_import_and_fit_without_sklearn():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'sklearn' or name.startswith('sklearn.'):\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import numpy as np\n"
        "from mml.models import KMeans, Perceptron\n"
        "from mml.metrics import accuracy_score\n"
        "X = np.array([[0.0], [0.2], [5.0], [5.2]])\n"
        "print(KMeans(n_clusters=2, random_state=0).fit(X).inertia_ > 0)\n"
        "print(Perceptron().fit(X, [0, 0, 1, 1]).score(X, [0, 0, 1, 1]))\n"
        "assert 'sklearn' not in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "1.0"]
