"""Plots of curves: training loss, gradient norms, activation functions, 1-D regression.

Used in: 04_activation_functions, 05 to 11 (loss curves), 10_vanishing_gradients.
"""
import numpy as np

from .._validation import as_float_array, check_X_y
from ._style import CLASS_COLORS, LINE_COLORS, PALETTE, new_axes, style


_STYLES = ("-", "--", "-.", ":")


def check_runs(runs, name):
    """``{label: values}`` with every ``values`` a non-empty 1-D float array, else a clear error."""
    if not isinstance(runs, dict) or not runs:
        raise TypeError(f"{name} must be a non-empty dict {{label: values}}. Got {type(runs).__name__} instead.")
    out = {}
    for label, values in runs.items():
        v = np.asarray(values, dtype=float)
        if v.ndim != 1 or v.size == 0:
            raise ValueError(f"{name}[{label!r}] must be a non-empty 1-D sequence. Got shape {v.shape}.")
        out[str(label)] = v
    return out



def _finish_loss_axes(ax, log, xlabel, ylabel, title):
    """Labels, optional log scale, grid, title and legend shared by the loss plots."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(f"{ylabel} (log scale)" if log else ylabel)
    if log:
        ax.set_yscale("log")
    ax.grid(True, which="major", alpha=0.3)
    ax.set_title(title)
    ax.legend(loc="best")


def plot_loss_curve(loss_curve, ax=None, test_curve=None, log=False, title=None):
    """Loss per epoch, optionally with the test loss.

    Non-finite values (a diverged run) are left out and the epoch where the
    loss first became nan/inf is marked.

    Parameters
    ----------
    loss_curve : array_like of shape (n_epochs,)
        For example ``mlp.loss_curve_``.
    ax : matplotlib Axes, optional
    test_curve : array_like of shape (n_epochs,), optional
    log : bool, default=False
        Logarithmic loss axis.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_loss_curve([1.0, 0.5, 0.3, 0.25], log=True)
    """
    curves = [("training", loss_curve)] + ([("test", test_curve)] if test_curve is not None else [])
    with style():
        fig, ax = new_axes(ax)
        for k, (label, curve) in enumerate(curves):
            c = np.asarray(curve, dtype=float)
            if c.ndim != 1 or len(c) == 0:
                raise ValueError(f"{label} curve must be a non-empty 1-D sequence. Got shape {c.shape}.")
            epochs = np.arange(1, len(c) + 1)
            bad = ~np.isfinite(c)
            ax.plot(epochs[~bad], c[~bad], color=LINE_COLORS[k], linestyle="-" if k == 0 else "--",
                    linewidth=2, label=f"{label} loss")
            if bad.any():
                first = int(epochs[bad][0])
                ax.axvline(first, color=PALETTE["grey"], linestyle=":", label=f"{label} loss became nan/inf")
        _finish_loss_axes(ax, log, "epoch", "loss", title or "Does the loss go down as training goes on?")
    return fig


def plot_gradient_norms(norms, ax=None, title=None):
    """Size of the gradient of every layer's weights, on a log scale.

    Parameters
    ----------
    norms : array_like
        ``mlp.grad_norms_``: shape (n_epochs, n_layers), one line per layer over the
        epochs; or shape (n_layers,) for one moment, drawn as bars.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_gradient_norms([[1e-4, 1e-2, 1e-1], [2e-4, 2e-2, 1e-1]])
    """
    norms = np.asarray(norms, dtype=float)
    if norms.ndim not in (1, 2) or norms.size == 0:
        raise ValueError(f"norms must have shape (n_layers,) or (n_epochs, n_layers). Got shape {norms.shape}.")
    positive = norms[np.isfinite(norms) & (norms > 0)]
    floor = positive.min() / 10 if positive.size else 1e-12
    shown = np.where(np.isfinite(norms) & (norms > 0), norms, np.nan)  # zeros cannot sit on a log axis
    n_layers = norms.shape[-1]
    with style():
        fig, ax = new_axes(ax)
        if norms.ndim == 1:
            ax.bar(np.arange(1, n_layers + 1), np.nan_to_num(shown, nan=floor) - floor, color=CLASS_COLORS[0],
                   bottom=floor, label=r"$\|\partial E / \partial W_l\|$")
            ax.set_xlabel("layer $l$ (1 = next to the input)")
            ax.set_xticks(np.arange(1, n_layers + 1))
        else:
            epochs = np.arange(1, len(norms) + 1)
            for l in range(n_layers):
                ax.plot(epochs, shown[:, l], color=LINE_COLORS[l % len(LINE_COLORS)], linewidth=1.8,
                        linestyle=("-", "--", "-.", ":")[l // len(LINE_COLORS) % 4], label=f"layer {l + 1}")
            ax.set_xlabel("epoch")
        ax.set_yscale("log")
        ax.set_ylabel(r"gradient norm $\|\partial E / \partial W_l\|$")
        ax.grid(True, which="major", alpha=0.3)
        ax.set_title(title or "Do the gradients shrink in the layers near the input?")
        if norms.ndim == 1:
            ax.legend(loc="upper left")
        else:  # lines span the whole width: the legend goes beside the axes
            ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), ncol=2 if n_layers > 10 else 1)
    return fig


def plot_activation(name, ax=None, z=None, params=None, show_derivative=True, show_numerical=False, title=None):
    """An activation function g(z) and its derivative g'(z).

    Parameters
    ----------
    name : str
        A name of ``nbhelpers.activations.names()`` (not softmax, which is not elementwise).
    ax : matplotlib Axes, optional
    z : array_like, default=np.linspace(-5, 5, 401)
    params : dict, optional
        ``{"slope": 0.2}`` for leaky_relu, ``{"alpha": 0.5}`` for elu.
    show_derivative : bool, default=True
    show_numerical : bool, default=False
        Also mark the centred-difference derivative, to check the formula.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_activation("tanh", show_numerical=True)
    """
    from .. import activations
    from ..gradcheck import numerical_derivative

    act = activations.get(name, **(params or {}))
    if act.name == "softmax":
        raise ValueError("name 'softmax' cannot be plotted as a curve: it maps a whole vector to probabilities.")
    z = np.linspace(-5, 5, 401) if z is None else np.sort(as_float_array("z", z, ndim=1))
    extra = ", ".join(f"{k}={v:g}" for k, v in act.params.items())
    label = act.name + (f" ({extra})" if extra else "")
    with style():
        fig, ax = new_axes(ax)
        ax.axhline(0, color=PALETTE["grey"], linewidth=0.8)
        ax.axvline(0, color=PALETTE["grey"], linewidth=0.8)
        ax.plot(z, act.f(z), color=CLASS_COLORS[0], linewidth=2.2, label=f"$g(z)$: {label}")
        if show_derivative:
            ax.plot(z, act.df(z), color=CLASS_COLORS[1], linewidth=2, linestyle="--", label="$g'(z)$")
        if show_numerical:
            step = max(len(z) // 20, 1)
            zs = z[step // 2::step]  # half a step off the grid ends: avoids kinks such as z = 0 exactly
            ax.plot(zs, numerical_derivative(act.f, zs), linestyle="none", marker="o", markersize=5,
                    markerfacecolor="none", color=PALETTE["black"], label="centred difference")
        ax.set_xlabel("pre-activation $z$")
        ax.set_ylabel("$g(z)$ and $g'(z)$" if show_derivative else "$g(z)$")
        ax.grid(True, alpha=0.3)
        ax.set_title(title or f"What does {act.name} do to z, and how steep is it?")
        ax.legend(loc="best")
    return fig


def plot_regression(X, y, predict=None, ax=None, components=None, true_fn=None, title=None):
    """Data of a 1-D regression problem and the network's curve over x.

    Parameters
    ----------
    X : array_like of shape (n_samples, 1)
    y : array_like of shape (n_samples,)
    predict : callable, optional
        Called once with an (m, 1) grid of x values; returns (m,) or (m, 1).
    ax : matplotlib Axes, optional
    components : callable, optional
        Called once with the same grid; returns (m, n_hidden): each hidden unit's
        contribution to the output (its activation times its outgoing weight),
        drawn dashed. Their sum plus the output bias is the prediction.
    true_fn : callable, optional
        The noiseless function f(x), drawn dotted.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from nbhelpers.datasets import regression_data
    >>> X, y = regression_data("SIN")
    >>> fig = plot_regression(X, y, true_fn=lambda x: 2.5 + np.sin(x))
    """
    X, y = check_X_y(X, y)
    if X.shape[1] != 1:
        raise ValueError(f"X must have 1 feature for a regression curve. Got shape {X.shape}.")
    y = as_float_array("y", y, ndim=1)
    span = X.max() - X.min() or 1.0
    xs = np.linspace(X.min() - 0.05 * span, X.max() + 0.05 * span, 400)[:, None]

    def evaluate(f, what):
        out = np.asarray(f(xs), dtype=float)
        if out.shape[0] != len(xs):
            raise ValueError(f"{what} must return one row per x value: expected {len(xs)}, got shape {out.shape}.")
        return out

    with style():
        fig, ax = new_axes(ax)
        ax.scatter(X[:, 0], y, s=22, color=PALETTE["grey"], alpha=0.8, edgecolors="none", label="data", zorder=2)
        if true_fn is not None:
            ax.plot(xs[:, 0], evaluate(true_fn, "true_fn").reshape(len(xs)), color=PALETTE["black"],
                    linestyle=":", linewidth=1.8, label="true function")
        if components is not None:
            parts = evaluate(components, "components").reshape(len(xs), -1)
            for h in range(parts.shape[1]):
                color = LINE_COLORS[(h + 2) % len(LINE_COLORS)]
                ax.plot(xs[:, 0], parts[:, h], color=color, linestyle="--", linewidth=1.2,
                        label=f"hidden unit {h + 1}" if parts.shape[1] <= 6 else None)
        if predict is not None:
            ax.plot(xs[:, 0], evaluate(predict, "predict").reshape(len(xs)), color=CLASS_COLORS[1],
                    linewidth=2.4, label="network output", zorder=3)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.grid(True, alpha=0.3)
        ax.set_title(title or ("How well does the network's curve follow the data?" if predict is not None
                               else "What curve should the network learn?"))
        if components is not None:  # the dashed curves fill the plot: the legend goes beside it
            ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5))
        else:
            ax.legend(loc="best")
    return fig


def plot_loss_curves(curves, ax=None, log=False, title=None, xlabel="epoch"):
    """Training loss per epoch of several runs in one axes.

    A run that diverged (nan/inf) is drawn up to its last finite value and ends in a cross.

    Parameters
    ----------
    curves : dict
        ``{label: loss_curve}``, e.g. ``{"sigmoid": net.loss_curve_}``.
    ax : matplotlib Axes, optional
    log : bool, default=False
        Logarithmic loss axis.
    title : str, optional
    xlabel : str, default="epoch"

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_loss_curves({"SGD": [0.7, 0.5, 0.4], "Adam": [0.7, 0.3, 0.2]})
    """
    curves = check_runs(curves, "curves")
    fig, ax = new_axes(ax)
    with style():
        for k, (label, c) in enumerate(curves.items()):
            epochs = np.arange(1, len(c) + 1)
            ok = np.isfinite(c)
            color = LINE_COLORS[k % len(LINE_COLORS)]
            ax.plot(epochs[ok], c[ok], color=color, linewidth=1.8, linestyle=_STYLES[k // len(LINE_COLORS) % len(_STYLES)],
                    label=label)
            if not ok.all() and ok.any():
                last = np.flatnonzero(ok)[-1]
                ax.plot(epochs[last], c[last], marker="x", markersize=9, color=color)
        _finish_loss_axes(ax, log, xlabel, "training loss", title or "Which network learns?")
    return fig
