"""nbhelpers.approximation.staircase_net: the hand-built universal-approximation network."""
import numpy as np
import pytest

from nbhelpers.approximation import staircase_net
from nbhelpers.models import MLP


def target(x):
    return np.sin(2 * x) + 0.3 * x


def max_error(net, f, lo=-3.0, hi=3.0):
    x = np.linspace(lo, hi, 601)[:, None]
    return float(np.max(np.abs(net.predict(x) - f(x[:, 0]))))


def test_returns_a_one_hidden_layer_sigmoid_mlp_with_the_recipe_weights():
    net = staircase_net(target, 5, x_range=(-3, 3), steepness=10.0)
    assert isinstance(net, MLP)
    assert [W.shape for W in net.coefs_] == [(1, 5), (5, 1)]
    assert [b.shape for b in net.intercepts_] == [(5,), (1,)]
    # 6 stairs of width 1 on [-3, 3]: steps at -2, -1, 0, 1, 2; levels f(-2.5), ..., f(2.5)
    levels = target(np.arange(-2.5, 3.0, 1.0))
    np.testing.assert_allclose(net.coefs_[0], 10.0)
    np.testing.assert_allclose(net.intercepts_[0], -10.0 * np.array([-2.0, -1.0, 0.0, 1.0, 2.0]))
    np.testing.assert_allclose(net.coefs_[1][:, 0], np.diff(levels))
    np.testing.assert_allclose(net.intercepts_[1], [levels[0]])


def test_output_is_the_target_at_the_middle_of_every_stair_when_steep():
    lo, hi, n = -1.0, 2.0, 7
    net = staircase_net(target, n, x_range=(lo, hi), steepness=1e4)
    width = (hi - lo) / (n + 1)
    middles = lo + width * (np.arange(n + 1) + 0.5)
    np.testing.assert_allclose(net.predict(middles[:, None]), target(middles), atol=1e-9)


def test_output_is_flat_outside_the_range():
    net = staircase_net(target, 10, x_range=(-3, 3), steepness=1e3)
    left, right = net.predict(np.array([[-10.0], [-20.0]])), net.predict(np.array([[10.0], [20.0]]))
    assert np.ptp(left) < 1e-12 and np.ptp(right) < 1e-12


def test_error_on_the_range_shrinks_as_units_are_added():
    # steps kept sharp relative to the stairs (rise over ~1/4 of a stair), so only the stair width matters
    errors = [max_error(staircase_net(target, n, steepness=32 * (n + 1) / 6), target) for n in (4, 12, 48, 200)]
    assert all(a > b for a, b in zip(errors, errors[1:]))
    assert errors[-1] < 0.05


def test_monotone_target_gives_monotone_output():
    net = staircase_net(np.exp, 15, x_range=(0, 2))
    out = net.predict(np.linspace(-1, 3, 500)[:, None])
    assert np.all(np.diff(out) >= 0)


def test_a_constant_target_gives_a_constant_output():
    net = staircase_net(lambda x: np.full_like(x, 1.5), 8)
    np.testing.assert_allclose(net.predict(np.linspace(-5, 5, 50)[:, None]), 1.5)


def test_weights_do_not_depend_on_any_random_state():
    a, b = staircase_net(target, 6), staircase_net(target, 6)
    for Wa, Wb in zip(a.coefs_ + a.intercepts_, b.coefs_ + b.intercepts_):
        np.testing.assert_array_equal(Wa, Wb)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(n_units=0), ValueError, "n_units"),
        (dict(n_units=2.5), TypeError, "n_units"),
        (dict(n_units=3, steepness=0.0), ValueError, "steepness"),
        (dict(n_units=3, x_range=(1.0, -1.0)), ValueError, "lo < hi"),
        (dict(n_units=3, x_range=(0.0, np.inf)), ValueError, "finite"),
        (dict(n_units=3, x_range=3.0), ValueError, "pair"),
        (dict(n_units=3, x_range=(0.0, 1.0, 2.0)), ValueError, "pair"),
    ],
)
def test_bad_arguments_are_refused_with_a_message(kwargs, error, match):
    with pytest.raises(error, match=match):
        staircase_net(target, **kwargs)


def test_f_must_return_one_finite_value_per_x():
    with pytest.raises(ValueError, match="one finite value per x"):
        staircase_net(lambda x: 1.0, 4)
    with pytest.raises(ValueError, match="one finite value per x"):
        staircase_net(lambda x: np.where(x > 0, np.nan, x), 4, x_range=(-1, 1))
