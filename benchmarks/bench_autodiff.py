"""mml.autodiff / mml.nn against PyTorch, HIPS autograd and hand-fused NumPy.

Cases (issue 4): one training step of an MLP 784-256-128-10 (batch 128, float32) against
torch and against the same step written by hand in NumPy (graph overhead); 1,000
elementwise ops on 10-element arrays against autograd (small-graph overhead); the Hessian
of a 200-dimensional logistic loss against autograd and torch.func; jacfwd against jacrev
on a 10 -> 1000 map. Also checked (not timed as a target): the loss curve of an MLP on
scikit-learn's embedded digits set follows torch's for 20 steps from the same weights and
batches, to float32 tolerance.
"""

from __future__ import annotations

import numpy as np

from benchmarks.harness import DEFAULT_THREADS, Row, compare


def _torch():
    import torch
    import torch.func  # noqa: F401  (torch.func.hessian)

    torch.set_num_threads(DEFAULT_THREADS)
    return torch


def _mlp_step_cases(quick: bool) -> list[Row]:
    torch = _torch()
    from mml.nn import MLP, cross_entropy
    from mml.optim import SGD

    rng = np.random.default_rng(0)
    X = rng.normal(size=(128, 784)).astype(np.float32)
    y = rng.integers(0, 10, 128)
    net = MLP([784, 256, 128, 10], rng=0)
    opt = SGD(net.parameters(), lr=0.01)

    def mml_step():
        opt.zero_grad()
        loss = cross_entropy(net(X), y)
        loss.backward()
        opt.step()

    tnet = torch.nn.Sequential(
        torch.nn.Linear(784, 256),
        torch.nn.ReLU(),
        torch.nn.Linear(256, 128),
        torch.nn.ReLU(),
        torch.nn.Linear(128, 10),
    )
    topt = torch.optim.SGD(tnet.parameters(), lr=0.01)
    tX, ty = torch.from_numpy(X), torch.from_numpy(y)

    def torch_step():
        topt.zero_grad()
        loss = torch.nn.functional.cross_entropy(tnet(tX), ty)
        loss.backward()
        topt.step()

    weights = [p.numpy().copy() for p in net.parameters()]
    onehot = np.eye(10, dtype=np.float32)[y]

    def fused_step():
        W1, b1, W2, b2, W3, b3 = weights
        z1 = X @ W1.T + b1
        h1 = np.maximum(z1, 0)
        z2 = h1 @ W2.T + b2
        h2 = np.maximum(z2, 0)
        z3 = h2 @ W3.T + b3
        shifted = z3 - z3.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        total = e.sum(axis=1, keepdims=True)
        _loss = -(onehot * (shifted - np.log(total))).sum() / 128
        d3 = (e / total - onehot) / 128
        d2 = (d3 @ W3) * (z2 > 0)
        d1 = (d2 @ W2) * (z1 > 0)
        grads = (d1.T @ X, d1.sum(0), d2.T @ h1, d2.sum(0), d3.T @ h2, d3.sum(0))
        for w, g in zip(weights, grads):
            w -= 0.01 * g

    repeat = 10 if quick else 40
    size = "784-256-128-10, batch 128, f32"
    return [
        compare("MLP training step (fwd+bwd+SGD)", size, mml_step, torch_step,
                f"torch {torch.__version__} CPU", target=0.8, repeat=repeat),
        compare("MLP step: graph overhead", size, mml_step, fused_step,
                "hand-fused NumPy", target=1.15, repeat=repeat,
                note="target: at most 15% over the hand-written backward"),
        compare("MLP step: hand-fused NumPy (the floor)", size, fused_step, torch_step,
                f"torch {torch.__version__} CPU", repeat=repeat,
                note="no graph at all: how close NumPy's BLAS gets to torch here"),
    ]  # fmt: skip


def _small_graph_case(quick: bool) -> Row:
    import autograd
    import autograd.numpy as agnp

    import mml.autodiff.numpy as anp
    from mml.autodiff import grad

    def chain(m):
        def f(x):
            for _ in range(250):  # 4 elementwise ops per round: 1,000 ops
                x = m.tanh(m.sin(x) * 1.01 + x)
            return m.sum(x)

        return f

    x = np.linspace(0.0, 1.0, 10)
    ours, reference = grad(chain(anp)), autograd.grad(chain(agnp))
    np.testing.assert_allclose(ours(x), reference(x), rtol=1e-10)
    return compare("small graph: 1,000 elementwise ops, fwd+bwd", "10 elements",
                   lambda: ours(x), lambda: reference(x), "HIPS autograd", target=0.5,
                   repeat=5 if quick else 20)  # fmt: skip


def _hessian_cases(quick: bool) -> list[Row]:
    import autograd
    import autograd.numpy as agnp

    import mml.autodiff.numpy as anp
    from mml.autodiff import hessian

    torch = _torch()

    rng = np.random.default_rng(0)
    n, d = 500, 200
    X, y = rng.normal(size=(n, d)), rng.choice([-1.0, 1.0], n)
    w = 0.1 * rng.normal(size=d)

    def logistic(m):
        return lambda w: m.mean(m.logaddexp(0.0, -y * (X @ w))) + 0.005 * m.sum(w * w)

    tX, ty, tw = torch.from_numpy(X), torch.from_numpy(y), torch.from_numpy(w)

    def torch_logistic(w):
        return torch.nn.functional.softplus(-ty * (tX @ w)).mean() + 0.005 * (w * w).sum()

    ours = hessian(logistic(anp))
    reference = autograd.hessian(logistic(agnp))
    np.testing.assert_allclose(ours(w), reference(w), rtol=1e-9, atol=1e-12)
    repeat = 3 if quick else 7
    size = f"d={d}, N={n}"
    return [
        compare("hessian of logistic loss", size, lambda: ours(w), lambda: reference(w),
                "HIPS autograd", target=1.0, repeat=repeat),
        compare("hessian of logistic loss", size, lambda: ours(w),
                lambda: torch.func.hessian(torch_logistic)(tw), "torch.func.hessian",
                repeat=repeat, note="reported, no target"),
    ]  # fmt: skip


def _jacobian_case(quick: bool) -> Row:
    import mml.autodiff.numpy as anp
    from mml.autodiff import jacfwd, jacrev

    rng = np.random.default_rng(0)
    A = rng.normal(size=(1000, 10))

    def f(x):
        return anp.tanh(A @ x) * anp.sum(x**2)

    x = rng.normal(size=10)
    np.testing.assert_allclose(jacfwd(f)(x), jacrev(f)(x), rtol=1e-10, atol=1e-12)
    return compare("jacfwd vs jacrev", "R^10 -> R^1000", lambda: jacfwd(f)(x),
                   lambda: jacrev(f)(x), "mml jacrev", target=1.0, repeat=3 if quick else 5,
                   note="forward mode: 10 sweeps instead of 1000")  # fmt: skip


def _loss_curve_case(quick: bool) -> Row:
    """20 SGD steps on the digits set from the same weights and batches as torch."""
    torch = _torch()
    from sklearn.datasets import load_digits

    from mml.nn import MLP, cross_entropy
    from mml.optim import SGD, DataLoader

    digits = load_digits()
    X = (digits.data / 16.0).astype(np.float32)
    y = digits.target.astype(np.int64)
    loader = DataLoader(X, y, batch_size=64, shuffle=True, rng=0)
    batches = [batch for _, batch in zip(range(20), loader)]
    initial = MLP([64, 32, 10], activation="tanh", rng=0).state_dict()

    def mml_curve():
        net = MLP([64, 32, 10], activation="tanh", rng=0)
        net.load_state_dict(initial)
        opt = SGD(net.parameters(), lr=0.1, momentum=0.9)
        losses = []
        for xb, yb in batches:
            opt.zero_grad()
            loss = cross_entropy(net(xb), yb)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return losses

    def torch_curve():
        tnet = torch.nn.Sequential(
            torch.nn.Linear(64, 32), torch.nn.Tanh(), torch.nn.Linear(32, 10)
        )
        with torch.no_grad():
            for p, key in zip(tnet.parameters(), initial):
                p.copy_(torch.from_numpy(initial[key]))
        opt = torch.optim.SGD(tnet.parameters(), lr=0.1, momentum=0.9)
        losses = []
        for xb, yb in batches:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(
                tnet(torch.from_numpy(xb)), torch.from_numpy(yb)
            )
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return losses

    ours, theirs = np.array(mml_curve()), np.array(torch_curve())
    worst = float(np.max(np.abs(ours - theirs) / np.abs(theirs)))
    if worst > 1e-4:
        raise AssertionError(f"loss curves differ from torch's: max relative gap {worst:.2e}")
    return compare("MLP on digits: 20 SGD steps", "64-32-10, batch 64, f32", mml_curve,
                   torch_curve, "torch (same weights, batches)", repeat=3 if quick else 7,
                   note=f"loss curves agree: max relative gap {worst:.1e} over 20 steps "
                   f"({ours[0]:.3f} -> {ours[-1]:.3f})")  # fmt: skip


def run(quick: bool) -> list[Row]:
    return [
        *_mlp_step_cases(quick),
        _small_graph_case(quick),
        *_hessian_cases(quick),
        _jacobian_case(quick),
        _loss_curve_case(quick),
    ]
