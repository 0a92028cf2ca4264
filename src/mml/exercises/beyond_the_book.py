"""Exercises beyond the book (CURRICULUM §12b): perceptron updates, a k-means iteration,
classification and regression metrics, and a logistic-regression gradient step."""

from __future__ import annotations

import random
from fractions import Fraction

from mml.exact.vectors import dot, vector_text
from mml.exercises.checking import answer_is_number, answer_is_numeric, answer_is_vector
from mml.exercises.core import register
from mml.exercises.linear_algebra import _matrix_text
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


@register(
    "metrics.roc_auc",
    12,
    "12b",
    "the ROC AUC of scores, as a fraction",
    answer_is_number,
    skills=("ROC",),
)
def _roc_auc(rng: random.Random, difficulty: int) -> dict:
    while True:
        n = 5 + difficulty
        labels = [rng.randint(0, 1) for _ in range(n)]
        if 0 < sum(labels) < n:
            break
    scores = [Fraction(rng.randint(1, 9), 10) for _ in range(n)]
    positives = [s for s, y in zip(scores, labels) if y == 1]
    negatives = [s for s, y in zip(scores, labels) if y == 0]
    wins = sum(
        Fraction(1) if p > q else Fraction(1, 2) if p == q else Fraction(0)
        for p in positives
        for q in negatives
    )
    auc = wins / (len(positives) * len(negatives))
    steps = Derivation(
        "AUC = P(score of a random positive > score of a random negative), ties count ½"
    )
    steps.add(
        Step(
            "pairs",
            f"{len(positives)} positives × {len(negatives)} negatives = {len(positives) * len(negatives)} pairs",
        )
    )
    steps.add(Step("wins", f"pairs ranked correctly (ties ½): {fraction_text(wins)}"))
    steps.add(
        Step(
            "auc",
            f"AUC = {fraction_text(wins)}/{len(positives) * len(negatives)} = {fraction_text(auc)}",
        )
    )
    steps.result = fraction_text(auc)
    score_text = ", ".join(fraction_text(s) for s in scores)
    return {
        "prompt": MathText(
            f"Scores ({score_text}) for labels {labels}. Give the ROC AUC.",
            f"Scores $({score_text})$ for labels ${labels}$. Give the ROC AUC.",
        ),
        "answer": auc,
        "answer_text": fraction_text(auc),
        "solution": steps,
        "data": {},
    }


@register(
    "mlp.forward",
    12,
    "12b",
    "the output of a small ReLU network (3 → 2 → 2), exactly",
    answer_is_vector,
    skills=("forward pass",),
)
def _mlp_forward(rng: random.Random, difficulty: int) -> dict:
    from mml.exact.matrix import Matrix

    W1 = Matrix([[small_integer(rng, 2) for _ in range(3)] for _ in range(2)])
    b1 = tuple(Fraction(small_integer(rng, 1)) for _ in range(2))
    W2 = Matrix([[small_integer(rng, 2) for _ in range(2)] for _ in range(2)])
    b2 = tuple(Fraction(small_integer(rng, 1)) for _ in range(2))
    x = tuple(Fraction(small_integer(rng, 2)) for _ in range(3))
    z1 = tuple(a + b for a, b in zip(W1 @ x, b1))
    h = tuple(max(Fraction(0), v) for v in z1)
    out = tuple(a + b for a, b in zip(W2 @ h, b2))
    steps = Derivation(
        "Forward pass of the lecture's 3 → h → 2 network (h = 2, ReLU, identity output)"
    )
    steps.add(Step("layer_1", f"z₁ = W₁x + b₁ = {vector_text(z1)}"))
    steps.add(Step("relu", f"h = ReLU(z₁) = {vector_text(h)}"))
    steps.add(Step("layer_2", f"y = W₂h + b₂ = {vector_text(out)}"))
    steps.result = vector_text(out)
    rows = _matrix_text
    return {
        "prompt": MathText(
            f"W₁ = {rows(W1)}, b₁ = {vector_text(b1)}, W₂ = {rows(W2)}, b₂ = {vector_text(b2)}, ReLU after layer 1. Give the output for x = {vector_text(x)}.",
            f"$W_1 = {rows(W1)}$, $b_1 = {vector_text(b1)}$, $W_2 = {rows(W2)}$, $b_2 = {vector_text(b2)}$, ReLU after layer 1. Give the output for $x = {vector_text(x)}$.",
        ),
        "answer": out,
        "answer_text": vector_text(out),
        "solution": steps,
        "data": {},
    }


@register(
    "loss.cross_entropy",
    12,
    "12b",
    "the softmax cross-entropy of logits (numeric)",
    answer_is_numeric,
    skills=("softmax",),
)
def _cross_entropy(rng: random.Random, difficulty: int) -> dict:
    import math

    logits = [small_integer(rng, 3) for _ in range(2 + difficulty)]
    target = rng.randrange(len(logits))
    top = max(logits)
    log_sum = top + math.log(sum(math.exp(z - top) for z in logits))
    loss = log_sum - logits[target]
    steps = Derivation("Cross-entropy from logits: −log softmax(z)_y = logsumexp(z) − z_y")
    steps.add(Step("logsumexp", f"logsumexp(z) = max z + log Σ exp(z − max z) = {log_sum:.6f}"))
    steps.add(Step("loss", f"loss = {log_sum:.6f} − ({logits[target]}) = {loss:.6f}"))
    steps.result = f"{loss:.6f}"
    return {
        "prompt": MathText(
            f"Logits z = {logits}, true class {target} (0-based). Give the cross-entropy loss (6 digits).",
            f"Logits $z = {logits}$, true class ${target}$ (0-based). Give the cross-entropy loss (6 digits).",
        ),
        "answer": loss,
        "answer_text": f"{loss:.8g}",
        "solution": steps,
        "data": {},
    }
