"""scikit-learn's estimator contract for MLP and Perceptron: its checks, clone, Pipeline, search, CV."""
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from nbhelpers.datasets import make_moons, regression_data
from nbhelpers.models import MLP, Perceptron

ESTIMATORS = [
    MLP(epochs=20),
    MLP(output="softmax", loss="categorical_cross_entropy", epochs=20),
    MLP(output="identity", epochs=20),
    Perceptron(),
]


def expected_failed_checks(estimator):
    """The checks that cannot pass, each with its reason."""
    if isinstance(estimator, MLP) and estimator.output == "identity":
        return {"check_supervised_y_2d": "a column y of shape (n, 1) is a one-output regression target: the "
                                         "network keeps its 2-D shape, as a multi-output regressor does"}
    return {}


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=expected_failed_checks)
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)


def test_init_only_stores_and_clone_copies_the_parameters():
    net = MLP(hidden=(3, 2), lr=-1.0, activation="nope")  # no error: validation happens in fit
    twin = clone(net)
    assert twin.get_params() == net.get_params() and twin is not net
    assert not hasattr(twin, "coefs_")


def test_pipeline_grid_search_and_cross_validation():
    X, y = make_moons(n=120, noise=0.2, random_state=0)
    pipe = make_pipeline(StandardScaler(), MLP(hidden=(8,), activation="tanh", loss="binary_cross_entropy",
                                               lr=0.5, batch_size=16, epochs=60))
    assert pipe.fit(X, y).score(X, y) > 0.8
    search = GridSearchCV(pipe, {"mlp__lr": [0.1, 0.5]}, cv=3).fit(X, y)
    assert search.best_params_["mlp__lr"] in (0.1, 0.5)
    scores = cross_val_score(MLP(hidden=(8,), loss="binary_cross_entropy", epochs=40, batch_size=16), X, y, cv=3)
    assert scores.shape == (3,) and scores.mean() > 0.7
    assert cross_val_score(Perceptron(), X, y, cv=3).mean() > 0.6
    Xr, yr = regression_data("SIN", n=90)
    r2 = cross_val_score(MLP(hidden=(6,), activation="tanh", output="identity", lr=0.05, batch_size=8), Xr, yr, cv=3)
    assert r2.shape == (3,)


def test_fitted_attributes_of_both_models():
    X, y = make_moons(n=40, random_state=0)
    for model in (MLP(epochs=5), Perceptron()):
        model.fit(X, y)
        assert model.n_features_in_ == 2
        np.testing.assert_array_equal(model.classes_, [0, 1])
        assert 0.0 <= model.score(X, y) <= 1.0


def test_set_params_lr_takes_effect_on_a_fitted_network():
    X, y = make_moons(n=40, random_state=0)
    net = MLP(hidden=(3,), lr=0.5, epochs=2).fit(X, y)
    before = [p.copy() for p in net.parameters().values()]
    grads = net.gradients(X, y)
    net.set_params(lr=0.01)
    assert net.lr_ == 0.01
    net.partial_fit(X, y, epochs=1)
    for p, p0, g in zip(net.parameters().values(), before, grads.values()):
        np.testing.assert_allclose(p, p0 - 0.01 * g)
