"""Gradient descent, momentum and Adam as paths on a long narrow valley: the figure.

The paths themselves (the valley, the update rules applied to it) are computed by
:mod:`nbhelpers.valley`; this module only draws them.

Used in: 11_training_in_practice (and its widget, ``nbhelpers.widgets.optimizers``).
"""
import numpy as np

from ..valley import ADAM_LR, CURVATURE, LR, MOMENTUM, SOLVERS, START, valley, valley_paths
from ._style import PALETTE, new_axes, style

COLORS = {"sgd": PALETTE["vermillion"], "momentum": PALETTE["blue"], "adam": PALETTE["bluish_green"]}
NAMES = {"sgd": "gradient descent", "momentum": "momentum", "adam": "Adam"}


def title_of(lr, momentum, adam_lr, steps):
    """The figure's title: the question it answers and the settings."""
    return (f"Which path goes down the valley? {steps} steps, lr {lr:g}, momentum {momentum:g}, "
            f"Adam lr {adam_lr:g}")


class PathArtists:
    """Contour lines of the valley and one line per solver, created once and moved by :meth:`update`.

    Parameters
    ----------
    ax : matplotlib Axes
    solvers : sequence of str, default=SOLVERS
    """

    def __init__(self, ax, solvers=SOLVERS, curvature=CURVATURE, start=START):
        self.ax, self.curvature, self.start = ax, curvature, start
        with style():
            w1, w2 = np.meshgrid(np.linspace(-5, 5, 201), np.linspace(-1.6, 1.6, 161))
            # the level curves through w_1 = 0.5, 1, 2, 3, 4, 5 on the valley floor
            levels = valley(np.array([0.5, 1.0, 2.0, 3.0, 4.0, 5.0]), 0.0, curvature)
            ax.contour(w1, w2, valley(w1, w2, curvature), levels=levels, colors=PALETTE["grey"],
                       linewidths=0.7, alpha=0.6)
            ax.plot([0], [0], marker="*", markersize=12, color=PALETTE["black"], linestyle="none",
                    label="minimum")
            ax.plot([start[0]], [start[1]], marker="o", markersize=6, color=PALETTE["black"], linestyle="none",
                    label="start")
            self.lines = {}
            for s in solvers:
                (self.lines[s],) = ax.plot([], [], color=COLORS.get(s, PALETTE["orange"]), linewidth=1.5,
                                           marker=".", markersize=4, label=NAMES.get(s, s))
            ax.set_xlim(-5, 5)
            ax.set_ylim(-1.6, 1.6)
            ax.set_xlabel("$w_1$ (gentle direction)")
            ax.set_ylabel("$w_2$ (steep direction)")
            ax.legend(loc="lower right", ncol=2)

    def update(self, paths, title=None):
        """Move each solver's line to its new path (``{solver: array of shape (k, 2)}``)."""
        for s, line in self.lines.items():
            p = paths[s]
            # points far outside the axes (a diverging path) are clipped, not drawn as huge numbers
            p = np.clip(p, -1e3, 1e3)
            line.set_data(p[:, 0], p[:, 1])
        if title is not None:
            self.ax.set_title(title)


def plot_optimizer_paths(lr=LR, momentum=MOMENTUM, adam_lr=ADAM_LR, steps=100, ax=None, title=None):
    """Gradient descent, momentum and Adam from the same start on the narrow valley.

    Parameters
    ----------
    lr : float, default=0.03
        Learning rate of gradient descent and momentum.
    momentum : float, default=0.8
    adam_lr : float, default=0.1
        Learning rate of Adam (see :func:`valley_paths`).
    steps : int, default=100
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_optimizer_paths(steps=20)
    """
    fig, ax = new_axes(ax, figsize=(8.0, 3.6))
    artists = PathArtists(ax)
    artists.update(valley_paths(lr, momentum, adam_lr, steps), title or title_of(lr, momentum, adam_lr, steps))
    return fig
