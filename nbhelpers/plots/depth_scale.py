"""How the initial weights' scale carries through ten layers: the figure of the spread of a_l and of delta_l.

The spreads are computed by ``nbhelpers.depth_scale.depth_spreads``.

Used in: 10_vanishing_gradient.
"""
import numpy as np

from ..depth_scale import SCALED
from ._style import LINE_COLORS, new_axes, style


def plot_depth_scale(spreads, axes=None, title=None):
    """std of a_l (left) and of delta_l (right) against the layer, one row per activation, log scale.

    Parameters
    ----------
    spreads : dict
        As returned by :func:`nbhelpers.depth_scale.depth_spreads`.
    axes : array of matplotlib Axes, shape (n_activations, 2), optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from nbhelpers.depth_scale import depth_spreads
    >>> fig = plot_depth_scale(depth_spreads(depth=3, width=8, n=16))
    """
    if axes is None:
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(len(spreads), 2, figsize=(10.0, 3.2 * len(spreads)), layout="constrained",
                                 squeeze=False)
    else:
        axes = np.asarray(axes).reshape(len(spreads), 2)
        fig = new_axes(axes[0, 0])[0]
    names = {"tanh": "tanh", "relu": "ReLU"}
    with style():
        for row, (act, runs) in zip(axes, spreads.items()):
            for k, (label, (fwd, bwd)) in enumerate(runs.items()):
                layers = np.arange(1, len(fwd) + 1)
                text = label.replace("scaled", f"scaled: {SCALED.get(act, '?').capitalize()}")
                for ax, values in zip(row, (fwd, bwd)):
                    ax.plot(layers, values, marker="os^"[k % 3], color=LINE_COLORS[k], label=text)
            for ax, what in zip(row, (r"spread of $a_l$: std", r"spread of $\delta_l$: std")):
                ax.set_yscale("log")
                ax.set_xticks(layers)
                ax.set_xlabel("layer $l$ (1 = next to the input)")
                ax.set_ylabel(f"{what} (log)")
                ax.grid(True, which="major", alpha=0.3)
            row[0].set_title(f"{names.get(act, act)}: forward, the activations")
            row[1].set_title(f"{names.get(act, act)}: backward, the error signals")
            row[1].legend(loc="best")
        if title:
            fig.suptitle(title)
    return fig
