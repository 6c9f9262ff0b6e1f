"""The figures of the training experiments (06, 08) and the claims their prose makes, over seeds 0-4."""
import warnings

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nbhelpers.datasets import make_blobs, make_moons, regression_data, truth_table  # noqa: E402
from nbhelpers.mlp import DivergenceWarning  # noqa: E402
from nbhelpers.models import MLP  # noqa: E402
from nbhelpers.plots.training_experiments import (  # noqa: E402
    plot_learning_rates, plot_output_gradients, plot_unit_weights, plot_update_losses)
from nbhelpers.replicates import SEEDS  # noqa: E402

RATES = {"too small": 0.03, "good": 0.3, "borderline": 0.6, "oscillating": 1.0, "diverging": 10.0}


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


# ---------------------------------------------------------------- figures
def test_learning_rate_panels_one_per_run_and_cross_only_on_diverged():
    fig = plot_learning_rates({"a": [1.0, 0.5], "b": [1.0, 1e305]}, diverged={"b"}, title="Q?")
    assert len(fig.axes) == 2 and fig._suptitle.get_text() == "Q?"
    assert [len(ax.lines) for ax in fig.axes] == [1, 2]
    assert max(fig.axes[1].lines[0].get_ydata()) <= 1e100
    fig.canvas.draw()  # the huge loss must not break the log axis


def test_learning_rate_panels_reject_unknown_diverged_label():
    with pytest.raises(ValueError, match="diverged"):
        plot_learning_rates({"a": [1.0]}, diverged={"z"})


def test_unit_weights_draws_one_line_per_unit_on_an_epoch_axis():
    fig = plot_unit_weights({"equal": np.zeros((3, 2)), "random": np.ones((3, 2))}, every=10)
    assert [len(ax.lines) for ax in fig.axes] == [2, 2]
    assert fig.axes[0].lines[0].get_xdata().tolist() == [0, 10, 20]
    with pytest.raises(ValueError, match="shape"):
        plot_unit_weights({"bad": [1.0, 2.0]})


def test_update_losses_puts_updates_on_an_epoch_axis():
    fig = plot_update_losses({"K = 2": (2, [0.3, 0.2, 0.25, 0.1])}, title="Q?")
    assert fig.axes[0].lines[0].get_xdata().tolist() == [0.5, 1.0, 1.5, 2.0]
    assert fig.axes[0].get_title() == "Q?"
    with pytest.raises(ValueError, match="at least 1"):
        plot_update_losses({"K": (0, [0.1])})


def test_output_gradients_checks_shapes():
    fig = plot_output_gradients([-1.0, 0.0], {"ce": [0.7, 0.5]})
    assert len(fig.axes[0].lines) == 1
    with pytest.raises(ValueError, match="shape"):
        plot_output_gradients([-1.0, 0.0], {"ce": [0.7]})


# ---------------------------------------------------------------- claims of 06
def _lr_curves(seed):
    X, y = regression_data("SIN", n=40, noise=0.1)
    X, y = X / 2.5, y - 2.5
    out = {}
    for name, lr in RATES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)
            net = MLP(hidden=(8,), activation="tanh", output="identity", lr=lr, epochs=100,
                      random_state=seed).fit(X, y)
        out[name] = (np.array(net.loss_curve_), net.diverged_)
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_five_learning_rate_regimes_hold_for_every_seed(seed):
    runs = _lr_curves(seed)
    assert [name for name, (_, div) in runs.items() if div] == ["diverging"]
    assert runs["too small"][0][-1] > 0.25
    for name in ("good", "borderline"):
        assert np.all(np.diff(runs[name][0]) < 0), f"{name} must fall in every epoch"
    assert runs["borderline"][0][-1] == min(c[-1] for c, _ in runs.values())
    osc = runs["oscillating"][0]
    assert np.mean(np.diff(osc) > 0) > 0.3
    assert osc[-1] > 10 * runs["borderline"][0][-1]


@pytest.mark.parametrize("seed", SEEDS)
def test_equal_start_keeps_hidden_units_identical_and_random_breaks_it(seed):
    X, y = truth_table("XOR")
    gaps, scores = {}, {}
    for start in ("equal", "random"):
        net = MLP(hidden=(3,), lr=4.0, random_state=seed).initialize(X, y)
        if start == "equal":
            for p in net.parameters().values():
                p[...] = 0.3
        gap = 0.0
        for _ in range(100):
            net.partial_fit(X, y, epochs=10)
            gap = max(gap, float(np.max(np.abs(net.coefs_[0] - net.coefs_[0][:, :1]))))
        gaps[start], scores[start] = gap, net.score(X, y)
    assert gaps["equal"] < 1e-12 and scores["equal"] <= 0.75
    assert gaps["random"] > 0.1


def test_random_start_learns_xor_from_most_seeds():
    X, y = truth_table("XOR")
    solved = sum(MLP(hidden=(3,), lr=4.0, epochs=1000, random_state=s).fit(X, y).score(X, y) == 1.0 for s in SEEDS)
    assert solved >= 3


def _update_losses(K, seed):
    X, y = make_moons(n=80, noise=0.1)
    net, rng, losses = MLP(hidden=(3, 2), lr=3.0, random_state=seed).initialize(X, y), np.random.default_rng(seed), []
    for _ in range(10):
        order = rng.permutation(80)
        for start in range(0, 80, K):
            net.step(X[order[start:start + K]], y[order[start:start + K]])
            losses.append(net.objective(X, y))
    return np.array(losses)


@pytest.mark.parametrize("seed", SEEDS)
def test_smaller_batches_give_noisier_loss_curves(seed):
    runs = {K: _update_losses(K, seed) for K in (1, 8, 80)}
    rises = {K: np.mean(np.diff(l) > 0) for K, l in runs.items()}
    assert rises[1] > 0.5 and rises[1] > rises[8] > rises[80] == 0
    assert runs[1][-1] < min(runs[8][-1], runs[80][-1])


# ---------------------------------------------------------------- claims of 08
@pytest.mark.parametrize("seed", SEEDS)
def test_squared_error_stalls_where_cross_entropy_recovers(seed):
    X, y = make_blobs(n=100, n_classes=2, noise=1.0, random_state=seed)
    X = X / 4
    d = X[y == 1].mean(axis=0) - X[y == 0].mean(axis=0)
    after = {}
    for loss in ("squared_error", "binary_cross_entropy"):
        unit = MLP(hidden=(), loss=loss, lr=0.5, random_state=seed).initialize(X, y)
        W, b = unit.parameters().values()
        W[:, 0] = -8 * d / (d @ d)
        b[...] = -W[:, 0] @ X.mean(axis=0)
        assert unit.score(X, y) < 0.1
        after[loss] = unit.partial_fit(X, y, epochs=50).score(X, y)
    assert after["binary_cross_entropy"] > 0.9 and after["squared_error"] < 0.5
