"""Theta sliders that move a logistic-regression decision boundary over labelled points.

Used in: 01_logistic_neuron.
"""
import numpy as np

from ._base import LABEL, CourseWidget, LiveFigure, new_figure

_THETA_LABELS = ("θ0 (1)", "θ1 (x1)", "θ2 (x2)", "θ3 (x1²)", "θ4 (x2²)")
_PRESETS = {
    "circle": (-1.0, 0.0, 0.0, 1.0, 1.0),
    "line": (-1.0, 1.0, 1.0, 0.0, 0.0),
}


def boundary_points(data="circle", n=80, random_state=0):
    """Labelled points in [-2, 2]^2 for the widget.

    ``"circle"``: y = 1 outside the unit circle (x1^2 + x2^2 >= 1);
    ``"line"``: y = 1 above the line x1 + x2 = 1.

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int, shape (n,)
    """
    rng = np.random.default_rng(random_state)
    X = rng.uniform(-2.0, 2.0, size=(n, 2))
    if data == "circle":
        y = (X[:, 0] ** 2 + X[:, 1] ** 2 >= 1.0).astype(int)
    elif data == "line":
        y = (X[:, 0] + X[:, 1] >= 1.0).astype(int)
    else:
        raise ValueError(f"data must be one of 'circle', 'line'. Got {data!r} instead.")
    return X, y


class ThetaBoundary(CourseWidget):
    """Five sliders for theta and a data dropdown; the boundary theta^T x = 0 moves as they change.

    Parameters
    ----------
    theta : sequence of 5 floats, default=(-1, 0, 0, 1, 1)
        Start values; theta3 = theta4 = 0 gives a straight line.
    data : {"circle", "line"}, default="circle"
        Which labelled points to show.
    """

    def __init__(self, theta=_PRESETS["circle"], data="circle"):
        import ipywidgets as w

        from ..plots.logistic import draw_logistic_boundary

        theta = np.asarray(theta, dtype=float).ravel()
        if theta.shape != (5,):
            raise ValueError(f"theta must have 5 entries (theta0..theta4). Got shape {theta.shape} instead.")
        self.sliders = [
            w.FloatSlider(value=float(t), min=-3.0, max=3.0, step=0.1, description=label,
                          readout_format=".1f", continuous_update=True, layout=w.Layout(width="260px"),
                          style=LABEL)
            for t, label in zip(theta, _THETA_LABELS)
        ]
        self.data = w.Dropdown(options=["circle", "line"], value=data, description="points", style=LABEL,
                               layout=w.Layout(width="180px"))
        self.preset = w.Button(description="set θ for these points", layout=w.Layout(width="180px"))
        self.controls = [*self.sliders, self.data, self.preset]
        fig = new_figure(figsize=(6.6, 4.6))
        self.ax = fig.add_subplot()
        self._fig = fig
        self._draw_points(draw_logistic_boundary)
        # theta changes the surface, the boundary and the title; the rest is drawn once
        self.live = LiveFigure(fig, freeze_layout=True,
                               dynamic=lambda: (self.artists.surface, self.artists.contour, self.ax.title))
        for s in self.sliders:
            s.observe(self.update, names="value")
        self.data.observe(self._on_data, names="value")
        self.preset.on_click(self.set_preset)
        self._assemble()

    def _draw_points(self, draw):
        self.ax.clear()
        X, y = boundary_points(self.data.value)
        self.artists = draw(self.ax, self.theta, X, y)
        self.accuracy = self.artists.update(self.theta)

    @property
    def theta(self):
        """The current theta as an array of 5 floats."""
        return np.array([s.value for s in self.sliders])

    def _on_data(self, *_):
        from ..plots.logistic import draw_logistic_boundary

        self._draw_points(draw_logistic_boundary)
        self.live.refresh()

    def set_theta(self, theta):
        """Set all five sliders at once and redraw once."""
        theta = np.asarray(theta, dtype=float).ravel()
        if theta.shape != (5,):
            raise ValueError(f"theta must have 5 entries (theta0..theta4). Got shape {theta.shape} instead.")
        for s in self.sliders:  # hold the redraws until every slider has its new value
            s.unobserve(self.update, names="value")
        try:
            for s, v in zip(self.sliders, theta):
                s.value = float(v)
        finally:
            for s in self.sliders:
                s.observe(self.update, names="value")
        self.update()

    def set_preset(self, *_):
        """Set the sliders to a theta that separates the current points exactly."""
        self.set_theta(_PRESETS[self.data.value])

    def update(self, *_):
        """Redraw the boundary for the sliders' theta."""
        self.accuracy = self.artists.update(self.theta)
        self.live.refresh()


def theta_boundary(theta=_PRESETS["circle"], data="circle"):
    """Sliders for theta = (theta0, ..., theta4) over labelled points; see :class:`ThetaBoundary`.

    Examples
    --------
    >>> wid = theta_boundary()          # doctest: +SKIP
    >>> wid.sliders[0].value = -2.0     # the circle grows to radius sqrt(2)
    """
    return ThetaBoundary(theta=theta, data=data)


def _benchmark_cases():
    """(name, factory, change main control) for benchmarks/widget_latency.py."""
    def move(wid, i):
        wid.sliders[0].value = -1.0 - 0.1 * (i % 10)
    return [("theta_boundary", theta_boundary, move)]
