"""The universal approximation idea made concrete: a staircase of steep sigmoids.

A steep sigmoid sigma(s (x - e)) is almost a step at x = e. One hidden unit per
step and an output that adds the steps, each weighted by the jump of the target
there, give a one-hidden-layer network whose output is a staircase following the
target. The weights are set by this recipe, not learned.

Used in: 05_multilayer_networks.
"""
import numpy as np

from ._validation import check_float, check_int
from .mlp import MLP


def staircase_net(f, n_units, x_range=(-3.0, 3.0), steepness=40.0):
    """A 1-``n_units``-1 sigmoid network whose output is a staircase following ``f``.

    The interval ``x_range`` is cut into ``n_units + 1`` stairs of equal width. Hidden
    unit j is a steep sigmoid stepping up at the border between stair j and stair j + 1;
    its outgoing weight is the jump ``f(middle of stair j + 1) - f(middle of stair j)``
    and the output bias is ``f`` at the middle of the first stair. Left of the first
    border the output is that first level; each border adds one jump.

    Parameters
    ----------
    f : callable
        The target, elementwise on a 1-D array of x values.
    n_units : int
        Number of hidden units (= steps), at least 1.
    x_range : (float, float), default=(-3.0, 3.0)
        The interval ``(lo, hi)`` the staircase covers, ``lo < hi``. Outside it the
        output stays flat at the first and last level.
    steepness : float, default=40.0
        The hidden weight s > 0: each step rises over a width of about 8 / s.

    Returns
    -------
    MLP
        An initialised ``MLP(hidden=(n_units,), activation="sigmoid", output="identity")``
        with ``coefs_`` of shapes (1, n_units), (n_units, 1); ready for ``predict``.

    Raises
    ------
    TypeError
        If ``n_units`` is not an int or ``steepness`` not a finite number.
    ValueError
        If ``n_units`` < 1, ``steepness`` <= 0, ``x_range`` is not an increasing pair,
        or ``f`` does not return one finite value per x.

    Examples
    --------
    >>> net = staircase_net(np.sin, 20)
    >>> x = np.linspace(-3, 3, 7)[:, None]
    >>> bool(np.max(np.abs(net.predict(x) - np.sin(x[:, 0]))) < 0.2)
    True
    """
    n_units = check_int("n_units", n_units, low=1)
    steepness = check_float("steepness", steepness, low=0, low_inclusive=False)
    try:
        lo, hi = (float(v) for v in x_range)
    except (TypeError, ValueError):
        raise ValueError(f"x_range must be a pair of numbers (lo, hi). Got {x_range!r} instead.") from None
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise ValueError(f"x_range must be finite with lo < hi. Got {x_range!r} instead.")

    width = (hi - lo) / (n_units + 1)                        # n_units steps make n_units + 1 stairs
    edges = lo + width * np.arange(1, n_units + 1)           # where unit j steps up
    middles = lo + width * (np.arange(n_units + 1) + 0.5)
    levels = np.asarray(f(middles), dtype=float)
    if levels.shape != middles.shape or not np.all(np.isfinite(levels)):
        raise ValueError(f"f must return one finite value per x: for {middles.shape[0]} x values "
                         f"it returned shape {levels.shape}.")

    net = MLP(hidden=(n_units,), activation="sigmoid", output="identity").initialize([[lo], [hi]], [0.0, 0.0])
    net.coefs_[0][...] = steepness                           # W1: (1, n_units)
    net.intercepts_[0][...] = -steepness * edges             # s (x - e_j) = s x - s e_j
    net.coefs_[1][...] = np.diff(levels)[:, None]            # W2: the jump at each step
    net.intercepts_[1][...] = levels[0]                      # the first stair
    return net
