"""Backpropagation one layer at a time, on a network small enough to read every number.

Forward fills in z and a layer by layer; Backward writes each node's error signal,
delta_j = g'(z_j) * sum_k w_jk delta_k, from the output back to the first hidden
layer; Update applies w <- w - lr * a_i delta_j. All numbers come from
``MLP.forward`` and ``MLP.backward`` of a real :class:`nbhelpers.models.MLP`, so
what the stepper shows is exactly what the course's network computes.

Used in: 06_backpropagation.
"""
import numpy as np

from .. import activations
from ._base import CourseWidget, LiveFigure, new_figure, slider_keys

# The blog's 2-2-1 (sigmoid output, squared error) and the lecture's 2-3-2-2 (two outputs:
# softmax with cross-entropy, since one sigmoid output per class is not a pair the MLP offers).
NETS = {
    "2-2-1": dict(hidden=(2,), output="sigmoid", loss="squared_error"),
    "2-3-2-2": dict(hidden=(3, 2), output="softmax", loss="categorical_cross_entropy"),
}
ACTIVATIONS = ("sigmoid", "tanh", "relu")
_G_NAME = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{relu}"}
_G_PRIME = {"sigmoid": r"a(1-a)", "tanh": r"1-a^2", "relu": r"[z>0]"}


def _n(v):
    """A number for mathtext: 3 decimals, minus sign, parentheses when negative."""
    s = f"{v:.3f}" if abs(v) < 1000 else f"{v:.2e}"
    return f"({s})" if v < 0 else s


class BackpropStepper(CourseWidget):
    """Walk a network's forward pass, backward pass and update, one layer per click.

    Parameters
    ----------
    net : {"2-2-1", "2-3-2-2"}, default="2-2-1"
    activation : {"sigmoid", "tanh", "relu"}, default="sigmoid"
        Hidden-layer activation.
    lr : float, default=0.5
        Learning rate of the Update step.
    x : pair of float, default=(1.0, 0.0)
        The training sample.
    y : {0, 1}, default=1
        Its target class (for 2-3-2-2: the one-hot vector of that class).
    random_state : int, default=0
        Seed of the initial weights (``init="uniform"``, the blog's U(-0.5, 0.5)).

    Attributes
    ----------
    mlp : nbhelpers.models.MLP
        The network whose numbers are shown.
    stage : int
        0 nothing computed; 1..L forward through layer l; L+1..2L backward (output first).

    Examples
    --------
    >>> s = BackpropStepper("2-2-1")
    >>> s.forward(); s.forward(); s.backward(); s.backward(); s.apply_update()
    """

    def __init__(self, net="2-2-1", activation="sigmoid", lr=0.5, x=(1.0, 0.0), y=1, random_state=0):
        import ipywidgets as w

        from .._validation import check_choice

        check_choice("net", net, tuple(NETS))
        check_choice("activation", activation, ACTIVATIONS)
        self.random_state = random_state
        self.w_net = w.Dropdown(options=list(NETS), value=net, description="network", layout=w.Layout(width="170px"),
                                style={"description_width": "55px"})
        self.w_act = w.Dropdown(options=list(ACTIVATIONS), value=activation, description="g",
                                layout=w.Layout(width="130px"), style={"description_width": "15px"})
        self.w_lr = w.FloatSlider(value=lr, min=0.05, max=5.0, step=0.05, description="lr \u03b7",
                                  continuous_update=False, layout=w.Layout(width="230px"),
                                  style={"description_width": "40px"})
        self.w_x1 = w.FloatSlider(value=x[0], min=-2.0, max=2.0, step=0.1, description="x1",
                                  continuous_update=False, layout=w.Layout(width="200px"),
                                  style={"description_width": "20px"})
        self.w_x2 = w.FloatSlider(value=x[1], min=-2.0, max=2.0, step=0.1, description="x2",
                                  continuous_update=False, layout=w.Layout(width="200px"),
                                  style={"description_width": "20px"})
        self.w_y = w.Dropdown(options=[0, 1], value=int(y), description="y", layout=w.Layout(width="90px"),
                              style={"description_width": "15px"})
        bl = w.Layout(width="auto")
        self.b_forward = w.Button(description="Forward \u25b6", button_style="success", layout=bl)
        self.b_backward = w.Button(description="\u25c0 Backward", button_style="warning", layout=bl)
        self.b_update = w.Button(description="Update w", button_style="info", layout=bl)
        self.b_reset = w.Button(description="New weights", layout=bl)
        self.b_forward.on_click(lambda _: self.forward())
        self.b_backward.on_click(lambda _: self.backward())
        self.b_update.on_click(lambda _: self.apply_update())
        self.b_reset.on_click(lambda _: self.reset(new_weights=True))
        self.w_net.observe(self._rebuild, names="value")
        self.w_act.observe(self._rebuild, names="value")
        for c in (self.w_x1, self.w_x2, self.w_y):
            c.observe(lambda _: self.reset(), names="value")
        self.w_lr.observe(lambda _: self.update(), names="value")
        self.controls = [self.b_forward, self.b_backward, self.b_update, self.b_reset,
                         self.w_net, self.w_act, self.w_lr, self.w_x1, self.w_x2, self.w_y]
        self._fig = None
        self._build_net()
        self._build_figure()
        self.live = LiveFigure(self._fig, freeze_layout=True)
        self._assemble_rows()
        self.update()

    # ------------------------------------------------------------------ model
    @property
    def sizes(self):
        return tuple(int(s) for s in self.w_net.value.split("-"))

    @property
    def n_layers(self):
        return len(self.sizes) - 1

    def _build_net(self):
        from ..models import MLP

        spec = NETS[self.w_net.value]
        self.mlp = MLP(activation=self.w_act.value, init="uniform", lr=self.w_lr.value, batch_size=1,
                       random_state=self.random_state, **spec)
        self.mlp.initialize(np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1]))
        self.stage = 0
        self.updates = 0

    @property
    def X(self):
        """The one sample, shape (1, 2)."""
        return np.array([[self.w_x1.value, self.w_x2.value]])

    @property
    def y(self):
        """Its target label, shape (1,)."""
        return np.array([self.w_y.value])

    def _compute(self):
        self.cache = self.mlp.forward(self.X, training=True)
        self.back = self.mlp.backward(self.cache, self.y)
        # the target vector of the output layer: y itself (one sigmoid) or its one-hot row (softmax)
        self.target = np.eye(2)[self.y[0]] if self.mlp.output == "softmax" else self.y.astype(float)

    # ------------------------------------------------------------------ actions
    def forward(self):
        """Compute the next layer of the forward pass (restarting after a finished pass)."""
        if self.stage >= self.n_layers or self.stage < 0:
            self.stage = 0
        self.stage += 1
        self.update()

    def backward(self):
        """Compute the error signals of the next layer back (after a full forward pass)."""
        L = self.n_layers
        if self.stage < L:
            self.stage = L  # the backward pass needs the whole forward pass
        elif self.stage < 2 * L:
            self.stage += 1
        self.update()

    def apply_update(self):
        """Gradient step on every weight and bias: w <- w - lr dE/dw (after the backward pass)."""
        if self.stage < 2 * self.n_layers:
            self.stage = 2 * self.n_layers
            self._compute()
        self._before = [W.copy() for W in self.mlp.coefs_]
        self.mlp.set_params(lr=self.w_lr.value)
        self.mlp.step(self.X, self.y)  # the network's own update: W <- W - lr dE/dW on this one sample
        self.updates += 1
        self.stage = -1  # "updated": show the new weights and the change
        self.update()

    def reset(self, new_weights=False):
        """Clear the passes; with ``new_weights`` draw fresh initial weights (next seed)."""
        if new_weights:
            self.random_state += 1
            self._build_net()
        self.stage = 0
        self.update()

    def _rebuild(self, *_):
        self._build_net()
        if self.diagram.sizes != self.sizes:
            self.live.relayout()
            self._build_figure()
        self.update()

    # ------------------------------------------------------------------ drawing
    def _build_figure(self):
        from matplotlib.gridspec import GridSpec

        from ..plots.network import NetworkDiagram

        if self._fig is None:
            self._fig = new_figure(figsize=(7.6, 5.2), dpi=80)
        fig = self._fig
        fig.clear()
        gs = GridSpec(2, 1, figure=fig, height_ratios=[3.0, 1.0])
        ax = fig.add_subplot(gs[0])
        self.diagram = NetworkDiagram(ax, self.sizes)
        tax = fig.add_subplot(gs[1])
        tax.set_axis_off()
        # a title from the start, so the frozen layout keeps room for it
        self.title = ax.set_title(self._title(), fontsize=10, loc="left")
        self.text = tax.text(0.0, 1.0, "", va="top", ha="left", fontsize=9.5, transform=tax.transAxes)

    def update(self, *_):
        """Redraw the diagram and the equations of the current stage."""
        if self.stage != -1:  # after an update, keep showing the pass that produced it
            self._compute()
        L, d, st = self.n_layers, self.diagram, self.stage
        cache, back = self.cache, self.back
        d.set_weights(self.mlp.coefs_, self.mlp.intercepts_)
        fwd = L if st < 0 or st > L else st
        d.set_nodes(0, a=cache["a"][0][0])
        for l in range(1, L + 1):
            shown = l <= fwd
            d.set_nodes(l, cache["z"][l - 1][0], cache["a"][l][0]) if shown else d.set_nodes(l)
            back_l = st == -1 or (st > L and l >= 2 * L + 1 - st)
            d.set_delta(l, back["delta"][l - 1][0] if back_l else None)
        if st == 0:
            d.set_highlight(0)
        elif 1 <= st <= L:
            d.set_highlight(st)
        elif st > L:
            d.set_highlight(2 * L + 1 - st, color="#b2182b")
        else:
            d.set_highlight(None)
        self.title.set_text(self._title())
        self.text.set_text("\n".join(self._equations()))
        self.b_backward.disabled = st < L or st >= 2 * L
        self.b_update.disabled = st != 2 * L
        self.live.refresh()

    def _layer_name(self, l):
        return "output" if l == self.n_layers else f"hidden {l}"

    def _title(self):
        L, st = self.n_layers, self.stage
        loss = "squared error" if self.mlp.loss == "squared_error" else "cross-entropy"
        head = f"{self.w_net.value}, {self.w_act.value} hidden, {self.mlp.output} output + {loss}"
        if st == -1:
            return f"{head}.  Updated {self.updates}x: press Forward to see the new error"
        if st == 0:
            return f"{head}.  Press Forward."
        if st <= L:
            return f"{head}.  Forward: {self._layer_name(st)}" + ("  (E = %.4f)" % self._error() if st == L else "")
        return f"{head}.  Backward: {self._layer_name(2 * L + 1 - st)}"

    def _error(self):
        return float(self.mlp.objective(self.X, self.y))

    def _equations(self):
        L, st, g = self.n_layers, self.stage, self.w_act.value
        z, a, delta = self.cache["z"], self.cache["a"], self.back["delta"]
        W, b = self.mlp.coefs_, self.mlp.intercepts_
        if st == 0:
            return [r"Forward:  $z_j = \sum_i w_{ij}\, a_i + b_j$,   $a_j = g(z_j)$",
                    r"Backward: $\delta_j = g'(z_j)\,\sum_k w_{jk}\,\delta_k$   (output: $\delta_k = \partial E/\partial z_k$)",
                    r"Update:   $w_{ij} \leftarrow w_{ij} - \eta\, a_i\, \delta_j$,   $b_j \leftarrow b_j - \eta\, \delta_j$"]
        if 1 <= st <= L:
            l = st
            gname = _G_NAME[g] if l < L else {"sigmoid": r"\sigma", "softmax": r"\mathrm{softmax}"}[self.mlp.output]
            lines = [rf"Layer {l}: $z_j = \sum_i w_{{ij}}\,a_i + b_j$,  $a_j = {gname}(z_j)$"]
            for j in range(self.sizes[l]):
                terms = " + ".join(f"{_n(W[l - 1][i, j])}\\cdot{_n(a[l - 1][0, i])}" for i in range(self.sizes[l - 1]))
                lines.append(rf"$z^{{({l})}}_{j + 1} = {terms} + {_n(b[l - 1][j])} = {_n(z[l - 1][0, j])}$,"
                             rf"   $a^{{({l})}}_{j + 1} = {_n(a[l][0, j])}$")
            return lines
        if st > L:
            l = 2 * L + 1 - st
            if l == L:
                y = self.target
                if self.mlp.output == "sigmoid":
                    lines = [r"Output: $\delta_k = (a_k - y_k)\,a_k(1-a_k)$   (squared error, sigmoid)"]
                    for k in range(self.sizes[l]):
                        ak = a[l][0, k]
                        lines.append(rf"$\delta_{k + 1} = ({_n(ak)} - {_n(y[k])})\cdot{_n(ak * (1 - ak))}"
                                     rf" = {_n(delta[l - 1][0, k])}$")
                else:
                    lines = [r"Output: $\delta_k = a_k - y_k$   (softmax with cross-entropy: $g'$ cancels)"]
                    for k in range(self.sizes[l]):
                        lines.append(rf"$\delta_{k + 1} = {_n(a[l][0, k])} - {_n(y[k])} = {_n(delta[l - 1][0, k])}$")
                return lines
            lines = [rf"Layer {l}: $\delta_j = g'(z_j)\,\sum_k w_{{jk}}\,\delta_k$,   $g'(z) = {_G_PRIME[g]}$"]
            gp = activations.get(g).df(z[l - 1][0])
            for j in range(self.sizes[l]):
                terms = " + ".join(f"{_n(W[l][j, k])}\\cdot{_n(delta[l][0, k])}" for k in range(self.sizes[l + 1]))
                lines.append(rf"$\delta^{{({l})}}_{j + 1} = {_n(gp[j])}\cdot({terms}) = {_n(delta[l - 1][0, j])}$")
            return lines
        # after an update: the change of the first few weights of the last layer, and a summary
        eta = self.w_lr.value
        lines = [rf"Update: $w_{{ij}} \leftarrow w_{{ij}} - \eta\,a_i\,\delta_j$ with $\eta = {eta:g}$"
                 rf" (all {sum(w.size for w in W)} weights, {sum(v.size for v in b)} biases)"]
        l = L
        for i in range(min(self.sizes[l - 1], 2)):
            for j in range(min(self.sizes[l], 2)):
                lines.append(rf"$w^{{({l})}}_{{{i + 1}{j + 1}}}: {_n(self._before[l - 1][i, j])} - {eta:g}\cdot"
                             rf"{_n(a[l - 1][0, i])}\cdot{_n(delta[l - 1][0, j])} = {_n(W[l - 1][i, j])}$")
        return lines[:5]

    def _assemble_rows(self):
        import ipywidgets as w

        rows = [w.HBox([self.b_forward, self.b_backward, self.b_update, self.b_reset, self.w_net, self.w_act]),
                w.HBox([self.w_x1, self.w_x2, self.w_y, self.w_lr])]
        self.box = slider_keys(w.VBox([*rows, self.live.image]))
        return self.box

    def state_arrays(self):
        """What the diagram shows, for tests: dict of z, a, delta lists (None where hidden)."""
        return {"z": self.cache["z"], "a": self.cache["a"], "delta": self.back["delta"], "stage": self.stage}


def backprop_stepper(net="2-2-1", **kwargs):
    """Build a :class:`BackpropStepper` (display it as a cell's last line).

    Examples
    --------
    >>> import nbhelpers as nbh
    >>> nbh.widgets.backprop_stepper("2-3-2-2")  # doctest: +SKIP
    """
    return BackpropStepper(net=net, **kwargs)
