"""The playground's live pictures: decision surface, network diagram, loss and gradient charts.

Each picture is a :func:`~nbhelpers.widgets._layers.stack` of a small field PNG under an
SVG. Per frame the kernel sends the 100 x 100 surface (3 to 6 KB); while Play runs, the tile
mosaic with the links and the charts (SVG text) follow at 10 frames a second; the axes and
points are sent only when the data change. Nothing here computes: :class:`PlaygroundView`
puts arrays and strings on the page.
"""
import numpy as np

from ..plots import network_diagram as nd
from ..plots import svg
from ..plots.raster import png_bytes
from ._layers import field, resize, stack, vector

PLOT = 280  # the surface's side in pixels
BOX = (40, 8, PLOT, PLOT)  # (left, top, width, height) of the plot inside its SVG
SURFACE_W, SURFACE_H = BOX[0] + PLOT + 10, BOX[1] + PLOT + 22
CHART_W, CHART_H = 300, 310
LOSS_BOX, GRAD_BOX = (46, 22, 244, 104), (46, 174, 244, 104)


class PlaygroundView:
    """The widgets that show the playground; ``show_*`` methods update them in place."""

    def __init__(self):
        import ipywidgets as w

        self.surface = field(PLOT, PLOT, BOX[0], BOX[1])
        self.surface.add_class("nbh-surface")
        self.points = vector(SURFACE_W, SURFACE_H)
        self.curve = vector(SURFACE_W, SURFACE_H)
        self.message = w.HTML(layout=w.Layout(width=f"{PLOT - 40}px", margin=f"{BOX[1] + 100}px 0 0 {BOX[0] + 20}px",
                                              align_self="flex-start"))
        self.surface_box = stack([self.surface, self.points, self.curve, self.message], SURFACE_W, SURFACE_H)
        self.tiles = field(10, 10)
        self.links = vector(10, 10)
        self.network_box = stack([self.tiles, self.links], 10, 10)
        self.charts = vector(CHART_W, CHART_H)
        self.surface_png = self.tiles_png = b""
        self._lay = None
        self._bounds = ((0, 1), (0, 1))

    # ---------------------------------------------------------------- surface
    def show_data(self, train, test, bounds, classes, show_test=True, regression=False):
        """Axes and points (filled: train, hollow: test), sent once per data set.

        ``train`` and ``test`` are ``(X, y)`` pairs with X of shape (n, 2) in plot coordinates.
        """
        self._bounds = bounds
        body = svg.frame(bounds, BOX) + svg.points(*train, classes, bounds, BOX)
        if show_test:
            body += svg.points(*test, classes, bounds, BOX, hollow=True)
        self.points.value = svg.svg(SURFACE_W, SURFACE_H, body)
        self.surface.layout.visibility = "hidden" if regression else "visible"
        if not regression:
            self.curve.value = ""

    def show_surface(self, rgb):
        """The decision surface: an RGB field of the grid, row 0 at the bottom."""
        self.surface_png = png_bytes(np.asarray(rgb)[::-1], compress_level=6)  # 3-4 KB instead of 7
        self.surface.value = self.surface_png

    def show_curve(self, x, y_hat, color):
        """The regression curve over the points."""
        px, py = svg.to_pixels(x, y_hat, self._bounds, BOX)
        py = np.clip(py, BOX[1] - 2, BOX[1] + BOX[3] + 2)
        self.curve.value = svg.svg(SURFACE_W, SURFACE_H, svg.polyline(px, py, color, width=2.5))

    def show_message(self, text):
        """A framed red message across the surface (empty: none)."""
        self.message.value = (f'<div style="background:#fff;border:2px solid #b2182b;border-radius:6px;'
                              f'padding:6px;color:#b2182b;font-weight:bold;text-align:center;line-height:1.3">'
                              f'{text}</div>') if text else ""
        self.message.layout.visibility = "visible" if text else "hidden"

    # ---------------------------------------------------------------- network
    def show_network(self, sizes, tiles, coefs, intercepts, names, selected=None, tooltips=True):
        """The diagram: tiles (see :func:`~nbhelpers.plots.network_diagram.unit_tiles`) and links."""
        if self._lay is None or self._lay["sizes"] != tuple(sizes):
            self._lay = dict(nd.layout(sizes), sizes=tuple(sizes))
            width, height = self._lay["width"], self._lay["height"]
            resize(self.network_box, width, height)
            for layer in (self.tiles, self.links):
                layer.layout.width, layer.layout.height = f"{width}px", f"{height}px"
        self.tiles_png = png_bytes(nd.mosaic(tiles, self._lay))
        self.tiles.value = self.tiles_png
        self.links.value = nd.links_svg(self._lay, coefs, intercepts, names, selected, tooltips)

    # ---------------------------------------------------------------- charts
    def show_charts(self, epochs, train, test, grad_epochs, grads):
        """Loss (train, test) and per-layer gradient norms against epochs, as one SVG."""
        grads = np.asarray(grads, dtype=float).reshape(len(grad_epochs), -1) if len(grad_epochs) else np.empty((0, 1))
        n_layers = grads.shape[1]
        body = svg.chart(epochs, [train, test], ["train", "test"], LOSS_BOX, title="loss", dashes=(None, "5 3"))
        body += svg.chart(grad_epochs, list(grads.T), [f"W{l + 1}" for l in range(n_layers)], GRAD_BOX,
                          title="gradient norm \u2016\u2202E/\u2202W\u2097\u2016", log=True)
        self.charts.value = svg.svg(CHART_W, CHART_H, body)
