"""A computational graph of :class:`nbhelpers.autodiff.Value` nodes, drawn left to right.

Inputs stand on the left and the output on the right: an operation one column after its
latest input, an input one column before its first use. A box shows how the node was made
(unlabelled operations are called n1, n2, ...), its value and its gradient ("?" until the
backward pass has reached it). An edge parent -> child is coloured by the local derivative
d child / d parent: its sign (blue +, vermillion -) and its size.

Graphs of more than ``COMPACT_ABOVE`` nodes are drawn compactly: a small circle per node
with its operation, names only on the inputs, no numbers.

Used in: 07_autodiff.
"""
import numpy as np

from ..autodiff import count_nodes, display_names, expression, graph, name
from ._style import PALETTE, new_axes, style

COMPACT_ABOVE = 30
BOX_W, BOX_H = 0.8, 0.72  # a box, in data units (columns and rows are one unit apart)
RADIUS = 0.14  # a compact node
_HIGHLIGHT = PALETTE["orange"]
_EDGE = "#444444"
_SHORT = {"add": "+", "sub": "\u2212", "mul": "\u00d7", "div": "/", "neg": "\u2212", "exp": "exp", "log": "log",
          "tanh": "tanh", "sigmoid": "\u03c3"}  # inside a compact circle


def derivative_cmap():
    """Diverging colours of a local derivative: vermillion (negative), grey (0), blue (positive)."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("nbh_derivative", [PALETTE["vermillion"], "#C8C8C8", PALETTE["blue"]])


def layout(nodes, edges):
    """Positions ``{index: (column, row)}`` of the nodes (indices into ``nodes``, in topological order).

    Columns: an operation one column after its latest input, an input one column before its
    first use (so a layer's units line up, and a bias stands next to the sum it enters).
    Rows: a few sweeps that sort each column by the mean row of its neighbours (fewer
    crossings), then each column centred.
    """
    index = {id(n): i for i, n in enumerate(nodes)}
    users, inputs = [[] for _ in nodes], [[] for _ in nodes]
    for parent, child, _ in edges:
        p, c = index[id(parent)], index[id(child)]
        users[p].append(c)
        inputs[c].append(p)
    col = [0] * len(nodes)
    for i in range(len(nodes)):  # parents before children
        if inputs[i]:
            col[i] = 1 + max(col[p] for p in inputs[i])
    for i in range(len(nodes)):
        if not inputs[i] and users[i]:
            col[i] = min(col[c] for c in users[i]) - 1
    columns = [[] for _ in range(max(col) + 1)]
    for i in range(len(nodes)):
        columns[col[i]].append(i)
    row = {}
    for sweep in range(9):
        for members in columns if sweep % 2 == 0 else columns[::-1]:
            if sweep:
                for i in members:
                    near = users[i] + inputs[i]
                    row[i] = float(np.mean([row[j] for j in near])) if near else row[i]
                members.sort(key=lambda i: (row[i], i))
            for r, i in enumerate(members):
                row[i] = r - (len(members) - 1) / 2
    return {i: (float(col[i]), -row[i]) for i in range(len(nodes))}


def figsize(root, compact=False):
    """A figure size for the graph: width by its columns, height by its fullest column (inches)."""
    nodes, edges = graph(root)
    cols = [int(x) for x, _ in layout(nodes, edges).values()]
    n_cols, rows = max(cols) + 1, max(np.bincount(cols))
    if compact:
        return (min(11.0, 0.55 * n_cols + 0.6), min(7.0, 0.42 * rows + 1.4))
    return (min(11.0, 1.3 * n_cols + 1.3), max(2.4, 0.95 * rows + (1.3 if n_cols > 8 else 0.9)))


class GraphDrawing:
    """The artists of one graph picture, changed in place by :meth:`set_state`.

    Parameters
    ----------
    root : Value
    ax : matplotlib.axes.Axes
        Sized already (its figure's size sets the font of the boxes).
    compact : bool, optional
        Circles without numbers; default: more than ``COMPACT_ABOVE`` nodes.
    edge_labels : bool, optional
        Write each local derivative on its edge; default: at most 12 nodes, not compact.
    colorbar : bool, default=True
        A colour bar of the local derivatives: below a wide graph, beside a narrow one.

    Attributes
    ----------
    nodes : list of Value
        In topological order; ``set_state`` takes one gradient per node in this order.
    names : dict
        ``{id(node): name}`` as the boxes write them (:func:`nbhelpers.autodiff.display_names`).
    """

    def __init__(self, root, ax, compact=None, edge_labels=None, colorbar=True):
        from matplotlib.cm import ScalarMappable
        from matplotlib.colors import Normalize

        self.nodes, self.edges = graph(root)
        self.names = display_names(self.nodes)
        self.ax = ax
        self.compact = len(self.nodes) > COMPACT_ABOVE if compact is None else bool(compact)
        if edge_labels is None:
            edge_labels = len(self.nodes) <= 12 and not self.compact
        self.pos = layout(self.nodes, self.edges)
        size = np.abs([d for _, _, d in self.edges]) if self.edges else np.zeros(1)
        # on a larger graph the 90th percentile: one huge local derivative would leave every other edge grey
        top = max(float(np.percentile(size, 90) if len(size) >= 10 else size.max()), 1e-12)
        self.extend = "both" if size.max() > top else "neither"
        self.cmap, self.norm = derivative_cmap(), Normalize(-top, top, clip=True)
        self.mappable = ScalarMappable(self.norm, self.cmap)
        self._set_limits()
        if colorbar:
            wide = max(x for x, _ in self.pos.values()) >= 8
            ax.figure.colorbar(self.mappable, ax=ax, shrink=0.4 if wide else 0.7, pad=0.01, aspect=40 if wide else 25,
                               extend=self.extend, location="bottom" if wide else "right",
                               ticks=np.linspace(-top, top, 5), format="%.3g",
                               label=r"local derivative $\partial$child / $\partial$parent")
        if ax.figure.get_layout_engine() is not None:
            # place the axes now: arrows are bent in inches, and the axes' width sets the font
            ax.figure.get_layout_engine().execute(ax.figure)
        per_col = ax.get_position().width * ax.figure.get_figwidth() / (self._xlim[1] - self._xlim[0])
        self.fontsize = 8.0 if per_col >= 1.1 else 7.0 if per_col >= 0.75 else 6.0
        self.digits = 4 if per_col >= 1.1 else 3
        self._chars = int(BOX_W * per_col * 72 / (0.6 * self.fontsize))  # characters a box line holds
        index = {id(n): i for i, n in enumerate(self.nodes)}
        self.edge_ends = [(index[id(p)], index[id(c)]) for p, c, _ in self.edges]
        self.edge_artists = self._draw_edges(edge_labels)
        self.box_artists, self.text_artists = self._draw_nodes()
        ax.set_axis_off()
        self.set_state()

    def _set_limits(self):
        cols = [x for x, _ in self.pos.values()]
        rows = [y for _, y in self.pos.values()]
        pad_x, pad_y = (0.3, 0.3) if self.compact else (BOX_W / 2 + 0.05, BOX_H / 2 + 0.05)
        self._xlim = (min(cols) - pad_x, max(cols) + pad_x)
        self.ax.set_xlim(*self._xlim)
        self.ax.set_ylim(min(rows) - pad_y - (0.3 if self.compact else 0.0), max(rows) + pad_y)

    def _fmt(self, v):
        return f"{v + 0.0:.{self.digits}g}"

    def _draw_edges(self, edge_labels):
        from matplotlib.patches import FancyArrowPatch

        half = RADIUS if self.compact else BOX_W / 2
        fig, ax = self.ax.figure, self.ax
        box = ax.get_position()  # inches per data unit, along x and along y
        self._scale = np.array([box.width * fig.get_figwidth() / np.diff(ax.get_xlim())[0],
                                box.height * fig.get_figheight() / np.diff(ax.get_ylim())[0]])
        uses = {}
        for ends in self.edge_ends:
            uses[ends] = uses.get(ends, 0) + 1
        seen, artists = {}, []
        for (p, c), (_, _, d) in zip(self.edge_ends, self.edges):
            k = seen[(p, c)] = seen.get((p, c), -1) + 1
            # a parent used twice by one operation (x * x): parallel arrows, one above the other
            shift = 0.0 if uses[(p, c)] == 1 else (k - (uses[(p, c)] - 1) / 2) * (0.1 if self.compact else 0.22)
            (x0, y0), (x1, y1) = self.pos[p], self.pos[c]
            start, end = np.array([x0 + half, y0 + shift]), np.array([x1 - half, y1 + shift])
            rad = self._bend(start, end, (p, c))
            color = self.cmap(self.norm(d))
            arrow = FancyArrowPatch(tuple(start), tuple(end), arrowstyle="-|>", connectionstyle=f"arc3,rad={rad}",
                                    mutation_scale=7 if self.compact else 10, color=color, lw=self._width(d), zorder=1)
            ax.add_patch(arrow)
            artists.append(arrow)
            if edge_labels:
                xm, ym = self._on_arc(start, end, rad, 0.5)
                ax.text(xm, ym, self._fmt(d), fontsize=self.fontsize - 1, ha="center", va="center", color=color,
                        zorder=4, bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.9))
        return artists

    def _on_arc(self, start, end, rad, t):
        """The point at ``t`` of matplotlib's arc3 curve from ``start`` to ``end`` (data coordinates).

        arc3 is a quadratic Bezier curve in inches whose control point is the chord's middle
        plus ``rad`` times the chord turned by -90 degrees.
        """
        p0, p2 = start * self._scale, end * self._scale
        dx, dy = p2 - p0
        control = (p0 + p2) / 2 + rad * np.array([dy, -dx])
        point = (1 - t) ** 2 * p0 + 2 * t * (1 - t) * control + t ** 2 * p2
        return point / self._scale

    def _bend(self, start, end, ends):
        """The arc3 ``rad`` of the flattest arrow that passes no box between its ends and stays in view.

        Bends lift the middle of the arrow by half a row or by almost a row, up or down; if
        each of them still crosses a box, the one that crosses least (boxes hide what runs behind them).
        """
        size = np.array([RADIUS, RADIUS]) if self.compact else np.array([BOX_W / 2, BOX_H / 2])
        others = [np.array(self.pos[i]) for i in range(len(self.nodes))
                  if i not in ends and start[0] - size[0] < self.pos[i][0] < end[0] + size[0]]
        if not others:
            return 0.0
        low, high = self.ax.get_ylim()
        chord = np.hypot(*((end - start) * self._scale))
        ts = np.linspace(0.05, 0.95, 19)
        best, fewest = 0.0, None
        for lift in (0.0, 0.5, -0.5, 0.9, -0.9):  # rows the middle of the arrow moves up
            rad = -2 * lift * self._scale[1] / chord
            curve = np.array([self._on_arc(start, end, rad, t) for t in ts])
            hits = sum(int(np.sum(np.all(np.abs(curve - o) < size + 0.04, axis=1))) for o in others)
            hits += 100 * int(np.sum((curve[:, 1] < low) | (curve[:, 1] > high)))
            if fewest is None or hits < fewest:
                best, fewest = rad, hits
            if hits == 0:
                break
        return best

    def _width(self, d):
        return (0.6 if self.compact else 1.0) + 2.0 * min(abs(d) / self.norm.vmax, 1.0)

    def _draw_nodes(self):
        from matplotlib.patches import Circle, FancyBboxPatch

        boxes, texts = [], []
        for i, node in enumerate(self.nodes):
            x, y = self.pos[i]
            if self.compact:
                box = Circle((x, y), RADIUS, fc="white", ec=_EDGE, lw=0.8, zorder=2)
                short = f"^{node.exponent:g}" if node.op == "pow" else _SHORT.get(node.op, "")
                text = self.ax.text(x, y, short, fontsize=6.5, ha="center", va="center", zorder=3)
                if not node.parents:
                    self.ax.text(x, y - 0.2, name(node), fontsize=5.5, ha="center", va="top", zorder=3)
            else:
                box = FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H,
                                     boxstyle="round,pad=0,rounding_size=0.08", fc="white", ec=_EDGE, lw=1.0, zorder=2)
                text = self.ax.text(x, y, "", fontsize=self.fontsize, ha="center", va="center", zorder=3,
                                    linespacing=1.3)
            self.ax.add_patch(box)
            boxes.append(box)
            texts.append(text)
        return boxes, texts

    def _header(self, node):
        """How the node was made; on two lines ("n5 =", "sigmoid(n4)") when one is too long for the box."""
        text = expression(node, self.names)
        return text.replace(" = ", " =\n", 1) if len(text) > self._chars else text

    def set_state(self, grads=None, highlight=None):
        """Show gradients and mark one node.

        Parameters
        ----------
        grads : sequence, optional
            One number or None ("?") per node, in the order of ``self.nodes``; default: each
            node's ``grad`` where the backward pass has set it, "?" elsewhere.
        highlight : int, optional
            Index of the node whose rule just ran: an orange frame, and its incoming edges drawn thicker.
        """
        if grads is None:
            grads = [n.grad if n.has_grad else None for n in self.nodes]
        for i, (node, box, text) in enumerate(zip(self.nodes, self.box_artists, self.text_artists)):
            on = i == highlight
            box.set_edgecolor(_HIGHLIGHT if on else _EDGE)
            box.set_linewidth(2.6 if on else 0.8 if self.compact else 1.0)
            if not self.compact:
                g = "?" if grads[i] is None else self._fmt(grads[i])
                text.set_text(f"{self._header(node)}\ndata {self._fmt(node.data)}\ngrad {g}")
        for (_, c), arrow, (_, _, d) in zip(self.edge_ends, self.edge_artists, self.edges):
            arrow.set_linewidth(self._width(d) + (2.0 if c == highlight else 0.0))
            arrow.set_zorder(1.5 if c == highlight else 1)


def draw_graph(root, ax, grads=None, highlight=None, compact=None, title=None, colorbar=True):
    """Draw the graph on ``ax`` (title and colour bar included); return the :class:`GraphDrawing`."""
    ax.set_title(title or f"The graph of {name(root)}: {count_nodes(root)} nodes", loc="left")
    drawing = GraphDrawing(root, ax, compact=compact, colorbar=colorbar)
    drawing.set_state(grads, highlight)
    return drawing


def plot_graph(root, grads=None, highlight=None, compact=None, title=None, ax=None, colorbar=True):
    """Draw ``root``'s computational graph: values, gradients and local derivatives.

    Parameters
    ----------
    root : Value
    grads : sequence, optional
        One gradient (or None for "?") per node in topological order; default: what the
        last backward pass computed ("?" before it).
    highlight : int, optional
        Index (in topological order) of a node to mark.
    compact : bool, optional
        Circles without numbers; default: for more than ``COMPACT_ABOVE`` nodes.
    title : str, optional
    ax : matplotlib.axes.Axes, optional
    colorbar : bool, default=True
        A colour bar of the local derivatives.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from nbhelpers.autodiff import Value
    >>> x = Value(2.0, label="x"); f = x * x
    >>> f.backward(); fig = plot_graph(f)
    """
    compact = count_nodes(root) > COMPACT_ABOVE if compact is None else bool(compact)
    with style():
        fig, ax = new_axes(ax, figsize=figsize(root, compact))
        draw_graph(root, ax, grads, highlight, compact, title, colorbar)
    return fig
