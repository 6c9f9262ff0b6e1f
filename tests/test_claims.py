"""Every comparative claim that notebooks 10 and 11 make about training runs, checked over several seeds.

A notebook prints what its own run gives; this file checks that what the prose concludes from it
holds for every seed the notebook uses (``replicates.SEEDS``), and, where the prose states a general
fact ("no seed learns", "learns from every seed"), for five more seeds. The portability run
(``tools/portability.py``) checks the same outputs under other processors' arithmetic.
"""
import copy
import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from nbhelpers import datasets
from nbhelpers.replicates import LOG2, SEEDS, compare_seeds, count_stuck, median_scores

MORE_SEEDS = tuple(range(max(SEEDS) + 1, max(SEEDS) + 6))


@pytest.fixture(scope="module")
def moons():
    X, y = datasets.make_moons(n=200, noise=0.15, random_state=0)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


@pytest.fixture(scope="module")
def runs09(moons):
    """Every configuration of notebook 10, trained from the notebook's seeds (one shared cache)."""
    X, y = moons
    configs = {
        "tanh small": dict(activation="tanh", init=0.1),
        "tanh xavier": dict(activation="tanh", init="xavier"),
        "tanh he": dict(activation="tanh", init="he"),
        "sigmoid": dict(activation="sigmoid", init="xavier"),
        "relu": dict(activation="relu", init="he"),
        "leaky": dict(activation="leaky_relu", init="he"),
        "bn xavier": dict(activation="sigmoid", init="xavier", batch_norm=True),
        "bn small": dict(activation="sigmoid", init=0.1, batch_norm=True),
        "relu large": dict(activation="relu", init=1.0),
        "relu large clip": dict(activation="relu", init=1.0, clip=1.0),
        "residual": dict(activation="sigmoid", init="xavier", residual=True, epochs=1000),
    }
    return compare_seeds(configs, X, y, seeds=SEEDS, cache={}, epochs=300)


def test_count_stuck_tells_log2_from_learning():
    assert count_stuck([LOG2, LOG2 + 0.005, 0.3, 0.0, np.nan, 0.68]) == 3


@pytest.mark.parametrize("label", ["tanh small", "sigmoid"])
def test_09_stuck_settings_learn_from_no_seed(runs09, label):
    assert count_stuck(runs09[label]["final"]) == len(SEEDS)


@pytest.mark.parametrize("label", ["tanh xavier", "tanh he", "leaky", "bn xavier", "bn small", "residual"])
def test_09_remedies_learn_from_every_seed(runs09, label):
    assert count_stuck(runs09[label]["final"]) == 0


def test_09_general_claims_hold_for_more_seeds(moons):
    X, y = moons
    runs = compare_seeds({"tanh small": dict(activation="tanh", init=0.1),
                          "sigmoid": dict(activation="sigmoid", init="xavier"),
                          "leaky": dict(activation="leaky_relu", init="he"),
                          "bn small": dict(activation="sigmoid", init=0.1, batch_norm=True)},
                         X, y, seeds=MORE_SEEDS)
    assert count_stuck(runs["tanh small"]["final"]) == len(MORE_SEEDS)
    assert count_stuck(runs["sigmoid"]["final"]) == len(MORE_SEEDS)
    assert count_stuck(runs["leaky"]["final"]) == 0
    assert count_stuck(runs["bn small"]["final"]) == 0


def test_09_xavier_and_he_have_no_winner_across_seeds(runs09):
    xavier, he = runs09["tanh xavier"]["final"], runs09["tanh he"]["final"]
    assert np.any(xavier < he) and np.any(he < xavier)


def test_09_small_init_gradient_is_ten_thousand_times_smaller(runs09):
    small = np.median(runs09["tanh small"]["profiles"], axis=0)
    xavier = np.median(runs09["tanh xavier"]["profiles"], axis=0)
    assert np.all(small < 1e-4) and np.all(xavier / small > 1e3)


def test_09_relu_dies_from_seed_3_only_and_leaky_relu_never(runs09):
    stuck = np.abs(runs09["relu"]["final"] - LOG2) < 0.01
    assert [s for s, dead in zip(SEEDS, stuck) if dead] == [3]


def test_09_profiles_flat_within_twenty_with_relu_and_falling_with_sigmoid(runs09):
    for label in ("relu", "leaky"):
        profile = np.median(runs09[label]["profiles"], axis=0)
        assert profile.max() / profile.min() < 20
    sigmoid = np.median(runs09["sigmoid"]["profiles"], axis=0)
    assert sigmoid[-1] / sigmoid[0] > 1e4


def test_09_clipping_rescues_some_starts_but_not_all(runs09):
    plain = count_stuck(runs09["relu large"]["final"])
    clipped = count_stuck(runs09["relu large clip"]["final"])
    assert plain > len(SEEDS) / 2          # "in most runs every ReLU ends up dead"
    assert 0 < clipped < plain             # "more of the same starts learn, but not all"
    profile = np.median(runs09["relu large"]["profiles"], axis=0)
    assert profile[0] > profile[-1]        # the profile rises towards the input


def test_09_residual_plateau_then_some_seeds_escape(runs09):
    C = runs09["residual"]["curves"]
    assert np.all((C[:, 299] > 0.25) & (C[:, 299] < 0.30))   # every seed on the plateau near 0.28
    assert np.all(C[:, 99] > 0.2)
    below = np.sum(C[:, 999] < 0.2)
    assert 0 < below < len(SEEDS)                              # some found the moons, some did not
    profile = np.median(runs09["residual"]["profiles"], axis=0)
    assert 10 < profile[-1] / profile[0] < 100                 # falls by a factor of about 30


def test_09_batchnorm_running_statistics_are_an_estimate(runs09, moons):
    X, _ = moons
    for net in runs09["bn xavier"]["nets"]:
        fwd = net.forward(X, training=True)
        assert not np.allclose(net.running_means_[1], fwd["z"][1].mean(axis=0))
        exact = copy.deepcopy(net)
        for l, z in enumerate(fwd["z"][:-1]):
            exact.running_means_[l][:] = z.mean(axis=0)
            exact.running_vars_[l][:] = z.var(axis=0)
        assert np.allclose(exact.predict_proba(X)[:, 1], fwd["a"][-1][:, 0])
        alone = [net.forward(X[i:i + 1], training=True)["a"][-1][0, 0] for i in range(5)]
        assert len(set(alone)) == 1


# ---------------------------------------------------------------- notebook 11
@pytest.fixture(scope="module")
def noisy_moons():
    X, y = datasets.make_moons(n=200, noise=0.3, random_state=0)
    return datasets.train_test_split(X, y, test_size=0.25, random_state=0)


def _fit(data, seed, **options):
    X_train, X_test, y_train, y_test = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf = MLPClassifier(activation="tanh", random_state=seed, **options).fit(X_train, y_train)
    return clf


def test_10_lbfgs_lowest_loss_from_every_seed_but_lowest_test_accuracy(noisy_moons):
    solvers = {"sgd": dict(learning_rate_init=0.1), "adam": dict(learning_rate_init=0.01), "lbfgs": {}}
    loss, test = {}, {}
    for name, options in solvers.items():
        nets = [_fit(noisy_moons, s, hidden_layer_sizes=(16,), solver=name, max_iter=1000, **options) for s in SEEDS]
        loss[name] = np.array([n.loss_ for n in nets])
        test[name] = np.median([n.score(noisy_moons[1], noisy_moons[3]) for n in nets])
    assert loss["lbfgs"].max() < min(loss["sgd"].min(), loss["adam"].min())
    assert test["lbfgs"] < min(test["sgd"], test["adam"])
    assert loss["adam"][0] > 0.3 and np.sum(loss["adam"] > 0.3) == 1     # seed 0's early stop is the exception
    assert abs(np.median(loss["adam"]) - np.median(loss["sgd"])) < 0.03


def _lbfgs_scores(data, alpha, hidden, seed):
    clf = _fit(data, seed, hidden_layer_sizes=(hidden,), solver="lbfgs", alpha=alpha, max_iter=500)
    return clf.score(data[0], data[2]), clf.score(data[1], data[3])


def test_10_l2_sweep_overfits_weak_and_underfits_strong(noisy_moons):
    alphas = 10.0 ** np.arange(-5, 1.5, 0.5)
    _, medians = median_scores(lambda a, s: _lbfgs_scores(noisy_moons, a, 32, s), alphas)
    weak = alphas <= 1e-2
    assert medians[weak, 0].min() >= 0.99 and medians[weak, 1].max() < 0.90      # over-fitting
    best = alphas[np.isclose(medians[:, 1], medians[:, 1].max())]
    assert set(np.round(np.log10(best), 1)) <= {-1.0, -0.5}                       # best near alpha = 0.1
    assert medians[-1, 0] < 0.9 and medians[-1, 1] < medians[:, 1].max() - 0.1   # under-fitting at alpha = 10


def test_10_width_four_units_best_at_moderate_penalty(noisy_moons):
    widths = [1, 2, 4, 8, 16, 32]
    _, med = median_scores(lambda h, s: _lbfgs_scores(noisy_moons, 0.01, h, s), widths)
    assert widths[int(np.argmax(med[:, 1]))] == 4
    assert np.all(med[:2] < 0.9)                                   # one or two units under-fit
    assert np.all(med[4:, 0] >= 0.98) and np.all(med[4:, 1] <= med[2, 1] - 0.05)   # 16, 32 over-fit
    _, free = median_scores(lambda h, s: _lbfgs_scores(noisy_moons, 1e-5, h, s), widths)
    assert free[0, 0] < 0.9 and free[-1, 0] == 1.0
    assert np.all((free[:, 1] >= 0.80) & (free[:, 1] <= 0.92))


# ---------------------------------------------------------------- notebooks 03 and 06
def test_03_ring_blog_settings_stay_on_the_plateau_and_larger_rate_escapes_from_most_starts():
    from nbhelpers.datasets import logic_gate_data
    from nbhelpers.models import MLP

    X, y = logic_gate_data("RING", n_per_class=30, noise=0.15, random_state=123)
    blog = dict(hidden=(4,), activation="sigmoid", output="sigmoid", loss="squared_error", init="uniform",
                lr=2.0, epochs=100, batch_size=1, anneal=0.95)
    plateau = 8 / 9                                   # class 1 everywhere
    stuck = [MLP(random_state=s, **blog).fit(X, y).score(X, y) for s in SEEDS]
    faster = [MLP(random_state=s, **dict(blog, lr=3.0, anneal=0.98)).fit(X, y).score(X, y) for s in SEEDS]
    assert np.allclose(stuck, plateau, atol=1e-3)
    assert sum(a > plateau + 0.03 for a in faster) >= len(SEEDS) - 1


def test_06_full_batch_stays_on_the_plateau_and_single_samples_escape_within_a_few_epochs():
    from nbhelpers.datasets import logic_gate_data
    from nbhelpers.models import MLP

    X, y = logic_gate_data("XOR", n_per_class=50)
    curves = {kw: [np.array(MLP(hidden=(4,), lr=2.0, epochs=100, random_state=s, **dict(kw)).fit(X, y).loss_curve_)
                   for s in SEEDS]
              for kw in [(("batch_size", None),), (("batch_size", 16),), (("batch_size", 1),),
                         (("batch_size", 1), ("anneal", 0.95))]}
    full, mini, single, annealed = curves.values()
    assert all(abs(c[-1] - 0.125) < 0.002 for c in full)                 # on the plateau: outputs near 0.5
    assert all(np.argmax(c < 0.1) <= 20 and c[-1] < 0.02 for c in single)
    escaped = [c[-1] < 0.1 for c in mini]
    assert 0 < sum(escaped) < len(SEEDS) + 1 and sum(escaped) >= len(SEEDS) // 2
    assert all(np.argmax(c < 0.1) > np.argmax(s < 0.1) for c, s, e in zip(mini, single, escaped) if e)
    assert np.median([np.std(c[-10:]) for c in annealed]) <= np.median([np.std(c[-10:]) for c in single])
