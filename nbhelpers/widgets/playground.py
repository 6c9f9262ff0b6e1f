"""The neural-network playground: pick data, shape a network, press play, watch it learn.

Every control is an ipywidget that Python can set (``pg.set(lr=0.1)`` or
``pg.controls["lr"].value = 0.1``); ``pg.step()`` trains one epoch and redraws;
``pg.state()`` is a one-line string that ``playground(state=...)`` turns back into
the same experiment (settings and seeds), so a teacher can hand a configuration to
a class in one line.

Changing the data, the features or the network starts over at epoch 0; changing a
training setting (learning rate, batch size, alpha, momentum, annealing) applies
from the next epoch on, as in the web playground.

The pictures are drawn as the web playground draws them (see ``_playground_view``):
the decision surface a 100 x 100 PNG stretched by the browser under crisp SVG axes and
points, the network a tile per unit with links coloured by weight, the loss and gradient
charts SVG. While Play runs in a kernel, a thread trains and draws (``_animator``), so the
surface moves at 30 to 60 frames a second. Pick a weight or bias under the diagram to see
and type its value; rest the pointer on a link or a unit to read it.

Used in: 00_welcome, 03_perceptron_limits, 05_mlp, 06_backpropagation, 10_vanishing_gradients.
"""
import warnings

import numpy as np

from .. import mlp as _mlp
from ..plots import network_diagram as nd
from ._animator import Animator
from ._base import CourseWidget, Throttle
from ._playground_controls import FRAME, PlaygroundControls
from ._playground_settings import (  # noqa: F401  (re-exported: the public names of the playground)
    _FEATURE_LABELS, ACTIVATIONS, ALPHAS, BATCHES, DATASETS, DEFAULTS, FEATURES, INITS, OUTPUTS, REGRESSION,
    SPEEDS, features, format_state, make_data, n_classes, parse_state, sanitize,
)
from ._playground_view import PlaygroundView

_DIVERGENCE = getattr(_mlp, "DivergenceWarning", RuntimeWarning)
GRID = 100  # decision surface: GRID x GRID points, one forward pass
FRAME_MIN = 1 / 60  # in a kernel, Play's frames come from a thread, at most 60 a second
CHART_FRAME = 0.1  # while playing, the loss and gradient charts follow at 10 frames a second
NETWORK_FRAME = 0.1  # and the network diagram at 10
# ---------------------------------------------------------------------- widget
class Playground(PlaygroundControls, CourseWidget):
    """A playground for small networks: data, features, layers, training, live views.

    Build it with :func:`playground`. Controls live in ``self.controls`` (a dict by
    setting name); set them from Python with :meth:`set`.

    Attributes
    ----------
    mlp : nbhelpers.models.MLP
        The network being trained.
    epoch : int
        Epochs trained since the last reset.
    diverged : bool
        True once the loss became infinite (training stops; the figure says so).
    history : dict
        ``epoch``, ``train``, ``test`` (loss after each recorded step) and ``grad`` (per-layer norms).
    """

    def __init__(self, state=None, **settings):
        import ipywidgets as w

        if state is not None:
            base = parse_state(state)
            base.update(settings)
            settings = base
        s = sanitize(settings)
        self._syncing = True
        self.throttle = Throttle(FRAME)
        self.animator = Animator(self._frame, fps=1.0 / FRAME_MIN)
        self.threaded = _in_kernel()  # frames from a kernel thread while playing (see _animator)
        self.chart_throttle = Throttle(CHART_FRAME)
        self.network_throttle = Throttle(NETWORK_FRAME)
        self._build_controls(w, s)
        self.view = PlaygroundView()
        self._settings = s
        self._selected = None
        self._new_data()
        self._new_network()
        self._assemble_layout(w)
        self._syncing = False
        self._draw()

    def _on_control(self, change):
        if self._syncing:
            return
        self._apply(self._read_controls())

    def set(self, **settings):
        """Change settings by name (the keys of :meth:`settings`), as if the controls were used.

        Examples
        --------
        >>> pg = playground()
        >>> pg.set(data="spiral", hidden=(8, 8), lr=0.03)
        """
        s = dict(self._read_controls())
        s.update(settings)
        self._apply(s)

    def _apply(self, new):
        with self.animator.lock:  # not while a frame of Play is being drawn
            self._apply_now(new)

    def _apply_now(self, new):
        new = sanitize(new)
        old, self._settings = self._settings, new
        self._write_controls(new)
        data_keys = ("data", "noise", "test", "dseed")
        net_keys = data_keys + ("features", "hidden", "activation", "output", "init", "seed")
        if any(old[k] != new[k] for k in data_keys):
            self._new_data()
        if any(old[k] != new[k] for k in net_keys):
            self._new_network()
        else:
            self._set_training_params()
        self._draw()

    def settings(self):
        """The current settings as a dict (what :meth:`state` encodes)."""
        return dict(self._settings)

    def state(self):
        """The experiment as one short line: settings and seeds.

        ``playground(state=pg.state())`` rebuilds it at epoch 0; training it again for
        the same number of epochs gives the same weights.

        Returns
        -------
        str
            e.g. ``"data=XOR,noise=0.2,test=0.3,dseed=0,x=x1+x2,hidden=4-2,act=tanh,out=sigmoid+CE,..."``
        """
        return format_state(self._settings)

    # ---------------------------------------------------------------- data and model
    def _new_data(self):
        s = self._settings
        self.regression = n_classes(s["data"]) == 0
        self.X_train, self.y_train, self.X_test, self.y_test = make_data(s)
        X = np.vstack([self.X_train, self.X_test])
        n = nd.N
        if self.regression:
            lo, hi = float(X[:, 0].min()), float(X[:, 0].max())
            y = np.concatenate([self.y_train, self.y_test])
            ylo, yhi = float(y.min()), float(y.max())
            pad, ypad = 0.05 * (hi - lo), 0.15 * max(yhi - ylo, 1e-9)
            self.bounds = ((lo - pad, hi + pad), (ylo - ypad, yhi + ypad))
            self.grid_raw = np.linspace(lo - pad, hi + pad, 200)[:, None]
            self._unit_index = np.linspace(0, 199, n).round().astype(int)
            self.classes = ()
        else:
            lo, hi = X.min(axis=0), X.max(axis=0)
            pad = 0.1 * (hi - lo)
            self.bounds = ((lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1]))
            xx, yy = np.meshgrid(np.linspace(*self.bounds[0], GRID), np.linspace(*self.bounds[1], GRID))
            self.grid_raw = np.column_stack([xx.ravel(), yy.ravel()])
            sub = np.linspace(0, GRID - 1, n).round().astype(int)
            self._unit_index = (sub[:, None] * GRID + sub[None, :]).ravel()  # an n x n subgrid, row-major
            self.classes = tuple(np.unique(np.concatenate([self.y_train, self.y_test])))
        self._show_points()

    def _plane(self, X, y):
        """Points as the surface shows them: (x1, x2), or (x1, target) for regression."""
        return (np.column_stack([X[:, 0], y]) if self.regression else X), y

    def _show_points(self):
        self.view.show_data(self._plane(self.X_train, self.y_train), self._plane(self.X_test, self.y_test),
                            self.bounds, self.classes, show_test=self.show_test.value, regression=self.regression)

    def _new_network(self):
        from ..models import MLP

        s = self._settings
        F_train = features(self.X_train, s["features"])
        self._mean, self._std = F_train.mean(axis=0), F_train.std(axis=0)
        self._std[self._std < 1e-12] = 1.0
        self.F_train = self._scale(self.X_train)
        self.F_test = self._scale(self.X_test)
        self.F_grid = self._scale(self.grid_raw)
        output, loss = OUTPUTS[s["output"]]
        self.mlp = MLP(hidden=s["hidden"], activation=s["activation"], output=output, loss=loss, init=s["init"],
                       lr=s["lr"], batch_size=s["batch"] or None, anneal=s["anneal"], alpha=s["alpha"],
                       momentum=s["momentum"], random_state=s["seed"])
        self.mlp.initialize(self.F_train, self.y_train)
        self.epoch = 0
        self.diverged = False
        self.history = {"epoch": [], "train": [], "test": [], "grad": []}
        self._record()
        self._new_edit_options()

    def _scale(self, X):
        return (features(X, self._settings["features"]) - self._mean) / self._std

    def _set_training_params(self):
        s, m = self._settings, self.mlp
        m.lr = s["lr"]  # the next epoch's rate lr_ follows (times the annealing so far)
        m.batch_size = s["batch"] or None
        m.alpha, m.momentum, m.anneal = s["alpha"], s["momentum"], s["anneal"]

    def _losses(self):
        """Train and test loss without the L2 penalty (what the network gets wrong)."""
        m = self.mlp
        penalty = 0.5 * m.alpha * sum(float(np.vdot(W, W)) for W in m.coefs_)
        with np.errstate(all="ignore"):
            return [m.objective(F, y) - penalty / len(F) for F, y in ((self.F_train, self.y_train),
                                                                      (self.F_test, self.y_test))]

    def _record(self):
        train, test = self._losses()
        h = self.history
        h["epoch"].append(self.epoch)
        h["train"].append(train)
        h["test"].append(test)
        if self.mlp.grad_norms_:
            h["grad"].append(self.mlp.grad_norms_[-1])
        else:
            h["grad"].append(np.full(len(self.mlp.coefs_), np.nan))

    # ---------------------------------------------------------------- weights by hand
    def _unit_names(self):
        sizes = (len(self._settings["features"]), *self._settings["hidden"], self.mlp.n_outputs_)
        return sizes, nd.unit_names(sizes, [_FEATURE_LABELS[f] for f in self._settings["features"]])

    def _new_edit_options(self):
        sizes, names = self._unit_names()
        options = [("pick a link or a unit", "")]
        for l, W in enumerate(self.mlp.coefs_):
            options += [(nd.link_name(l, i, j, names), ("W", l, i, j)) for j in range(W.shape[1])
                        for i in range(W.shape[0])]
            options += [(f"b{l + 1}[{j + 1}]: bias of {names[l + 1][j]}", ("b", l, j)) for j in range(W.shape[1])]
        self._syncing = True
        try:
            self.edit.options = options
            self.edit.value = self._selected if self._selected in dict(options).values() else ""
            self._selected = self.edit.value or None
            self.edit_value.disabled = self._selected is None
        finally:
            self._syncing = False

    def _param(self, pick):
        """The array and index of a picked weight ``("W", l, i, j)`` or bias ``("b", l, j)``."""
        if pick[0] == "W":
            return self.mlp.coefs_[pick[1]], (pick[2], pick[3])
        return self.mlp.intercepts_[pick[1]], (pick[2],)

    def _on_pick(self, change):
        if self._syncing:
            return
        with self.animator.lock:
            self._selected = change["new"] or None
            self._show_selected_value()  # before the box opens: what is typed then is never overwritten
            self.edit_value.disabled = self._selected is None
            self._draw()

    def _show_selected_value(self):
        """Put the picked weight's value in the box under the diagram (without setting it again)."""
        if self._selected is not None:
            array, index = self._param(self._selected)
            self._syncing = True
            self.edit_value.value = round(float(array[index]), 4)
            self._syncing = False

    def _on_edit(self, change):
        if self._syncing or self._selected is None:
            return
        self.set_weight(self._selected, change["new"])

    def set_weight(self, pick, value):
        """Set one weight or bias by hand, as typing in the box under the diagram does.

        Parameters
        ----------
        pick : tuple
            ``("W", l, i, j)``: the weight from unit i of layer l to unit j of layer l+1
            (0-based, layer 0 the inputs); ``("b", l, j)``: the bias of unit j of layer l+1.
        value : float
        """
        with self.animator.lock:
            array, index = self._param(pick)
            array[index] = float(value)
            if self.edit.value != pick:
                self._syncing = True
                self.edit.value, self.edit_value.disabled = pick, False
                self._syncing = False
            self._selected = pick
            self._record()
            self._draw()
        return self

    # ---------------------------------------------------------------- training
    def train(self, ticks=1):
        """Train ``ticks`` times ``speed`` epochs without drawing; returns False once diverged."""
        if self.diverged:
            return False
        for _ in range(int(ticks)):
            before = self.mlp.n_epochs_
            with warnings.catch_warnings():  # divergence is shown on the page, not as a warning
                warnings.simplefilter("ignore", _DIVERGENCE)
                self.mlp.partial_fit(self.F_train, self.y_train, epochs=self._settings["speed"])
            self.epoch += self.mlp.n_epochs_ - before
            train, test = self._losses()
            if self.mlp.diverged_ or not (np.isfinite(train) and np.isfinite(test)) or train > 1e6:
                self.diverged = True
                self._stop_playing()
                return False
            self._record()
        return True

    def step(self, epochs=None):
        """Train one tick (``speed`` epochs, or ``epochs`` ticks worth) and redraw.

        Parameters
        ----------
        epochs : int, optional
            Number of ticks to train before the one redraw (default 1).
        """
        with self.animator.lock:
            self.train(1 if epochs is None else epochs)
            self._draw()
        return self

    def reset(self):
        """New start: epoch 0, the initial weights of the weight seed."""
        self._stop_playing()
        with self.animator.lock:
            self._new_network()
            self._draw()
        return self

    def _frame(self):
        """One frame of Play: train one tick and draw; False once diverged."""
        ok = self.train(1)
        self._draw(playing=ok)
        return ok

    def _on_tick(self, change):
        if change["new"] <= change["old"]:  # the Play widget's stop button rewinds: not a tick
            return
        if self.animator.running:
            self.animator.tick()  # the page has drawn: the kernel's frames may go on
            return
        ok = self.train(1)
        if not ok or self.throttle.ready():
            self._draw(playing=ok)

    def _on_play_toggle(self, change):
        if change["new"]:
            if self.threaded:
                self.animator.start()
            return
        self.animator.stop()
        with self.animator.lock:
            self._draw()  # show where training stopped, with the tooltips

    def _stop_playing(self):
        if getattr(self, "play", None) is not None and getattr(self, "_playing_trait", None):
            setattr(self.play, self._playing_trait, False)

    def play_for(self, seconds):
        """Headless stand-in for the Play button: tick for ``seconds`` as the front end would."""
        import time

        end = time.perf_counter() + seconds
        while time.perf_counter() < end and not self.diverged:
            self.play.value += 1
        self._draw()

    # ---------------------------------------------------------------- drawing
    def _draw(self, playing=False):
        v, m, s = self.view, self.mlp, self._settings
        a = m.forward(self.F_grid)["a"]
        if self.regression:
            v.show_curve(self.grid_raw[:, 0], a[-1][:, 0], "#0072B2")
        else:
            out = a[-1]
            proba = np.hstack([1.0 - out, out]) if out.shape[1] == 1 else out
            from ..plots.raster import class_surface_rgb

            v.show_surface(class_surface_rgb(proba, (GRID, GRID), s["discretize"]))
        sizes, names = self._unit_names()
        if not playing or self.network_throttle.ready():
            shape = None if self.regression else (nd.N, nd.N)
            tiles = nd.unit_tiles([x[self._unit_index] for x in a], shape, OUTPUTS[s["output"]][0])
            v.show_network(sizes, tiles, m.coefs_, m.intercepts_, names, self._selected, tooltips=not playing)
        h = self.history
        if not playing or self.chart_throttle.ready():
            ok = [np.isfinite(g).all() for g in h["grad"]]
            v.show_charts(h["epoch"], h["train"], h["test"], [e for e, k in zip(h["epoch"], ok) if k],
                          [g for g, k in zip(h["grad"], ok) if k])
        train, test = h["train"][-1], h["test"][-1]
        self._show_selected_value()
        if self.diverged:
            v.show_message(f"Diverged after epoch {self.epoch}: the loss became infinite. "
                           "Lower the learning rate and press Reset.")
            self.status.value = ('<b style="color:#b2182b">Diverged: the loss became infinite. '
                                 'Lower the learning rate and press Reset.</b>')
        else:
            v.show_message("")
            arch = "-".join(str(n) for n in sizes)
            self.status.value = (f"<span style='font-family:monospace'>network {arch} &nbsp; epoch <b>{self.epoch}"
                                 f"</b> &nbsp; train loss <b>{train:.4f}</b> &nbsp; test loss <b>{test:.4f}</b>"
                                 f"</span>")
        self._show_state()

    def _show_state(self):
        state = self.state()
        if self.state_text.value != state:
            self.state_text.value = state
            self.state_copy.value = _copy_button(state)

    def static_png(self):
        """A PNG of the current state drawn by matplotlib: what a notebook shows without a kernel."""
        from ..plots.playground import PlaygroundFigure
        from ..plots.raster import class_surface_rgb
        from ._base import new_figure, render_png

        fig, s, h = new_figure(figsize=(9.6, 4.4), dpi=80), self._settings, self.history
        view = PlaygroundFigure(fig)
        view.show_data(*self._plane(self.X_train, self.y_train), *self._plane(self.X_test, self.y_test),
                       self.bounds, regression=self.regression, classes=self.classes)
        a = self.mlp.forward(self.F_grid)["a"]
        if self.regression:
            view.show_curve(self.grid_raw[:, 0], a[-1][:, 0])
            view.show_units(a[1:-1], None)
        else:
            out = a[-1]
            proba = np.hstack([1.0 - out, out]) if out.shape[1] == 1 else out
            view.show_surface(class_surface_rgb(proba, (GRID, GRID), s["discretize"]))
            view.show_units([x[self._unit_index] for x in a[1:-1]], (nd.N, nd.N))
        view.show_losses(h["epoch"], h["train"], h["test"])
        ok = [np.isfinite(g).all() for g in h["grad"]]
        view.show_grad_norms([e for e, k in zip(h["epoch"], ok) if k], [g for g, k in zip(h["grad"], ok) if k],
                             len(self.mlp.coefs_))
        arch = "-".join(map(str, self._unit_names()[0]))
        header = (f"{s['data']} \u00b7 network {arch} \u00b7 lr {self.mlp.lr_:.3g} \u00b7 epoch {self.epoch}"
                  f"   train loss {h['train'][-1]:.3f} \u00b7 test loss {h['test'][-1]:.3f}")
        message = f"Diverged after epoch {self.epoch}:\nthe loss became infinite." if self.diverged else ""
        what = "regression curve" if self.regression else "decision surface"
        view.show_text(header, message, title=f"{what} (filled: train, hollow: test)")
        return render_png(fig)

    def pictures(self):
        """What the page shows, as arrays and strings (for tests): no value may be nan."""
        v = self.view
        return {"surface_png": v.surface_png, "tiles_png": v.tiles_png, "points": v.points.value,
                "curve": v.curve.value, "links": v.links.value, "charts": v.charts.value}


def _in_kernel():
    """True inside a Jupyter kernel (where widget messages may come from a thread)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def _copy_button(text):
    """An HTML button that copies ``text`` to the clipboard (the text box beside it works without it)."""
    import html
    import json

    js = html.escape(f"navigator.clipboard.writeText({json.dumps(text)}).then(() => this.textContent = 'copied')",
                     quote=True)
    return (f'<button onclick="{js}" title="copy the state string to the clipboard" '
            'style="padding:2px 10px;cursor:pointer">copy</button>')


def playground(state=None, **settings):
    """The neural-network playground.

    Parameters
    ----------
    state : str, optional
        A string from :meth:`Playground.state`: rebuilds that experiment.
    **settings
        Override single settings: ``data`` (one of DATASETS), ``noise`` (0-1), ``test`` (share
        held out), ``dseed``, ``features`` (subset of FEATURES), ``hidden`` (0-4 sizes of 1-8),
        ``activation``, ``output`` ("sigmoid+SE", "sigmoid+CE", "softmax+CE", "linear+SE"),
        ``init``, ``lr``, ``batch`` (0 = full batch), ``alpha``, ``momentum``, ``anneal``,
        ``seed``, ``discretize``, ``speed`` (epochs per tick).

    Returns
    -------
    Playground

    Examples
    --------
    >>> pg = playground(data="circles", features=("x1^2", "x2^2"), hidden=())
    >>> pg.step(20).state()  # doctest: +ELLIPSIS
    'data=circles,...'
    """
    return Playground(state=state, **settings)
