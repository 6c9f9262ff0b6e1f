"""How the hidden units of a 1-D regression network add up to its curve.

A network with one hidden layer of J units and an identity output predicts

    y_hat(x) = b_k + sum_j w_jk * g(w_ij x + b_j),

so its curve is a sum of J scaled, shifted copies of g (the "contributions"
w_jk * g(z_j)) plus one constant, the output bias b_k. These functions compute
and draw those pieces.

Used in: 08_regression.
"""
import numpy as np

from ._style import LINE_COLORS, PALETTE, new_axes, style


def unit_contributions(x, coefs, intercepts, activation="tanh"):
    """Each hidden unit's weighted output w_jk * g(z_j) over ``x``, and the output bias b_k.

    Parameters
    ----------
    x : array_like of shape (m,) or (m, 1)
        Input values.
    coefs : [W1 of shape (1, J), W2 of shape (J, 1)]
        The two weight matrices of a 1-J-1 network (``mlp.coefs_``).
    intercepts : [b1 of shape (J,), b2 of shape (1,)]
        Its biases (``mlp.intercepts_``).
    activation : str, default="tanh"
        Hidden activation (a name of ``nbhelpers.activations``).

    Returns
    -------
    parts : ndarray of shape (m, J)
        Column j is w_jk * g(w_ij x + b_j).
    bias : float
        b_k; the prediction is ``parts.sum(axis=1) + bias``.

    Examples
    --------
    >>> parts, bias = unit_contributions([0.0], [np.ones((1, 2)), np.ones((2, 1))], [np.zeros(2), [0.5]])
    >>> parts.tolist(), bias
    ([[0.0, 0.0]], 0.5)
    """
    from .. import activations

    W1, W2 = (np.asarray(W, dtype=float) for W in coefs)
    b1, b2 = (np.asarray(b, dtype=float).ravel() for b in intercepts)
    if W1.ndim != 2 or W1.shape[0] != 1 or W2.shape != (W1.shape[1], 1) or b1.shape != (W1.shape[1],) \
            or b2.shape != (1,):
        raise ValueError("coefs and intercepts must describe a 1-J-1 network: W1 (1, J), W2 (J, 1), b1 (J,), "
                         f"b2 (1,). Got W1 {W1.shape}, W2 {W2.shape}, b1 {b1.shape}, b2 {b2.shape}.")
    x = np.asarray(x, dtype=float).reshape(-1, 1)
    g = activations.get(activation).f
    return g(x @ W1 + b1) * W2[:, 0], float(b2[0])


class _PartsArtists:
    """The lines of one contributions plot, so that a widget can move them in place."""

    def __init__(self, ax, X, y, n_units, xs, true_fn=None, ylim=None, g_tex=r"\tanh"):
        self.ax = ax
        self.xs = xs
        self.X = None if X is None else np.asarray(X, dtype=float).reshape(-1)
        self.y = None if y is None else np.asarray(y, dtype=float).reshape(-1)
        if self.X is not None:
            ax.scatter(self.X, self.y, s=16, color=PALETTE["grey"], alpha=0.7, edgecolors="none",
                       label="data", zorder=1)
        if true_fn is not None:
            ax.plot(xs, true_fn(xs), color=PALETTE["black"], linestyle=":", linewidth=1.5,
                    label="true $f(x)$", zorder=2)
        colors = [LINE_COLORS[i % len(LINE_COLORS)] for i in (2, 3, 4, 5, 0, 6)]
        self.parts = [
            ax.plot(xs, np.zeros_like(xs), color=colors[j % len(colors)], linestyle="--", linewidth=1.5,
                    label=rf"unit {j + 1}: $w_{{{j + 1}k}}\, {g_tex}(z_{j + 1})$" if n_units <= 6 else None)[0]
            for j in range(n_units)
        ]
        (self.bias,) = ax.plot(xs, np.zeros_like(xs), color=PALETTE["grey"], linestyle="-.", linewidth=1.3,
                               label="output bias $b_k$")
        (self.total,) = ax.plot(xs, np.zeros_like(xs), color=LINE_COLORS[1], linewidth=2.6,
                                label=rf"prediction $\hat y = b_k + \sum_j w_{{jk}}\, {g_tex}(z_j)$", zorder=4)
        ax.axhline(0, color=PALETTE["grey"], linewidth=0.6, zorder=0)
        self.ylim = ylim
        ax.set_xlim(xs[0], xs[-1])
        ax.set_xlabel("input $x$")
        ax.set_ylabel("output")
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)

    def update(self, parts, bias, title=None):
        """Move the lines to new contributions (shape (m, J)) and bias; set the title."""
        parts = np.asarray(parts, dtype=float)
        total = parts.sum(axis=1) + bias
        for line, col in zip(self.parts, parts.T):
            line.set_ydata(col)
        self.bias.set_ydata(np.full_like(self.xs, bias))
        self.total.set_ydata(total)
        if self.ylim is not None:
            self.ax.set_ylim(self.ylim)
        else:
            shown = np.concatenate([parts.ravel(), total, [bias], [] if self.y is None else self.y])
            lo, hi = float(shown.min()), float(shown.max())
            pad = 0.08 * (hi - lo or 1.0)
            self.ax.set_ylim(lo - pad, hi + pad)
        if title is not None:
            self.ax.set_title(title)
        return total


def draw_regression_parts(ax, coefs, intercepts, X=None, y=None, activation="tanh", true_fn=None,
                          x_range=(-5.0, 5.0), ylim=None, title=None):
    """Draw on ``ax``; return the artists object (its ``update(parts, bias)`` redraws in place)."""
    xs = np.linspace(x_range[0], x_range[1], 301)
    with style():
        g_tex = r"\tanh" if activation == "tanh" else "g"
        artists = _PartsArtists(ax, X, y, np.asarray(coefs[0]).shape[1], xs, true_fn=true_fn, ylim=ylim,
                                g_tex=g_tex)
        parts, bias = unit_contributions(xs, coefs, intercepts, activation)
        artists.update(parts, bias, title)
    return artists


def plot_regression_parts(coefs, intercepts, X=None, y=None, ax=None, activation="tanh", true_fn=None,
                          x_range=(-5.0, 5.0), title=None):
    """A 1-J-1 network's curve with each hidden unit's contribution dashed and the output bias.

    Parameters
    ----------
    coefs, intercepts : lists of arrays
        ``mlp.coefs_`` and ``mlp.intercepts_`` of a network with one input, one hidden
        layer and one identity output.
    X, y : array_like, optional
        Data to show as grey points: X of shape (n, 1), y of shape (n,).
    ax : matplotlib Axes, optional
    activation : str, default="tanh"
    true_fn : callable, optional
        The noiseless curve f(x), drawn dotted.
    x_range : (float, float), default=(-5, 5)
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> W = [np.array([[1.0, -1.0]]), np.array([[1.0], [1.0]])]
    >>> fig = plot_regression_parts(W, [np.array([2.0, 2.0]), np.array([0.0])])  # doctest: +SKIP
    """
    fig, ax = new_axes(ax, figsize=(7.6, 4.0))
    draw_regression_parts(ax, coefs, intercepts, X, y, activation=activation, true_fn=true_fn,
                          x_range=x_range,
                          title=title or "Which pieces does each hidden unit add to the curve?")
    return fig
