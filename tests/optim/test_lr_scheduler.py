"""Learning-rate schedules: the closed forms, per group, and with the optimiser."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mml.autodiff import Tensor
from mml.errors import DomainError
from mml.optim import SGD, Adam
from mml.optim.lr_scheduler import CosineAnnealingLR, StepLR


def rates(scheduler, optimizer, epochs):
    seen = []
    for _ in range(epochs):
        seen.append([g["lr"] for g in optimizer.param_groups])
        optimizer.step()
        scheduler.step()
    return seen


@settings(max_examples=20, deadline=None)
@given(step_size=st.integers(1, 5), gamma=st.floats(0.05, 0.95), lr=st.floats(1e-3, 1.0))
def test_step_lr_multiplies_by_gamma_every_step_size_epochs(step_size, gamma, lr):
    opt = SGD([Tensor([1.0], requires_grad=True)], lr=lr)
    sched = StepLR(opt, step_size=step_size, gamma=gamma)
    got = [r[0] for r in rates(sched, opt, 12)]
    expected = [lr * gamma ** (e // step_size) for e in range(12)]
    np.testing.assert_allclose(got, expected, rtol=1e-12)


@settings(max_examples=20, deadline=None)
@given(T_max=st.integers(1, 10), eta_min=st.floats(0.0, 0.01), lr=st.floats(0.02, 1.0))
def test_cosine_annealing_follows_half_a_cosine(T_max, eta_min, lr):
    opt = Adam([Tensor([1.0], requires_grad=True)], lr=lr)
    sched = CosineAnnealingLR(opt, T_max=T_max, eta_min=eta_min)
    got = [r[0] for r in rates(sched, opt, T_max + 1)]
    assert got[0] == pytest.approx(lr)
    assert got[T_max] == pytest.approx(eta_min)
    assert all(a >= b - 1e-15 for a, b in zip(got, got[1:]))  # decreasing on [0, T_max]
    mid = eta_min + (lr - eta_min) * (1 + math.cos(math.pi * 1 / T_max)) / 2
    assert got[1] == pytest.approx(mid) if T_max > 1 else True


def test_each_param_group_is_scheduled_from_its_own_initial_lr():
    w1, w2 = Tensor([1.0], requires_grad=True), Tensor([1.0], requires_grad=True)
    opt = SGD([{"params": [w1], "lr": 1.0}, {"params": [w2], "lr": 0.1}], lr=0.5)
    sched = StepLR(opt, step_size=1, gamma=0.5)
    opt.step()
    sched.step()
    assert sched.get_last_lr() == [0.5, 0.05]


def test_invalid_schedules_raise():
    opt = SGD([Tensor([1.0], requires_grad=True)], lr=0.1)
    with pytest.raises(DomainError):
        StepLR(opt, step_size=0)
    with pytest.raises(DomainError):
        CosineAnnealingLR(opt, T_max=0)
    with pytest.raises(DomainError):
        StepLR("not an optimizer", step_size=1)
