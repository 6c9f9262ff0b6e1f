"""Figures for multiclass outputs: softmax probabilities as bars, and a confusion matrix.

Used in: 09_softmax.
"""
import numpy as np

from .._validation import as_float_array
from ._style import CLASS_COLORS, PALETTE, mix, new_axes, style


def _softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + e^-z), without overflow for large |z|


class _BarArtists:
    """The bars and labels of one softmax plot, so that a widget can update them in place."""

    def __init__(self, ax, n, class_names, show_sigmoid, legend=True):
        self.ax = ax
        self.class_names = list(class_names)
        x = np.arange(n)
        colors = [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(n)]
        self.bars = ax.bar(x, np.zeros(n), width=0.6, color=[mix(c, 0.25) for c in colors], edgecolor=colors,
                           linewidth=1.5, label="softmax $p_k$")
        # a white box keeps a value readable where it meets a sigmoid mark
        # (clipped to the axes, which have room above 1 for them: a widget then repaints them there alone)
        self.values = [ax.text(k, 0.0, "", ha="center", va="bottom", fontsize=10, zorder=5, clip_on=True,
                               bbox=dict(facecolor="white", edgecolor="none", pad=0.5, alpha=0.85)) for k in x]
        self.sigmoid = None
        if show_sigmoid:
            (self.sigmoid,) = ax.plot(x, np.zeros(n), linestyle="none", marker="_", markersize=30,
                                      markeredgewidth=2.5, color=PALETTE["black"],
                                      label=r"$\sigma(z_k / T)$, each score alone")
        ax.set_xticks(x)
        ax.set_ylim(0, 1.3)  # headroom above 1 for the value labels and the legend
        ax.set_yticks(np.linspace(0, 1, 6))
        ax.set_xlim(-0.6, n - 0.4)
        ax.set_ylabel("probability")
        ax.grid(True, axis="y", alpha=0.3)
        self.legend = legend
        self._draw_legend()

    def _draw_legend(self):
        """The legend of the visible artists only."""
        if self.legend:
            handles = [self.bars] + [a for a in (self.sigmoid,) if a is not None and a.get_visible()]
            self.ax.legend(handles=handles, loc="upper center", ncol=2, fontsize=8, borderaxespad=0.2,
                           markerscale=0.5)

    def show_sigmoid(self, visible):
        """Show or hide the sigmoid marks, and their legend entry with them."""
        if self.sigmoid is not None and self.sigmoid.get_visible() != bool(visible):
            self.sigmoid.set_visible(bool(visible))
            self._draw_legend()

    def update(self, z, temperature=1.0, title=None):
        """Set the bars to softmax(z / temperature); return the probabilities."""
        z = np.asarray(z, dtype=float)
        p = _softmax(z / temperature)
        for bar, text, pk in zip(self.bars, self.values, p):
            bar.set_height(pk)
            text.set_y(pk + 0.015)
            text.set_text(f"{pk:.2f}")
        if self.sigmoid is not None:
            self.sigmoid.set_ydata(_sigmoid(z / temperature))
        # plain text, not mathtext: labels that change with every move are not parsed anew
        self.ax.set_xticks(np.arange(len(z)), [f"{name}\nz = {zk:.2f}" for name, zk in zip(self.class_names, z)])
        if title is not None:
            self.ax.set_title(title)
        return p


def draw_softmax_bars(ax, z, temperature=1.0, class_names=None, show_sigmoid=False, title=None, legend=True):
    """Draw on ``ax``; return the artists object (its ``update(z, temperature)`` redraws in place)."""
    z = as_float_array("z", z, ndim=1)
    names = class_names if class_names is not None else [f"class {k + 1}" for k in range(len(z))]
    if len(names) != len(z):
        raise ValueError(f"class_names must have one name per score: {len(z)} scores, {len(names)} names.")
    with style():
        artists = _BarArtists(ax, len(z), names, show_sigmoid, legend)
        artists.update(z, temperature, title)
    return artists


def plot_softmax_bars(z, temperature=1.0, class_names=None, ax=None, show_sigmoid=False, title=None, legend=True):
    """Scores z turned into probabilities softmax(z / T), one bar per class.

    Parameters
    ----------
    z : array_like of shape (K,)
        Scores (logits) of the K classes; written under each bar.
    temperature : float, default=1.0
        T > 0: T < 1 sharpens the distribution, T > 1 flattens it.
    class_names : sequence of K str, optional
    ax : matplotlib Axes, optional
    show_sigmoid : bool, default=False
        Also mark sigma(z_k / T) of every class on its own, for comparison: those
        need not sum to 1.
    title : str, optional
    legend : bool, default=True
        Draw the legend (switch it off in all but one panel of a row of plots).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_softmax_bars([5, 4, 2], class_names=["cat", "dog", "horse"])  # doctest: +SKIP
    """
    fig, ax = new_axes(ax, figsize=(4.2, 3.4))
    draw_softmax_bars(ax, z, temperature, class_names, show_sigmoid,
                      title=title or "Which class is most probable?", legend=legend)
    return fig


def confusion_counts(y_true, y_pred, labels=None):
    """Matrix C with C[i, j] = number of samples of true class i predicted as class j.

    Returns
    -------
    C : ndarray of int, shape (K, K)
    labels : ndarray of shape (K,)

    Examples
    --------
    >>> confusion_counts([0, 1, 1], [0, 1, 0])[0].tolist()
    [[1, 0], [1, 1]]
    """
    y_true, y_pred = np.asarray(y_true).ravel(), np.asarray(y_pred).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must have the same length. Got {len(y_true)} and {len(y_pred)}.")
    labels = np.unique(np.concatenate([y_true, y_pred])) if labels is None else np.asarray(labels)
    index = {label: k for k, label in enumerate(labels.tolist())}
    C = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        C[index[t], index[p]] += 1
    return C, labels


def plot_confusion_matrix(y_true, y_pred, labels=None, ax=None, title=None):
    """Counts of (true class, predicted class) pairs; the diagonal holds the correct predictions.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
    labels : array_like, optional
        The classes, in the order of the rows and columns (default: sorted).
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the accuracy.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_confusion_matrix([0, 1, 2, 2], [0, 2, 2, 2])  # doctest: +SKIP
    """
    C, labels = confusion_counts(y_true, y_pred, labels)
    K = len(labels)
    accuracy = np.trace(C) / max(C.sum(), 1)
    with style():
        fig, ax = new_axes(ax, figsize=(4.8, 4.2))
        from matplotlib.colors import LinearSegmentedColormap, PowerNorm

        cmap = LinearSegmentedColormap.from_list("nbh_counts", ["#FFFFFF", CLASS_COLORS[0]])
        # a square-root-like scale, so that cells with 1 or 2 mistakes are tinted visibly too
        ax.imshow(C, cmap=cmap, norm=PowerNorm(0.4, vmin=0, vmax=max(C.max(), 1)), interpolation="nearest")
        for i in range(K):
            for j in range(K):
                if C[i, j]:
                    dark = (C[i, j] / C.max()) ** 0.4 > 0.6
                    ax.text(j, i, str(C[i, j]), ha="center", va="center", fontsize=8 if K > 6 else 10,
                            color="white" if dark else PALETTE["black"])
        names = [str(label) for label in labels]
        ax.set_xticks(np.arange(K), names)
        ax.set_yticks(np.arange(K), names)
        ax.set_xlabel("predicted class")
        ax.set_ylabel("true class")
        for side in ("top", "right"):
            ax.spines[side].set_visible(True)
        ax.set_title(title or f"Which classes are confused? (accuracy {accuracy:.3f})")
    return fig
