"""nbhelpers.plots.digits: the misclassified digits, as pictures."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest

from nbhelpers.plots.digits import plot_digits


@pytest.fixture(autouse=True)
def _close_figures():
    """plot_digits makes its figures with pyplot: close them, or later tests see too many open figures."""
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


def _images(n):
    return np.random.default_rng(0).uniform(size=(n, 64))


def test_only_wrong_digits_are_shown_with_true_and_predicted_label():
    y_true, y_pred = np.array([0, 1, 2, 3]), np.array([0, 7, 2, 5])
    fig = plot_digits(_images(4), y_true, y_pred)
    titles = [ax.get_title() for ax in fig.axes if ax.images]
    assert titles == ["1, said 7", "3, said 5"]
    assert "2 of the 2 misclassified" in fig._suptitle.get_text()


def test_at_most_n_images_and_all_when_not_only_wrong():
    fig = plot_digits(_images(30), np.zeros(30, int), n=12, only_wrong=False)
    assert sum(bool(ax.images) for ax in fig.axes) == 12


def test_no_mistakes_says_so():
    fig = plot_digits(_images(3), [1, 2, 3], [1, 2, 3])
    assert any("no mistakes" in t.get_text() for ax in fig.axes for t in ax.texts)


@pytest.mark.parametrize("X, y, pred, word", [
    (np.zeros((3, 63)), [0, 1, 2], None, "X must have shape"),
    (np.zeros((3, 64)), [0, 1], None, "y_true"),
    (np.zeros((3, 64)), [0, 1, 2], [0, 1], "y_pred"),
])
def test_bad_input_names_the_parameter(X, y, pred, word):
    with pytest.raises(ValueError, match=word):
        plot_digits(X, y, pred)
