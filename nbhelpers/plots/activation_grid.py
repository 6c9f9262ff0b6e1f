"""Activation functions side by side with their derivatives: the lecture's table as figures.

Pure matplotlib: every ``plot_*`` function takes ``ax``/``axes=None`` and returns the
figure. The entries of the table are ``(title, f, df)`` triples, so a notebook can
add its own (maxout, a PReLU with a chosen slope) without touching this module.

Used in: 04_activation_functions (the grid and the activation widget).

Examples
--------
>>> import numpy as np
>>> y = maxout(np.array([-1.0, 0.0, 2.0]), w=[1.0, 0.0], b=[0.0, 0.0])   # max(z, 0) is ReLU
>>> y.tolist()
[0.0, 0.0, 2.0]
"""
from functools import partial

import numpy as np

from .. import activations
from ._style import PALETTE, new_axes, style

__all__ = [
    "MAXOUT_PIECES", "maxout", "maxout_prime", "activation_table", "derivative_check_data",
    "plot_activation_grid", "plot_derivative_check",
]

# Slopes and intercepts of the example maxout unit: piece 1 is z, piece 2 is 0 (so k = 2 gives ReLU).
MAXOUT_PIECES = ((1.0, 0.0), (0.0, 0.0), (-0.5, -1.0), (0.25, 0.5))

F_COLOR = PALETTE["blue"]
DF_COLOR = PALETTE["vermillion"]
FD_COLOR = PALETTE["black"]


def maxout(z, w, b):
    """Maxout of one input: max_i (w_i z + b_i) over k linear pieces, elementwise in z."""
    z = np.asarray(z, dtype=float)
    pieces = z[..., None] * np.asarray(w, dtype=float) + np.asarray(b, dtype=float)
    return pieces.max(axis=-1) + 0.0  # + 0.0 turns -0.0 into 0.0 for printing


def maxout_prime(z, w, b):
    """d maxout / dz: the slope w_i of the piece that wins at z."""
    z = np.asarray(z, dtype=float)
    w = np.asarray(w, dtype=float)
    pieces = z[..., None] * w + np.asarray(b, dtype=float)
    return w[pieces.argmax(axis=-1)]


def _maxout_pair(k):
    """(f, df) of the example maxout unit with its first ``k`` pieces."""
    w, b = np.array(MAXOUT_PIECES[:k]).T
    return partial(maxout, w=w, b=b), partial(maxout_prime, w=w, b=b)


def activation_table(prelu_slope=0.25, elu_alpha=1.0, maxout_k=3):
    """The eleven activations of notebook 04 as ``(title, f, df)`` triples, in the lecture's order.

    Parameters
    ----------
    prelu_slope : float, default=0.25
        The slope a of PReLU for z < 0 (learned in a network; fixed here to draw it).
    elu_alpha : float, default=1.0
    maxout_k : int, default=3
        Number of linear pieces of the example maxout unit (1 to 4, see ``MAXOUT_PIECES``).

    Returns
    -------
    list of tuple
    """
    act = activations.get
    rows = [
        ("identity", act("identity")),
        ("binary step", act("binary_step")),
        ("sigmoid (logistic)", act("sigmoid")),
        ("tanh", act("tanh")),
        ("arctan", act("arctan")),
        ("ReLU", act("relu")),
        ("leaky ReLU (0.1)", act("leaky_relu", slope=0.1)),
        (f"PReLU (a = {prelu_slope:g})", act("leaky_relu", slope=prelu_slope)),
        (f"ELU (alpha = {elu_alpha:g})", act("elu", alpha=elu_alpha)),
        ("softplus", act("softplus")),
    ]
    table = [(title, a.f, a.df) for title, a in rows]
    table.append((f"maxout (k = {maxout_k})", *_maxout_pair(maxout_k)))
    return table


def _clean(z, y, jumps):
    """Break the line at jumps (nan) so a step is not drawn with a vertical segment."""
    y = np.array(y, dtype=float)
    if jumps:
        y[np.r_[False, np.abs(np.diff(y)) > 0.5]] = np.nan
    return y


def plot_activation_grid(table=None, z=None, ncols=4, axes=None, figsize=(9.6, 6.6)):
    """Small multiples: each panel shows one activation f(z) and its derivative f'(z).

    Parameters
    ----------
    table : list of (title, f, df), optional
        Default: :func:`activation_table`.
    z : array_like, optional
        Inputs; default 401 points in [-4, 4].
    ncols : int, default=4
    axes : array of Axes, optional
        At least ``len(table)`` axes to draw into; by default a new figure.
    figsize : tuple, default=(9.6, 6.6)

    Returns
    -------
    matplotlib.figure.Figure
    """
    table = activation_table() if table is None else table
    z = np.linspace(-4, 4, 401) if z is None else np.asarray(z, dtype=float)
    # The figure is made before style() is entered: the first pyplot figure loads the inline
    # backend, which switches on interactive mode, and rc_context would undo that on exit.
    if axes is None:
        import matplotlib.pyplot as plt

        nrows = -(-len(table) // ncols)
        fig, axes = plt.subplots(nrows, ncols, figsize=figsize, sharex=True, layout="constrained")
    else:
        fig, _ = new_axes(np.ravel(axes)[0])
    axes = np.ravel(axes)
    with style():
        for ax, (title, f, df) in zip(axes, table):
            fz, dfz = np.asarray(f(z), dtype=float), np.asarray(df(z), dtype=float)
            ax.axhline(0, color=PALETTE["grey"], lw=0.6)
            ax.axvline(0, color=PALETTE["grey"], lw=0.6)
            ax.plot(z, _clean(z, fz, "step" in title), color=F_COLOR, lw=2, label="$f(z)$")
            ax.plot(z, _clean(z, dfz, True), color=DF_COLOR, lw=1.6, ls="--", label="$f'(z)$")
            lo, hi = min(fz.min(), dfz.min()), max(fz.max(), dfz.max())
            pad = 0.1 * max(hi - lo, 1.0)
            ax.set_ylim(max(lo, -4.0) - pad, min(hi, 4.0) + pad)
            ax.set_title(title)
            ax.grid(alpha=0.3)
        for ax in axes[len(table):]:
            ax.axis("off")
        if len(axes) > len(table):
            handles, labels = axes[0].get_legend_handles_labels()
            axes[len(table)].legend(handles, labels, loc="center", fontsize=11, frameon=False)
        else:
            axes[0].legend(loc="upper left")
        for ax in axes[-ncols:]:
            ax.set_xlabel("$z$")
        fig.suptitle("Activation functions (solid) and their derivatives (dashed)")
    return fig


def derivative_check_data(f, df, z, h):
    """f(z), the analytic f'(z) and the centred difference (f(z + h) - f(z - h)) / 2h.

    Returns
    -------
    f_z, df_z, fd_z : ndarray
        Each shaped like ``z``.
    """
    z = np.asarray(z, dtype=float)
    fd = (np.asarray(f(z + h), dtype=float) - np.asarray(f(z - h), dtype=float)) / (2.0 * h)
    return np.asarray(f(z), dtype=float), np.asarray(df(z), dtype=float), fd


def _ylim(f_z, df_z):
    lo = min(float(f_z.min()), float(df_z.min()), 0.0)
    hi = max(float(f_z.max()), float(df_z.max()), 1.0)
    pad = 0.08 * (hi - lo)
    return lo - pad, hi + pad


def gap_text(z, df_z, fd_z):
    """One line naming the largest gap between f' and its finite difference, and where it is."""
    gap = np.abs(df_z - fd_z)
    i = int(np.argmax(gap))
    where = "" if gap[i] < 1e-6 else f" at z = {z[i]:.2f}"
    return f"largest |f' - finite difference| = {gap[i]:.1e}{where}"


def plot_derivative_check(f, df, h=1e-3, z=None, title="", ax=None, n_markers=41):
    """One activation with its analytic derivative and the finite-difference derivative overlaid.

    Parameters
    ----------
    f, df : callable
        The activation and its derivative with respect to z.
    h : float, default=1e-3
        Step of the centred difference.
    z : array_like, optional
        Inputs of the curves; default 401 points in [-5, 5].
    title : str
    ax : Axes, optional
    n_markers : int, default=41
        The finite difference is drawn as markers at this many evenly spaced inputs.

    Returns
    -------
    matplotlib.figure.Figure
        Lines in ``ax.lines``: [0] f, [1] f', [2] finite difference (markers).
    """
    z = np.linspace(-5, 5, 401) if z is None else np.asarray(z, dtype=float)
    zs = np.linspace(z[0], z[-1], n_markers)
    f_z, df_z, _ = derivative_check_data(f, df, z, h)
    _, dfs, fd = derivative_check_data(f, df, zs, h)
    fig, ax = new_axes(ax)  # outside style(): see plot_activation_grid
    with style():
        ax.plot(z, f_z, color=F_COLOR, lw=2.2, label="$f(z)$")
        ax.plot(z, df_z, color=DF_COLOR, lw=1.8, ls="--", label="$f'(z)$ (formula)")
        ax.plot(zs, fd, ls="none", marker="o", ms=4.5, mfc="none", mec=FD_COLOR, mew=1.1,
                label="finite difference")
        ax.axhline(0, color=PALETTE["grey"], lw=0.6, zorder=0)
        ax.axvline(0, color=PALETTE["grey"], lw=0.6, zorder=0)
        ax.set_xlim(z[0], z[-1])
        ax.set_ylim(*_ylim(f_z, df_z))
        ax.set_xlabel("$z$")
        ax.set_ylabel("value")
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left")
        ax.set_title(f"{title}\n{gap_text(zs, dfs, fd)}" if title else gap_text(zs, dfs, fd))
    return fig
