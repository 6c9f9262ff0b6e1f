"""Figures of the perceptron: its line on a truth table, its training step by step, its weights.

The unit outputs 1 where w1 x1 + w2 x2 >= threshold, i.e. where
w0 + w1 x1 + w2 x2 >= 0 with the bias w0 = -threshold.

Used in: 02_perceptron, 03_linear_separability.
"""
import numpy as np

from ._style import CLASS_COLORS, PALETTE, mix, new_axes, scatter_classes, style

_EXTENT = (-0.5, 1.5, -0.5, 1.5)
# Targets of the gates over the rows 00, 01, 10, 11. NOT is the lecture's "NOT I1": it ignores x2.
GATE_TARGETS = {
    "AND": (0, 0, 0, 1),
    "OR": (0, 1, 1, 1),
    "NOT": (1, 1, 0, 0),
    "NAND": (1, 1, 1, 0),
    "NOR": (1, 0, 0, 0),
    "XOR": (0, 1, 1, 0),
}
CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def _gate_targets(gate):
    if gate not in GATE_TARGETS:
        raise ValueError(f"gate must be one of {', '.join(map(repr, GATE_TARGETS))}. Got {gate!r} instead.")
    return np.array(GATE_TARGETS[gate])


def _line_points(w0, w1, w2, extent=_EXTENT):
    """Two points of the line w0 + w1 x1 + w2 x2 = 0 spanning ``extent`` (empty if w1 = w2 = 0)."""
    if abs(w2) > 1e-12 and abs(w2) >= abs(w1):
        t = np.array(extent[:2], dtype=float)
        return t, -(w0 + w1 * t) / w2
    if abs(w1) > 1e-12:
        t = np.array(extent[2:], dtype=float)
        return -(w0 + w2 * t) / w1, t
    return np.array([]), np.array([])


class _GateArtists:
    """Truth-table plot whose line, shading and right/wrong marks update in place."""

    def __init__(self, ax):
        from matplotlib.colors import ListedColormap
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        self.ax = ax
        n = 201
        g = np.linspace(_EXTENT[0], _EXTENT[1], n)
        self.gx, self.gy = np.meshgrid(g, g)
        fill = mix(CLASS_COLORS[1], 0.75)
        self.region = ax.imshow(np.zeros((n, n)), origin="lower", extent=_EXTENT, interpolation="nearest",
                                vmin=0, vmax=1, cmap=ListedColormap(["white", fill]), zorder=0)
        (self.line,) = ax.plot([], [], color=PALETTE["black"], lw=1.8, zorder=1)
        self.points = scatter_classes(ax, CORNERS.astype(float), np.array([0, 0, 0, 1]), np.array([0, 1]),
                                      ["target 0", "target 1"], size=150)
        self.marks = [ax.annotate("", p, xytext=(0, -17), textcoords="offset points", ha="center", va="top",
                                  fontsize=9, bbox=dict(boxstyle="round,pad=0.2", facecolor="white",
                                                        edgecolor="none", alpha=0.85))
                      for p in CORNERS]
        ax.set_xlim(_EXTENT[:2])
        ax.set_ylim(_EXTENT[2:])
        ax.set_aspect("equal")
        ax.set_xticks([0, 1])
        ax.set_yticks([0, 1])
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        handles = [Patch(color=fill, label="unit outputs 1"),
                   Line2D([], [], color=PALETTE["black"], lw=1.8, label=r"$w_1x_1 + w_2x_2 = T$"),
                   *self.points]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)

    def update(self, gate, w1, w2, threshold):
        """Redraw for new weights; return the outputs of the four rows."""
        y = _gate_targets(gate)
        self.points[0].set_offsets(CORNERS[y == 0].astype(float).reshape(-1, 2))
        self.points[1].set_offsets(CORNERS[y == 1].astype(float).reshape(-1, 2))
        self.region.set_array((w1 * self.gx + w2 * self.gy >= threshold).astype(float))
        self.line.set_data(*_line_points(-threshold, w1, w2))
        out = (CORNERS @ np.array([w1, w2]) >= threshold).astype(int)
        for mark, o, t in zip(self.marks, out, y):
            ok = o == t
            mark.set_text(f"out {o} ✓" if ok else f"out {o} ✗")
            mark.set_color(PALETTE["black"] if ok else PALETTE["vermillion"])
            mark.set_fontweight("normal" if ok else "bold")
        right = int(np.sum(out == y))
        verdict = "computes" if right == 4 else "does not compute"
        gate = "NOT x₁" if gate == "NOT" else gate
        # plain Unicode, not mathtext: a title that changes with every move is not parsed anew
        self.ax.set_title(f"w₁ = {w1:.2f}, w₂ = {w2:.2f}, T = {threshold:.2f} {verdict} {gate}\n"
                          f"{right}/4 rows right")
        return out


def draw_gate(ax, gate, w1, w2, threshold):
    """Draw the gate plot on ``ax``; the returned object's ``update(gate, w1, w2, threshold)`` redraws it."""
    artists = _GateArtists(ax)
    artists.update(gate, w1, w2, threshold)
    return artists


def plot_gate(gate, w1, w2, threshold, ax=None):
    """A two-input gate's truth table, the line w1 x1 + w2 x2 = T, and each row marked right or wrong.

    Parameters
    ----------
    gate : {"AND", "OR", "NOT", "NAND", "NOR", "XOR"}
        NOT is the lecture's "NOT I1" (its target ignores x2).
    w1, w2, threshold : float

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_gate("AND", 1, 1, 1.5)  # doctest: +SKIP
    """
    # The figure is made outside style(): a first pyplot figure made inside an rc_context
    # activates the inline backend there, and leaving the context switches interactive mode off.
    fig, ax = new_axes(ax, figsize=(5.6, 3.8))
    with style():
        draw_gate(ax, gate, float(w1), float(w2), float(threshold))
    return fig


def _history_array(history):
    H = np.asarray(history, dtype=float)
    if H.ndim != 2 or H.shape[1] != 3 or len(H) == 0:
        raise ValueError(f"history must be a list of weight vectors (w0, w1, w2). Got shape {H.shape} instead.")
    return H


def perceptron_trace(perceptron, X, y):
    """Every row a fitted perceptron visited, in order: its ``trace_``, checked against ``X, y``.

    :class:`nbhelpers.models.Perceptron` records each visit while it trains; this function
    returns those records after checking that they belong to ``X, y``.

    Parameters
    ----------
    perceptron : nbhelpers.models.Perceptron
        Fitted on ``X, y``.
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)

    Returns
    -------
    list of dict
        One dict per visit with the keys ``pass`` (1, 2, ...), ``row`` (index into X),
        ``x`` (the inputs, a tuple), ``target`` (O), ``V`` (w.x before the visit),
        ``output`` (C), ``update`` (the update number 1, 2, ... as in ``history_``,
        or 0 when C = O) and ``w`` (the weights after the visit, bias w0 first).

    Raises
    ------
    ValueError
        If the perceptron is not fitted, or was fitted on other data than ``X, y``.

    Examples
    --------
    >>> from nbhelpers.datasets import truth_table
    >>> from nbhelpers.models import Perceptron
    >>> X, y = truth_table("AND")
    >>> first = perceptron_trace(Perceptron().fit(X, y), X, y)[0]
    >>> first["x"], first["target"], first["output"], first["update"], first["w"].tolist()
    ((0.0, 0.0), 0, 1, 1, [-1.0, 0.0, 0.0])
    """
    if not hasattr(perceptron, "trace_"):
        raise ValueError("perceptron must be fitted: call Perceptron(...).fit(X, y) first.")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(f"X must be 2-D with one row per label. Got X {X.shape}, y {y.shape}.")
    if X.shape[1] != perceptron.n_features_in_:
        raise ValueError(f"The perceptron has {perceptron.n_features_in_ + 1} weights, X has {X.shape[1]} features: "
                         "it was not fitted on this X.")
    for r in perceptron.trace_:
        if r["row"] >= len(X) or r["x"] != tuple(X[r["row"]]) or r["target"] != y[r["row"]]:
            raise ValueError(f"The perceptron's trace_ does not match X, y at row {r['row']}: "
                             "it was fitted on other data.")
    return [dict(r, w=r["w"].copy()) for r in perceptron.trace_]


def plot_perceptron_steps(history, X, y, n_cols=4, title=None):
    """Small multiples: the perceptron's line after every update in ``history``.

    Panel k shows the weights after update k, the sample that caused that update
    (ringed; it is the one whose x equals the change of w, up to sign) and the
    shaded side where the unit outputs 1.

    Parameters
    ----------
    history : list of array_like of shape (3,)
        ``Perceptron.history_``: initial weights, then the weights after each update (w0 first).
    X : array_like of shape (n_samples, 2)
    y : array_like of 0/1
    n_cols : int, default=4
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    H = _history_array(history)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n = len(H)
    n_rows = int(np.ceil(n / n_cols))
    g = np.linspace(_EXTENT[0], _EXTENT[1], 121)
    gx, gy = np.meshgrid(g, g)
    fill = mix(CLASS_COLORS[1], 0.75)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(1.9 * n_cols, 2.05 * n_rows + 0.4),
                             sharex=True, sharey=True, layout="constrained")  # outside style(): see plot_gate
    with style():
        axes = np.atleast_1d(axes).ravel()
        for k, ax in enumerate(axes):
            if k >= n:
                ax.set_visible(False)
                continue
            w = H[k]
            ax.imshow((w[0] + w[1] * gx + w[2] * gy >= 0).astype(float), origin="lower", extent=_EXTENT,
                      interpolation="nearest", vmin=0, vmax=1, cmap=ListedColormap(["white", fill]))
            xs, ys = _line_points(*w)
            ax.plot(xs, ys, color=PALETTE["black"], lw=1.5)
            scatter_classes(ax, X, y, np.array([0, 1]), size=40)
            if k > 0:
                dw = H[k] - H[k - 1]
                if abs(dw[0]) > 0:
                    x = dw[1:] / dw[0]
                    ax.scatter([x[0]], [x[1]], s=260, facecolors="none", edgecolors=PALETTE["black"],
                               linewidths=1.5, zorder=4)
            label = "start" if k == 0 else f"update {k}"
            ax.set_title(f"{label}\nw = ({w[0]:g}, {w[1]:g}, {w[2]:g})", fontsize=9)
            ax.set_xlim(_EXTENT[:2])
            ax.set_ylim(_EXTENT[2:])
            ax.set_aspect("equal")
            ax.set_xticks([0, 1])
            ax.set_yticks([0, 1])
        if title:
            fig.suptitle(title)
    return fig


def plot_weight_history(history, ax=None, title=None, mark_repeats=True):
    """The weights w0, w1, w2 after each update, one line each.

    With ``mark_repeats`` the first weight vector that comes back (the start of a
    cycle, as on XOR) is marked with a dashed vertical line.

    Parameters
    ----------
    history : list of array_like of shape (3,)
        ``Perceptron.history_``.
    ax : matplotlib Axes, optional
    title : str, optional
    mark_repeats : bool, default=True

    Returns
    -------
    matplotlib.figure.Figure
    """
    H = _history_array(history)
    steps = np.arange(len(H))
    fig, ax = new_axes(ax, figsize=(6.4, 3.4))  # outside style(): see plot_gate
    with style():
        for i, (color, marker) in enumerate(zip((PALETTE["black"], CLASS_COLORS[0], CLASS_COLORS[1]), "os^")):
            ax.plot(steps, H[:, i], color=color, marker=marker, ms=4, lw=1.2,
                    label=f"$w_{i}$" + (" (bias)" if i == 0 else ""))
        if mark_repeats:
            seen = {}
            for k, w in enumerate(map(tuple, H)):
                if w in seen:
                    ax.axvline(k, color=PALETTE["grey"], ls="--", lw=1)
                    ax.annotate(f"update {k} = update {seen[w]}: the weights repeat", (k, H.min()),
                                xytext=(4, -2), textcoords="offset points", va="top", fontsize=8,
                                bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none"))
                    break
                seen[w] = k
        ax.set_ylim(H.min() - 0.25 * (np.ptp(H) or 1.0), H.max() + 0.1 * (np.ptp(H) or 1.0))
        ax.set_xlabel("update number")
        ax.set_ylabel("weight")
        ax.set_title(title or "The perceptron's weights after each update")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    return fig


def plot_perceptron_outputs(ax=None):
    """The three outputs a perceptron is drawn with: step (0/1), sign (-1/+1) and the smooth tanh.

    Also draws 2 sigma(2z) - 1 as dots on the tanh curve: the two are the same function.

    Returns
    -------
    matplotlib.figure.Figure
    """
    z = np.linspace(-4, 4, 401)
    fig, ax = new_axes(ax, figsize=(6.0, 3.6))  # outside style(): see plot_gate
    with style():
        step = np.where(z >= 0, 1.0, 0.0)
        sign = np.where(z >= 0, 1.0, -1.0)
        # Split the step curves at z = 0 so no vertical segment is drawn, then mark the value at 0.
        # Where step and sign agree (z >= 0) the thick pale step shows under the dashed sign.
        for values, color, label, kw in ((step, CLASS_COLORS[0], "step: 1 if $z \\geq 0$ else 0", dict(lw=5, alpha=0.5)),
                                         (sign, CLASS_COLORS[1], "sign: 1 if $z \\geq 0$ else $-1$", dict(lw=2, ls="--"))):
            left, right = z < 0, z >= 0
            ax.plot(z[left], values[left], color=color, label=label, **kw)
            ax.plot(z[right], values[right], color=color, **kw)
            ax.plot([0], [1.0], "o", color=color, ms=6)
            ax.plot([0], [values[left][-1]], "o", mfc="white", mec=color, ms=6)
        ax.plot(z, np.tanh(z), color=PALETTE["black"], lw=1.6, label=r"$\tanh(z)$")
        zz = z[::25]
        ax.plot(zz, 2.0 / (1.0 + np.exp(-2.0 * zz)) - 1.0, "o", color=PALETTE["orange"], ms=4,
                label=r"$2\sigma(2z) - 1$")
        ax.axhline(0, color=PALETTE["grey"], lw=0.6)
        ax.set_xlabel("$z = w^T x$")
        ax.set_ylabel("output")
        ax.set_ylim(-1.15, 1.15)
        ax.set_title("Perceptron outputs: step, sign, and the smooth tanh")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    return fig
