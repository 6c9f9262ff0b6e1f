"""Figures of the training experiments: learning rates, symmetry, mini-batches, output gradients.

Pure matplotlib: every function takes the numbers a notebook's runs produced and draws them;
nothing here trains a network.

Used in: 06_backpropagation, 09_softmax.
"""
import numpy as np

from ._style import LINE_COLORS, PALETTE, new_axes, style
from .curves import check_runs

LOSS_CAP = 1e100
"""Losses above this are drawn at it (a diverging run ends there with its cross)."""


def _row_of_axes(axes, n, figsize):
    """``n`` axes side by side: the given ones, or a new figure of one row."""
    if axes is not None:
        axes = list(np.ravel(axes))
        if len(axes) != n:
            raise ValueError(f"axes must hold {n} axes, one per run. Got {len(axes)}.")
        fig, _ = new_axes(axes[0])
        return fig, axes
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, n, figsize=figsize, layout="constrained", squeeze=False)
    return fig, list(axes[0])


def plot_learning_rates(curves, diverged=(), axes=None, title=None):
    """One panel per learning rate: the loss per epoch, a cross where a run diverged.

    Parameters
    ----------
    curves : dict
        ``{label: loss_curve}``, one run per learning rate, in the order to draw them.
    diverged : collection of str, default=()
        Labels of the runs that diverged (``net.diverged_``): their curve ends in a cross.
    axes : sequence of matplotlib Axes, optional
        One per run.
    title : str, optional
        The question the figure answers.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_learning_rates({"lr 0.1": [1.0, 0.8, 0.7], "lr 9": [1.0, 50.0]}, diverged={"lr 9"})
    """
    curves = check_runs(curves, "curves")
    unknown = set(map(str, diverged)) - set(curves)
    if unknown:
        raise ValueError(f"diverged names runs that are not in curves: {sorted(unknown)}. Runs: {list(curves)}.")
    fig, axes = _row_of_axes(axes, len(curves), (2.3 * len(curves), 2.8))
    with style():
        for k, (ax, (label, c)) in enumerate(zip(axes, curves.items())):
            epochs = np.arange(1, len(c) + 1)
            color = LINE_COLORS[k % len(LINE_COLORS)]
            ok = np.isfinite(c) & (c > 0)
            # a diverged loss reaches 1e300 and more, where log-axis ticks overflow: draw it up to the cap
            shown = np.minimum(c, LOSS_CAP)
            ax.plot(epochs[ok], shown[ok], color=color, linewidth=1.6)
            if label in set(map(str, diverged)) and ok.any():
                last = np.flatnonzero(ok)[-1]
                ax.plot(epochs[last], shown[last], marker="x", markersize=10, markeredgewidth=2, color=PALETTE["black"])
            ax.set_yscale("log")
            if ok.any():
                lo, hi = np.log10(shown[ok].min()), np.log10(shown[ok].max())
                ax.set_ylim(10.0 ** np.floor(lo), 10.0 ** max(np.ceil(hi), np.floor(lo) + 1))
            ax.set_title(label)
            ax.set_xlabel("epoch")
            ax.grid(True, which="major", alpha=0.3)
        axes[0].set_ylabel("training loss (log scale)")
        fig.suptitle(title or "Which learning rate trains this network?")
    return fig


def plot_unit_weights(traces, every=1, axes=None, title=None):
    """One panel per start: every hidden unit's incoming weight from input 1, epoch by epoch.

    Parameters
    ----------
    traces : dict
        ``{label: array of shape (n_rows, n_units)}``: row r holds the weights after ``r * every`` epochs.
    every : int, default=1
        Epochs between two rows.
    axes : sequence of matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_unit_weights({"equal": [[0.5, 0.5], [0.7, 0.7]], "random": [[0.1, -0.2], [0.4, -0.6]]})
    """
    if not isinstance(traces, dict) or not traces:
        raise TypeError(f"traces must be a non-empty dict {{label: array}}. Got {type(traces).__name__} instead.")
    arrays = {}
    for label, t in traces.items():
        t = np.asarray(t, dtype=float)
        if t.ndim != 2:
            raise ValueError(f"traces[{label!r}] must have shape (n_epochs + 1, n_units). Got shape {t.shape}.")
        arrays[str(label)] = t
    fig, axes = _row_of_axes(axes, len(arrays), (4.2 * len(arrays), 3.2))
    with style():
        for ax, (label, t) in zip(axes, arrays.items()):
            for j in range(t.shape[1]):
                # a thinner line per later unit, so units lying on top of each other stay visible
                ax.plot(every * np.arange(t.shape[0]), t[:, j], color=LINE_COLORS[j % len(LINE_COLORS)],
                        linewidth=3.5 - 2.5 * j / max(t.shape[1] - 1, 1), label=f"unit {j + 1}")
            ax.set_title(label)
            ax.set_xlabel("epoch")
            ax.grid(True, alpha=0.3)
        axes[0].set_ylabel("weight from input 1")
        axes[-1].legend(loc="best")
        fig.suptitle(title or "Do the hidden units stay copies of each other?")
    return fig


def plot_update_losses(runs, ax=None, title=None):
    """The training-set loss after every update, against epochs, for several batch sizes.

    Parameters
    ----------
    runs : dict
        ``{label: (updates_per_epoch, losses)}``: the loss measured after each update.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_update_losses({"K = 2": (2, [0.3, 0.25, 0.26, 0.2])})
    """
    if not isinstance(runs, dict) or not runs:
        raise TypeError(f"runs must be a non-empty dict {{label: (updates_per_epoch, losses)}}. Got {type(runs).__name__}.")
    fig, ax = new_axes(ax, figsize=(6.4, 3.8))
    with style():
        for k, (label, (per_epoch, losses)) in enumerate(runs.items()):
            losses = check_runs({label: losses}, "runs")[str(label)]
            if int(per_epoch) < 1:
                raise ValueError(f"updates_per_epoch of {label!r} must be at least 1. Got {per_epoch}.")
            x = np.arange(1, losses.size + 1) / int(per_epoch)
            ax.plot(x, losses, color=LINE_COLORS[k % len(LINE_COLORS)], linewidth=1.0 + 0.6 * k,
                    label=f"{label} ({int(per_epoch)} update{'s' * (int(per_epoch) != 1)} per epoch)")
        ax.set_xlabel("epoch")
        ax.set_ylabel("training loss after each update")
        ax.grid(True, alpha=0.3)
        ax.legend(loc="best")
        ax.set_title(title or "How noisy is each batch size?")
    return fig


def plot_output_gradients(z, gradients, ax=None, title=None):
    """|dE/dz| of an output unit against its net input z, one curve per loss.

    Parameters
    ----------
    z : array_like of shape (n,)
    gradients : dict
        ``{label: |dE/dz| at each z}``.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_output_gradients([-2.0, 0.0], {"cross-entropy": [0.88, 0.5]})
    """
    z = np.asarray(z, dtype=float)
    gradients = check_runs(gradients, "gradients")
    for label, g in gradients.items():
        if g.shape != z.shape:
            raise ValueError(f"gradients[{label!r}] has shape {g.shape} but z has shape {z.shape}.")
    fig, ax = new_axes(ax, figsize=(5.6, 3.8))
    with style():
        for k, (label, g) in enumerate(gradients.items()):
            ax.plot(z, g, color=LINE_COLORS[k % len(LINE_COLORS)], linewidth=2, label=label)
        ax.set_xlabel("net input z of the output unit")
        ax.set_ylabel("|dE/dz|")
        ax.grid(True, alpha=0.3)
        ax.legend(loc="best")
        ax.set_title(title or "How hard does each loss push the output?")
    return fig
