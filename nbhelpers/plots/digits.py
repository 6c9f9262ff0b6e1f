"""Handwritten digits as pictures: which ones a classifier gets wrong.

Used in: 09_softmax (the network you wrote reads digits).
"""
import numpy as np

from ._style import PALETTE, style


def plot_digits(X, y_true, y_pred=None, n=10, only_wrong=True, title=None):
    """Show ``n`` digits as 8 x 8 images, each titled with its label (and the prediction).

    Parameters
    ----------
    X : array_like of shape (n_samples, 64)
        Pixels row by row, any scale (each image is drawn from white = 0 to black = its maximum).
    y_true : array_like of shape (n_samples,)
    y_pred : array_like of shape (n_samples,), optional
        The classifier's answers; a wrong one is titled in red, "7, said 9".
    n : int, default=10
        How many images at most (in the order of X), ten to a row.
    only_wrong : bool, default=True
        With ``y_pred``, show only the misclassified images.
    title : str, optional
        Default: how many images are shown out of how many wrong ones.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_digits(np.eye(64)[:3], [0, 1, 2], [0, 7, 2])  # doctest: +SKIP
    """
    X = np.asarray(X, dtype=float)
    y_true = np.asarray(y_true).ravel()
    if X.ndim != 2 or X.shape[1] != 64:
        raise ValueError(f"X must have shape (n_samples, 64): 8 x 8 pixels per row. Got shape {X.shape}.")
    if len(y_true) != len(X):
        raise ValueError(f"y_true must have one label per row of X ({len(X)}). Got {len(y_true)}.")
    if y_pred is not None:
        y_pred = np.asarray(y_pred).ravel()
        if len(y_pred) != len(X):
            raise ValueError(f"y_pred must have one label per row of X ({len(X)}). Got {len(y_pred)}.")
    wrong = np.flatnonzero(y_pred != y_true) if y_pred is not None else np.array([], dtype=int)
    shown = (wrong if y_pred is not None and only_wrong else np.arange(len(X)))[:n]
    with style():
        import matplotlib.pyplot as plt

        cols = max(min(len(shown), 10), 1)
        rows = max(-(-len(shown) // cols), 1)
        fig, axes = plt.subplots(rows, cols, figsize=(1.05 * cols + 0.3, 1.35 * rows + 0.25), squeeze=False)
        for ax in axes.ravel():
            ax.axis("off")
        for ax, i in zip(axes.ravel(), shown):
            ax.imshow(X[i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=max(X[i].max(), 1e-12),
                      interpolation="nearest")
            is_wrong = y_pred is not None and y_pred[i] != y_true[i]
            label = f"{y_true[i]}, said {y_pred[i]}" if is_wrong else str(y_true[i])
            ax.set_title(label, fontsize=9, color=PALETTE["vermillion"] if is_wrong else PALETTE["black"])
        if not len(shown):
            axes[0, 0].text(0.5, 0.5, "no mistakes", ha="center", va="center", transform=axes[0, 0].transAxes)
        if title is None:
            title = (f"{len(shown)} of the {len(wrong)} misclassified digits" if y_pred is not None and only_wrong
                     else f"{len(shown)} digits")
        fig.suptitle(title, fontsize=10)
        fig.tight_layout()
    return fig
