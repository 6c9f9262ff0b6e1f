import numpy as np
import pytest

from nbhelpers import losses
from nbhelpers.activations import softmax, sigmoid
from nbhelpers.gradcheck import numerical_gradient, relative_error

rng = np.random.default_rng(0)
Y_BIN = rng.integers(0, 2, size=(6, 1)).astype(float)
P_BIN = rng.uniform(0.05, 0.95, size=(6, 1))
Y_CAT = np.eye(3)[rng.integers(0, 3, size=6)]
P_CAT = softmax(rng.normal(size=(6, 3)))
CASES = {
    "squared_error": (Y_BIN, rng.normal(size=(6, 1))),
    "sum_squared_error": (Y_BIN, rng.normal(size=(6, 1))),
    "mean_squared_error": (Y_BIN, rng.normal(size=(6, 1))),
    "binary_cross_entropy": (Y_BIN, P_BIN),
    "categorical_cross_entropy": (Y_CAT, P_CAT),
}


@pytest.mark.parametrize("name", losses.names())
def test_gradient_matches_centred_difference(name):
    loss = losses.get(name)
    y, y_hat = CASES[name]
    numeric = numerical_gradient(lambda v: loss(y, v), y_hat)
    assert relative_error(loss.grad(y, y_hat), numeric) < 1e-6


def test_squared_error_is_the_mean_over_samples_of_half_the_sum_of_squares():
    # E = 1/n sum_samples 1/2 sum_k (y_hat - y)^2: two samples with errors (1, -1) and (2, 0)
    y, y_hat = [[0.0, 1.0], [0.0, 0.0]], [[1.0, 0.0], [2.0, 0.0]]
    assert losses.squared_error(y, y_hat) == pytest.approx((0.5 * 2 + 0.5 * 4) / 2)
    assert losses.sum_squared_error(y, y_hat) == pytest.approx(0.5 * 2 + 0.5 * 4)


def test_squared_error_is_the_objective_of_the_network():
    from nbhelpers.models import MLP

    X, y = rng.normal(size=(7, 2)), rng.normal(size=7)
    net = MLP(hidden=(3,), output="identity").initialize(X, y)
    assert net.objective(X, y) == pytest.approx(losses.squared_error(y[:, None], net.forward(X)["a"][-1]))


def test_softmax_cross_entropy_of_logits_is_exact_for_a_confident_mistake():
    # today's clipping at p = 1e-12 capped this loss at -log(1e-12) = 27.6; log-softmax gives 1000
    z = np.array([[1000.0, 0.0]])
    assert losses.output_loss("categorical_cross_entropy", np.array([[0.0, 1.0]]), z, softmax(z)) == pytest.approx(1000.0)
    assert losses.output_loss("binary_cross_entropy", np.array([[1.0]]), np.array([[-800.0]]), None) == pytest.approx(800.0)


def test_mean_squared_error_averages_over_samples():
    assert losses.mean_squared_error([[1.0], [0.0]], [[0.0], [2.0]]) == pytest.approx(2.5)


@pytest.mark.parametrize("name", ["binary_cross_entropy", "categorical_cross_entropy"])
def test_cross_entropy_is_finite_at_exact_zero_and_one(name):
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    wrong = 1.0 - y
    loss = losses.get(name)
    assert loss(y, y) == pytest.approx(0.0, abs=1e-9)
    assert np.isfinite(loss(y, wrong)) and loss(y, wrong) > 20
    assert np.all(np.isfinite(loss.grad(y, wrong)))


def test_softmax_cross_entropy_gradient_for_logits_is_p_minus_y():
    z = rng.normal(size=(4, 3))
    y = np.eye(3)[[0, 2, 1, 1]]
    numeric = numerical_gradient(lambda v: losses.categorical_cross_entropy(y, softmax(v)), z)
    np.testing.assert_allclose(numeric, (softmax(z) - y) / 4, atol=1e-8)


def test_sigmoid_binary_cross_entropy_gradient_for_logits_is_p_minus_y():
    z = rng.normal(size=(5, 1))
    y = np.array([[1.0], [0.0], [1.0], [1.0], [0.0]])
    numeric = numerical_gradient(lambda v: losses.binary_cross_entropy(y, sigmoid(v)), z)
    np.testing.assert_allclose(numeric, (sigmoid(z) - y) / 5, atol=1e-8)


def test_shape_mismatch_is_named():
    with pytest.raises(ValueError, match=r"same shape. Got y \(2,\) and y_hat \(3,\)"):
        losses.squared_error([1, 2], [1, 2, 3])


def test_unknown_loss_is_named():
    with pytest.raises(ValueError, match="loss must be one of .*Got 'hinge' instead"):
        losses.get("hinge")
