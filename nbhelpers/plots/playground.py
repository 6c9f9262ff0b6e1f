"""The playground's static figure: decision surface (or regression curve), hidden-unit maps, curves.

The live playground draws with SVG and small PNGs (``_playground_view``); this figure is
the picture its display bundle carries for a notebook read without a kernel. Pure
matplotlib: :class:`PlaygroundFigure` creates its artists once and its ``show_*``
methods change them in place from plain arrays, so the widget in
:mod:`nbhelpers.widgets.playground` only computes numbers. Nothing here draws a
non-finite value: every array is checked before it reaches an artist.

Used in: 00_welcome, 03, 05, 06 and 09 (through ``nbh.widgets.playground``).
"""
import numpy as np

from ._style import CLASS_COLORS, CLASS_MARKERS, LINE_COLORS, mix
from .raster import class_surface_rgb, signed_rgb  # noqa: F401  (class_surface_rgb: re-exported)

MAX_LAYERS, MAX_UNITS, TILE = 4, 8, 24
_WHITE = np.ones(3)


def _rgb(color):
    from matplotlib.colors import to_rgb

    return np.array(to_rgb(color))


def unit_mosaic(layers, shape=None):
    """One RGB image with a tile per hidden unit: rows are layers, columns units.

    Parameters
    ----------
    layers : list of ndarray
        Per hidden layer, the activations on the grid, shape (n_points, n_units).
    shape : (rows, cols) or None
        The 2-D grid shape (each tile a map); None for 1-D inputs (each tile a curve).
    """
    n_rows = max(len(layers), 1)
    n_cols = max([min(np.shape(a)[1], MAX_UNITS) for a in layers] + [1])
    gap = 3
    img = np.ones((n_rows * (TILE + gap) - gap, n_cols * (TILE + gap) - gap, 3))
    rows = np.arange(TILE)[:, None]
    for l, act in enumerate(layers):
        act = np.nan_to_num(np.asarray(act, dtype=float), nan=0.0, posinf=0.0, neginf=0.0)
        for j in range(min(act.shape[1], MAX_UNITS)):
            v = act[:, j]
            r0, c0 = l * (TILE + gap), j * (TILE + gap)
            if shape is not None:
                scale = max(float(np.max(np.abs(v))), 1e-12)
                tile = signed_rgb(_tile_resample(v.reshape(shape)[::-1]) / scale)
            else:
                lo, hi = float(v.min()), float(v.max())
                x = np.linspace(0, len(v) - 1, TILE).astype(int)
                level = (1.0 - (v[x] - lo) / max(hi - lo, 1e-12)) * (TILE - 1)
                tile = np.where((rows >= level[None, :])[..., None], _rgb(mix(LINE_COLORS[0], 0.35)), _WHITE)
            img[r0:r0 + TILE, c0:c0 + TILE] = tile
    return img


def _tile_resample(a):
    """Nearest-neighbour resampling of a 2-D map to TILE x TILE."""
    r = np.linspace(0, a.shape[0] - 1, TILE).astype(int)
    c = np.linspace(0, a.shape[1] - 1, TILE).astype(int)
    return a[np.ix_(r, c)]


def _finite(a):
    a = np.asarray(a, dtype=float)
    return a[np.isfinite(a).all(axis=-1)] if a.ndim == 2 else a[np.isfinite(a)]


class PlaygroundFigure:
    """The playground's artists on one figure, updated in place.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        An empty figure (about 9.6 x 4.4 inches at 80 dpi).

    The font sizes are chosen for that size: the PNG is what a reader sees, also as the
    static figure of a notebook on GitHub, so no text is smaller than 9 pt (10 px).
    """

    def __init__(self, fig):
        from matplotlib.gridspec import GridSpec

        self.fig = fig
        # Fixed positions instead of a layout engine: a redraw then never moves or clips a panel.
        fig.set_layout_engine("none")
        gs = GridSpec(2, 3, figure=fig, width_ratios=[1.15, 1.0, 1.0], left=0.008, right=0.985, bottom=0.13,
                      top=0.84, wspace=0.16, hspace=0.62)
        # One header line across the figure: data, network, epoch and the two losses, named as losses.
        self.header = fig.text(0.008, 0.975, "", fontsize=12, ha="left", va="top")
        ax = self.ax = fig.add_subplot(gs[:, 0])
        self.surface = ax.imshow(np.ones((2, 2, 3)), origin="lower", interpolation="nearest",
                                 aspect="auto", extent=(0, 1, 0, 1), zorder=0)
        self.train_pts, self.test_pts = [], []
        for k, (color, marker) in enumerate(zip(CLASS_COLORS, CLASS_MARKERS)):
            self.train_pts.append(ax.scatter([], [], s=16, marker=marker, color=color, edgecolors="white",
                                             linewidths=0.5, zorder=3))
            self.test_pts.append(ax.scatter([], [], s=16, marker=marker, facecolors="none", edgecolors=color,
                                            linewidths=1.0, zorder=3))
        (self.curve,) = ax.plot([], [], color=LINE_COLORS[0], lw=2.0, zorder=4)
        ax.set_xticks([])
        ax.set_yticks([])
        self.title = ax.set_title("", fontsize=11, loc="left")
        self.message = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", fontsize=12,
                               color="#b2182b", weight="bold", zorder=5,
                               bbox=dict(boxstyle="round", fc="white", ec="#b2182b"))

        self.ax_units = fig.add_subplot(gs[:, 1])
        self.units = self.ax_units.imshow(unit_mosaic([]), interpolation="nearest", aspect="equal")
        self.ax_units.set_axis_off()
        self.ax_units.set_title("hidden units (rows: layers)", fontsize=11, loc="left")
        self.units_message = self.ax_units.text(0.5, 0.5, "", transform=self.ax_units.transAxes, ha="center",
                                                fontsize=11, color="0.4")

        self.ax_loss = fig.add_subplot(gs[0, 2])
        (self.loss_train,) = self.ax_loss.plot([], [], color=LINE_COLORS[0], lw=1.5, label="train")
        (self.loss_test,) = self.ax_loss.plot([], [], color=LINE_COLORS[1], lw=1.5, ls="--", label="test")
        self.ax_loss.set_title("loss", fontsize=11, loc="left")
        # beside the panel title, not over the curves
        self.ax_loss.legend(fontsize=9, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False,
                            borderaxespad=0.1, handlelength=1.6, columnspacing=1.0)
        self.ax_grad = fig.add_subplot(gs[1, 2])
        self.ax_grad.set_yscale("log")
        from matplotlib.ticker import LogLocator, NullLocator

        # minor ticks of a log axis cost more to draw than the rest of the panel
        self.ax_grad.yaxis.set_major_locator(LogLocator(numticks=4))
        self.ax_grad.yaxis.set_minor_locator(NullLocator())
        self.grad_lines = [self.ax_grad.plot([], [], color=LINE_COLORS[l % len(LINE_COLORS)], lw=1.2,
                                             label=f"W{l + 1}")[0] for l in range(MAX_LAYERS + 1)]
        self.ax_grad.set_title(r"gradient norm $\|\partial E/\partial W_l\|$", fontsize=11, loc="left")
        self.ax_grad.set_xlabel("epoch", fontsize=10)
        from matplotlib.ticker import MaxNLocator

        for a in (self.ax_loss, self.ax_grad):
            x0, y0, width, height = a.get_position().bounds
            a.set_position([x0 + 0.045, y0, width - 0.045, height])  # room for the y tick labels
            a.tick_params(labelsize=9)
            a.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
            for side in ("top", "right"):
                a.spines[side].set_visible(False)
        self._grad_legend = None

    # ---------------------------------------------------------------- data and surface
    def show_data(self, X_train, y_train, X_test, y_test, bounds, regression=False, classes=()):
        """Place the points (per class marker; test points hollow) and set the axes limits."""
        (x0, x1), (y0, y1) = bounds
        for k in range(len(CLASS_COLORS)):
            for pts, X, y in ((self.train_pts, X_train, y_train), (self.test_pts, X_test, y_test)):
                if regression:
                    sel = X[:, :2] if k == 0 else np.empty((0, 2))
                else:
                    sel = X[y == classes[k]] if k < len(classes) else np.empty((0, 2))
                pts[k].set_offsets(_finite(sel) if len(sel) else np.empty((0, 2)))
        self.ax.set_xlim(x0, x1)
        self.ax.set_ylim(y0, y1)
        self.surface.set_visible(not regression)
        self.curve.set_visible(regression)
        self.surface.set_extent((x0, x1, y0, y1))

    def show_surface(self, rgb):
        """The decision surface as an RGB image on the grid (rows = x2, columns = x1)."""
        self.surface.set_data(np.clip(np.nan_to_num(rgb, nan=1.0), 0.0, 1.0))

    def show_curve(self, x, y_hat):
        """The regression curve (non-finite values are left out)."""
        ok = np.isfinite(y_hat)
        self.curve.set_data(x[ok], y_hat[ok])

    def show_units(self, layers, shape=None):
        """The hidden-unit mosaic (see :func:`unit_mosaic`)."""
        img = unit_mosaic(layers, shape)
        if img.shape != self.units.get_array().shape:
            self.units.set_extent((-0.5, img.shape[1] - 0.5, img.shape[0] - 0.5, -0.5))
            self.ax_units.set_xlim(-0.5, img.shape[1] - 0.5)
            self.ax_units.set_ylim(img.shape[0] - 0.5, -0.5)
        self.units.set_data(img)
        self.units_message.set_text("" if layers else "no hidden layer:\nthe output sees the inputs")

    # ---------------------------------------------------------------- curves
    def show_losses(self, epochs, train, test):
        """Train and test loss against epochs (finite values only), axes rescaled."""
        epochs = np.asarray(epochs, dtype=float)
        for line, values in ((self.loss_train, train), (self.loss_test, test)):
            values = np.asarray(values, dtype=float)
            ok = np.isfinite(values)
            line.set_data(epochs[ok], values[ok])
        _rescale(self.ax_loss, epochs, np.concatenate([np.asarray(train, float), np.asarray(test, float)]))

    def show_grad_norms(self, epochs, norms, n_layers):
        """One line per weight layer (values floored at 1e-12 for the log scale)."""
        epochs = np.asarray(epochs, dtype=float)
        norms = np.asarray(norms, dtype=float).reshape(len(epochs), -1) if len(epochs) else np.empty((0, n_layers))
        norms = np.clip(np.nan_to_num(norms, nan=1e-12, posinf=1e12), 1e-12, 1e12)
        for l, line in enumerate(self.grad_lines):
            line.set_data(epochs, norms[:, l]) if l < n_layers else line.set_data([], [])
            line.set_visible(l < n_layers)
        if self._grad_legend is None or self._grad_legend_n != n_layers:
            self._grad_legend = self.ax_grad.legend(handles=self.grad_lines[:n_layers], fontsize=9,
                                                    loc="lower left", ncol=n_layers, frameon=False,
                                                    handlelength=0.8, handletextpad=0.3, columnspacing=0.6,
                                                    borderaxespad=0.2)
            self._grad_legend_n = n_layers
        if len(epochs):
            lo, hi = float(norms[:, :n_layers].min()), float(norms[:, :n_layers].max())
            # decades as limits: the tick labels change rarely
            self.ax_grad.set_ylim(10.0 ** np.floor(np.log10(lo)), 10.0 ** np.ceil(np.log10(hi) + 1e-9))
            self.ax_grad.set_xlim(0, _epoch_limit(epochs))
        else:
            self.ax_grad.set_ylim(1e-3, 1.0)
            self.ax_grad.set_xlim(0, 10)

    def show_text(self, header="", message="", title=None):
        """The header line across the figure; a framed message across the surface (e.g. that
        training diverged); optionally the surface panel's own title."""
        self.header.set_text(header)
        if title is not None:
            self.title.set_text(title)
        self.message.set_text(message)
        self.message.set_visible(bool(message))

    def plotted_arrays(self):
        """Every numeric array the figure shows (tests check them for nan)."""
        arrays = [self.surface.get_array(), self.units.get_array()]
        arrays += [p.get_offsets() for p in self.train_pts + self.test_pts]
        for line in [self.curve, self.loss_train, self.loss_test, *self.grad_lines]:
            arrays += [np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)]
        arrays += [np.asarray(a.get_xlim()) for a in (self.ax, self.ax_loss, self.ax_grad)]
        arrays += [np.asarray(a.get_ylim()) for a in (self.ax, self.ax_loss, self.ax_grad)]
        return arrays


def _rescale(ax, x, y):
    """Fit the view to the finite data (a flat or empty curve gets a small default range)."""
    y = y[np.isfinite(y)]
    ax.set_xlim(0, _epoch_limit(x))
    if len(y):
        lo, hi = float(y.min()), float(y.max())
        pad = max(0.05 * (hi - lo), 1e-3 * max(abs(hi), 1e-9), 1e-12)
        ax.set_ylim(min(lo - pad, 0.0) if lo >= 0 else lo - pad, hi + pad)
    else:
        ax.set_ylim(0, 1)


def _epoch_limit(epochs):
    """Right end of an epoch axis: at least 10, then the last epoch."""
    return max(float(epochs[-1]), 10.0) if len(epochs) else 10.0
