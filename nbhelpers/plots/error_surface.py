"""Error surfaces of the blog's tiny networks, and training curves compared side by side.

The task of the blog's examples: learn the identity on one sample, input 1 and target 1,
with no biases. Squared error E = 1/2 (a_out - 1)^2.

- one weight:  a_out = g(w1 * 1) with g linear or sigmoid -> a curve E(w1);
- two weights: a_out = sigma(w2 * sigma(w1 * 1))           -> a surface E(w1, w2).

Used in: 06_backpropagation.

Examples
--------
>>> import numpy as np
>>> float(error_one_weight(np.array(0.0), "sigmoid"))   # sigma(0) = 0.5: E = 0.5 * 0.25
0.125
"""
import numpy as np

from .. import activations
from ._style import LINE_COLORS, PALETTE, new_axes, style
from .curves import plot_loss_curves  # noqa: F401 (re-exported for 06_backpropagation)

__all__ = ["error_one_weight", "error_two_weights", "plot_error_curve", "plot_error_surface", "plot_loss_curves"]


def error_one_weight(w1, activation="sigmoid", x=1.0, target=1.0):
    """E(w1) = 1/2 (g(w1 x) - target)^2 for a single unit without bias."""
    g = activations.get(activation).f
    return 0.5 * (g(np.asarray(w1, dtype=float) * x) - target) ** 2


def error_two_weights(w1, w2, x=1.0, target=1.0):
    """E(w1, w2) = 1/2 (sigma(w2 sigma(w1 x)) - target)^2: one hidden sigmoid node, no biases."""
    s = activations.sigmoid
    return 0.5 * (s(np.asarray(w2, dtype=float) * s(np.asarray(w1, dtype=float) * x)) - target) ** 2


def plot_error_curve(activations_=("identity", "sigmoid"), w_range=(-10, 10), ax=None, title=None):
    """E(w1) of a one-weight network learning 1 -> 1, for each output activation.

    Parameters
    ----------
    activations_ : sequence of str, default=("identity", "sigmoid")
        Output activations to compare: one panel each, or all on ``ax`` if it is given.
    w_range : (float, float), default=(-10, 10)
    ax : Axes, optional
    title : str, optional
        Title of the figure (of ``ax`` if given).

    Returns
    -------
    matplotlib.figure.Figure
    """
    w = np.linspace(*w_range, 401)
    if ax is None:
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, len(activations_), figsize=(4.4 * len(activations_), 3.6),
                                 layout="constrained", squeeze=False)
        axes = list(axes[0])
    else:
        fig, ax = new_axes(ax)
        axes = [ax] * len(activations_)
    with style():
        if ax is None:
            fig.suptitle(title or "One weight, no bias, learning 1 -> 1: where is the error smallest?")
        else:
            ax.set_title(title or "One weight: where is the error of 1 -> 1 smallest?")
        for k, (a, name) in enumerate(zip(axes, activations_)):
            label = "linear" if name == "identity" else name
            a.plot(w, error_one_weight(w, name), color=LINE_COLORS[k], lw=2, label=f"{label} output")
            a.axvline(1.0, color=PALETTE["grey"], lw=0.8, ls=":")
            a.set_xlabel("$w_1$")
            a.set_ylabel(r"$E(w_1) = \frac{1}{2}(g(w_1) - 1)^2$")
            a.grid(alpha=0.3)
            if ax is None:
                formula = "w_1" if name == "identity" else r"g(w_1)" if name != "sigmoid" else r"\sigma(w_1)"
                a.set_title(f"{label} output: $a_{{out}} = {formula}$")
        if ax is not None:
            ax.legend(loc="upper right")
    return fig


def plot_error_surface(w_range=(-10, 10), n=50, ax=None, elev=25, azim=45, title=None):
    """3-D surface E(w1, w2) of the two-weight network sigma(w2 sigma(w1)) learning 1 -> 1.

    Parameters
    ----------
    w_range : (float, float), default=(-10, 10)
    n : int, default=50
        Grid points per axis.
    ax : 3-D Axes (``projection="3d"``), optional
    elev, azim : float
        The viewing angle.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    from mpl_toolkits.mplot3d import Axes3D  # noqa: F401  (registers the 3d projection)

    w = np.linspace(*w_range, n)
    W1, W2 = np.meshgrid(w, w)
    E = error_two_weights(W1, W2)
    if ax is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(6.0, 4.8))
        ax = fig.add_subplot(projection="3d")
    else:
        fig, _ = new_axes(ax)
    with style():
        ax.plot_surface(W1, W2, E, cmap="viridis", edgecolor="none", rcount=n, ccount=n, antialiased=False)
        ax.view_init(elev, azim)
        ax.set_xlabel("$w_1$ (input to hidden)")
        ax.set_ylabel("$w_2$ (hidden to output)")
        ax.set_zlabel("$E$")
        ax.set_title(title or "Two weights: error surface of 1 -> 1 through one hidden node")
    return fig


