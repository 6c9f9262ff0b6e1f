"""Pick an activation and its parameter; see f, f' and the finite-difference f' overlaid.

Used in: 04_activation_functions::

    nbh.widgets.activation.activation_explorer("relu")
"""
import numpy as np

from .. import activations
from ..plots.activation_grid import (MAXOUT_PIECES, _maxout_pair, _ylim, derivative_check_data, gap_text,
                                     plot_derivative_check)
from ._base import LABEL, CourseWidget, LiveFigure, new_figure

# name shown -> (registry name or "maxout", parameter name, (min, max, step), default)
CHOICES = {
    "identity": ("identity", None, None, None),
    "binary step": ("binary_step", None, None, None),
    "sigmoid": ("sigmoid", None, None, None),
    "tanh": ("tanh", None, None, None),
    "arctan": ("arctan", None, None, None),
    "ReLU": ("relu", None, None, None),
    "leaky ReLU": ("leaky_relu", "slope", (0.0, 0.5, 0.01), 0.1),
    "PReLU": ("leaky_relu", "a", (-0.5, 1.0, 0.05), 0.25),
    "ELU": ("elu", "alpha", (0.0, 2.0, 0.05), 1.0),
    "softplus": ("softplus", None, None, None),
    "maxout": ("maxout", "pieces k", (1, len(MAXOUT_PIECES), 1), 3),
}
_ALIASES = {"binary_step": "binary step", "relu": "ReLU", "leaky_relu": "leaky ReLU", "prelu": "PReLU",
            "elu": "ELU", "logistic": "sigmoid", "linear": "identity", "step": "binary step"}


def resolve(name, param=None):
    """(f, df, title) of a shown activation name with its parameter."""
    key, pname, _, default = CHOICES[name]
    param = default if param is None else param
    if key == "maxout":
        k = int(round(param))
        f, df = _maxout_pair(k)
        return f, df, f"maxout of k = {k} pieces"
    if pname is None:
        act = activations.get(key)
        return act.f, act.df, name
    kw = {"alpha": float(param)} if key == "elu" else {"slope": float(param)}
    act = activations.get(key, **kw)
    return act.f, act.df, f"{name} ({pname} = {float(param):.2f})"


class ActivationExplorer(CourseWidget):
    """Dropdown of activations, a slider for its parameter and one for the step h.

    Parameters
    ----------
    activation : str, default="sigmoid"
        A shown name (``CHOICES``) or a registry name ("relu", "leaky_relu", "prelu", ...).
    param : float, optional
        Its parameter (slope, alpha, number of maxout pieces); default: the activation's default.
    h : float, default=1e-3
        Step of the centred difference.
    """

    def __init__(self, activation="sigmoid", param=None, h=1e-3):
        import ipywidgets as w

        name = _ALIASES.get(activation, activation)
        if name not in CHOICES:
            raise ValueError(f"activation must be one of {list(CHOICES)}. Got {activation!r} instead.")
        self.z = np.linspace(-5, 5, 401)
        self.zs = np.linspace(-5, 5, 41)
        self.dropdown = w.Dropdown(options=list(CHOICES), value=name, description="activation", style=LABEL)
        self.param = w.FloatSlider(value=0.0, min=0.0, max=1.0, step=0.01, description="parameter", style=LABEL,
                                   continuous_update=True, readout_format=".2f")
        self.h = w.FloatLogSlider(value=h, base=10, min=-5, max=0, step=0.25, description="step h", style=LABEL,
                                  continuous_update=True, readout_format=".0e")
        self.controls = [self.dropdown, self.param, self.h]
        self._syncing = False
        self._configure_param(param)
        fig = new_figure(figsize=(6.4, 4.2))
        self.ax = fig.add_subplot()
        f, df, title = resolve(self.dropdown.value, self._param_value())
        plot_derivative_check(f, df, h=self.h.value, z=self.z, title=title, ax=self.ax, n_markers=len(self.zs))
        self.f_line, self.df_line, self.fd_line = self.ax.lines[:3]
        self.live = LiveFigure(fig)
        self.dropdown.observe(self._on_activation, names="value")
        self.param.observe(self.update, names="value")
        self.h.observe(self.update, names="value")
        self._assemble()

    def _param_value(self):
        return None if self.param.disabled else self.param.value

    def _configure_param(self, value=None):
        """Range, label and default of the parameter slider for the chosen activation."""
        _, pname, rng, default = CHOICES[self.dropdown.value]
        self._syncing = True
        try:
            # one message to the front end with every change: applied there one by one, a value
            # clamped to a passing range would come back as a change and be drawn a second time
            with self.param.hold_sync():
                if pname is None:
                    self.param.disabled = True
                    self.param.description = "(no parameter)"
                    return
                lo, hi, step = rng
                self.param.disabled = False
                self.param.description = pname
                self.param.min, self.param.max = -1e9, 1e9  # widen first so no clamp fires in between
                self.param.min, self.param.max, self.param.step = lo, hi, step
                self.param.value = float(np.clip(default if value is None else value, lo, hi))
        finally:
            self._syncing = False

    def _on_activation(self, change):
        self._configure_param()
        self.update()

    def data(self):
        """The plotted arrays: (f(z), f'(z), finite difference at the markers) and the title."""
        f, df, title = resolve(self.dropdown.value, self._param_value())
        f_z, df_z, _ = derivative_check_data(f, df, self.z, self.h.value)
        _, dfs, fd = derivative_check_data(f, df, self.zs, self.h.value)
        return f_z, df_z, fd, f"{title}\n{gap_text(self.zs, dfs, fd)}"

    def update(self, *_):
        """Recompute the three curves for the current controls and redraw."""
        if self._syncing:
            return
        f_z, df_z, fd, title = self.data()
        self.f_line.set_ydata(f_z)
        self.df_line.set_ydata(df_z)
        self.fd_line.set_ydata(fd)
        self.ax.set_ylim(*_ylim(f_z, df_z))
        self.ax.set_title(title)
        self.live.refresh()


def activation_explorer(activation="sigmoid", param=None, h=1e-3):
    """An :class:`ActivationExplorer`, ready to display as a notebook cell's last line."""
    return ActivationExplorer(activation=activation, param=param, h=h)


def _benchmark_cases():
    """(name, factory, change) triples for benchmarks/widget_latency.py: change moves the main control."""
    options = list(CHOICES)

    def change_activation(widget, i=0):
        widget.dropdown.value = options[(options.index(widget.dropdown.value) + 1) % len(options)]

    def change_param(widget, i=0):
        widget.param.value = 0.05 if widget.param.value > 0.3 else 0.45

    return [
        ("activation: activation dropdown", lambda: ActivationExplorer("sigmoid"), change_activation),
        ("activation: leaky ReLU slope", lambda: ActivationExplorer("leaky_relu"), change_param),
    ]
