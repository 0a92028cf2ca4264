"""``DataLoader`` minibatches and the ``fit`` loop."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.errors import DomainError, ShapeError
from mml.nn import MLP, cross_entropy, mse_loss
from mml.optim import SGD, Adam, DataLoader, fit
from mml.optim.lr_scheduler import StepLR


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 40), batch_size=st.integers(1, 12), shuffle=st.booleans(),
       drop_last=st.booleans())  # fmt: skip
def test_data_loader_covers_every_row_once_per_pass(n, batch_size, shuffle, drop_last):
    X, y = np.arange(2 * n).reshape(n, 2), np.arange(n)
    loader = DataLoader(X, y, batch_size=batch_size, shuffle=shuffle, drop_last=drop_last, rng=0)
    batches = list(loader)
    assert len(batches) == len(loader)
    seen = np.concatenate([yb for _, yb in batches]) if batches else np.array([], int)
    for xb, yb in batches:
        np.testing.assert_array_equal(xb[:, 0], 2 * yb)  # rows stay aligned
        assert len(yb) == batch_size or not drop_last
    if drop_last:
        assert len(seen) == (n // batch_size) * batch_size
        assert len(set(seen.tolist())) == len(seen)
    else:
        assert sorted(seen.tolist()) == list(range(n))
        if not shuffle:
            assert seen.tolist() == list(range(n))


def test_shuffling_draws_a_new_order_each_epoch_and_is_seeded():
    y = np.arange(20)
    first = [yb.tolist() for (yb,) in DataLoader(y, batch_size=20, shuffle=True, rng=3)]
    again = [yb.tolist() for (yb,) in DataLoader(y, batch_size=20, shuffle=True, rng=3)]
    assert first == again
    loader = DataLoader(y, batch_size=20, shuffle=True, rng=3)
    assert next(iter(loader))[0].tolist() != next(iter(loader))[0].tolist()


def test_data_loader_rejects_misaligned_arrays_and_bad_batch_sizes():
    with pytest.raises(ShapeError, match="same number of rows"):
        DataLoader(np.zeros((3, 2)), np.zeros(4))
    with pytest.raises(DomainError):
        DataLoader(np.zeros(3), batch_size=0)
    with pytest.raises(ShapeError):
        DataLoader()


def test_fit_learns_a_classifier_and_records_history():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2)).astype(np.float32)
    y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)  # XOR-like: needs the hidden layer
    model = MLP([2, 32, 2], activation="tanh", rng=0)
    opt = Adam(model.parameters(), lr=0.05)
    sched = StepLR(opt, step_size=10, gamma=0.5)
    loader = DataLoader(X, y, batch_size=32, shuffle=True, rng=1)
    history = fit(model, cross_entropy, opt, loader, epochs=30, scheduler=sched, progress=False)
    assert len(history.losses) == 30 * len(loader)
    assert len(history.epoch_losses) == 30
    assert history.learning_rates[:11] == [0.05] * 10 + [0.025]
    assert history.epoch_losses[-1] < 0.3 * history.epoch_losses[0]
    model.eval()
    accuracy = (model(X).numpy().argmax(axis=1) == y).mean()
    assert accuracy > 0.9


def test_fit_shows_a_progress_bar(capsys):
    X = np.ones((8, 1), dtype=np.float32)
    model = MLP([1, 1], rng=0)
    fit(model, mse_loss, SGD(model.parameters(), lr=0.1), DataLoader(X, X, batch_size=4))
    assert "epoch 1/1" in capsys.readouterr().err


def test_fit_stops_with_a_clear_error_when_the_loss_diverges():
    X = np.linspace(-10, 10, 16, dtype=np.float32).reshape(-1, 1)
    model = MLP([1, 1], rng=0)
    with pytest.raises(DomainError, match="learning rate"):
        fit(model, mse_loss, SGD(model.parameters(), lr=1e3), DataLoader(X, X**3, batch_size=16),
            epochs=50, progress=False)  # fmt: skip


def test_fit_rejects_zero_epochs():
    model = MLP([1, 1], rng=0)
    with pytest.raises(DomainError):
        fit(model, mse_loss, SGD(model.parameters()), [], epochs=0)
