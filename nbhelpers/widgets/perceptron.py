"""Sliders for w1, w2 and the threshold T that draw a perceptron's line on a truth table.

Each of the four rows is marked right or wrong against the chosen gate, so a
reader can search for the weights of AND, OR, NOT (of x1), NAND and NOR by hand,
and convince themselves that XOR has none.

Used in: 02_perceptron.
"""
from ._base import CourseWidget, LiveFigure, new_figure

GATES = ("AND", "OR", "NOT", "NAND", "NOR", "XOR")


class GateWeights(CourseWidget):
    """w1, w2 and threshold sliders plus a gate dropdown over the truth table.

    Parameters
    ----------
    gate : {"AND", "OR", "NOT", "NAND", "NOR", "XOR"}, default="AND"
    w1, w2, threshold : float
        Start values (the sliders run from -2 to 2 in steps of 0.1).
    """

    def __init__(self, gate="AND", w1=1.0, w2=1.0, threshold=0.5):
        import ipywidgets as w

        from ..plots.perceptron import draw_gate

        if gate not in GATES:
            raise ValueError(f"gate must be one of {', '.join(map(repr, GATES))}. Got {gate!r} instead.")

        def slider(value, description):
            return w.FloatSlider(value=float(value), min=-2.0, max=2.0, step=0.1, description=description,
                                 readout_format=".1f", continuous_update=True, layout=w.Layout(width="280px"))

        self.w1 = slider(w1, "w1")
        self.w2 = slider(w2, "w2")
        self.threshold = slider(threshold, "threshold T")
        self.threshold.style.description_width = "80px"
        self.gate = w.Dropdown(options=list(GATES), value=gate, description="gate", layout=w.Layout(width="160px"))
        self.controls = [self.gate, self.w1, self.w2, self.threshold]
        fig = new_figure(figsize=(5.8, 3.9))
        self.artists = draw_gate(fig.add_subplot(), gate, self.w1.value, self.w2.value, self.threshold.value)
        self.outputs = self.artists.update(gate, self.w1.value, self.w2.value, self.threshold.value)
        a = self.artists  # the weights move the shading, the line, the points' classes, the marks and the title
        self.live = LiveFigure(fig, freeze_layout=True,
                               dynamic=lambda: (a.region, a.line, *a.points, *a.marks, a.ax.title))
        for control in self.controls:
            control.observe(self.update, names="value")
        self._assemble()

    @property
    def n_right(self):
        """How many of the four rows the current weights get right."""
        from ..plots.perceptron import GATE_TARGETS

        return int(sum(o == t for o, t in zip(self.outputs, GATE_TARGETS[self.gate.value])))

    def set(self, gate=None, w1=None, w2=None, threshold=None):
        """Set several controls at once and redraw once (None leaves a control as it is)."""
        for control in self.controls:
            control.unobserve(self.update, names="value")
        try:
            for control, value in ((self.gate, gate), (self.w1, w1), (self.w2, w2), (self.threshold, threshold)):
                if value is not None:
                    control.value = value
        finally:
            for control in self.controls:
                control.observe(self.update, names="value")
        self.update()

    def update(self, *_):
        """Redraw the line, the shading and the right/wrong marks."""
        self.outputs = self.artists.update(self.gate.value, self.w1.value, self.w2.value, self.threshold.value)
        self.live.refresh()


def gate_weights(gate="AND", w1=1.0, w2=1.0, threshold=0.5):
    """The perceptron's line on a truth table, with sliders; see :class:`GateWeights`.

    Examples
    --------
    >>> wid = gate_weights("AND")      # doctest: +SKIP
    >>> wid.threshold.value = 1.5      # now all four rows are right
    """
    return GateWeights(gate=gate, w1=w1, w2=w2, threshold=threshold)


def _benchmark_cases():
    """(name, factory, change main control) for benchmarks/widget_latency.py."""
    def move(wid, i):
        wid.threshold.value = round(-1.0 + 0.1 * (i % 20), 1)
    return [("gate_weights", gate_weights, move)]
