"""Figures of training in practice: validation curves (train vs test score) and the regularised decision surface.

Used in: 11_training_in_practice (and its widget, ``nbhelpers.widgets.regularization``).
"""
import numpy as np

# _pyplot_note: figures are made before entering style(). The first pyplot figure loads the
# inline backend, which switches on interactive mode; style()'s rc_context would undo that on
# exit, and later figures of the notebook would no longer be shown.
from ._style import LINE_COLORS, PALETTE, classes_of, new_axes, scatter_classes, style, surface_cmap


def plot_validation_curve(values, train_scores, test_scores, ax=None, xlabel="alpha", log=True, title=None,
                          score_name="accuracy", spread=None):
    """Training and test score against one setting (the L2 strength, the width, ...).

    The best test score is marked with a star. When several settings tie for it (scores
    equal to 6 decimals), every one of them is starred and the legend says so, instead of
    silently naming the first.

    Parameters
    ----------
    values : array_like of shape (n,)
        The setting, e.g. ``alphas``.
    train_scores, test_scores : array_like of shape (n,)
    ax : matplotlib Axes, optional
    xlabel : str, default="alpha"
    log : bool, default=True
        Logarithmic x axis.
    title : str, optional
    score_name : str, default="accuracy"
    spread : (array_like, array_like), optional
        Every run behind the scores, ``(train_all, test_all)`` each of shape (n, n_seeds): drawn
        faint under the lines (``train_scores`` and ``test_scores`` are then their medians).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_validation_curve([1e-3, 1e-1, 10], [1.0, 0.95, 0.8], [0.8, 0.92, 0.78])
    """
    values = np.asarray(values, dtype=float)
    train_scores = np.asarray(train_scores, dtype=float)
    test_scores = np.asarray(test_scores, dtype=float)
    if values.ndim != 1 or values.size == 0 or train_scores.shape != values.shape or test_scores.shape != values.shape:
        raise ValueError(f"values, train_scores and test_scores must be 1-D of the same length. Got shapes "
                         f"{values.shape}, {train_scores.shape}, {test_scores.shape}.")
    if log and np.any(values <= 0):
        raise ValueError("values must be > 0 on a log axis; pass log=False.")
    best = np.flatnonzero(np.isclose(test_scores, test_scores.max(), rtol=0.0, atol=5e-7))
    if best.size == 1:
        best_label = f"best test: {xlabel} = {values[best[0]]:.2g}"
    elif best.size == values.size:
        best_label = f"best test: all {best.size} tied at {test_scores.max():.2f}"
    elif best.size <= 3:
        best_label = f"best test (tied): {xlabel} = " + ", ".join(f"{v:.2g}" for v in values[best])
    else:
        best_label = f"best test: {best.size} {xlabel} values tied at {test_scores.max():.2f}"
    if spread is not None:
        spread = [np.asarray(a, dtype=float) for a in spread]
        if len(spread) != 2 or any(a.ndim != 2 or a.shape[0] != values.size for a in spread):
            raise ValueError(f"spread must be (train_all, test_all), each of shape ({values.size}, n_seeds). "
                             f"Got shapes {[np.shape(a) for a in spread]}.")
    fig, ax = new_axes(ax)  # before style(): see _pyplot_note
    with style():
        for runs, color, dash in zip(spread or (), LINE_COLORS[:2], ("-", "--")):
            ax.plot(values, runs, color=color, linewidth=0.8, alpha=0.3, linestyle=dash)
        ax.plot(values, train_scores, marker="o", color=LINE_COLORS[0], linewidth=1.8, label=f"training {score_name}")
        ax.plot(values, test_scores, marker="s", color=LINE_COLORS[1], linewidth=1.8, linestyle="--",
                label=f"test {score_name}")
        ax.plot(values[best], test_scores[best], marker="*", markersize=16, color=PALETTE["black"], linestyle="none",
                label=best_label)
        if log:
            ax.set_xscale("log")
            if values.size <= 12 and np.all(values == np.round(values)):  # widths, counts: tick every value
                from matplotlib.ticker import NullLocator

                ax.set_xticks(values, [f"{v:g}" for v in values])
                ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xlabel(xlabel + (" (log scale)" if log else ""))
        ax.set_ylabel(score_name)
        ax.grid(True, which="major", alpha=0.3)
        ax.set_title(title or f"Which {xlabel} generalises best?")
        # below the axes: the curves cross the whole plot, so any place inside would hide points
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8, frameon=False)
    return fig


class SurfaceArtists:
    """A probability surface with training (filled) and test (hollow) points, updated in place.

    Parameters
    ----------
    ax : matplotlib Axes
    X_train, y_train, X_test, y_test : arrays
        Two features, two classes.
    bounds : (x_min, x_max, y_min, y_max)
    resolution : int
        Grid points per axis (the image has shape (resolution, resolution)).
    """

    def __init__(self, ax, X_train, y_train, X_test, y_test, bounds, resolution):
        from matplotlib.lines import Line2D

        self.ax = ax
        self.bounds = tuple(float(b) for b in bounds)
        self.xs = np.linspace(*self.bounds[:2], resolution)
        self.ys = np.linspace(*self.bounds[2:], resolution)
        classes = classes_of(np.concatenate([y_train, y_test]))
        with style():
            self.image = ax.imshow(np.full((resolution, resolution), 0.5), origin="lower", extent=self.bounds,
                                   aspect="auto", interpolation="nearest", cmap=surface_cmap(), vmin=0.0, vmax=1.0)
            handles = scatter_classes(ax, X_train, y_train, classes, prefix="train: ", size=26)
            handles += scatter_classes(ax, X_test, y_test, classes, hollow=True, prefix="test: ", size=40)
            handles.append(Line2D([], [], color=PALETTE["black"], linewidth=1.5, label="P(class 1) = 0.5"))
            ax.set_xlim(self.bounds[:2])
            ax.set_ylim(self.bounds[2:])
            ax.set_xlabel("$x_1$")
            ax.set_ylabel("$x_2$")
            ax.legend(handles=handles, loc="lower left", fontsize=8, ncol=2)
            self.text = ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=9,
                                bbox=dict(boxstyle="round", facecolor="white", alpha=0.85, edgecolor="none"))
        self.contour = None

    def update(self, proba, text="", title=""):
        """Show a new surface: ``proba`` of shape (resolution, resolution), P(class 1) on the grid."""
        proba = np.asarray(proba, dtype=float)
        self.image.set_data(proba)
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        if proba.min() < 0.5 < proba.max():
            self.contour = self.ax.contour(self.xs, self.ys, proba, levels=[0.5], colors=PALETTE["black"],
                                           linewidths=1.5)
        self.text.set_text(text)
        self.ax.set_title(title or "Where does the network put the boundary?")
