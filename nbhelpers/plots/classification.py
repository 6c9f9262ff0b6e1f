"""Plots of 2-D classification problems: points, decision surfaces, truth tables.

Used in: 02_perceptron, 03_multilayer, 05 to 11 (decision surfaces).
"""
import numpy as np

from .._validation import as_float_array, check_float, check_int, check_X_y
from ._style import (CLASS_COLORS, PALETTE, class_cmap, class_label, classes_of, mix, new_axes,
                     scatter_classes, style, surface_cmap)


BOUNDARY_GID = "decision-boundary"  # the gid of the contour plot_decision_surface draws


def _label_axes(ax, feature_names):
    names = list(feature_names) if feature_names is not None else ["$x_1$", "$x_2$"]
    if len(names) != 2:
        raise ValueError(f"feature_names must have 2 names. Got {len(names)}: {names!r}.")
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])


def _check_2d(X, y, name="X"):
    X, y = check_X_y(X, y)
    if X.shape[1] != 2:
        raise ValueError(f"{name} must have 2 features to plot in the plane. Got shape {X.shape}.")
    return X, np.asarray(y)


def plot_points(X, y, ax=None, class_names=None, feature_names=None, title=None):
    """Scatter plot of 2-D points, one colour and one marker shape per class.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,)
        Class labels (at most 4 distinct values).
    ax : matplotlib Axes, optional
        Draw here; by default a new figure is created.
    class_names, feature_names : sequence of str, optional
        Legend entries per class and the two axis labels.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from nbhelpers.datasets import logic_gate_data
    >>> fig = plot_points(*logic_gate_data("XOR"))
    """
    X, y = _check_2d(X, y)
    classes = classes_of(y)
    with style():
        fig, ax = new_axes(ax)
        scatter_classes(ax, X, y, classes, class_names)
        _label_axes(ax, feature_names)
        ax.set_title(title or "How are the classes arranged?")
        ax.legend(loc="best")
    return fig


def grid(bounds, resolution=200):
    """Grid points covering ``bounds = (x_min, x_max, y_min, y_max)``.

    Returns
    -------
    points : ndarray of shape (resolution**2, 2)
        One row per grid point, row-major (x varies fastest), ready for ``predict``.
    shape : tuple
        ``(resolution, resolution)``: reshape predictions with it to get an image.
    """
    resolution = check_int("resolution", resolution, low=2, high=2000)
    b = as_float_array("bounds", bounds, ndim=1)
    if b.shape != (4,) or b[0] >= b[1] or b[2] >= b[3]:
        raise ValueError(f"bounds must be (x_min, x_max, y_min, y_max) with min < max. Got {tuple(b)} instead.")
    xx, yy = np.meshgrid(np.linspace(b[0], b[1], resolution), np.linspace(b[2], b[3], resolution))
    return np.column_stack([xx.ravel(), yy.ravel()]), xx.shape


def _padded_bounds(*arrays, pad=0.1):
    pts = np.vstack([a for a in arrays if a is not None])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    return (lo[0] - pad * span[0], hi[0] + pad * span[0], lo[1] - pad * span[1], hi[1] + pad * span[1])


def _surface_values(out, n, classes, discretize):
    """Turn predict's output into ("prob", values, level) or ("labels", class indices, None)."""
    out = np.asarray(out, dtype=float)
    if out.shape[0] != n or out.ndim > 2:
        raise ValueError(f"predict must return one value (or one row) per grid point: expected {n} rows, "
                         f"got an array of shape {out.shape}.")
    if out.ndim == 2 and out.shape[1] == 1:
        out = out[:, 0]
    if out.ndim == 2:
        if out.shape[1] == 2 and not discretize:
            out = out[:, 1]  # probability of the second class
        else:
            return "labels", np.argmax(out, axis=1), None
    if not np.all(np.isfinite(out)):
        raise ValueError("predict returned nan or inf on the grid.")
    is_labels = np.all(np.isin(out, classes.astype(float)))
    if is_labels and (discretize or len(classes) > 2 or not np.isin(out, [0.0, 1.0]).all()):
        return "labels", np.searchsorted(classes.astype(float), out), None
    level = 0.5 if (out.min() >= 0 and out.max() <= 1) else 0.0  # probability, or a decision function
    if discretize:
        return "labels", (out >= level).astype(int), None
    return "prob", out, level


def plot_decision_surface(predict, X, y, ax=None, resolution=200, bounds=None, X_test=None, y_test=None,
                          discretize=False, class_names=None, feature_names=None, title=None, colorbar=False):
    """The model's prediction over the plane, with the data on top.

    ``predict`` is called exactly once, on all grid points at once (an array of
    shape (resolution**2, 2)). It may return probabilities of class 1 (shaded
    from blue through white to vermillion, with the 0.5 line drawn), a decision
    function such as ``w.x`` (the line at 0 drawn), class labels, or one column
    per class (the most probable class is shown).

    Parameters
    ----------
    predict : callable
        ``model.predict_proba``, ``model.predict``, ``model.decision_function``, ...
    X, y : array_like
        Training points (n_samples, 2) and their labels.
    ax : matplotlib Axes, optional
    resolution : int, default=200
        Grid points per axis.
    bounds : (x_min, x_max, y_min, y_max), optional
        Default: the data range plus 10% on each side.
    X_test, y_test : array_like, optional
        Test points, drawn as hollow markers.
    discretize : bool, default=False
        Show predicted classes instead of a continuous surface.
    class_names, feature_names, title : optional
    colorbar : bool, default=False
        Add a colour bar for a continuous surface.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from nbhelpers.datasets import logic_gate_data
    >>> fig = plot_decision_surface(lambda P: P[:, 0] + P[:, 1] > 1.5, *logic_gate_data("AND"))
    """
    if not callable(predict):
        raise TypeError(f"predict must be callable (e.g. model.predict_proba). Got {type(predict).__name__}.")
    X, y = _check_2d(X, y)
    if (X_test is None) != (y_test is None):
        raise ValueError("X_test and y_test must be given together.")
    if X_test is not None:
        X_test, y_test = _check_2d(X_test, y_test, "X_test")
    classes = classes_of(y if y_test is None else np.concatenate([y, y_test]))
    if bounds is None:
        bounds = _padded_bounds(X, X_test)
    points, shape = grid(bounds, resolution)
    kind, values, level = _surface_values(predict(points), len(points), classes, discretize)
    image = values.reshape(shape)
    extent = tuple(float(b) for b in bounds)

    with style():
        fig, ax = new_axes(ax)
        handles = []
        if kind == "prob":
            if level == 0.5:
                im = ax.imshow(image, origin="lower", extent=extent, aspect="auto", interpolation="nearest",
                               cmap=surface_cmap(), vmin=0.0, vmax=1.0)
            else:
                vmax = float(np.abs(image).max()) or 1.0
                im = ax.imshow(image, origin="lower", extent=extent, aspect="auto", interpolation="nearest",
                               cmap=surface_cmap(), vmin=-vmax, vmax=vmax)
            if image.min() < level < image.max():
                xs, ys = np.linspace(*extent[:2], shape[1]), np.linspace(*extent[2:], shape[0])
                boundary = ax.contour(xs, ys, image, levels=[level], colors=PALETTE["black"], linewidths=1.5)
                boundary.set_gid(BOUNDARY_GID)  # a widget that redraws the surface finds and replaces it
                from matplotlib.lines import Line2D

                text = "P(class 1) = 0.5" if level == 0.5 else "decision function = 0"
                handles.append(Line2D([], [], color=PALETTE["black"], linewidth=1.5, label=text))
            if colorbar:
                fig.colorbar(im, ax=ax, label="P(class 1)" if level == 0.5 else "decision function")
        else:
            ax.imshow(image, origin="lower", extent=extent, aspect="auto", interpolation="nearest",
                      cmap=class_cmap(len(classes)), vmin=-0.5, vmax=len(classes) - 0.5)
        handles += scatter_classes(ax, X, y, classes, class_names, prefix="train: " if X_test is not None else "")
        if X_test is not None:
            handles += scatter_classes(ax, X_test, y_test, classes, class_names, hollow=True, prefix="test: ")
        ax.set_xlim(extent[:2])
        ax.set_ylim(extent[2:])
        _label_axes(ax, feature_names)
        ax.set_title(title or "Which class does the model predict where?")
        ax.legend(handles=handles, loc="best")
    return fig


def plot_truth_table(gate, w=None, threshold=None, ax=None, title=None):
    """A gate's truth table in the plane, with the line w1 x1 + w2 x2 = T (the threshold).

    The unit outputs 1 where ``w.x >= threshold`` (that side is shaded); every
    row is marked right or wrong against the gate's target.

    Parameters
    ----------
    gate : {"AND", "OR", "NOT", "NAND", "NOR", "XOR"}
        NOT has one input: its two points sit on the x1 axis and the line is vertical.
    w : array_like of shape (2,) (NOT: (1,)), optional
        Weights; without them only the table is drawn.
    threshold : float, optional
        The threshold T (labelled so in the figure). Default 0.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_truth_table("AND", w=[1, 1], threshold=1.5)
    """
    from ..datasets import truth_table

    X, y = truth_table(gate)
    n_in = X.shape[1]
    P = np.column_stack([X, np.zeros(len(X))]) if n_in == 1 else X.astype(float)
    threshold = 0.0 if threshold is None else check_float("threshold", threshold)
    out = None
    if w is not None:
        w = as_float_array("w", w, ndim=1)
        if w.shape != (n_in,):
            raise ValueError(f"w must have {n_in} weight(s) for {gate}. Got shape {w.shape} instead.")
        out = (X @ w >= threshold).astype(int)
    extent = (-0.5, 1.5, -0.5, 1.5) if n_in == 2 else (-0.5, 1.5, -0.4, 0.4)

    with style():
        fig, ax = new_axes(ax, figsize=(4.8, 5.2) if n_in == 2 else (4.8, 3.7))
        handles = []
        if w is not None:
            pts, shape = grid(extent, 300)
            region = (pts[:, :n_in] @ w >= threshold).reshape(shape).astype(float)
            from matplotlib.colors import ListedColormap
            from matplotlib.patches import Patch

            ax.imshow(region, origin="lower", extent=extent, interpolation="nearest", vmin=0, vmax=1,
                      cmap=ListedColormap(["white", mix(CLASS_COLORS[1], 0.75)]))
            handles.append(Patch(color=mix(CLASS_COLORS[1], 0.75), label="unit outputs 1"))
            t = np.linspace(*extent[:2], 2)
            if n_in == 2 and abs(w[1]) > 1e-12:
                line = ax.plot(t, (threshold - w[0] * t) / w[1], color=PALETTE["black"], linewidth=1.8)
            elif abs(w[0]) > 1e-12:
                line = ax.plot([threshold / w[0]] * 2, extent[2:], color=PALETTE["black"], linewidth=1.8)
            else:
                line = []
            if line:
                line[0].set_label(r"$w_1x_1 + w_2x_2 = T$" if n_in == 2 else r"$w_1x_1 = T$")
                handles.append(line[0])
        handles += scatter_classes(ax, P, y, np.array([0, 1]), ["target 0", "target 1"], size=140)
        for k, (p, target) in enumerate(zip(P, y)):
            text = f"target {target}" if out is None else (
                f"out {out[k]} ✓" if out[k] == target else f"out {out[k]} ✗")
            ax.annotate(text, p, xytext=(0, -17), textcoords="offset points", ha="center", va="top",
                        fontsize=9, fontweight="normal" if out is None or out[k] == target else "bold",
                        bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none", alpha=0.8))
        ax.set_xlim(extent[:2])
        ax.set_ylim(extent[2:])
        ax.set_aspect("equal")
        ax.set_xticks([0, 1])
        ax.set_yticks([0, 1] if n_in == 2 else [])
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$" if n_in == 2 else "")
        if title is None:
            if out is None:
                title = f"{gate}: which inputs should give 1?"
            else:
                right = int(np.sum(out == y))
                ws = ", ".join(f"{v:g}" for v in w)
                title = f"Does w = ({ws}), T = {threshold:g} compute {gate}? {right}/{len(y)} right"
        ax.set_title(title)
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14 if n_in == 2 else -0.3), ncol=2)
    return fig
