"""Decision boundaries of logistic regression: the step from a regression to a neuron.

A logistic unit predicts y = 1 where g(theta^T x) >= 0.5, which is where
theta^T x >= 0. With the plain features (1, x1, x2) that region is a half-plane;
with the squared features (1, x1, x2, x1^2, x2^2) it can be the outside (or the
inside) of a circle or an ellipse.

Used in: 01_logistic_neuron.
"""
import numpy as np

from ._style import CLASS_COLORS, PALETTE, classes_of, new_axes, scatter_classes, style, surface_cmap


def logistic_features(X, n_theta):
    """The feature vector theta multiplies: (1, x1, x2) for 3 parameters, (1, x1, x2, x1^2, x2^2) for 5.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
    n_theta : {3, 5}

    Returns
    -------
    ndarray of shape (n_samples, n_theta)

    Examples
    --------
    >>> logistic_features([[2.0, 3.0]], 5).tolist()
    [[1.0, 2.0, 3.0, 4.0, 9.0]]
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n_samples, 2). Got shape {X.shape} instead.")
    ones = np.ones((len(X), 1))
    if n_theta == 3:
        return np.hstack([ones, X])
    if n_theta == 5:
        return np.hstack([ones, X, X**2])
    raise ValueError(f"theta must have 3 entries (linear) or 5 (with x1^2, x2^2). Got {n_theta} instead.")


def _check_theta(theta):
    theta = np.asarray(theta, dtype=float).ravel()
    if theta.size not in (3, 5) or not np.all(np.isfinite(theta)):
        raise ValueError(f"theta must be 3 or 5 finite numbers. Got {theta.tolist()} instead.")
    return theta


def _theta_text(theta):
    """theta^T x written out in plain Unicode, e.g. '−1 + x₁² + x₂²'.

    Plain text, not mathtext: a title that changes with every slider move would
    otherwise be parsed anew each time (about 15 ms per line).
    """
    names = ["", "x₁", "x₂", "x₁²", "x₂²"]
    terms = []
    for t, name in zip(theta, names):
        if t == 0 and name:
            continue
        coef = f"{abs(t):g}" if (abs(t) != 1 or not name) else ""
        sign = "−" if t < 0 else "+"
        terms.append((sign, coef + name))
    if not terms:
        return "0"
    first_sign, first = terms[0]
    text = ("−" if first_sign == "−" else "") + first
    for sign, term in terms[1:]:
        text += f" {sign} {term}"
    return text


class _BoundaryArtists:
    """The artists of one boundary plot, so a widget can update them in place."""

    def __init__(self, ax, X, y, lim, resolution):
        self.ax = ax
        self.lim = lim
        grid = np.linspace(lim[0], lim[1], resolution)
        self.gx, self.gy = np.meshgrid(grid, grid)
        self.grid = np.column_stack([self.gx.ravel(), self.gy.ravel()])
        self.surface = ax.imshow(np.full(self.gx.shape, 0.5), origin="lower", extent=(*lim, *lim),
                                 cmap=surface_cmap(), vmin=0.0, vmax=1.0, aspect="equal", zorder=0)
        self.contour = None
        self.X = None if X is None else np.asarray(X, dtype=float)
        self.y = None if y is None else np.asarray(y)
        if self.X is not None:
            classes = classes_of(self.y)
            names = ["y = 0", "y = 1"] if len(classes) == 2 else None
            scatter_classes(ax, self.X, self.y, classes, class_names=names, size=28)
        # A proxy handle: contour sets have no legend entry of their own.
        (self.proxy,) = ax.plot([], [], color=PALETTE["black"], lw=2, label=r"boundary $\theta^T x = 0$")
        ax.set_xlim(lim)
        ax.set_ylim(lim)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)

    def update(self, theta):
        """Redraw surface, boundary and title for a new theta; return the accuracy (or None)."""
        theta = _check_theta(theta)
        z = (logistic_features(self.grid, theta.size) @ theta).reshape(self.gx.shape)
        # Clip before exp: the sigmoid is 0 or 1 to double precision beyond |z| = 40 anyway.
        self.surface.set_array(1.0 / (1.0 + np.exp(-np.clip(z, -40, 40))))
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        if z.min() < 0 < z.max():  # otherwise the boundary is outside the view: nothing to draw
            self.contour = self.ax.contour(self.gx, self.gy, z, levels=[0.0], colors=PALETTE["black"],
                                           linewidths=2, zorder=2)
        accuracy = None
        title = f"θᵀx = {_theta_text(theta)}"
        if self.X is not None:
            pred = (logistic_features(self.X, theta.size) @ theta >= 0).astype(int)
            correct = int(np.sum(pred == self.y))
            accuracy = correct / len(self.y)
            title += f"\npredicts y = 1 where θᵀx ≥ 0: {correct}/{len(self.y)} right"
        self.ax.set_title(title)
        return accuracy


def draw_logistic_boundary(ax, theta, X=None, y=None, lim=(-2.0, 2.0), resolution=161):
    """Draw on ``ax`` and return the artists object (its ``update(theta)`` redraws in place)."""
    artists = _BoundaryArtists(ax, X, y, lim, resolution)
    artists.update(theta)
    return artists


def plot_logistic_boundary(theta, X=None, y=None, ax=None, lim=(-2.0, 2.0), resolution=161):
    """Probability g(theta^T x) as a background, the boundary theta^T x = 0 as a line, and the points.

    Parameters
    ----------
    theta : array_like of 3 or 5 floats
        (theta0, theta1, theta2) for a line, or with (theta3, theta4) multiplying x1^2, x2^2.
    X : array_like of shape (n_samples, 2), optional
        Labelled points to draw; the title then counts how many the rule gets right.
    y : array_like of 0/1, optional
    ax : matplotlib Axes, optional
    lim : (float, float), default=(-2, 2)
        Range of both axes.
    resolution : int, default=161
        Grid points per axis for the background.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_logistic_boundary([-1, 0, 0, 1, 1])  # doctest: +SKIP
    """
    # The figure is made outside style(): a first pyplot figure made inside an rc_context
    # activates the inline backend there, and leaving the context switches interactive mode off.
    fig, ax = new_axes(ax, figsize=(6.6, 4.6))
    with style():
        draw_logistic_boundary(ax, theta, X, y, lim=lim, resolution=resolution)
    return fig


def plot_sigmoid_threshold(ax=None):
    """The sigmoid g(z) with the line g = 0.5 at z = 0: why g >= 0.5 is the same as z >= 0.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = new_axes(ax, figsize=(5.6, 3.4))  # outside style(): see plot_logistic_boundary
    with style():
        z = np.linspace(-6, 6, 241)
        g = 1.0 / (1.0 + np.exp(-z))
        ax.axvspan(0, 6, color=CLASS_COLORS[1], alpha=0.12, lw=0, label="predict $y = 1$ ($z \\geq 0$)")
        ax.axvspan(-6, 0, color=CLASS_COLORS[0], alpha=0.12, lw=0, label="predict $y = 0$ ($z < 0$)")
        ax.plot(z, g, color=PALETTE["black"], lw=2, label=r"$g(z) = 1 / (1 + e^{-z})$")
        ax.axhline(0.5, color=PALETTE["grey"], ls="--", lw=1)
        ax.plot([0], [0.5], "o", color=PALETTE["black"])
        ax.annotate("$g(0) = 0.5$", (0, 0.5), xytext=(0.6, 0.3), arrowprops=dict(arrowstyle="->"))
        ax.set_xlim(-6, 6)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(r"$z = \theta^T x$")
        ax.set_ylabel("$g(z)$")
        ax.set_title(r"$g(z) \geq 0.5$ exactly when $z \geq 0$")
        ax.legend(loc="upper left")
    return fig
