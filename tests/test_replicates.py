"""Runs repeated over seeds (nbhelpers.replicates) and their figures (nbhelpers.plots.seeds)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nbhelpers.datasets import make_moons  # noqa: E402
from nbhelpers.plots.regularization import plot_validation_curve  # noqa: E402
from nbhelpers.plots.seeds import plot_seed_curves, plot_seed_profiles, plot_seed_remedy  # noqa: E402
from nbhelpers.replicates import LOG2, compare_seeds, count_stuck, median_scores, summarize_seeds  # noqa: E402


@pytest.fixture(scope="module")
def runs():
    X, y = make_moons(n=40, random_state=0)
    return compare_seeds({"tanh": dict(activation="tanh"), "sigmoid": dict(activation="sigmoid")},
                         X, y, seeds=(0, 1, 2), hidden=(4, 4), epochs=6)


def test_compare_seeds_trains_one_network_per_seed_with_its_own_start(runs):
    run = runs["tanh"]
    assert run["profiles"].shape == (3, 3) and run["curves"].shape == (3, 6)
    assert [net.random_state for net in run["nets"]] == [0, 1, 2]
    assert not np.allclose(run["nets"][0].coefs_[0], run["nets"][1].coefs_[0])
    np.testing.assert_array_equal(run["final"], run["curves"][:, -1])


def test_compare_seeds_reuses_the_cache():
    X, y = make_moons(n=30, random_state=1)
    cache = {}
    first = compare_seeds({"a": dict(activation="tanh")}, X, y, seeds=(0, 1), cache=cache, hidden=(3,), epochs=2)
    again = compare_seeds({"b": dict(activation="tanh")}, X, y, seeds=(0, 1), cache=cache, hidden=(3,), epochs=2)
    assert len(cache) == 2 and first["a"]["nets"][0] is again["b"]["nets"][0]


@pytest.mark.parametrize("bad, error", [({}, ValueError), ({"a": 1}, TypeError), ([("a", {})], ValueError)])
def test_compare_seeds_rejects_bad_configs(bad, error):
    X, y = make_moons(n=20, random_state=0)
    with pytest.raises(error, match="settings|configs"):
        compare_seeds(bad, X, y)


@pytest.mark.parametrize("seeds", [(), (0.5,), (True,), "ab"])
def test_seeds_must_be_integers(seeds):
    with pytest.raises(ValueError, match="seeds must be a non-empty sequence of integers"):
        median_scores(lambda s, seed: (0.0, 0.0), [1], seeds=seeds)


def test_count_stuck_counts_log2_and_nan_only():
    assert count_stuck([LOG2, 0.0, np.nan, LOG2 - 0.02, np.inf]) == 3


def test_summarize_seeds_says_how_many_learned(runs):
    text = summarize_seeds(runs)
    assert text.splitlines()[0].startswith("tanh ") and "of 3 seeds" in text and "layer 3:" in text


def test_median_scores_returns_every_run_and_the_medians():
    scores, medians = median_scores(lambda a, seed: (a, 10 * a + seed), [1.0, 2.0], seeds=(0, 1, 5))
    assert scores.shape == (2, 3, 2)
    np.testing.assert_array_equal(medians, [[1.0, 11.0], [2.0, 21.0]])
    with pytest.raises(ValueError, match="training score, test score"):
        median_scores(lambda a, seed: (a,), [1.0])
    with pytest.raises(TypeError, match="fit_one must be a function"):
        median_scores(None, [1.0])


def test_seed_figures_draw_every_run_and_the_median(runs):
    fig = plot_seed_remedy(runs, title="t", log_loss=True, ylim=(1e-2, 2))
    ax_profile, ax_loss = fig.axes
    assert ax_profile.get_yscale() == "log" and ax_loss.get_yscale() == "log"
    # per configuration: 3 faint runs + 1 median; then the log 2 line
    assert len(ax_loss.get_lines()) == 2 * (3 + 1) + 1
    assert [t.get_text() for t in ax_loss.get_legend().get_texts()][:2] == ["tanh (median of 3)", "sigmoid (median of 3)"]
    plt.close(fig)
    for plot in (plot_seed_profiles, plot_seed_curves):
        plt.close(plot(runs))


@pytest.mark.parametrize("bad", [None, {}, {"a": {"curves": [1]}}])
def test_seed_figures_reject_what_compare_seeds_did_not_return(bad):
    with pytest.raises((TypeError, ValueError), match="compare_seeds"):
        plot_seed_curves(bad)


def test_validation_curve_draws_the_spread_under_the_medians():
    values = [1e-3, 1e-1, 10]
    train_all = np.array([[1.0, 0.99], [0.93, 0.94], [0.8, 0.8]])
    test_all = np.array([[0.8, 0.86], [0.94, 0.92], [0.78, 0.78]])
    fig = plot_validation_curve(values, np.median(train_all, 1), np.median(test_all, 1), spread=(train_all, test_all))
    assert len(fig.axes[0].get_lines()) == 2 * 2 + 3   # two faint runs per score, two medians, the star
    plt.close(fig)
    with pytest.raises(ValueError, match="spread must be"):
        plot_validation_curve(values, [1, 1, 1], [1, 1, 1], spread=(train_all[:2], test_all))
