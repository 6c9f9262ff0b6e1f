"""Plots of 04_activation_functions and 06_backpropagation: activation grid, derivative check, error surfaces."""
import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")

from nbhelpers.plots.activation_grid import (activation_table, derivative_check_data, maxout, maxout_prime,
                                             plot_activation_grid, plot_derivative_check)
from nbhelpers.plots.error_surface import (error_one_weight, error_two_weights, plot_error_curve,
                                           plot_error_surface, plot_loss_curves)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def test_maxout_reproduces_relu_leaky_relu_and_abs():
    z = np.linspace(-3, 3, 13)
    assert np.allclose(maxout(z, [1, 0], [0, 0]), np.maximum(z, 0))
    assert np.allclose(maxout(z, [1, 0.1], [0, 0]), np.where(z > 0, z, 0.1 * z))
    assert np.allclose(maxout(z, [1, -1], [0, 0]), np.abs(z))
    assert not np.any(np.signbit(maxout(z, [1, 0], [0, 0])))  # no -0.0 to print


def test_maxout_prime_is_the_slope_of_the_winning_piece():
    z = np.array([-2.0, 0.5, 3.0])
    assert maxout_prime(z, [1, 0, -1], [0, 0, -1]).tolist() == [-1.0, 1.0, 1.0]


def test_table_has_the_eleven_activations_and_correct_derivatives_away_from_kinks():
    table = activation_table()
    assert len(table) == 11
    z = np.array([-2.3, -0.7, 0.4, 1.9])  # no kink of any entry here
    for title, f, df in table:
        _, d, fd = derivative_check_data(f, df, z, 1e-6)
        if "step" not in title:
            assert np.allclose(d, fd, atol=1e-6), title


def test_activation_grid_draws_one_panel_per_activation_and_a_legend_panel():
    fig = plot_activation_grid()
    titles = [ax.get_title() for ax in fig.axes]
    assert "PReLU (a = 0.25)" in titles and "maxout (k = 3)" in titles
    assert len(fig.axes) == 12
    for ax in fig.axes[:11]:
        assert len(ax.lines) >= 2


def test_derivative_check_draws_three_lines_on_a_given_axes():
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    fig = plot_derivative_check(np.tanh, lambda z: 1 - np.tanh(z) ** 2, ax=ax, title="tanh")
    assert fig is ax.figure and len(ax.lines) >= 3
    assert "largest" in ax.get_title()


def test_error_of_the_blogs_tiny_networks():
    assert float(error_one_weight(1.0, "identity")) == 0.0
    assert float(error_one_weight(-10.0, "identity")) == pytest.approx(60.5)
    assert float(error_one_weight(10.0, "sigmoid")) < 1e-8
    assert float(error_one_weight(-10.0, "sigmoid")) == pytest.approx(0.5, abs=1e-4)
    assert float(error_two_weights(10.0, 10.0)) < 1e-7
    assert float(error_two_weights(-10.0, -10.0)) > 0.1


def test_error_plots_return_figures():
    fig = plot_error_curve()
    assert len(fig.axes) == 2
    fig = plot_error_surface(n=10)
    assert fig.axes[0].name == "3d"
    fig = plot_loss_curves({"a": [1.0, 0.5, 0.2], "b": [1.0, 0.9, 0.8]})
    assert len(fig.axes[0].lines) == 2
