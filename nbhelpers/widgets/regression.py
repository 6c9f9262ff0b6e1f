"""Sliders for the weights of a 1-3-1 tanh network: watch three hidden units add up to a curve.

Each hidden unit j has an input weight w_1j (how steep its tanh step is), a
bias b_j (where the step sits: at x = -b_j / w_1j) and an output weight w_jk
(how tall the step is, and which way it goes). The output bias b_k lifts the
whole curve. The sliders start at the weights the network learned on the
chosen data set, so moving one shows what that weight was doing.

Used in: 08_regression.
"""
import numpy as np

from ._base import LABEL, CourseWidget, LiveFigure, new_figure

N_UNITS = 3
# The blog's recipe: 200 points, 3 tanh units, identity output, squared error,
# per-sample SGD, lr 0.2 annealed by 0.95 per epoch, 100 epochs. With these seeds
# both data sets reach the noise level (seed 0 gets stuck on SIN, see 08_regression).
BLOG_SEEDS = {"SIN": 1, "ABS": 0}
_TRUE = {"SIN": lambda x: 2.5 + np.sin(x), "ABS": np.abs}
_RANGES = {"w_in": (-3.0, 3.0), "b": (-8.0, 8.0), "w_out": (-3.0, 3.0), "b_out": (-2.0, 6.0)}
_CACHE = {}


def blog_network(kind="SIN", random_state=None):
    """Data and the blog's trained 1-3-1 regression network for ``kind`` (cached).

    Returns
    -------
    X, y : ndarrays of shape (200, 1) and (200,)
    net : nbhelpers.models.MLP
    """
    from ..datasets import regression_data
    from ..models import MLP

    seed = BLOG_SEEDS[kind] if random_state is None else random_state
    key = (kind, seed)
    if key not in _CACHE:
        X, y = regression_data(kind, n=200)
        net = MLP(hidden=(N_UNITS,), activation="tanh", output="identity", loss="squared_error",
                  lr=0.2, epochs=100, batch_size=1, anneal=0.95, random_state=seed).fit(X, y)
        _CACHE[key] = (X, y, net)
    return _CACHE[key]


def _r2(y, y_hat):
    ss_res = float(np.sum((y - y_hat) ** 2))
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    return 1.0 - ss_res / ss_tot


class UnitSliders(CourseWidget):
    """Ten sliders (w_1j, b_j, w_jk for j = 1, 2, 3, and b_k) over the SIN or ABS data.

    Parameters
    ----------
    kind : {"SIN", "ABS"}, default="SIN"
        Data set; the sliders start at the blog network's trained weights for it.
    nets : dict, optional
        Already trained 1-3-1 tanh networks by data set, e.g. ``{"SIN": net_sin}``, each
        fitted on ``regression_data(kind, n=200)``; saves training them again. Data sets
        not in it use :func:`blog_network`.
    """

    def __init__(self, kind="SIN", nets=None):
        import ipywidgets as w

        from ..plots.regression_parts import draw_regression_parts

        if kind not in _TRUE:
            raise ValueError(f"kind must be one of 'SIN', 'ABS'. Got {kind!r} instead.")
        self._nets = dict(nets or {})
        for name, net in self._nets.items():
            shapes = [W.shape for W in getattr(net, "coefs_", [])]
            if name not in _TRUE or shapes != [(1, N_UNITS), (N_UNITS, 1)]:
                raise ValueError(f"nets must map 'SIN'/'ABS' to fitted 1-{N_UNITS}-1 networks. "
                                 f"Got {name!r} with weight shapes {shapes}.")

        def slider(label, key):
            lo, hi = _RANGES[key]
            return w.FloatSlider(value=0.0, min=lo, max=hi, step=0.01, description=label,
                                 readout_format=".2f", continuous_update=True,
                                 layout=w.Layout(width="250px"), style=LABEL)

        self.w_in = [slider(f"unit {j + 1}: w_1{j + 1}", "w_in") for j in range(N_UNITS)]
        self.b = [slider(f"unit {j + 1}: b_{j + 1}", "b") for j in range(N_UNITS)]
        self.w_out = [slider(f"unit {j + 1}: w_{j + 1}k", "w_out") for j in range(N_UNITS)]
        self.b_out = slider("output: b_k", "b_out")
        self.sliders = [*self.w_in, *self.b, *self.w_out, self.b_out]
        self.data = w.Dropdown(options=list(_TRUE), value=kind, description="data",
                               layout=w.Layout(width="170px"), style=LABEL)
        self.reset = w.Button(description="trained weights", layout=w.Layout(width="150px"))
        rows = [w.HBox([self.w_in[j], self.b[j], self.w_out[j]]) for j in range(N_UNITS)]
        self.controls = [w.VBox([*rows, w.HBox([self.b_out, self.data, self.reset])])]
        self._draw = draw_regression_parts
        self._fig = new_figure(figsize=(8.2, 4.0))
        self.ax = self._fig.add_subplot()
        self._set_weights(kind)
        self.artists = None
        self._draw_data()
        # Sliders only move lines inside fixed axes limits: lay the figure out once per data set,
        # and repaint only the lines that move and the title.
        self.live = LiveFigure(self._fig, freeze_layout=True,
                               dynamic=lambda: (*self.artists.parts, self.artists.bias, self.artists.total, self.ax.title))
        for s in self.sliders:
            s.observe(self.update, names="value")
        self.data.observe(self._on_data, names="value")
        self.reset.on_click(self.set_trained)
        self._assemble()

    # ------------------------------------------------------------------ state
    @property
    def coefs(self):
        """[W1 of shape (1, 3), W2 of shape (3, 1)] from the sliders."""
        return [np.array([[s.value for s in self.w_in]]), np.array([[s.value] for s in self.w_out])]

    @property
    def intercepts(self):
        """[b1 of shape (3,), b2 of shape (1,)] from the sliders."""
        return [np.array([s.value for s in self.b]), np.array([self.b_out.value])]

    def _network(self, kind):
        """(X, y, trained net) for ``kind``: a net given to the constructor, or the blog's."""
        if kind in self._nets:
            from ..datasets import regression_data

            return (*regression_data(kind, n=200), self._nets[kind])
        return blog_network(kind)

    def _set_weights(self, kind):
        """Put the trained network's weights on the sliders (clipped to their ranges), without redraws."""
        _, _, net = self._network(kind)
        values = [*net.coefs_[0][0], *net.intercepts_[0], *net.coefs_[1][:, 0], net.intercepts_[1][0]]
        for s, v in zip(self.sliders, values):
            s.value = float(np.clip(round(float(v) / s.step) * s.step, s.min, s.max))

    # ---------------------------------------------------------------- drawing
    def _draw_data(self):
        self.ax.clear()
        kind = self.data.value
        X, y, _ = self._network(kind)
        self.X, self.y = X, y
        ylim = (-1.5, 5.5) if kind == "SIN" else (-3.5, 7.0)
        self.artists = self._draw(self.ax, self.coefs, self.intercepts, X, y, true_fn=_TRUE[kind], ylim=ylim)
        self._retitle()

    def _retitle(self):
        from ..plots.regression_parts import unit_contributions

        parts, bias = unit_contributions(self.X, self.coefs, self.intercepts)
        self.r2 = _r2(self.y, parts.sum(axis=1) + bias)
        self.ax.set_title(f"{self.data.value} data: the sum of the dashed pieces and $b_k$ is the curve\n"
                          f"R² on the {len(self.y)} points = {self.r2:.3f}")  # plain text: not parsed anew

    def _hold(self, action):
        """Run ``action`` with the slider observers off, so many value changes give one redraw."""
        for s in self.sliders:
            s.unobserve(self.update, names="value")
        try:
            action()
        finally:
            for s in self.sliders:
                s.observe(self.update, names="value")

    def _on_data(self, *_):
        self._hold(lambda: self._set_weights(self.data.value))
        self._draw_data()
        self.live.relayout()
        self.live.refresh()

    def set_trained(self, *_):
        """Put the sliders back to the trained weights of the current data set and redraw."""
        self._hold(lambda: self._set_weights(self.data.value))
        self.update()

    def update(self, *_):
        """Redraw the pieces and the curve for the sliders' weights."""
        from ..plots.regression_parts import unit_contributions

        parts, bias = unit_contributions(self.artists.xs, self.coefs, self.intercepts)
        self.artists.update(parts, bias)
        self._retitle()
        self.live.refresh()


def unit_sliders(kind="SIN", nets=None):
    """Sliders for the weights of the blog's 1-3-1 tanh regressor; see :class:`UnitSliders`.

    Examples
    --------
    Switch unit 1 off (its output weight to 0) and watch its kink disappear:

    >>> wid = unit_sliders("ABS")        # doctest: +SKIP
    >>> wid.w_out[0].value = 0.0         # doctest: +SKIP
    """
    return UnitSliders(kind=kind, nets=nets)


def _benchmark_cases():
    """(name, factory, change main control) for benchmarks/widget_latency.py."""
    def move(wid, i):
        wid.w_out[0].value = -1.0 + 0.2 * (i % 10)
    return [("regression_unit_sliders", unit_sliders, move)]
