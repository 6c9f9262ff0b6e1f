"""More hidden units, more complex decision regions: the lecture's "model more complex functions".

A small tanh network is trained (full batch with momentum, a few tens of milliseconds)
the first time a setting is shown, and its probability surface is cached, so going back
to a setting is instant. The surface is drawn once by :func:`plots.plot_decision_surface`;
updates change the image, the 0.5 contour and the points in place.

Used in: 05_multilayer_networks::

    nbh.widgets.capacity.capacity_explorer("spiral", hidden_units=3)
"""
import numpy as np

from .. import datasets
from ..models import MLP
from ..plots.classification import BOUNDARY_GID, grid, plot_decision_surface
from ._base import LABEL, CourseWidget, LiveFigure, new_figure

DATASETS = ("moons", "circles", "spiral", "XOR", "RING")
UNITS = (1, 2, 3, 4, 6, 8, 16)
LAYERS = {"1 hidden layer": 1, "2 hidden layers": 2}
RESOLUTION = 100
EPOCHS = 800


def load(name):
    """(X, y, bounds) of one of ``DATASETS``, 200 points or so, seeded."""
    if name == "moons":
        X, y = datasets.make_moons(200, noise=0.2, random_state=0)
    elif name == "circles":
        X, y = datasets.make_circles(200, noise=0.1, random_state=0)
    elif name == "spiral":
        X, y = datasets.make_spiral(200, noise=0.2, random_state=0)
    else:
        X, y = datasets.logic_gate_data(name, n_per_class=50 if name == "XOR" else 22)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * (hi - lo)
    return X, y, (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])


def train(X, y, hidden_units, n_layers, epochs=None):
    """The network the widget shows: tanh hidden layers, sigmoid output, cross-entropy, seeded.

    ``epochs=None`` means the module's ``EPOCHS`` (read at call time, so tests can lower it).
    """
    epochs = EPOCHS if epochs is None else epochs
    return MLP(hidden=(hidden_units,) * n_layers, activation="tanh", output="sigmoid", loss="binary_cross_entropy",
               init="xavier", lr=1.0, momentum=0.9, epochs=epochs, random_state=0).fit(X, y)


class CapacityExplorer(CourseWidget):
    """Data set, number of hidden units per layer and number of hidden layers -> trained decision regions.

    Parameters
    ----------
    data : str, default="spiral"
        One of ``DATASETS``.
    hidden_units : int, default=3
        One of ``UNITS``.
    n_layers : {1, 2}, default=1
    """

    def __init__(self, data="spiral", hidden_units=3, n_layers=1):
        import ipywidgets as w

        if data not in DATASETS:
            raise ValueError(f"data must be one of {list(DATASETS)}. Got {data!r} instead.")
        if hidden_units not in UNITS:
            raise ValueError(f"hidden_units must be one of {list(UNITS)}. Got {hidden_units!r} instead.")
        if n_layers not in (1, 2):
            raise ValueError(f"n_layers must be 1 or 2. Got {n_layers!r} instead.")
        self._cache = {}
        self.data = w.Dropdown(options=list(DATASETS), value=data, description="data", style=LABEL)
        self.units = w.SelectionSlider(options=list(UNITS), value=hidden_units, description="hidden units", style=LABEL,
                                       continuous_update=False)
        self.layers = w.Dropdown(options=list(LAYERS), value=[k for k, v in LAYERS.items() if v == n_layers][0],
                                 description="depth", style=LABEL)
        self.controls = [self.data, self.units, self.layers]
        fig = new_figure(figsize=(5.6, 4.6))
        self.ax = fig.add_subplot()
        X, y, bounds = load(data)
        probs, title = self.result()
        plot_decision_surface(lambda P: probs, X, y, ax=self.ax, resolution=RESOLUTION, bounds=bounds, title=title)
        self.image = self.ax.images[0]
        from matplotlib.collections import PathCollection

        self.scatters = [c for c in self.ax.collections if isinstance(c, PathCollection)]
        # plot_decision_surface drew a boundary already: adopt it, so that the next update replaces it
        self._contour = next((c for c in self.ax.collections if c.get_gid() == BOUNDARY_GID), None)
        self._draw_contour(probs, bounds)
        self.live = LiveFigure(fig)
        for c in self.controls:
            c.observe(self.update, names="value")
        self._assemble()

    def key(self):
        return self.data.value, self.units.value, LAYERS[self.layers.value]

    def result(self):
        """(probability of class 1 on the grid, title) for the current controls, trained once and cached."""
        key = self.key()
        if key not in self._cache:
            name, units, n_layers = key
            X, y, bounds = load(name)
            net = train(X, y, units, n_layers)
            points, shape = grid(bounds, RESOLUTION)
            probs = net.predict_proba(points)[:, 1]
            n_params = sum(W.size + b.size for W, b in zip(net.coefs_, net.intercepts_))
            title = (f"{name}: {n_layers} x {units} tanh units ({n_params} parameters)\n"
                     f"training accuracy {net.score(X, y):.0%}")
            self._cache[key] = (probs, title)
        return self._cache[key]

    def _draw_contour(self, probs, bounds):
        """Replace the P = 0.5 line (the decision boundary)."""
        if self._contour is not None:
            self._contour.remove()
            self._contour = None
        image = probs.reshape(RESOLUTION, RESOLUTION)
        if image.min() < 0.5 < image.max():
            xs, ys = np.linspace(bounds[0], bounds[1], RESOLUTION), np.linspace(bounds[2], bounds[3], RESOLUTION)
            self._contour = self.ax.contour(xs, ys, image, levels=[0.5], colors="black", linewidths=1.5)

    def update(self, *_):
        """Train (or fetch) the network for the current controls and redraw in place."""
        X, y, bounds = load(self.data.value)
        probs, title = self.result()
        self.image.set_data(probs.reshape(RESOLUTION, RESOLUTION))
        self.image.set_extent(bounds)
        for scatter, label in zip(self.scatters, np.unique(y)):
            scatter.set_offsets(X[y == label])
        self._draw_contour(probs, bounds)
        self.ax.set_xlim(bounds[:2])
        self.ax.set_ylim(bounds[2:])
        self.ax.set_title(title)
        self.live.refresh()


def capacity_explorer(data="spiral", hidden_units=3, n_layers=1):
    """A :class:`CapacityExplorer`, ready to display as a notebook cell's last line."""
    return CapacityExplorer(data=data, hidden_units=hidden_units, n_layers=n_layers)


def _benchmark_cases():
    """(name, factory, change) for benchmarks/widget_latency.py: change moves the hidden-units slider.

    The first visit of a setting trains a network (tens of ms); later visits hit the cache.
    """
    def change_units(widget, i=0):
        options = list(UNITS)
        widget.units.value = options[(options.index(widget.units.value) + 1) % len(options)]

    return [("capacity: hidden units", lambda: CapacityExplorer("spiral", 3), change_units)]
