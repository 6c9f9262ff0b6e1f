"""The plot functions of 01_logistic_neuron and 02_perceptron / 03_linear_separability."""
import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from nbhelpers.datasets import truth_table
from nbhelpers.models import Perceptron
from nbhelpers.plots.logistic import logistic_features, plot_logistic_boundary, plot_sigmoid_threshold
from nbhelpers.plots import plot_truth_table
from nbhelpers.plots.perceptron import perceptron_trace, plot_gate, plot_perceptron_steps, plot_weight_history


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
    assert "4/4 right" in title and "x₁²" in title


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


@pytest.mark.parametrize("gate, kwargs", [("AND", {}), ("OR", {"lr": 0.5}), ("AND", {"random_state": 3}),
                                          ("XOR", {"max_epochs": 5}), ("AND", {"output": "sign"})])
def test_perceptron_trace_reads_the_history_row_by_row(gate, kwargs):
    X, y = truth_table(gate)
    if kwargs.get("output") == "sign":
        y = 2 * y - 1
    p = Perceptron(**kwargs).fit(X, y)
    rows = perceptron_trace(p, X, y)
    assert len(rows) == len(X) * p.n_epochs_
    updates = [r for r in rows if r["update"]]
    assert [r["update"] for r in updates] == list(range(1, len(p.history_)))
    np.testing.assert_array_equal([r["w"] for r in updates], p.history_[1:])
    errors = [sum(r["update"] > 0 for r in rows if r["pass"] == e) for e in range(1, p.n_epochs_ + 1)]
    assert errors == p.errors_per_epoch_
    for r in rows:
        assert (r["output"] != r["target"]) == (r["update"] > 0)
        assert r["x"] == tuple(X[r["row"]].astype(float))
    np.testing.assert_array_equal(rows[-1]["w"], p.weights_)


def test_perceptron_trace_of_and_starts_as_in_the_notebook():
    X, y = truth_table("AND")
    rows = perceptron_trace(Perceptron().fit(X, y), X, y)
    first = rows[0]
    assert (first["x"], first["target"], first["V"], first["output"], first["update"]) == ((0.0, 0.0), 0, 0.0, 1, 1)
    assert first["w"].tolist() == [-1.0, 0.0, 0.0]
    assert rows[1]["update"] == 0 and rows[1]["w"].tolist() == [-1.0, 0.0, 0.0]


def test_perceptron_trace_refuses_other_data_or_an_unfitted_model():
    X, y = truth_table("AND")
    p = Perceptron().fit(X, y)
    with pytest.raises(ValueError, match="does not match"):
        perceptron_trace(p, X, truth_table("OR")[1])
    with pytest.raises(ValueError, match="not fitted on this X"):
        perceptron_trace(p, np.hstack([X, X]), y)
    with pytest.raises(ValueError, match="must be fitted"):
        perceptron_trace(Perceptron(), X, y)


def test_truth_table_calls_the_threshold_T():
    ax = plot_truth_table("AND", w=[1, 1], threshold=1.5).axes[0]
    assert "T = 1.5" in ax.get_title() and "θ" not in ax.get_title()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert r"$w_1x_1 + w_2x_2 = T$" in labels and not any("theta" in s for s in labels)
    labels = [t.get_text() for t in plot_truth_table("NOT", w=[-1], threshold=-0.5).axes[0].get_legend().get_texts()]
    assert r"$w_1x_1 = T$" in labels
