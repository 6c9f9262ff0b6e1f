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


def test_squared_error_is_half_the_sum_of_squares_as_in_the_sources():
    assert losses.squared_error([1.0, 0.0], [0.0, 2.0]) == pytest.approx(0.5 * (1 + 4))


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
