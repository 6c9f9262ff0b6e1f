"""The figure of over-fitting and its cures: every seed faint, the medians bold, one panel per cure.

The runs come from :func:`nbhelpers.cures.overfitting_cures`.

Used in: 11_training_in_practice.
"""
import numpy as np

from ..cures import EARLY
from ._style import LINE_COLORS, style


def plot_overfitting_cures(runs, title=None):
    """Median training (solid) and validation (dashed) error against the epoch, one panel per cure.

    Faint lines are the single seeds; the early-stopping panel marks the chosen epochs.

    Parameters
    ----------
    runs : dict
        As returned by :func:`nbhelpers.cures.overfitting_cures`.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    labels = [k for k in runs if k != "epochs"]
    epochs = runs["epochs"]
    fig, axes = plt.subplots(1, len(labels), figsize=(3.0 * len(labels), 3.3), sharey=True, layout="constrained")
    with style():
        for ax, label in zip(axes, labels):
            r = runs[label]
            for key, color, ls, name in (("train", LINE_COLORS[0], "-", "training"),
                                         ("val", LINE_COLORS[1], "--", "validation")):
                for curve in r[key]:
                    ax.plot(epochs, curve, color=color, linestyle=ls, linewidth=0.7, alpha=0.3)
                ax.plot(epochs, np.median(r[key], axis=0), color=color, linestyle=ls, linewidth=2.0,
                        label=f"{name} (median)")
            if label == EARLY:
                for i in r["stop"]:
                    ax.axvline(epochs[i], color=LINE_COLORS[2], linewidth=0.8, alpha=0.6)
                ax.axvline(epochs[int(np.median(r["stop"]))], color=LINE_COLORS[2], linewidth=1.6,
                           label="stop: least validation error")
            ax.set_yscale("log")
            ax.set_xlabel("epoch")
            ax.set_title(label)
            ax.grid(True, which="major", alpha=0.3)
        axes[0].set_ylabel(r"$E = \frac{1}{2}\,\mathrm{mean}\,(\hat y - y)^2$ (log)")
        axes[0].legend(loc="lower left")
        axes[-1].legend(loc="lower left")
        fig.suptitle(title or "Which cure keeps the validation error down?")
    return fig
