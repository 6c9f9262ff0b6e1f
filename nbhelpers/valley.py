"""Gradient descent, momentum and Adam as paths on a long narrow valley: the numbers.

The error surface is E(w) = 1/2 (a w_1^2 + b w_2^2) with b / a = 50: gentle along w_1, steep
across w_2. Its gradient is (a w_1, b w_2) and its minimum is w = (0, 0). The paths are made by
the network's own update rules (:class:`nbhelpers.optimizers.Optimizer`) applied to the
2-parameter vector w, so what the figure shows is what ``MLP(solver=...)`` does.

The figure and the widget that draw the paths: ``nbhelpers.plots.optimizer_paths`` and
``nbhelpers.widgets.optimizers``.

Used in: 11_training_in_practice.
"""
import numpy as np


CURVATURE = (1.0, 50.0)
"""(a, b) of E(w) = 1/2 (a w_1^2 + b w_2^2)."""
START = (-4.5, 1.0)
SOLVERS = ("sgd", "momentum", "adam")


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
    from ._validation import check_choice, check_float, check_int
    from .optimizers import SOLVERS as ALL, Optimizer

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


LR, MOMENTUM, ADAM_LR = 0.03, 0.8, 0.1
"""Defaults of the figure and the widget: lr below 2 / b = 0.04, where gradient descent diverges."""


def valley_paths(lr=LR, momentum=MOMENTUM, adam_lr=ADAM_LR, steps=100, solvers=SOLVERS, curvature=CURVATURE,
                 start=START):
    """``{solver: optimizer_path(...)}`` for every solver from the same start, with the same ``steps``.

    Adam gets its own rate ``adam_lr``: its step is about ``adam_lr`` in every coordinate whatever the
    size of the gradient (a length in units of w), while the others step by lr times the gradient.
    """
    return {s: optimizer_path(s, adam_lr if s == "adam" else lr, momentum, steps, start, curvature) for s in solvers}
