import warnings

import numpy as np
import pytest

from nbhelpers import activations
from nbhelpers.gradcheck import numerical_derivative

# Points away from the kinks of relu-like functions, plus large |z|.
Z = np.concatenate([np.linspace(-6, 6, 121) + 0.013, [-1e4, -700.0, -50.0, 50.0, 700.0, 1e4]])
ELEMENTWISE = [n for n in activations.names() if n != "softmax"]


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_centred_difference(name):
    act = activations.get(name)
    # Past |z| ~ 40 float64 cannot resolve a difference; compare the rest, and
    # check the tails separately below.
    z = Z[np.abs(Z) < 40]
    np.testing.assert_allclose(act.df(z), numerical_derivative(act.f, z), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", activations.names())
def test_no_warning_and_no_nan_at_large_inputs(name):
    act = activations.get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a, da = act.f(Z), act.df(Z)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(da))


def test_sigmoid_tails_are_exact():
    assert activations.sigmoid(-1e4) == 0.0 and activations.sigmoid(1e4) == 1.0
    assert activations.sigmoid_prime(1e4) == 0.0


def test_sigmoid_prime_peaks_at_a_quarter():
    z = np.linspace(-10, 10, 2001)
    assert activations.sigmoid_prime(z).max() == pytest.approx(0.25)
    assert activations.sigmoid_prime(0.0) == 0.25


def test_tanh_equals_two_sigmoid_two_x_minus_one():
    z = np.linspace(-8, 8, 101)
    np.testing.assert_allclose(activations.tanh(z), 2 * activations.sigmoid(2 * z) - 1, atol=1e-12)


def test_step_uses_greater_or_equal_zero():
    np.testing.assert_array_equal(activations.binary_step([-1e-9, 0.0, 1e-9]), [0.0, 1.0, 1.0])


def test_leaky_relu_default_slope_is_the_lectures_point_one():
    assert activations.leaky_relu(-2.0) == pytest.approx(-0.2)
    assert activations.get("leaky_relu", slope=0.3).f(-2.0) == pytest.approx(-0.6)


def test_elu_alpha_is_configurable():
    assert activations.get("elu", alpha=2.0).f(-1e4) == pytest.approx(-2.0)


def test_softmax_reproduces_the_lectures_example():
    p = activations.softmax([2.33, -1.46, 0.56])
    np.testing.assert_allclose(p, [0.83827314, 0.01894129, 0.14278557], atol=5e-9)


@pytest.mark.parametrize("scores, expected", [
    ([5, 4, 2], [0.71, 0.26, 0.04]),
    ([4, 2, 8], [0.02, 0.00, 0.98]),
    ([4, 4, 1], [0.49, 0.49, 0.02]),
])
def test_softmax_reproduces_the_cat_dog_horse_table(scores, expected):
    np.testing.assert_allclose(activations.softmax(scores).round(2), expected)


def test_softmax_is_stable_and_respects_axis():
    z = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]])
    p = activations.softmax(z, axis=1)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p[0], activations.softmax([0.0, 1.0, 2.0]))
    np.testing.assert_allclose(activations.softmax(z.T, axis=0), p.T)


def test_softmax_jacobian_matches_centred_difference():
    z = np.array([0.3, -1.2, 2.0])
    jac = activations.softmax_prime(z)
    for j in range(3):
        e = np.zeros(3)
        e[j] = 1e-6
        column = (activations.softmax(z + e) - activations.softmax(z - e)) / 2e-6
        np.testing.assert_allclose(jac[:, j], column, atol=1e-8)


def test_registry_lists_names_and_accepts_aliases():
    assert {"sigmoid", "tanh", "relu", "softmax"} <= set(activations.names())
    assert activations.get("logistic").name == "sigmoid"
    act = activations.get("tanh")
    assert act(0.5) == act.f(0.5)


def test_unknown_activation_is_named_in_the_error():
    with pytest.raises(ValueError, match=r"activation must be one of .*'sigmoid'.*Got 'sigmod' instead"):
        activations.get("sigmod")


def test_non_string_activation_is_a_type_error():
    with pytest.raises(TypeError, match="activation must be a str"):
        activations.get(3)


def test_parameter_an_activation_does_not_take_is_rejected():
    with pytest.raises(ValueError, match="'tanh' takes no parameters. Got parameter 'slope'"):
        activations.get("tanh", slope=0.2)
    with pytest.raises(TypeError, match="slope must be a finite real number"):
        activations.get("leaky_relu", slope="steep")
