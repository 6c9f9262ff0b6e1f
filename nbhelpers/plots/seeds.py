"""Figures of runs repeated over several seeds: every run faint, the median bold.

Used in: 10_vanishing_gradient (each remedy, with ``nbhelpers.replicates.compare_seeds``).
"""
import numpy as np

from ._style import LINE_COLORS, new_axes, style
from .vanishing import _log_limits, _positive

_MARKERS = ("o", "s", "^", "D", "v")


def _check_seed_runs(runs):
    """``runs`` of ``compare_seeds``: a non-empty dict whose values hold 2-D "profiles" and "curves"."""
    if not isinstance(runs, dict) or not runs:
        raise TypeError(f"runs must be the non-empty dict returned by compare_seeds. Got {type(runs).__name__} instead.")
    for label, run in runs.items():
        if not isinstance(run, dict) or not {"profiles", "curves"} <= set(run):
            raise ValueError(f"runs[{label!r}] must hold 'profiles' and 'curves' (as compare_seeds returns). "
                             f"Got {run!r:.60} instead.")
    return runs


def plot_seed_profiles(runs, ax=None, title=None):
    """Gradient norm of every layer at the start: the median over the seeds, and the band from min to max.

    Parameters
    ----------
    runs : dict
        As returned by ``replicates.compare_seeds``.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    runs = _check_seed_runs(runs)
    fig, ax = new_axes(ax)
    with style():
        arrays = []
        for k, (label, run) in enumerate(runs.items()):
            P = _positive(run["profiles"])
            layers = np.arange(1, P.shape[1] + 1)
            color = LINE_COLORS[k % len(LINE_COLORS)]
            ax.fill_between(layers, np.nanmin(P, axis=0), np.nanmax(P, axis=0), color=color, alpha=0.15, linewidth=0)
            ax.plot(layers, np.nanmedian(P, axis=0), color=color, linewidth=1.8, marker=_MARKERS[k % len(_MARKERS)],
                    markersize=5, label=label)
            arrays.append(P)
        ax.set_yscale("log")
        ax.set_ylim(*_log_limits(arrays))
        ax.set_xticks(np.arange(1, max(P.shape[1] for P in arrays) + 1))
        ax.set_xlabel("layer $l$ (1 = next to the input)")
        ax.set_ylabel(r"$\|\partial E / \partial W_l\|$ (log scale)")
        ax.grid(True, which="major", alpha=0.3)
        ax.set_title(title or "Gradient of each layer at the start")
        ax.legend(loc="best")
    return fig


def plot_seed_curves(runs, ax=None, log=False, ylim=None, title=None):
    """Training loss of every seed (faint) and their median per epoch (bold), one colour per configuration.

    Parameters
    ----------
    runs : dict
        As returned by ``replicates.compare_seeds``.
    ax : matplotlib Axes, optional
    log : bool, default=False
        Logarithmic loss axis.
    ylim : (float, float), optional
        Limits of the loss axis (a run that jumps far up would squash the others).
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    runs = _check_seed_runs(runs)
    fig, ax = new_axes(ax)
    with style():
        for k, (label, run) in enumerate(runs.items()):
            C = np.where(np.isfinite(run["curves"]), run["curves"], np.nan)
            epochs = np.arange(1, C.shape[1] + 1)
            color = LINE_COLORS[k % len(LINE_COLORS)]
            ax.plot(epochs, C.T, color=color, linewidth=0.8, alpha=0.3)
            ax.plot(epochs, np.nanmedian(C, axis=0), color=color, linewidth=2.0,
                    label=f"{label} (median of {C.shape[0]})")
        ax.axhline(np.log(2.0), color="black", linewidth=0.8, linestyle=":", label="log 2: output 0.5 everywhere")
        if log:
            ax.set_yscale("log")
        if ylim is not None:
            ax.set_ylim(*ylim)
        ax.set_xlabel("epoch")
        ax.set_ylabel("training loss" + (" (log scale)" if log else ""))
        ax.grid(True, which="major", alpha=0.3)
        ax.set_title(title or "Training loss, every seed")
        ax.legend(loc="best")
    return fig


def plot_seed_remedy(runs, title=None, log_loss=False, ylim=None, figsize=(10.0, 3.8)):
    """Two panels: the gradient profiles at the start and the loss curves, over all seeds.

    Parameters
    ----------
    runs : dict
        As returned by ``replicates.compare_seeds``.
    title : str, optional
        Title of the whole figure.
    log_loss : bool, default=False
    ylim : (float, float), optional
        Limits of the loss axis.
    figsize : tuple, default=(10, 3.8)

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    with style():
        plot_seed_profiles(runs, ax=ax1)
        plot_seed_curves(runs, ax=ax2, log=log_loss, ylim=ylim)
        if title:
            fig.suptitle(title)
    return fig
