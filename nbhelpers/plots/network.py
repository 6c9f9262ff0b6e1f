"""A network drawn as a diagram: nodes show z and a (and delta), edges show weights.

Pure matplotlib (no pyplot, no widgets). :class:`NetworkDiagram` keeps its artists
so a widget can change the numbers in place; :func:`plot_network` draws once.

Used in: 06_backpropagation (through ``nbh.widgets.backprop_stepper``).
"""
import numpy as np

# Colour-blind-safe diverging pair (orange = positive, purple = negative) and highlight.
POSITIVE = "#e66101"
NEGATIVE = "#5e3c99"
ACTIVE = "#1b9e77"
DELTA = "#b2182b"
_NODE_FACE = "#f7f7f7"
_GAP = 1.45  # vertical distance between nodes: room for b above and delta below


def node_positions(sizes):
    """(x, y) of every node: one column per layer, centred vertically, top node first."""
    return [np.column_stack([np.full(n, float(l)), _GAP * ((n - 1) / 2.0 - np.arange(n))]) for l, n in enumerate(sizes)]


def _fmt(v):
    return f"{v:.3f}" if abs(v) < 100 else f"{v:.2e}"


class NetworkDiagram:
    """The artists of a network diagram on ``ax``, updatable in place.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    sizes : sequence of int
        Units per layer, input first: ``(2, 3, 2, 2)``.
    input_names : sequence of str, optional
        Names of the inputs (default ``x1, x2, ...``).
    show_weights : bool, default=True
        Write each weight's value on its edge.
    """

    def __init__(self, ax, sizes, input_names=None, show_weights=True):
        from matplotlib.collections import LineCollection

        self.ax = ax
        self.sizes = tuple(int(n) for n in sizes)
        self.pos = node_positions(self.sizes)
        n_layers = len(self.sizes)
        names = list(input_names or [f"x{i + 1}" for i in range(self.sizes[0])])
        segments, self._edge_index, label_xy = [], [], []
        for l in range(1, n_layers):
            n_in, n_out = self.sizes[l - 1], self.sizes[l]
            for i in range(n_in):
                for j in range(n_out):
                    p, q = self.pos[l - 1][i], self.pos[l][j]
                    segments.append([p, q])
                    self._edge_index.append((l, i, j))
                    # Stagger the labels along the edges so a fan-out's labels do not overlap.
                    m = max(n_in, n_out)
                    t = 0.36 + 0.28 * ((i + j) % m) / max(m - 1, 1)
                    label_xy.append(p + t * (q - p))
        self.edges = LineCollection(segments, colors="0.6", linewidths=1.0, zorder=1)
        ax.add_collection(self.edges)
        box = dict(boxstyle="round,pad=0.35", fc="white", ec="none", alpha=0.85)
        self.weight_texts = [
            ax.text(x, y, "", fontsize=7, ha="center", va="center", zorder=2, bbox=box) for x, y in label_xy
        ] if show_weights else []
        node_box = dict(boxstyle="round,pad=0.4", fc=_NODE_FACE, ec="0.3", lw=1.0)
        self.node_texts, self.delta_texts, self.bias_texts = [], [], []
        for l, xy in enumerate(self.pos):
            self.node_texts.append([
                ax.text(x, y, names[k] if l == 0 else "z=  ?  \na=  ?  ", fontsize=8, ha="center", va="center",
                        zorder=3, bbox=dict(node_box), family="monospace")
                for k, (x, y) in enumerate(xy)
            ])
            self.delta_texts.append([
                ax.text(x, y - 0.3, "", fontsize=8, ha="center", va="top", color=DELTA, zorder=3, bbox=box,
                        family="monospace")
                for x, y in xy
            ])
            self.bias_texts.append([
                ax.text(x, y + 0.3, "", fontsize=7, ha="center", va="bottom", color="0.35", zorder=3)
                for x, y in xy
            ] if l > 0 else [])
        titles = ["input"] + [f"hidden {l}" for l in range(1, n_layers - 1)] + ["output"]
        top = _GAP * (max(self.sizes) - 1) / 2.0 + 0.45
        for l, title in enumerate(titles):
            ax.text(l, top + 0.25, title, ha="center", va="bottom", fontsize=9, weight="bold")
        ax.set_xlim(-0.45, n_layers - 0.55)
        ax.set_ylim(-top - 0.25, top + 0.5)
        ax.set_axis_off()

    def set_weights(self, coefs, intercepts=None):
        """Colour (sign) and thickness (size) of the edges from ``coefs[l-1][i, j]``; biases as text."""
        w = np.array([coefs[l - 1][i, j] for l, i, j in self._edge_index], dtype=float)
        scale = max(float(np.max(np.abs(w))) if w.size else 1.0, 1e-12)
        self.edges.set_color([POSITIVE if v >= 0 else NEGATIVE for v in w])
        self.edges.set_linewidth(0.6 + 3.4 * np.abs(w) / scale)
        for text, v in zip(self.weight_texts, w):
            text.set_text(f"{v:.2f}")
        if intercepts is not None:
            for l in range(1, len(self.sizes)):
                for text, b in zip(self.bias_texts[l], intercepts[l - 1]):
                    text.set_text(f"b={b:.2f}")

    def set_nodes(self, layer, z=None, a=None):
        """Write z and a into the nodes of ``layer`` (0 = input: a only); None clears them."""
        for k, text in enumerate(self.node_texts[layer]):
            if layer == 0:
                name = text.get_text().split("\n")[0]
                text.set_text(name if a is None else f"{name}\n{_fmt(a[k])}")
            elif a is None:
                text.set_text("z=  ?  \na=  ?  ")
            else:
                text.set_text(f"z={_fmt(z[k])}\na={_fmt(a[k])}")

    def set_delta(self, layer, delta=None):
        """Write the error signal delta under the nodes of ``layer``; None clears it."""
        for k, text in enumerate(self.delta_texts[layer]):
            text.set_text("" if delta is None else f"\u03b4={_fmt(delta[k])}")

    def set_highlight(self, layer=None, color=ACTIVE):
        """Outline the nodes of ``layer`` (None: no layer) in ``color``."""
        for l, texts in enumerate(self.node_texts):
            for text in texts:
                patch = text.get_bbox_patch()
                on = l == layer
                patch.set_edgecolor(color if on else "0.3")
                patch.set_linewidth(2.4 if on else 1.0)


def plot_network(sizes, coefs=None, intercepts=None, z=None, a=None, delta=None, highlight=None, ax=None):
    """Draw a network: nodes with z and a (and delta), edges coloured and sized by weight.

    Parameters
    ----------
    sizes : sequence of int
        Units per layer, input first.
    coefs, intercepts : list of arrays, optional
        ``coefs[l-1]`` has shape ``(sizes[l-1], sizes[l])`` (as ``MLP.coefs_``).
    z, a, delta : list of arrays, optional
        As returned by ``MLP.forward`` (``z[l-1]``, ``a[l]`` with ``a[0]`` the input) and
        ``MLP.backward`` (``delta[l-1]``), for one sample.
    highlight : int, optional
        Layer to outline.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_network((2, 2, 1))
    """
    if ax is None:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(6.0, 3.6), layout="constrained")
        ax = fig.add_subplot()
    diagram = NetworkDiagram(ax, sizes)
    if coefs is not None:
        diagram.set_weights(coefs, intercepts)
    if a is not None:
        diagram.set_nodes(0, a=np.ravel(a[0]))
        for l in range(1, len(sizes)):
            diagram.set_nodes(l, np.ravel(z[l - 1]), np.ravel(a[l]))
    if delta is not None:
        for l in range(1, len(sizes)):
            diagram.set_delta(l, np.ravel(delta[l - 1]))
    diagram.set_highlight(highlight)
    return ax.figure
