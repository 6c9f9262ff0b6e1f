"""Gradient descent, momentum and Adam as paths on a long narrow valley.

The error surface is E(w) = 1/2 (a w_1^2 + b w_2^2) with b / a = 50: gentle along w_1, steep
across w_2. Its gradient is (a w_1, b w_2) and its minimum is w = (0, 0). The paths are made by
the network's own update rules (:class:`nbhelpers.optimizers.Optimizer`) applied to the
2-parameter vector w, so what the figure shows is what ``MLP(solver=...)`` does.

Used in: 11_training_in_practice (and its widget, ``nbhelpers.widgets.optimizers``).
"""
import numpy as np

from ._style import PALETTE, new_axes, style

CURVATURE = (1.0, 50.0)
"""(a, b) of E(w) = 1/2 (a w_1^2 + b w_2^2)."""
START = (-4.5, 1.0)
SOLVERS = ("sgd", "momentum", "adam")
COLORS = {"sgd": PALETTE["vermillion"], "momentum": PALETTE["blue"], "adam": PALETTE["bluish_green"]}
NAMES = {"sgd": "gradient descent", "momentum": "momentum", "adam": "Adam"}


def valley(w1, w2, curvature=CURVATURE):
    """E(w) = 1/2 (a w_1^2 + b w_2^2), elementwise on arrays of w_1 and w_2."""
    a, b = curvature
    return 0.5 * (a * w1 * w1 + b * w2 * w2)


def valley_gradient(w, curvature=CURVATURE):
    """dE/dw = (a w_1, b w_2): elementwise, so every processor gets the same bits."""
    return np.asarray(curvature, dtype=float) * w


def optimizer_path(solver, lr, momentum=0.9, steps=100, start=START, curvature=CURVATURE):
    """The points w_0 = start, w_1, ..., w_steps visited by ``solver`` on the valley.

    Parameters
    ----------
    solver : {"sgd", "momentum", "nesterov", "adam"}
    lr : float
        Learning rate, > 0.
    momentum : float, default=0.9
        mu of momentum and nesterov (ignored by sgd and adam).
    steps : int, default=100
    start, curvature : pair of float

    Returns
    -------
    ndarray of shape (steps + 1, 2)
        Stops early (fewer rows) if the path leaves the range of floats.

    Examples
    --------
    >>> optimizer_path("sgd", 0.1, steps=1, start=(1.0, 1.0), curvature=(1.0, 2.0)).tolist()
    [[1.0, 1.0], [0.9, 0.8]]
    """
    from .._validation import check_choice, check_float, check_int
    from ..optimizers import SOLVERS as ALL, Optimizer

    check_choice("solver", solver, ALL)
    lr = check_float("lr", lr, low=0, low_inclusive=False)
    steps = check_int("steps", steps, low=0)
    opt = Optimizer(solver, 2, momentum=momentum)
    w = np.array(start, dtype=float)
    path = [w.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            opt.update(w, valley_gradient(w, curvature), lr)
            if not np.all(np.isfinite(w)):
                break
            path.append(w.copy())
    return np.array(path)


def steps_to_reach(path, tol=1e-3):
    """The first step after which every later point of ``path`` is within ``tol`` of the minimum (0, 0).

    Returns
    -------
    int or None
        None if the path's last point is not within ``tol``.

    Examples
    --------
    >>> steps_to_reach(np.array([[1.0, 0.0], [1e-4, 0.0], [2e-3, 0.0], [1e-4, 0.0]]))
    3
    """
    far = np.hypot(path[:, 0], path[:, 1]) >= tol
    if far[-1]:
        return None
    return int(np.flatnonzero(far)[-1] + 1) if far.any() else 0


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


LR, MOMENTUM, ADAM_LR = 0.03, 0.8, 0.1
"""Defaults of the figure and the widget: lr below 2 / b = 0.04, where gradient descent diverges."""


def valley_paths(lr=LR, momentum=MOMENTUM, adam_lr=ADAM_LR, steps=100, solvers=SOLVERS, curvature=CURVATURE,
                 start=START):
    """``{solver: optimizer_path(...)}`` for every solver from the same start, with the same ``steps``.

    Adam gets its own rate ``adam_lr``: its step is about ``adam_lr`` in every coordinate whatever the
    size of the gradient (a length in units of w), while the others step by lr times the gradient.
    """
    return {s: optimizer_path(s, adam_lr if s == "adam" else lr, momentum, steps, start, curvature) for s in solvers}


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
