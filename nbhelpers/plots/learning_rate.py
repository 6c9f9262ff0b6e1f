"""One training run at a chosen learning rate: its loss per epoch and the curve it has fitted.

Pure matplotlib: :class:`RateArtists` draws the numbers a run produced and moves its lines in
place for the next run; nothing here trains a network.

Used in: 06_backpropagation (through ``nbhelpers.widgets.learning_rate``).
"""
import numpy as np

from ._style import PALETTE, style
from .training_experiments import LOSS_CAP


def describe_run(curve, diverged):
    """One line on how the loss behaved: diverged at which epoch, or how often it rose and where it ended.

    Examples
    --------
    >>> describe_run([1.0, 0.5, 0.6, 0.2], diverged=False)
    'the loss rose in 1 of 4 epochs and ended at 0.2'
    >>> describe_run([1.0, 30.0, 9e11], diverged=True)
    'diverged: the loss passed 1e10 in epoch 3 and overflowed after epoch 3'
    """
    curve = np.asarray(curve, dtype=float)
    if diverged:
        huge = np.flatnonzero(~(curve <= 1e10))
        passed = f"passed 1e10 in epoch {huge[0] + 1} and " if huge.size else ""
        return f"diverged: the loss {passed}overflowed after epoch {len(curve)}"
    rises = int(np.sum(np.diff(curve) > 0))
    return f"the loss rose in {rises} of {len(curve)} epochs and ended at {curve[-1]:.3g}"


class RateArtists:
    """Two axes made once: the loss per epoch (log scale) and the data with the fitted curve.

    Parameters
    ----------
    axes : pair of matplotlib Axes
    X, y : arrays of shape (n, 1) and (n,)
        The training data, drawn once as points.
    epochs : int
        The length of every run (fixes the x-axis of the loss).
    """

    def __init__(self, axes, X, y, epochs):
        self.ax_loss, self.ax_fit = axes
        self.x_grid = np.linspace(X.min(), X.max(), 200)
        with style():
            (self.loss,) = self.ax_loss.plot([], [], color=PALETTE["blue"], linewidth=1.8, label="this rate")
            (self.plain,) = self.ax_loss.plot([], [], color=PALETTE["grey"], linewidth=1.2, linestyle="--",
                                              label="same rate, no annealing")
            (self.cross,) = self.ax_loss.plot([], [], marker="x", markersize=10, markeredgewidth=2,
                                              color=PALETTE["black"], linestyle="none")
            self.ax_loss.set_yscale("log")
            self.ax_loss.set_xlim(0, epochs + 1)
            self.ax_loss.set_ylim(1e-3, 1e3)
            self.ax_loss.set_xlabel("epoch")
            self.ax_loss.set_ylabel("training loss (log scale)")
            self.ax_loss.grid(True, which="major", alpha=0.3)
            self.ax_loss.legend(loc="best")
            self.ax_fit.plot(X.ravel(), y, linestyle="none", marker="o", markersize=4, color=PALETTE["grey"],
                             label="data")
            (self.fit,) = self.ax_fit.plot([], [], color=PALETTE["vermillion"], linewidth=2, label="network")
            pad = 0.5 * (y.max() - y.min())
            self.ax_fit.set_ylim(y.min() - pad, y.max() + pad)
            self.ax_fit.set_xlabel("x")
            self.ax_fit.set_ylabel("y")
            self.ax_fit.legend(loc="upper left")

    def update(self, curve, plain=None, fitted=None, diverged=False, title=None):
        """Show a new run: its ``curve``, the run without annealing (``plain``), the fitted values on the grid."""
        curve = np.minimum(np.asarray(curve, dtype=float), LOSS_CAP)
        epochs = np.arange(1, len(curve) + 1)
        ok = np.isfinite(curve) & (curve > 0)
        self.loss.set_data(epochs[ok], curve[ok])
        if diverged and ok.any():
            last = np.flatnonzero(ok)[-1]
            self.cross.set_data([epochs[last]], [curve[last]])
        else:
            self.cross.set_data([], [])
        self.plain.set_visible(plain is not None)
        if plain is None:
            self.plain.set_data([], [])
        else:
            plain = np.minimum(np.asarray(plain, dtype=float), LOSS_CAP)
            good = np.isfinite(plain) & (plain > 0)
            self.plain.set_data(np.arange(1, len(plain) + 1)[good], plain[good])
        shown = np.concatenate([curve[ok], [] if plain is None else plain[np.isfinite(plain) & (plain > 0)]])
        if shown.size:
            lo, hi = np.log10(shown.min()), np.log10(shown.max())
            self.ax_loss.set_ylim(10.0 ** np.floor(lo), 10.0 ** max(np.ceil(hi), np.floor(lo) + 1))
        if fitted is None or diverged:
            self.fit.set_data([], [])
        else:
            self.fit.set_data(self.x_grid, fitted)
        handles = [line for line in (self.loss, self.plain) if line.get_visible()]
        self.ax_loss.legend(handles=handles, loc="best")  # "no annealing" only when there is such a run
        if title is not None:
            self.ax_loss.figure.suptitle(title)
