"""``mml tour``: a guided walk through mml, run by ``make demo``.

It starts where the course starts, with the four problems of Lecture 1, each solved exactly
with every row operation and a sentence that says what the answer means. Later stops show the
Code side. Each stop prints one line that says what to look at.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path

__all__ = ["run_tour", "LECTURE_PROBLEMS"]

LECTURE_PROBLEMS = (
    ("Problem 1", "3x = 6"),
    ("Problem 2", "3x + y = 9; 4x - 2y = 5"),
    ("Problem 3", "2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11"),
    ("Problem 4", "2x + 4y = 5"),
)

RULE = "─" * 72


def _heading(text: str) -> None:
    print(f"\n{RULE}\n{text}\n{RULE}")


def _matplotlib_available() -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:
        print("(matplotlib is not installed, so no pictures: pip install 'mml[plot]')")
        return False
    return True


def _lecture_problems(output_dir: Path, quick: bool) -> list[Path]:
    import mml

    _heading("Lecture 1: the four problems, solved exactly (Paper)")
    print("Look at: each row operation in fractions, then what the solution set is.\n")
    written = []
    draw = _matplotlib_available()
    for number, (name, system) in enumerate(LECTURE_PROBLEMS, start=1):
        solution = mml.solve(system)
        print(f"== {name}: {system}")
        print(solution.steps.render("text"))
        print(f"→ {solution.meaning}")
        if draw:
            from mml.plot import linear_system

            output_dir.mkdir(parents=True, exist_ok=True)
            path = output_dir / f"lecture-problem-{number}.png"
            figure = linear_system(solution)
            figure.savefig(path, dpi=100, bbox_inches="tight")
            written.append(path)
            print(f"→ picture: {path}")
        print()
    return written


def _determinant_and_inverse(output_dir: Path, quick: bool) -> list[Path]:
    from mml import exact

    _heading("Determinant and inverse of Problem 2's matrix")
    print("Look at: det A ≠ 0 is why Problem 2 has exactly one solution.\n")
    A = "3 1; 4 -2"
    print(exact.det(A).steps.render("text"))
    print()
    print(exact.inverse(A).steps.render("text", show_steps=False))
    return []


def _decompositions(output_dir: Path, quick: bool) -> list[Path]:
    import numpy as np

    import mml.linalg as la
    from mml.exact.diagonalise import diagonalise

    _heading("Decompositions: exact on paper, fast in code")
    print("Look at: A = P D P⁻¹ in fractions, then an SVD from scratch that rebuilds A.\n")
    result = diagonalise([[2, 1], [1, 2]])
    print(result.steps.render("text", show_steps=False))
    from mml.exact.eigen import eigenvectors

    defective = eigenvectors([[1, 1], [0, 1]])
    print(f"[[1, 1], [0, 1]] is defective: {defective.defective} (λ = 1 twice, one eigenvector)")
    rng = np.random.default_rng(0)
    A = rng.standard_normal((200, 120))
    U, s, Vh = la.svd(A, full_matrices=False)
    error = np.abs(U * s @ Vh - A).max()
    orthogonality = np.abs(U.T @ U - np.eye(120)).max()
    print(
        f"\nmml.linalg.svd of a 200×120 matrix: max |UΣVᵀ − A| = {error:.1e}, max |UᵀU − I| = {orthogonality:.1e}"
    )
    return []


def _autodiff(output_dir: Path, quick: bool) -> list[Path]:
    import numpy as np

    import mml.autodiff.numpy as anp
    from mml.autodiff import check_grads, grad

    _heading("Vector calculus: a gradient by automatic differentiation")
    print("Look at: the book's f(x) = √(x² + exp(x²)) + cos(x² + exp(x²)), differentiated by the")
    print("reverse sweep, agrees with finite differences.\n")

    def f(x):
        inner = x**2 + anp.exp(x**2)
        return anp.sqrt(inner) + anp.cos(inner)

    x = np.array(1.0)
    print(f"f(1) = {float(f(x)):.6f}, f'(1) by autodiff = {float(grad(f)(x)):.6f}")
    check_grads(f, (x,), order=2, modes=("fwd", "rev"))
    print("check_grads: first and second derivatives agree with finite differences (both modes)")
    from mml.calculus import backprop_trace, differentiate

    print(f"On paper: d/dx [x² sin(x)] = {differentiate('x^2 * sin(x)', 'x').text}")
    trace = backprop_trace("sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))", {"x": 1})
    print(
        f"The backprop trace of the same f at x = 1 (forward table, then adjoints): df/dx = {float(trace.gradient['x']):.6f}"
    )
    print('  (try: mml backprop "sqrt(x^2 + exp(x^2)) + cos(x^2 + exp(x^2))" --at "x = 1")')
    return []


def _bayes(output_dir: Path, quick: bool) -> list[Path]:
    from mml.probability.bayes import diagnostic_test

    _heading("Probability: Bayes' rule with every rule named")
    print(
        "Look at: the product rule, the sum rule, then Bayes; the answer surprises most people.\n"
    )
    print(diagnostic_test(prior="0.01", sensitivity="0.95", specificity="0.9").steps.render("text"))
    import numpy as np

    from mml.probability import Exponential, standardised_sample_means

    z = np.asarray(standardised_sample_means(Exponential(1.0), 400, 2000, random_state=1))
    print(
        f"\nCentral limit theorem: 2000 means of 400 Exponential(1) draws, standardised, have "
        f"mean {z.mean():+.3f} and std {z.std():.3f} (a standard normal has 0 and 1)."
    )
    return []


def _lecture_mlp(output_dir: Path, quick: bool) -> list[Path]:
    import numpy as np

    from mml.nn import MLP

    _heading("The lecture's MLP: 3 inputs → 2 outputs")
    print("Look at: each weight's shape. A Linear layer maps n inputs to m outputs with an m×n")
    print("weight and m biases; the hidden width (here 4) is a free choice.\n")
    net = MLP([3, 4, 2], activation="tanh", rng=0)
    total = 0
    for name, parameter in net.named_parameters():
        total += parameter.size
        print(f"  {name:10s} shape {tuple(parameter.shape)}")
    print(f"  {total} numbers to learn in all")
    x = np.array([[0.5, -1.0, 2.0]], dtype=np.float32)
    output = [round(float(v), 4) for v in np.asarray(net(x).data)[0]]
    print(f"net(x) for x = {x.tolist()[0]}: {output}")
    return []


def _optimisation(output_dir: Path, quick: bool) -> list[Path]:
    import numpy as np

    from mml.optim import linprog, minimize

    _heading("Continuous optimisation")
    print(
        "Look at: BFGS walks the Rosenbrock valley to (1, 1); the simplex method solves an LP exactly.\n"
    )

    def rosenbrock(v):
        return (1 - v[0]) ** 2 + 100 * (v[1] - v[0] ** 2) ** 2

    result = minimize(rosenbrock, np.array([-1.2, 1.0]), method="bfgs")
    print(
        f"minimize(rosenbrock, [-1.2, 1], method='bfgs'): x = {np.round(result.x, 6).tolist()} in {result.nit} iterations"
    )
    lp = linprog([-3, -2], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6], exact=True)
    print(
        f"linprog(exact=True): x = {[str(v) for v in lp.x]}, cᵀx = {lp.fun}, {len(lp.tableaux)} tableaux"
    )
    return []


def _models(output_dir: Path, quick: bool) -> list[Path]:
    import numpy as np

    from mml import datasets, models
    from mml.model_selection import train_test_split

    _heading("When models meet data: models on the embedded data sets")
    print("Look at: each model's score on held-out data; all are written from scratch.\n")
    from mml.preprocessing import PolynomialFeatures, StandardScaler

    X, poly_y = datasets.load_polynomial_regression(return_X_y=True)
    features = PolynomialFeatures(degree=4, include_bias=False).fit_transform(X)
    regression = models.LinearRegression().fit(features, poly_y)
    print(
        f"LinearRegression, degree-4 features on the polynomial data: R² = {regression.score(features, poly_y):.3f}"
    )
    digits = datasets.load_digits()
    pca = models.PCA(n_components=10).fit(digits.data)
    print(
        f"PCA on the 8×8 digits: 10 components keep {pca.explained_variance_ratio_.sum():.1%} of the variance"
    )
    faithful = StandardScaler().fit_transform(datasets.load_old_faithful().data)
    gmm = models.GaussianMixture(n_components=2, random_state=0).fit(faithful)
    print(
        f"GaussianMixture on Old Faithful (standardised): mean log-likelihood {gmm.score(faithful):.3f}"
    )
    X, y = datasets.load_iris(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
    scaler = StandardScaler().fit(X_train)
    X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    for model in (
        models.LogisticRegression(),
        models.SVC(kernel="rbf"),
        models.LinearSVC(),
        models.Perceptron(random_state=0),
        models.MLPClassifier(
            hidden_layer_sizes=(16,), max_iter=1000, learning_rate_init=0.01, random_state=0
        ),
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an iteration cap reached is fine for a demo
            model.fit(X_train, y_train)
        print(f"{type(model).__name__} on Iris: test accuracy {model.score(X_test, y_test):.3f}")
    kmeans = models.KMeans(n_clusters=3, n_init=5, random_state=0).fit(X_train)
    print(f"KMeans (3 clusters) on Iris: inertia {kmeans.inertia_:.1f}")
    for model in (models.Ridge(alpha=1.0), models.BayesianLinearRegression()):
        model.fit(features, poly_y)
        print(
            f"{type(model).__name__}, degree-4 features: R² = {model.score(features, poly_y):.3f}"
        )
    ppca = models.ProbabilisticPCA(n_components=10).fit(digits.data)
    print(f"ProbabilisticPCA on the digits: noise variance σ² = {ppca.noise_variance_:.2f}")
    if not quick:
        from mml.nn import MLP, cross_entropy
        from mml.optim import Adam, DataLoader, fit

        X_train, X_test, y_train, y_test = train_test_split(
            (digits.data / 16).astype(np.float32), digits.target, test_size=0.3, random_state=0
        )
        net = MLP([64, 32, 10], activation="relu", rng=0)
        loader = DataLoader(X_train, y_train, batch_size=64, shuffle=True, rng=0)
        history = fit(net, cross_entropy, Adam(net.parameters(), lr=0.01), loader, epochs=15)
        accuracy = float((np.asarray(net(X_test).data).argmax(axis=1) == y_test).mean())
        print(
            f"MLP 64→32→10 trained with Adam on the digits: loss {history.epoch_losses[0]:.3f} → "
            f"{history.epoch_losses[-1]:.3f}, test accuracy {accuracy:.3f}"
        )
    del np
    return []


def _chapter_pictures(output_dir: Path, quick: bool) -> list[Path]:
    if not _matplotlib_available():
        return []
    from mml.plot.gallery import GALLERY, write_gallery

    _heading("One picture per chapter")
    print("Look at each file as it is written:\n")
    written = write_gallery(output_dir)
    for path in written:
        print(f"  {path.name:32s} {GALLERY[path.name].look_at}")
    return written


STOPS: list[tuple[str, Callable[[Path, bool], list[Path]], bool]] = [
    # (name, function, slow?)
    ("lecture problems", _lecture_problems, False),
    ("determinant and inverse", _determinant_and_inverse, False),
    ("decompositions", _decompositions, False),
    ("autodiff", _autodiff, False),
    ("bayes", _bayes, False),
    ("lecture MLP", _lecture_mlp, False),
    ("optimisation", _optimisation, False),
    ("models", _models, False),
    ("chapter pictures", _chapter_pictures, True),
]


def run_tour(
    quick: bool = False, output_dir: str | Path = "tour-output", open_folder: bool = False
) -> list[Path]:
    """Run every stop of the tour; return the files written.

    Parameters
    ----------
    quick : bool
        Skip the slow stops.
    output_dir : str or Path
        Where pictures and other files go (created if needed).
    open_folder : bool
        Open the output folder in the desktop's file browser at the end.
    """
    start = time.perf_counter()
    folder = Path(output_dir)
    written: list[Path] = []
    print("Welcome to mml: Mathematics for Machine Learning, Code + Paper.")
    for _name, stop, slow in STOPS:
        if quick and slow:
            continue
        written.extend(stop(folder, quick))
    _heading("Where to go next")
    if written:
        print("Files written:")
        for path in written:
            print(f"  {path}")
    print("Try:")
    print('  mml solve "x + 2y = 3; 2x + 4y = 6"     # your own system')
    print('  mml rref "1 2 3; 4 5 6; 7 8 10" --format latex')
    print("  mml --help                              # every command")
    print(f"\nTour finished in {time.perf_counter() - start:.1f} s.")
    if open_folder and written:
        import webbrowser

        webbrowser.open(folder.resolve().as_uri())
    return written
