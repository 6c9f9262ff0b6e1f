"""The plot functions of 01_logistic_neuron and 02_perceptron / 03_linear_separability."""
import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from nbhelpers.datasets import truth_table
from nbhelpers.models import Perceptron
from nbhelpers.plots.logistic import logistic_features, plot_logistic_boundary, plot_sigmoid_threshold
from nbhelpers.plots.perceptron import plot_gate, plot_perceptron_steps, plot_weight_history


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def test_logistic_features_for_3_and_5_parameters():
    assert logistic_features([[2.0, 3.0]], 3).tolist() == [[1.0, 2.0, 3.0]]
    assert logistic_features([[2.0, 3.0]], 5).tolist() == [[1.0, 2.0, 3.0, 4.0, 9.0]]
    with pytest.raises(ValueError, match="3 entries"):
        logistic_features([[2.0, 3.0]], 4)


def test_circle_boundary_title_counts_the_points_right():
    X = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, -1.5], [0.2, 0.3]])
    y = np.array([0, 1, 1, 0])
    fig = plot_logistic_boundary([-1, 0, 0, 1, 1], X, y)
    assert isinstance(fig, Figure)
    title = fig.axes[0].get_title()
    assert "4/4 right" in title and "x_1^2" in title


def test_boundary_on_given_axes_returns_its_figure():
    fig = Figure()
    ax = fig.add_subplot()
    assert plot_logistic_boundary([0.5, -1, 1], ax=ax) is fig


def test_bad_theta_is_refused():
    with pytest.raises(ValueError, match="theta must be 3 or 5"):
        plot_logistic_boundary([1, 2])
    with pytest.raises(ValueError, match="theta must be 3 or 5"):
        plot_logistic_boundary([np.nan, 0, 0])


def test_sigmoid_threshold_figure():
    fig = plot_sigmoid_threshold()
    assert "0.5" in fig.axes[0].get_title()


@pytest.mark.parametrize("gate, w1, w2, t, right", [("AND", 1, 1, 1.5, 4), ("OR", 1, 1, 0.5, 4),
                                                    ("NOT", -1, 0, -0.5, 4), ("XOR", 1, 1, 0.5, 3)])
def test_gate_plot_marks_rows(gate, w1, w2, t, right):
    fig = plot_gate(gate, w1, w2, t)
    ax = fig.axes[0]
    assert f"{right}/4 rows right" in ax.get_title()
    texts = [a.get_text() for a in ax.texts]
    assert sum("✓" in s for s in texts) == right


def test_perceptron_steps_has_one_panel_per_weight_vector():
    X, y = truth_table("AND")
    p = Perceptron().fit(X, y)
    fig = plot_perceptron_steps(p.history_, X, y, n_cols=4)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == len(p.history_)
    assert visible[-1].get_title().endswith(f"w = ({', '.join(f'{v:g}' for v in p.weights_)})")


def test_weight_history_marks_the_xor_cycle():
    X, y = truth_table("XOR")
    p = Perceptron(max_epochs=5).fit(X, y)
    assert not p.converged_
    fig = plot_weight_history(p.history_)
    assert any("repeat" in t.get_text() for t in fig.axes[0].texts)
    assert len(fig.axes[0].lines) >= 3


def test_history_of_wrong_shape_is_refused():
    with pytest.raises(ValueError, match="history must be"):
        plot_weight_history([[1.0, 2.0]])
