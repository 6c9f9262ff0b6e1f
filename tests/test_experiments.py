"""nbhelpers.experiments: the run/compare harness of 10_vanishing_gradient."""
import numpy as np
import pytest

from nbhelpers.datasets import make_moons
from nbhelpers.experiments import DEEP_NET, compare_runs, summarize_runs, train_run
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


def test_a_run_that_diverges_warns_and_stops(data):
    X, y = data
    with pytest.warns(UserWarning, match="diverged in epoch"):
        _, net = train_run(X, y, hidden=(6,) * 6, epochs=40, activation="relu", init=1e60)  # z overflows to inf
    assert net.diverged_ and net.n_epochs_ < 40
