"""Backpropagation of nbhelpers.models.MLP against centred differences (gradcheck).

Every configuration is a small random float64 network; the analytic gradient of
each parameter must agree with the numerical one to a relative error < 1e-6.
The data are fixed by seeds. For ReLU-like units the seed is the first one whose
hidden pre-activations all stay at least 1e-3 away from the kink at 0 (else a step
of h = 1e-5 could cross it) and where every unit is active for some sample (a dead
unit has an exactly zero gradient, which a relative error cannot compare with the
~1e-11 noise of the numerical one).
"""
import numpy as np
import pytest

from nbhelpers.gradcheck import check_mlp_gradients, numerical_gradient, relative_error
from nbhelpers.models import MLP

ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "arctan", "identity"]
PAIRS = [
    ("sigmoid", "squared_error"),
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "categorical_cross_entropy"),
    ("identity", "squared_error"),
]
TOL = 1e-6


def _data(output, seed=0, n=12, n_features=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features))
    if output == "softmax":
        y = np.arange(n) % 3
    elif output == "sigmoid":
        y = np.arange(n) % 2
    else:
        y = rng.normal(size=n)
    return X, y


def _network(output, loss="squared_error", activation="tanh", **kwargs):
    """A seeded network and batch, the first seed that keeps ReLU-like units off their kink."""
    for seed in range(50):
        X, y = _data(output, seed=seed)
        net = MLP(output=output, loss=loss, activation=activation, init=0.8, random_state=seed, **kwargs)
        net.initialize(X, y)
        z_hidden = net.forward(X, training=True)["z"][:-1]
        if net.batch_norm:
            z_hidden = [bn[0] * g + b for bn, g, b in zip(net.forward(X, training=True)["bn"],
                                                          net.gammas_, net.betas_)]
        if all(np.abs(z).min() > 1e-3 and (z > 0).any(axis=0).all() for z in z_hidden):
            return net, X, y
    raise AssertionError("no seed keeps the units away from the kink")


def _assert_gradients_match(net, X, y):
    errors = check_mlp_gradients(net, X, y)
    assert set(errors) == set(net.parameters())
    bad = {name: err for name, err in errors.items() if not err < TOL}
    assert not bad, f"relative errors above {TOL}: {bad}"


@pytest.mark.parametrize("output, loss", PAIRS)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_backprop_matches_numerical_gradient_for_each_activation_and_loss(activation, output, loss):
    net, X, y = _network(output, loss, activation, hidden=(5, 4))
    _assert_gradients_match(net, X, y)


@pytest.mark.parametrize("output, loss", PAIRS)
def test_backprop_matches_numerical_gradient_with_l2_penalty(output, loss):
    net, X, y = _network(output, loss, "relu", hidden=(5, 4), alpha=0.7)
    _assert_gradients_match(net, X, y)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_backprop_matches_numerical_gradient_with_batch_norm(activation):
    # with identity units a second BN layer removes every shift made by beta1, whose gradient
    # is then exactly 0 (not comparable by relative error): one hidden layer there
    hidden = (5,) if activation == "identity" else (5, 4)
    net, X, y = _network("softmax", "categorical_cross_entropy", activation, hidden=hidden, batch_norm=True)
    _assert_gradients_match(net, X, y)
    assert "gamma1" in net.parameters() and "b1" not in net.parameters()


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_backprop_matches_numerical_gradient_with_residual_connections(activation):
    net, X, y = _network("identity", "squared_error", activation, hidden=(4, 4, 4), residual=True)
    assert net.skip_connections == [False, True, True]
    _assert_gradients_match(net, X, y)


def test_backprop_matches_numerical_gradient_with_batch_norm_and_residual():
    net, X, y = _network("sigmoid", "binary_cross_entropy", "leaky_relu", hidden=(4, 4),
                         batch_norm=True, residual=True, alpha=0.2)
    _assert_gradients_match(net, X, y)


@pytest.mark.parametrize("hidden", [(), (3,), (6, 2, 5), (4, 3, 5, 2)])
def test_backprop_matches_numerical_gradient_for_several_depths(hidden):
    activation = ["tanh", "relu", "sigmoid", "elu"][:len(hidden)]
    net, X, y = _network("softmax", "categorical_cross_entropy", activation, hidden=hidden)
    _assert_gradients_match(net, X, y)


def test_objective_includes_the_l2_penalty_over_the_batch_size():
    X, y = _data("identity", seed=6)
    plain = MLP(hidden=(3,), output="identity").initialize(X, y)
    penalised = MLP(hidden=(3,), output="identity", alpha=0.5).initialize(X, y)
    squares = sum(float(np.sum(W ** 2)) for W in plain.coefs_)
    assert penalised.objective(X, y) == pytest.approx(plain.objective(X, y) + 0.5 / 2 * squares / len(X))


def test_gradcheck_detects_a_wrong_gradient():
    X, y = _data("identity", seed=7)
    net = MLP(hidden=(3,), output="identity").initialize(X, y)
    W = net.parameters()["W1"]
    wrong = 1.1 * net.gradients(X, y)["W1"]

    def objective(value):
        saved = W.copy()
        W[...] = value
        try:
            return net.objective(X, y)
        finally:
            W[...] = saved

    assert relative_error(wrong, numerical_gradient(objective, W)) > 1e-2
