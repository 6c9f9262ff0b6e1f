"""Figures of the vanishing (and exploding) gradient: per-layer gradient profiles and loss curves.

Used in: 10_vanishing_gradient (and its widget, ``nbhelpers.widgets.vanishing``).
"""
import numpy as np

from ._style import LINE_COLORS, PALETTE, new_axes, style
from .curves import check_runs as _check_runs, plot_loss_curves  # noqa: F401 (re-exported)

_MARKERS = ("o", "s", "^", "D", "v", "P", "X")
_STYLES = ("-", "--", "-.", ":")


def _positive(values):
    """Float array with zeros, nan and inf replaced by nan (a log axis cannot show them)."""
    v = np.asarray(values, dtype=float)
    return np.where(np.isfinite(v) & (v > 0), v, np.nan)


def _log_limits(arrays, low=1e-12, pad=3.0):
    """(bottom, top) of a log axis that holds every positive finite value of ``arrays``."""
    values = np.concatenate([_positive(a).ravel() for a in arrays]) if arrays else np.array([])
    values = values[np.isfinite(values)]
    if values.size == 0:
        return low, 1.0
    return max(values.min() / pad, low), values.max() * pad


def plot_gradient_profiles(profiles, ax=None, title=None):
    """Gradient norm of every layer's weights, one line per network, on a log scale.

    A profile equal to an earlier one (e.g. two runs from the same initial weights) would hide
    it: it is drawn dashed on top, with hollow markers, and its legend entry says which
    profile it repeats.

    Parameters
    ----------
    profiles : dict
        ``{label: norms}`` with ``norms[l - 1] = ||dE/dW_l||`` for layers l = 1..L
        (layer 1 next to the input, L the output layer).
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_gradient_profiles({"sigmoid": [1e-6, 1e-4, 1e-2], "ReLU": [1e-2, 2e-2, 1e-2]})
    """
    profiles = _check_runs(profiles, "profiles")
    fig, ax = new_axes(ax)
    with style():
        n_max = 1
        drawn = []  # (label, norms) of the profiles drawn so far
        for k, (label, norms) in enumerate(profiles.items()):
            norms = _positive(norms)
            layers = np.arange(1, len(norms) + 1)
            n_max = max(n_max, len(norms))
            same = next((other for other, seen in drawn
                         if seen.shape == norms.shape and np.allclose(seen, norms, equal_nan=True)), None)
            color = LINE_COLORS[k % len(LINE_COLORS)]
            if same is None:
                ax.plot(layers, norms, color=color, linewidth=1.8, marker=_MARKERS[k % len(_MARKERS)], markersize=5,
                        linestyle=_STYLES[k // len(LINE_COLORS) % 4], label=label)
            else:  # dashed over the solid line it repeats, so that both stay visible
                ax.plot(layers, norms, color=color, linewidth=1.8, marker=_MARKERS[k % len(_MARKERS)], markersize=7,
                        markerfacecolor="none", linestyle=(0, (4, 3)), label=f"{label} (same profile)" if len(drawn) == 1 else f"{label} (same as {same})")
            drawn.append((label, norms))
        ax.set_yscale("log")
        ax.set_ylim(*_log_limits(list(profiles.values())))
        ax.set_xticks(np.arange(1, n_max + 1))
        ax.set_xlabel("layer $l$ (1 = next to the input)")
        ax.set_ylabel(r"$\|\partial E / \partial W_l\|$ (log scale)")
        ax.grid(True, which="major", alpha=0.3)
        ax.set_title(title or "How big is each layer's gradient?")
        ax.legend(loc="best")
    return fig


def plot_remedy(profiles, curves, title=None, log_loss=False, figsize=(10.0, 3.8), ylim=None):
    """Two panels side by side: the gradient profiles and the loss curves of the same runs.

    Parameters
    ----------
    profiles, curves : dict
        As for :func:`plot_gradient_profiles` and :func:`plot_loss_curves`, same labels.
    title : str, optional
        Title of the whole figure.
    log_loss : bool, default=False
    figsize : tuple, default=(10, 3.8)
    ylim : (float, float), optional
        Limits of the loss axis (useful when a diverging run would squash the others).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    with style():
        plot_gradient_profiles(profiles, ax=ax1, title="Gradient of each layer at the start")
        plot_loss_curves(curves, ax=ax2, log=log_loss, title="Training loss")
        if ylim is not None:
            ax2.set_ylim(*ylim)
        if title:
            fig.suptitle(title)
    return fig


class VanishingArtists:
    """The widget's figure: gradient profile (start and end of training) and loss curve, updated in place.

    Parameters
    ----------
    ax_norms, ax_loss : matplotlib Axes
    """

    def __init__(self, ax_norms, ax_loss):
        from matplotlib.ticker import NullLocator

        self.ax_norms, self.ax_loss = ax_norms, ax_loss
        with style():
            (self.start,) = ax_norms.plot([], [], marker="o", color=LINE_COLORS[0], linewidth=1.8,
                                          label="at initialisation")
            (self.end,) = ax_norms.plot([], [], marker="s", color=LINE_COLORS[1], linewidth=1.8, linestyle="--",
                                        label="last epoch of training")
            ax_norms.set_yscale("log")
            ax_norms.yaxis.set_minor_locator(NullLocator())  # up to 14 decades: minor ticks would only cost time
            ax_norms.set_xlabel("layer $l$ (1 = next to the input)")
            ax_norms.set_ylabel(r"$\|\partial E / \partial W_l\|$ (log scale)")
            ax_norms.grid(True, which="major", alpha=0.3)
            # below the axes: inside, the legend would cover the profile's points
            ax_norms.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
            self.ratio = ax_norms.text(0.98, 0.03, "", transform=ax_norms.transAxes, ha="right", va="bottom",
                                       fontsize=9, color=PALETTE["black"])
            (self.loss,) = ax_loss.plot([], [], color=LINE_COLORS[2], linewidth=1.8, label="training loss")
            (self.cross,) = ax_loss.plot([], [], marker="x", markersize=10, color=PALETTE["vermillion"],
                                         linestyle="none")
            ax_loss.set_xlabel("epoch")
            ax_loss.set_ylabel("training loss")
            ax_loss.grid(True, which="major", alpha=0.3)
            ax_loss.legend(loc="upper right")
            self.status = ax_loss.text(0.98, 0.5, "", transform=ax_loss.transAxes, ha="right", va="center",
                                       fontsize=9, color=PALETTE["black"])

    def update(self, norms_start, norms_end, loss_curve, summary="", title=""):
        """Show new data: per-layer norms at the start and the end, the loss curve, a status text."""
        start, end = _positive(norms_start), _positive(norms_end)
        layers = np.arange(1, len(start) + 1)
        self.start.set_data(layers, start)
        self.end.set_data(np.arange(1, len(end) + 1), end)
        self.ax_norms.set_xlim(0.5, max(len(start), 1) + 0.5)
        self.ax_norms.set_xticks(layers)
        self.ax_norms.set_ylim(*_log_limits([start, end]))
        self.ax_norms.set_title(title or "How big is each layer's gradient?")
        if np.isfinite(start[0]) and np.isfinite(start[-1]):
            self.ratio.set_text(f"layer 1 / layer {len(start)} at the start: {start[0] / start[-1]:.1e}")
        else:
            self.ratio.set_text("")
        c = np.asarray(loss_curve, dtype=float)
        ok = np.isfinite(c)
        epochs = np.arange(1, len(c) + 1)
        self.loss.set_data(epochs[ok], c[ok])
        if ok.any() and not ok.all():
            last = np.flatnonzero(ok)[-1]
            self.cross.set_data([epochs[last]], [c[last]])
        else:
            self.cross.set_data([], [])
        finite = c[ok]
        # the whole curve with room above it; a spike far above the rest goes on a log axis instead
        spiky = finite.size and finite.max() > 50 * np.median(finite) and finite.min() > 0
        self.ax_loss.set_yscale("log" if spiky else "linear")
        self.ax_loss.set_xlim(0, max(len(c), 2))
        if spiky:
            # at most twelve decades above the median: a wider log axis overflows matplotlib's tick maths
            self.ax_loss.set_ylim(finite.min() / 2, min(finite.max() * 2, 1e12 * np.median(finite)))
        else:
            self.ax_loss.set_ylim(0, max(float(finite.max()) * 1.15 if finite.size else 1.0, 1e-3))
        self.ax_loss.set_title("Does it learn?")
        self.status.set_text(summary)
