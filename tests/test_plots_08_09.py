"""Figures of 08_regression (hidden-unit contributions) and 09_softmax (bars, confusion matrix)."""
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nbhelpers.datasets import regression_data  # noqa: E402
from nbhelpers.models import MLP  # noqa: E402
from nbhelpers.plots.regression_parts import plot_regression_parts, unit_contributions  # noqa: E402
from nbhelpers.plots.softmax import confusion_counts, plot_confusion_matrix, plot_softmax_bars  # noqa: E402


@pytest.fixture(scope="module")
def net_and_data():
    X, y = regression_data("ABS", n=60)
    net = MLP(hidden=(3,), activation="tanh", output="identity", loss="squared_error", lr=0.2,
              epochs=5, batch_size=1, anneal=0.95, random_state=0).fit(X, y)
    return net, X, y


def test_contributions_plus_bias_equal_the_prediction(net_and_data):
    net, X, _ = net_and_data
    parts, bias = unit_contributions(X, net.coefs_, net.intercepts_)
    assert parts.shape == (len(X), 3)
    assert np.allclose(parts.sum(axis=1) + bias, net.predict(X))


def test_contributions_by_hand():
    # one unit: w_11 = 2, b_1 = -1, w_1k = 3, b_k = 0.5; at x = 0.5 the unit sees z = 0
    parts, bias = unit_contributions([0.5, 1.0], [np.array([[2.0]]), np.array([[3.0]])],
                                     [np.array([-1.0]), np.array([0.5])])
    assert parts[:, 0] == pytest.approx([0.0, 3.0 * np.tanh(1.0)])
    assert bias == 0.5


def test_contributions_reject_a_network_that_is_not_1_j_1():
    with pytest.raises(ValueError, match="1-J-1 network"):
        unit_contributions([0.0], [np.ones((2, 3)), np.ones((3, 1))], [np.zeros(3), np.zeros(1)])


def test_plot_regression_parts_draws_one_dashed_line_per_unit(net_and_data):
    net, X, y = net_and_data
    fig = plot_regression_parts(net.coefs_, net.intercepts_, X, y, true_fn=np.abs)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert sum(line.get_linestyle() == "--" for line in ax.lines) == 3
    assert ax.get_title()
    assert all(np.all(np.isfinite(line.get_ydata())) for line in ax.lines)


def test_softmax_bars_show_the_lectures_numbers():
    fig = plot_softmax_bars([4.0, 2.0, 8.0], class_names=["cat", "dog", "horse"], show_sigmoid=True)
    heights = [p.get_height() for p in fig.axes[0].patches]
    assert np.round(heights, 2).tolist() == [0.02, 0.0, 0.98]
    assert [t.get_text() for t in fig.axes[0].texts] == ["0.02", "0.00", "0.98"]


def test_softmax_bars_do_not_overflow_on_huge_scores():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_softmax_bars([1000.0, 999.0, -1000.0], temperature=0.1, show_sigmoid=True)
    heights = np.array([p.get_height() for p in fig.axes[0].patches])
    assert np.all(np.isfinite(heights)) and heights.sum() == pytest.approx(1.0)


def test_softmax_bars_legend_can_be_left_out():
    assert plot_softmax_bars([1.0, 2.0]).axes[0].get_legend() is not None
    assert plot_softmax_bars([1.0, 2.0], legend=False).axes[0].get_legend() is None


def test_softmax_bars_need_one_name_per_score():
    with pytest.raises(ValueError, match="one name per score"):
        plot_softmax_bars([1.0, 2.0], class_names=["a", "b", "c"])


def test_confusion_counts_match_scikit_learn():
    from sklearn.metrics import confusion_matrix

    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 4, 100), rng.integers(0, 4, 100)
    C, labels = confusion_counts(y_true, y_pred)
    assert labels.tolist() == [0, 1, 2, 3]
    assert np.array_equal(C, confusion_matrix(y_true, y_pred))


def test_plot_confusion_matrix_titles_the_accuracy():
    fig = plot_confusion_matrix([0, 1, 2, 2], [0, 2, 2, 2])
    assert "0.750" in fig.axes[0].get_title()
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["1", "1", "2"]
