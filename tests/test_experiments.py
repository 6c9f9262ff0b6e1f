"""nbhelpers.experiments: the run/compare harness of 09_vanishing_gradient."""
import numpy as np
import pytest

from nbhelpers.datasets import make_moons
from nbhelpers.experiments import DEEP_NET, compare_runs, fit_full_batch, summarize_runs, train_run
from nbhelpers.models import MLP

SMALL = dict(hidden=(4, 4, 4), epochs=6)


@pytest.fixture(scope="module")
def data():
    X, y = make_moons(n=40, noise=0.1, random_state=0)
    return X, y


def test_profile_is_the_gradient_of_the_fitted_network_at_its_start(data):
    X, y = data
    profile, net = train_run(X, y, activation="sigmoid", init="xavier", **SMALL)
    assert profile.shape == (4,) and np.all(profile > 0)
    fresh = MLP(**{**DEEP_NET, **SMALL, "activation": "sigmoid", "init": "xavier"}).initialize(X, y)
    grads = fresh.gradients(X, y)
    assert np.allclose(profile, [np.linalg.norm(grads[f"W{l}"]) for l in range(1, 5)])
    assert len(net.loss_curve_) == 6 and net.lr == DEEP_NET["lr"]
    # the run is the run of a plain MLP with the same settings (fit draws the same start again)
    same = MLP(**{**DEEP_NET, **SMALL, "activation": "sigmoid", "init": "xavier"}).fit(X, y)
    assert np.allclose(net.loss_curve_, same.loss_curve_)


def test_the_cache_returns_the_same_run_and_separates_settings_and_data(data):
    X, y = data
    cache = {}
    a = train_run(X, y, cache=cache, activation="tanh", **SMALL)
    assert train_run(X, y, cache=cache, activation="tanh", **SMALL) is a
    b = train_run(X, y, cache=cache, activation="relu", **SMALL)
    assert b is not a and len(cache) == 2
    c = train_run(X[::-1].copy(), y[::-1].copy(), cache=cache, activation="tanh", **SMALL)
    assert c is not a and len(cache) == 3


def test_compare_runs_collects_profiles_curves_and_nets(data):
    X, y = data
    cache = {}
    configs = {"tanh": dict(activation="tanh"), "ReLU, longer": dict(activation="relu", epochs=9)}
    profiles, curves, nets = compare_runs(configs, X, y, cache=cache, **SMALL)
    assert list(profiles) == list(curves) == list(nets) == list(configs)
    assert len(curves["tanh"]) == 6 and len(curves["ReLU, longer"]) == 9   # a run's own setting wins
    assert np.allclose(curves["tanh"], nets["tanh"].loss_curve_)
    assert all(np.all(np.isfinite(c)) for c in curves.values())
    again = compare_runs({"same tanh": dict(activation="tanh")}, X, y, cache=cache, **SMALL)
    assert again[2]["same tanh"] is nets["tanh"] and len(cache) == 2


def test_summary_has_one_aligned_line_per_run(data):
    X, y = data
    profiles, _, nets = compare_runs({"a": dict(activation="tanh"), "longer label": dict(activation="relu")},
                                     X, y, **SMALL)
    lines = summarize_runs(profiles, nets, X, y).splitlines()
    assert len(lines) == 2 and lines[0].index("layer 1") == lines[1].index("layer 1")
    assert "layer 4:" in lines[0] and "final loss" in lines[0] and "accuracy" in lines[1]


@pytest.mark.parametrize("configs", [{}, [("a", {})], {"a": "tanh"}])
def test_bad_configs_are_rejected(data, configs):
    with pytest.raises((TypeError, ValueError)):
        compare_runs(configs, *data, **SMALL)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu"])
@pytest.mark.parametrize("batch_norm, residual, clip", [(False, False, None), (True, False, None),
                                                        (False, True, 0.5), (True, True, 0.5)])
def test_fit_full_batch_is_fit(data, activation, batch_norm, residual, clip):
    # few epochs: a longer run of a chaotic setting would amplify rounding differences
    X, y = data
    settings = dict(DEEP_NET, hidden=(5,) * 4, epochs=12, activation=activation, init="xavier",
                    batch_norm=batch_norm, residual=residual, clip=clip)
    slow, fast = MLP(**settings).fit(X, y), fit_full_batch(MLP(**settings), X, y)
    assert np.allclose(fast.loss_curve_, slow.loss_curve_, rtol=0, atol=1e-10)
    assert len(fast.grad_norms_) == 12
    assert np.allclose(fast.grad_norms_, slow.grad_norms_, rtol=1e-8, atol=1e-14)
    for name, p in slow.parameters().items():
        assert np.allclose(fast.parameters()[name], p, rtol=1e-8, atol=1e-12), name
    if batch_norm:
        assert np.allclose(fast.running_means_, slow.running_means_) and np.allclose(fast.running_vars_, slow.running_vars_)
    assert np.array_equal(fast.predict_proba(X) > 0.5, slow.predict_proba(X) > 0.5)
    assert fast.n_epochs_ == slow.n_epochs_ == 12 and not fast.diverged_


def test_fit_full_batch_stops_where_fit_stops(data):
    X, y = data
    settings = dict(DEEP_NET, hidden=(6,) * 6, epochs=40, activation="relu", init=1e60)  # z overflows to inf
    slow, fast = MLP(**settings).fit(X, y), fit_full_batch(MLP(**settings), X, y)
    assert slow.diverged_ and fast.diverged_ and fast.n_epochs_ == slow.n_epochs_ < 40
    assert fast.loss_curve_ == slow.loss_curve_ and len(fast.grad_norms_) == len(slow.grad_norms_)
    assert all(np.isfinite(p).all() for p in fast.parameters().values()) == all(
        np.isfinite(p).all() for p in slow.parameters().values())


def test_fit_full_batch_falls_back_to_fit_for_what_it_does_not_cover(data):
    X, y = data
    for extra in (dict(momentum=0.9), dict(batch_size=8), dict(alpha=0.1), dict(loss="squared_error")):
        settings = dict(DEEP_NET, hidden=(4, 4), epochs=5, **extra)
        assert fit_full_batch(MLP(**settings), X, y).loss_curve_ == MLP(**settings).fit(X, y).loss_curve_, extra
