"""nbhelpers.plots: every function returns a labelled figure and leaves pyplot alone."""
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nbhelpers import datasets, plots  # noqa: E402

XOR = datasets.logic_gate_data("XOR", n_per_class=10)
CURVE = np.exp(-np.arange(30) / 10) + 0.1


def _soft_xor(P):
    """A hand-made probability of XOR's class 1, vectorized over the rows of P."""
    return 1 / (1 + np.exp(-8 * (P[:, 0] - 0.5) * (0.5 - P[:, 1])))


CASES = {
    "points": lambda ax: plots.plot_points(*XOR, ax=ax),
    "surface": lambda ax: plots.plot_decision_surface(_soft_xor, *XOR, ax=ax, resolution=40),
    "loss": lambda ax: plots.plot_loss_curve(CURVE, ax=ax, test_curve=CURVE + 0.1, log=True),
    "activation": lambda ax: plots.plot_activation("tanh", ax=ax, show_numerical=True),
    "truth_table": lambda ax: plots.plot_truth_table("AND", w=[1, 1], threshold=1.5, ax=ax),
    "regression": lambda ax: plots.plot_regression(*datasets.regression_data("SIN", n=30), predict=lambda x: 2.5 + np.sin(x[:, 0]),
                                                   components=lambda x: np.column_stack([np.sin(x[:, 0]), 0 * x[:, 0]]), ax=ax),
    "gradient_norms": lambda ax: plots.plot_gradient_norms(np.abs(np.random.default_rng(0).normal(size=(20, 3))) + 1e-3, ax=ax),
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("name", CASES)
def test_returns_a_figure_with_labelled_axes_and_a_title(name):
    fig = CASES[name](None)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert ax.get_legend() is not None


@pytest.mark.parametrize("name", CASES)
def test_draws_on_the_given_axes_without_touching_pyplot(name):
    fig = Figure()
    ax = fig.add_subplot()
    before = plt.get_fignums()
    assert CASES[name](ax) is fig
    assert plt.get_fignums() == before
    assert ax.get_title()


def test_axes_of_a_subfigure_return_the_root_figure():
    fig = Figure()
    ax = fig.subfigures(1, 2)[1].add_subplot()
    assert plots.plot_points(*XOR, ax=ax) is fig


def test_style_is_applied_only_inside_the_block():
    before = dict(matplotlib.rcParams)
    plots.plot_points(*XOR)
    assert dict(matplotlib.rcParams) == before
    with plots.style():
        assert matplotlib.rcParams["axes.spines.top"] is False


def test_decision_surface_calls_predict_once_on_the_whole_grid():
    calls = []

    def predict(P):
        calls.append(P.shape)
        return _soft_xor(P)

    plots.plot_decision_surface(predict, *XOR, resolution=50)
    assert calls == [(2500, 2)]


def test_decision_surface_draws_an_image_with_fixed_extent_and_the_half_line():
    fig = plots.plot_decision_surface(_soft_xor, *XOR, bounds=(-1, 2, -1, 2), resolution=30)
    ax = fig.axes[0]
    (im,) = ax.get_images()
    assert im.get_extent() == [-1, 2, -1, 2] and im.get_interpolation() == "nearest"
    assert ax.collections and any("0.5" in t.get_text() for t in ax.get_legend().get_texts())


@pytest.mark.parametrize("predict", [
    lambda P: (P.sum(1) > 1).astype(int),                    # labels
    lambda P: np.column_stack([1 - _soft_xor(P), _soft_xor(P)]),  # predict_proba of a binary model
    lambda P: P[:, 0] - P[:, 1],                             # a decision function
])
def test_decision_surface_accepts_labels_probabilities_and_scores(predict):
    assert isinstance(plots.plot_decision_surface(predict, *XOR, resolution=20), Figure)


def test_decision_surface_multiclass_and_test_points():
    X, y = datasets.make_blobs(n=80, n_classes=4)
    Xtr, Xte, ytr, yte = datasets.train_test_split(X, y)
    centres = np.array([X[y == k].mean(0) for k in range(4)])
    nearest = lambda P: np.argmin(((P[:, None, :] - centres) ** 2).sum(-1), axis=1)  # noqa: E731
    fig = plots.plot_decision_surface(nearest, Xtr, ytr, X_test=Xte, y_test=yte, resolution=30)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "test: class 3" in labels and "train: class 0" in labels


def test_decision_surface_rejects_wrong_output_shape():
    with pytest.raises(ValueError, match="one value .* per grid point: expected 400 rows"):
        plots.plot_decision_surface(lambda P: np.zeros(3), *XOR, resolution=20)


def test_grid_covers_the_bounds():
    points, shape = plots.grid((0, 1, 2, 4), resolution=3)
    assert shape == (3, 3) and points.shape == (9, 2)
    assert points.min(0).tolist() == [0, 2] and points.max(0).tolist() == [1, 4]
    with pytest.raises(ValueError, match="bounds must be"):
        plots.grid((1, 0, 0, 1))


def test_truth_table_counts_right_rows_in_the_title():
    fig = plots.plot_truth_table("XOR", w=[1, 1], threshold=0.5)
    assert "3/4 right" in fig.axes[0].get_title()
    assert "2/2 right" in plots.plot_truth_table("NOT", w=[-1], threshold=-0.5).axes[0].get_title()


def test_truth_table_rejects_wrong_number_of_weights():
    with pytest.raises(ValueError, match="w must have 2 weight"):
        plots.plot_truth_table("AND", w=[1, 1, 1])


def test_activation_rejects_softmax_and_unknown_names():
    with pytest.raises(ValueError, match="softmax"):
        plots.plot_activation("softmax")
    with pytest.raises(ValueError, match="activation must be one of"):
        plots.plot_activation("sigmod")


def test_loss_curve_marks_divergence():
    fig = plots.plot_loss_curve([1.0, 0.5, np.inf, np.nan])
    assert any("nan/inf" in t.get_text() for t in fig.axes[0].get_legend().get_texts())


def test_palette_is_okabe_ito():
    assert plots.PALETTE["blue"] == "#0072B2" and plots.PALETTE["vermillion"] == "#D55E00"
    assert len(set(plots.CLASS_MARKERS)) == len(plots.CLASS_MARKERS)


def test_importing_plots_does_not_import_pyplot():
    code = "import sys, nbhelpers.plots; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_topic_modules_load_on_first_use():
    assert plots.logistic.__name__ == "nbhelpers.plots.logistic"
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        plots.nope  # noqa: B018


def test_style_block_keeps_the_interactive_mode_it_found_switched_on():
    # The inline backend switches interactive mode on inside the first style() block;
    # restoring it to off would hide every later figure of a notebook.
    import matplotlib as mpl

    from nbhelpers.plots._style import style

    before = mpl.is_interactive()
    try:
        mpl.interactive(False)
        with style():
            mpl.interactive(True)
        assert mpl.is_interactive()
        with style():
            assert mpl.rcParams["axes.spines.top"] is False
        assert mpl.rcParams["axes.spines.top"] is True
    finally:
        mpl.interactive(before)
