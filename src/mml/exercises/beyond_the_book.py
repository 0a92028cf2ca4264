"""Exercises beyond the book (CURRICULUM §12b): perceptron updates, a k-means iteration,
classification and regression metrics, and a logistic-regression gradient step."""

from __future__ import annotations

import random
from fractions import Fraction

from mml.exact.vectors import dot, vector_text
from mml.exercises.checking import answer_is_number, answer_is_vector
from mml.exercises.core import register
from mml.exercises.nice_numbers import small_integer
from mml.steps import Derivation, MathText, Step, fraction_text


def _separable_points(rng: random.Random, n: int) -> tuple[list[tuple[int, int]], list[int]]:
    w_true = (rng.choice([1, 2]), rng.choice([-1, 1]))
    points, labels = [], []
    while len(points) < n:
        p = (small_integer(rng, 3), small_integer(rng, 3))
        score = w_true[0] * p[0] + w_true[1] * p[1]
        if score != 0 and p not in points:
            points.append(p)
            labels.append(1 if score > 0 else -1)
    return points, labels


@register(
    "perceptron.updates",
    12,
    "12b",
    "the perceptron's weights after one pass (η = 1, no bias)",
    answer_is_vector,
    skills=("perceptron",),
)
def _perceptron(rng: random.Random, difficulty: int) -> dict:
    points, labels = _separable_points(rng, 3 + difficulty)
    w = (Fraction(0), Fraction(0))
    steps = Derivation("Perceptron, one pass in the given order: w ← w + y·x when y·⟨w, x⟩ ≤ 0")
    for p, y in zip(points, labels):
        margin = y * dot(w, p)
        if margin <= 0:
            w = (w[0] + y * p[0], w[1] + y * p[1])
            steps.add(
                Step(
                    "update",
                    f"x = {p}, y = {y:+d}: y⟨w, x⟩ = {fraction_text(margin)} ≤ 0, so w ← {vector_text(w)}",
                )
            )
        else:
            steps.add(
                Step("keep", f"x = {p}, y = {y:+d}: y⟨w, x⟩ = {fraction_text(margin)} > 0, w stays")
            )
    steps.result = vector_text(w)
    listing = ", ".join(f"{p}→{y:+d}" for p, y in zip(points, labels))
    return {
        "prompt": MathText(
            f"Run one pass of the perceptron (w₀ = (0, 0), η = 1, no bias; update when y⟨w, x⟩ ≤ 0) over {listing}. Give w.",
            f"Run one pass of the perceptron ($w_0 = (0, 0)$, $\\eta = 1$, no bias; update when $y\\langle w, x\\rangle \\le 0$) over {listing}. Give $w$.",
        ),
        "answer": w,
        "answer_text": vector_text(w),
        "solution": steps,
        "data": {},
    }


@register(
    "kmeans.iteration",
    12,
    "12b",
    "the first centre after one k-means iteration",
    answer_is_vector,
    skills=("k-means",),
)
def _kmeans(rng: random.Random, difficulty: int) -> dict:
    points = sorted({(small_integer(rng, 4), small_integer(rng, 4)) for _ in range(6 + difficulty)})
    centres = [points[0], points[-1]]
    steps = Derivation(
        "One k-means iteration: assign each point to its nearest centre, then average"
    )
    clusters: list[list[tuple[int, int]]] = [[], []]
    for p in points:
        d = [(p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 for c in centres]
        k = 0 if d[0] <= d[1] else 1
        clusters[k].append(p)
        steps.add(Step("assign", f"{p}: squared distances {d[0]}, {d[1]} → cluster {k + 1}"))
    new = tuple(Fraction(sum(p[i] for p in clusters[0]), len(clusters[0])) for i in range(2))
    steps.add(Step("update", f"centre 1 = mean of {clusters[0]} = {vector_text(new)}"))
    steps.result = vector_text(new)
    return {
        "prompt": MathText(
            f"k-means with K = 2 on {points}, initial centres {centres[0]} and {centres[1]} (ties go to centre 1). Give centre 1 after one iteration.",
            f"k-means with $K = 2$ on ${points}$, initial centres ${centres[0]}$ and ${centres[1]}$ (ties go to centre 1). Give centre 1 after one iteration.",
        ),
        "answer": new,
        "answer_text": vector_text(new),
        "solution": steps,
        "data": {},
    }


@register(
    "metrics.classification",
    12,
    "12b",
    "precision, recall and F1 from labels, as fractions (P, R, F1)",
    answer_is_vector,
    skills=("confusion matrix",),
)
def _classification_metrics(rng: random.Random, difficulty: int) -> dict:
    n = 6 + 2 * difficulty
    while True:
        y = [rng.randint(0, 1) for _ in range(n)]
        pred = [v if rng.random() < 0.7 else 1 - v for v in y]
        tp = sum(1 for a, b in zip(y, pred) if a == b == 1)
        fp = sum(1 for a, b in zip(y, pred) if a == 0 and b == 1)
        fn = sum(1 for a, b in zip(y, pred) if a == 1 and b == 0)
        if tp and (fp or fn):
            break
    precision, recall = Fraction(tp, tp + fp), Fraction(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    steps = Derivation("Precision, recall and F1 for the positive class 1")
    steps.add(Step("counts", f"TP = {tp}, FP = {fp}, FN = {fn}"))
    steps.add(Step("precision", f"P = TP/(TP + FP) = {fraction_text(precision)}"))
    steps.add(Step("recall", f"R = TP/(TP + FN) = {fraction_text(recall)}"))
    steps.add(Step("f1", f"F1 = 2PR/(P + R) = {fraction_text(f1)}"))
    answer = (precision, recall, f1)
    steps.result = vector_text(answer)
    return {
        "prompt": MathText(
            f"True labels {y}, predictions {pred}. Give (precision, recall, F1) for class 1.",
            f"True labels ${y}$, predictions ${pred}$. Give (precision, recall, F1) for class 1.",
        ),
        "answer": answer,
        "answer_text": vector_text(answer),
        "solution": steps,
        "data": {},
    }


@register(
    "metrics.regression", 12, "12b", "the R² score of predictions", answer_is_number, skills=("R²",)
)
def _regression_metrics(rng: random.Random, difficulty: int) -> dict:
    while True:
        y = [small_integer(rng, 5) for _ in range(4 + difficulty)]
        if len(set(y)) > 1:
            break
    pred = [v + small_integer(rng, 1) for v in y]
    mean = Fraction(sum(y), len(y))
    ss_res = sum(Fraction((a - b) ** 2) for a, b in zip(y, pred))
    ss_tot = sum((a - mean) ** 2 for a in y)
    r2 = 1 - ss_res / ss_tot
    steps = Derivation("R² = 1 − SS_res/SS_tot")
    steps.add(Step("residuals", f"SS_res = Σ(y − ŷ)² = {fraction_text(ss_res)}"))
    steps.add(
        Step(
            "total",
            f"mean = {fraction_text(mean)}, SS_tot = Σ(y − mean)² = {fraction_text(ss_tot)}",
        )
    )
    steps.add(
        Step(
            "r2", f"R² = 1 − {fraction_text(ss_res)}/{fraction_text(ss_tot)} = {fraction_text(r2)}"
        )
    )
    steps.result = fraction_text(r2)
    return {
        "prompt": MathText(
            f"Targets {y}, predictions {pred}. Give R².",
            f"Targets ${y}$, predictions ${pred}$. Give $R^2$.",
        ),
        "answer": r2,
        "answer_text": fraction_text(r2),
        "solution": steps,
        "data": {},
    }


@register(
    "logistic.gradient_step",
    12,
    "12b",
    "one gradient step of logistic regression from w = 0",
    answer_is_vector,
    skills=("cross-entropy gradient",),
)
def _logistic_step(rng: random.Random, difficulty: int) -> dict:
    # At w = 0 every σ(xᵀw) is 1/2, so the gradient Xᵀ(σ − y)/N is exact.
    points = [(small_integer(rng, 3), small_integer(rng, 3)) for _ in range(3 + difficulty)]
    labels = [rng.randint(0, 1) for _ in points]
    eta = Fraction(1, rng.choice([1, 2, 4]))
    n = len(points)
    grad = tuple(
        sum((Fraction(1, 2) - y) * p[i] for p, y in zip(points, labels)) / n for i in range(2)
    )
    w = tuple(-eta * g for g in grad)
    steps = Derivation(
        "Logistic regression: one gradient step on the mean cross-entropy from w = 0"
    )
    steps.add(Step("sigmoid", "at w = 0 every prediction is σ(0) = 1/2"))
    steps.add(Step("gradient", f"∇L = (1/N) Σ (σ − yₙ) xₙ = {vector_text(grad)}"))
    steps.add(Step("step", f"w ← 0 − η∇L = {vector_text(w)}"))
    steps.result = vector_text(w)
    listing = ", ".join(f"{p}→{y}" for p, y in zip(points, labels))
    return {
        "prompt": MathText(
            f"Logistic regression without bias, w = (0, 0), mean cross-entropy loss, data {listing}. Take one gradient step with η = {fraction_text(eta)}. Give w.",
            f"Logistic regression without bias, $w = (0, 0)$, mean cross-entropy, data {listing}. One gradient step with $\\eta = {fraction_text(eta)}$: give $w$.",
        ),
        "answer": w,
        "answer_text": vector_text(w),
        "solution": steps,
        "data": {},
    }
