"""Three score sliders and a temperature: see softmax turn scores into probabilities.

Moving one score changes every probability (they must still sum to 1); adding
the same amount to all three changes nothing; a small temperature T makes the
largest score take almost everything, a large one spreads the probability
evenly. The black marks show sigma(z_k / T) of each score on its own, which
need not sum to 1.

Used in: 09_softmax.
"""
import numpy as np

from ._base import LABEL, CourseWidget, LiveFigure, new_figure


class SoftmaxBars(CourseWidget):
    """Sliders for the scores z_1..z_3 and the temperature T; bars show softmax(z / T).

    Parameters
    ----------
    z : sequence of 3 floats, default=(5, 4, 2)
        Start scores (the lecture's cat/dog/horse example).
    temperature : float, default=1.0
    class_names : sequence of 3 str, default=("cat", "dog", "horse")
    """

    def __init__(self, z=(5.0, 4.0, 2.0), temperature=1.0, class_names=("cat", "dog", "horse")):
        import ipywidgets as w

        from ..plots.softmax import draw_softmax_bars

        z = np.asarray(z, dtype=float).ravel()
        if z.shape != (3,) or not np.all(np.isfinite(z)):
            raise ValueError(f"z must be 3 finite scores. Got {np.asarray(z).tolist()} instead.")
        if len(class_names) != 3:
            raise ValueError(f"class_names must have 3 names. Got {len(class_names)}.")
        self.class_names = list(class_names)
        self.sliders = [
            w.FloatSlider(value=float(v), min=-10.0, max=10.0, step=0.1, description=f"z ({name})",
                          readout_format=".1f", continuous_update=True, layout=w.Layout(width="270px"),
                          style=LABEL)
            for v, name in zip(z, self.class_names)
        ]
        self.temperature = w.FloatLogSlider(value=float(temperature), base=10, min=-1, max=1, step=0.02,
                                            description="temperature T", readout_format=".2f",
                                            continuous_update=True, layout=w.Layout(width="270px"),
                                            style=LABEL)
        self.show_sigmoid = w.Checkbox(value=True, description="show sigmoid of each score", indent=False,
                                       layout=w.Layout(width="220px"))
        self.controls = [*self.sliders, self.temperature, self.show_sigmoid]
        self._fig = new_figure(figsize=(5.6, 3.8))
        self.ax = self._fig.add_subplot()
        self.artists = draw_softmax_bars(self.ax, self.z, self.temperature.value, self.class_names,
                                         show_sigmoid=True)
        self.p = self._redraw()
        # bars move inside fixed axes: lay out once, then repaint only the bars, their values, the
        # sigmoid marks, the title and the x axis (its labels print each z)
        a = self.artists
        self.live = LiveFigure(self._fig, freeze_layout=True,
                               dynamic=lambda: (*a.bars.patches, *a.values, a.sigmoid, self.ax.title, self.ax.xaxis))
        for c in (*self.sliders, self.temperature, self.show_sigmoid):
            c.observe(self.update, names="value")
        self._assemble()

    @property
    def z(self):
        """The scores from the sliders, an array of 3 floats."""
        return np.array([s.value for s in self.sliders])

    def set_scores(self, z=None, temperature=None):
        """Set the scores (3 floats) and/or the temperature, then redraw once."""
        controls = (*self.sliders, self.temperature, self.show_sigmoid)
        for c in controls:
            c.unobserve(self.update, names="value")
        try:
            if z is not None:
                for s, v in zip(self.sliders, np.asarray(z, dtype=float).ravel()):
                    s.value = float(v)
            if temperature is not None:
                self.temperature.value = float(temperature)
        finally:
            for c in controls:
                c.observe(self.update, names="value")
        self.update()

    def _redraw(self):
        T = self.temperature.value
        self.artists.show_sigmoid(self.show_sigmoid.value)
        return self.artists.update(self.z, T, title=f"softmax(z / T) with T = {T:.2f}: the bars sum to 1")

    def update(self, *_):
        """Redraw the bars for the current scores and temperature."""
        self.p = self._redraw()
        self.live.refresh()


def softmax_bars(z=(5.0, 4.0, 2.0), temperature=1.0, class_names=("cat", "dog", "horse")):
    """Score sliders and a temperature over softmax probability bars; see :class:`SoftmaxBars`.

    Examples
    --------
    A low temperature puts nearly all the probability on the largest score (cat):

    >>> wid = softmax_bars()              # doctest: +SKIP
    >>> wid.temperature.value = 0.1       # doctest: +SKIP
    """
    return SoftmaxBars(z=z, temperature=temperature, class_names=class_names)


def _benchmark_cases():
    """(name, factory, change main control) for benchmarks/widget_latency.py."""
    def move(wid, i):
        wid.sliders[0].value = 2.0 + 0.5 * (i % 10)
    return [("softmax_bars", softmax_bars, move)]
