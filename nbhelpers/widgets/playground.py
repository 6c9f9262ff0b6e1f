"""The neural-network playground: pick data, shape a network, press play, watch it learn.

Every control is an ipywidget that Python can set (``pg.set(lr=0.1)`` or
``pg.controls["lr"].value = 0.1``); ``pg.step()`` trains one epoch and redraws;
``pg.state()`` is a one-line string that ``playground(state=...)`` turns back into
the same experiment (settings and seeds), so a teacher can hand a configuration to
a class in one line.

Changing the data, the features or the network starts over at epoch 0; changing a
training setting (learning rate, batch size, alpha, momentum, annealing) applies
from the next epoch on, as in the web playground.

Used in: 00_welcome, 03_perceptron_limits, 05_mlp, 06_backpropagation, 09_vanishing_gradients.
"""
import numpy as np

from ._base import CourseWidget, LiveFigure, Throttle, new_figure

DATASETS = ("AND", "OR", "XOR", "RING", "moons", "circles", "spiral", "blobs2", "blobs3", "blobs4", "SIN", "ABS")
REGRESSION = ("SIN", "ABS")
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1x2", "sinx1", "sinx2")
_FEATURE_LABELS = {"x1": "x\u2081", "x2": "x\u2082", "x1^2": "x\u2081\u00b2", "x2^2": "x\u2082\u00b2",
                   "x1x2": "x\u2081x\u2082", "sinx1": "sin x\u2081", "sinx2": "sin x\u2082"}
ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu", "elu", "softplus", "identity")
OUTPUTS = {  # name -> (output, loss)
    "sigmoid+SE": ("sigmoid", "squared_error"),
    "sigmoid+CE": ("sigmoid", "binary_cross_entropy"),
    "softmax+CE": ("softmax", "categorical_cross_entropy"),
    "linear+SE": ("identity", "squared_error"),
}
INITS = ("xavier", "uniform", "he")
BATCHES = (1, 2, 4, 8, 16, 32, 0)  # 0 = the full batch
ALPHAS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
SPEEDS = (1, 5, 25)
# Each generator's own noise parameter for the slider's value 1.0.
_NOISE_SCALE = {"moons": 1.0, "circles": 0.5, "spiral": 1.0, "SIN": 2.0, "ABS": 2.0,
                "blobs2": 4.0, "blobs3": 4.0, "blobs4": 4.0}

DEFAULTS = dict(data="XOR", noise=0.2, test=0.3, dseed=0, features=("x1", "x2"), hidden=(4, 2),
                activation="tanh", output="sigmoid+CE", init="xavier", lr=0.1, batch=8, alpha=0.0,
                momentum=0.0, anneal=1.0, seed=0, discretize=False, speed=1)
GRID = 120  # decision surface: GRID x GRID points, one forward pass
UNIT_GRID = 30  # hidden-unit maps: every 4th grid point


# ---------------------------------------------------------------------- settings
def n_classes(data):
    """Classes of a data set (0 for regression)."""
    if data in REGRESSION:
        return 0
    return int(data[-1]) if data.startswith("blobs") else 2


def sanitize(settings):
    """Complete and correct a settings dict so every combination is a valid experiment.

    Regression data forces the linear output and the x1-only features; more than
    two classes force softmax; an empty feature set falls back to x1 (and x2).
    """
    from .._validation import check_choice

    s = dict(DEFAULTS, **settings)
    check_choice("data", s["data"], DATASETS)
    check_choice("activation", s["activation"], ACTIVATIONS)
    check_choice("output", s["output"], tuple(OUTPUTS))
    check_choice("init", s["init"], INITS)
    s["noise"] = float(np.clip(float(s["noise"]), 0.0, 1.0))
    s["test"] = float(np.clip(float(s["test"]), 0.1, 0.9))
    s["lr"] = float(np.clip(float(s["lr"]), 1e-4, 10.0))
    s["momentum"] = float(np.clip(float(s["momentum"]), 0.0, 0.95))
    s["anneal"] = float(np.clip(float(s["anneal"]), 0.9, 1.0))
    s["batch"] = min(BATCHES, key=lambda b: abs((b or 10**6) - (int(s["batch"]) or 10**6)))
    s["alpha"] = min(ALPHAS, key=lambda a: abs(a - float(s["alpha"])))
    s["speed"] = min(SPEEDS, key=lambda v: abs(v - int(s["speed"])))
    s["dseed"], s["seed"] = int(s["dseed"]), int(s["seed"])
    s["discretize"] = bool(s["discretize"])
    hidden = tuple(int(np.clip(int(h), 1, 8)) for h in s["hidden"])[:4]
    s["hidden"] = hidden
    feats = [f for f in FEATURES if f in set(s["features"])]
    unknown = set(s["features"]) - set(FEATURES)
    if unknown:
        raise ValueError(f"features must be among {', '.join(FEATURES)}. Got {sorted(unknown)} instead.")
    k = n_classes(s["data"])
    if k == 0:
        feats = [f for f in feats if "2" not in f.replace("^2", "")] or ["x1"]
        s["output"] = "linear+SE"
    else:
        feats = feats or ["x1", "x2"]
        if k > 2:
            s["output"] = "softmax+CE"
        elif s["output"] == "linear+SE":
            s["output"] = "sigmoid+CE"
    s["features"] = tuple(feats)
    return s


def format_state(s):
    """A settings dict as the one-line state string (see :meth:`Playground.state`)."""
    parts = [
        f"data={s['data']}", f"noise={s['noise']:g}", f"test={s['test']:g}", f"dseed={s['dseed']}",
        "x=" + "+".join(s["features"]), "hidden=" + ("-".join(map(str, s["hidden"])) or "0"),
        f"act={s['activation']}", f"out={s['output']}", f"init={s['init']}", f"lr={s['lr']:.4g}",
        f"batch={s['batch'] or 'all'}", f"alpha={s['alpha']:g}", f"momentum={s['momentum']:g}",
        f"anneal={s['anneal']:g}", f"seed={s['seed']}", f"discretize={int(s['discretize'])}",
        f"speed={s['speed']}",
    ]
    return ",".join(parts)


_KEYS = {"x": "features", "act": "activation", "out": "output"}


def parse_state(state):
    """The settings dict of a state string; unknown keys or values raise ValueError."""
    if not isinstance(state, str):
        raise TypeError(f"state must be a string from Playground.state(). Got {type(state).__name__} instead.")
    s = {}
    for part in filter(None, (p.strip() for p in state.split(","))):
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"state parts must look like key=value. Got {part!r} instead.")
        key = _KEYS.get(key, key)
        if key not in DEFAULTS:
            raise ValueError(f"state key must be one of {', '.join(DEFAULTS)}. Got {key!r} instead.")
        if key == "features":
            s[key] = tuple(filter(None, value.split("+")))
        elif key == "hidden":
            s[key] = () if value in ("0", "") else tuple(int(h) for h in value.split("-"))
        elif key == "batch":
            s[key] = 0 if value == "all" else int(value)
        elif key in ("dseed", "seed", "speed"):
            s[key] = int(value)
        elif key == "discretize":
            s[key] = value not in ("0", "False", "false")
        elif key in ("noise", "test", "lr", "alpha", "momentum", "anneal"):
            s[key] = float(value)
        else:
            s[key] = value
    return sanitize(s)


# ---------------------------------------------------------------------- data
def make_data(s):
    """(X_train, y_train, X_test, y_test) in the original 2-D (or 1-D) input space."""
    from .. import datasets as ds

    name, rs = s["data"], 123 + s["dseed"]
    noise = s["noise"] * _NOISE_SCALE.get(name, 1.0)
    if name in ("AND", "OR", "XOR", "RING"):
        X, y = ds.logic_gate_data(name, n_per_class=50, noise=s["noise"], random_state=rs)
    elif name == "moons":
        X, y = ds.make_moons(n=200, noise=noise, random_state=rs)
    elif name == "circles":
        X, y = ds.make_circles(n=200, noise=noise, random_state=rs)
    elif name == "spiral":
        X, y = ds.make_spiral(n=240, noise=noise, random_state=rs)
    elif name.startswith("blobs"):
        X, y = ds.make_blobs(n=200, n_classes=int(name[-1]), noise=max(noise, 0.05), random_state=rs)
    else:
        X, y = ds.regression_data(name, n=100, noise=noise, random_state=rs)
    X_train, X_test, y_train, y_test = ds.train_test_split(X, y, test_size=s["test"], random_state=s["dseed"])
    return X_train, y_train, X_test, y_test


def features(X, names):
    """The chosen input features of raw inputs X (columns x1 and, for 2-D data, x2)."""
    x1 = X[:, 0]
    x2 = X[:, 1] if X.shape[1] > 1 else None
    table = {"x1": lambda: x1, "x2": lambda: x2, "x1^2": lambda: x1 * x1, "x2^2": lambda: x2 * x2,
             "x1x2": lambda: x1 * x2, "sinx1": lambda: np.sin(x1), "sinx2": lambda: np.sin(x2)}
    return np.column_stack([table[n]() for n in names])


# ---------------------------------------------------------------------- widget
class Playground(CourseWidget):
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
        self.throttle = Throttle(0.1)
        self._build_controls(w, s)
        self.fig = new_figure(figsize=(9.6, 4.4), dpi=80)
        from ..plots.playground import PlaygroundFigure

        self.view = PlaygroundFigure(self.fig)
        self._settings = s
        self._new_data()
        self._new_network()
        self.live = LiveFigure(self.fig, freeze_layout=True)
        self._assemble_layout(w)
        self._syncing = False
        self._draw()

    # ---------------------------------------------------------------- controls
    def _build_controls(self, w, s):
        narrow = {"description_width": "80px"}

        def lay(width="270px"):
            return w.Layout(width=width)

        c = self.controls = {}
        c["data"] = w.Dropdown(options=DATASETS, value=s["data"], description="data", style=narrow, layout=lay())
        c["noise"] = w.FloatSlider(value=s["noise"], min=0.0, max=1.0, step=0.05, description="noise",
                                   continuous_update=False, style=narrow, layout=lay())
        c["test"] = w.FloatSlider(value=s["test"], min=0.1, max=0.9, step=0.05, description="test share",
                                  continuous_update=False, style=narrow, layout=lay())
        c["dseed"] = w.IntText(value=s["dseed"], description="data seed", style=narrow, layout=lay("170px"))
        for f in FEATURES:
            c["feat_" + f] = w.ToggleButton(value=f in s["features"], description=_FEATURE_LABELS[f],
                                            layout=w.Layout(width="58px", padding="0"))
        c["layers"] = w.IntSlider(value=len(s["hidden"]), min=0, max=4, description="hidden layers",
                                  style={"description_width": "90px"}, layout=lay())
        for i in range(4):
            c[f"units{i + 1}"] = w.IntSlider(value=s["hidden"][i] if i < len(s["hidden"]) else 4, min=1, max=8,
                                             description=f"units {i + 1}", style=narrow, layout=lay())
        c["activation"] = w.Dropdown(options=ACTIVATIONS, value=s["activation"], description="activation",
                                     style=narrow, layout=lay())
        c["output"] = w.Dropdown(options=list(OUTPUTS), value=s["output"], description="output/loss",
                                 style=narrow, layout=lay())
        c["init"] = w.Dropdown(options=INITS, value=s["init"], description="init", style=narrow, layout=lay())
        c["lr"] = w.FloatLogSlider(value=s["lr"], base=10, min=-4, max=1, step=0.1, description="learn rate",
                                   readout_format=".3g", continuous_update=False, style=narrow, layout=lay())
        c["batch"] = w.SelectionSlider(options=[("all" if b == 0 else str(b), b) for b in BATCHES], value=s["batch"],
                                       description="batch size", continuous_update=False, style=narrow, layout=lay())
        c["alpha"] = w.SelectionSlider(options=[(f"{a:g}", a) for a in ALPHAS], value=s["alpha"],
                                       description="L2 alpha", continuous_update=False, style=narrow, layout=lay())
        c["momentum"] = w.FloatSlider(value=s["momentum"], min=0.0, max=0.95, step=0.05, description="momentum",
                                      continuous_update=False, style=narrow, layout=lay())
        c["anneal"] = w.FloatSlider(value=s["anneal"], min=0.9, max=1.0, step=0.005, description="anneal",
                                    readout_format=".3f", continuous_update=False, style=narrow, layout=lay())
        c["seed"] = w.IntText(value=s["seed"], description="weight seed", style=narrow, layout=lay("170px"))
        c["speed"] = w.Dropdown(options=[(f"{v} epoch{'s' if v > 1 else ''}/tick", v) for v in SPEEDS],
                                value=s["speed"], layout=lay("130px"))
        c["discretize"] = w.Checkbox(value=s["discretize"], description="discretize output", indent=False,
                                     layout=lay("170px"))
        self.play = w.Play(value=0, min=0, max=10**9, step=1, interval=100, show_repeat=False,
                           description="train")
        self.b_step = w.Button(description="Step", tooltip="train one tick", layout=w.Layout(width="60px"))
        self.b_reset = w.Button(description="Reset", tooltip="new weights, epoch 0", layout=w.Layout(width="64px"))
        self.b_regen = w.Button(description="Regenerate", tooltip="new sample of the data",
                                layout=w.Layout(width="96px"))
        self.status = w.HTML()
        self.b_step.on_click(lambda _: self.step())
        self.b_reset.on_click(lambda _: self.reset())
        self.b_regen.on_click(lambda _: self.set(dseed=self.controls["dseed"].value + 1))
        self.play.observe(self._on_tick, names="value")
        for name in ("playing", "_playing"):  # ipywidgets 8 / 7
            if name in self.play.trait_names():
                self.play.observe(self._on_play_toggle, names=name)
                self._playing_trait = name
        for name, control in c.items():
            control.observe(self._on_control, names="value")

    def _assemble_layout(self, w):
        c = self.controls
        head = lambda t: w.HTML(f"<b>{t}</b>", layout=w.Layout(margin="0 0 0 4px"))  # noqa: E731
        feats = w.HBox([c["feat_" + f] for f in FEATURES[:4]]), w.HBox([c["feat_" + f] for f in FEATURES[4:]])
        col_data = w.VBox([head("Data"), c["data"], c["noise"], c["test"], w.HBox([c["dseed"], self.b_regen]),
                           head("Input features"), *feats])
        self._unit_boxes = [c[f"units{i + 1}"] for i in range(4)]
        col_net = w.VBox([head("Network"), c["layers"], *self._unit_boxes, c["activation"], c["output"], c["init"]])
        col_train = w.VBox([head("Training"), c["lr"], c["batch"], c["alpha"], c["momentum"], c["anneal"],
                            w.HBox([c["seed"], c["discretize"]])])
        bar = w.HBox([self.play, self.b_step, self.b_reset, c["speed"], self.status],
                     layout=w.Layout(align_items="center"))
        cols = w.HBox([col_data, col_net, col_train], layout=w.Layout(flex_flow="row wrap"))
        self.box = w.VBox([bar, self.live.image, cols])
        self._show_unit_sliders()
        return self.box

    def _show_unit_sliders(self):
        n = self.controls["layers"].value
        for i, slider in enumerate(self._unit_boxes):
            slider.layout.display = None if i < n else "none"

    def _read_controls(self):
        c = self.controls
        return dict(
            data=c["data"].value, noise=c["noise"].value, test=c["test"].value, dseed=c["dseed"].value,
            features=tuple(f for f in FEATURES if c["feat_" + f].value),
            hidden=tuple(c[f"units{i + 1}"].value for i in range(c["layers"].value)),
            activation=c["activation"].value, output=c["output"].value, init=c["init"].value, lr=c["lr"].value,
            batch=c["batch"].value, alpha=c["alpha"].value, momentum=c["momentum"].value,
            anneal=c["anneal"].value, seed=c["seed"].value, discretize=c["discretize"].value,
            speed=c["speed"].value,
        )

    def _write_controls(self, s):
        c = self.controls
        self._syncing = True
        try:
            for key in ("data", "noise", "test", "dseed", "activation", "output", "init", "lr", "batch", "alpha",
                        "momentum", "anneal", "seed", "discretize", "speed"):
                if c[key].value != s[key]:
                    c[key].value = s[key]
            for f in FEATURES:
                c["feat_" + f].value = f in s["features"]
            c["layers"].value = len(s["hidden"])
            for i, h in enumerate(s["hidden"]):
                c[f"units{i + 1}"].value = h
            feats_2d = n_classes(s["data"]) > 0
            for f in FEATURES:
                c["feat_" + f].disabled = not feats_2d and "2" in f.replace("^2", "")
        finally:
            self._syncing = False
        self._show_unit_sliders()

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
        if self.regression:
            lo, hi = float(X[:, 0].min()), float(X[:, 0].max())
            y = np.concatenate([self.y_train, self.y_test])
            ylo, yhi = float(y.min()), float(y.max())
            pad, ypad = 0.05 * (hi - lo), 0.15 * max(yhi - ylo, 1e-9)
            self.bounds = ((lo - pad, hi + pad), (ylo - ypad, yhi + ypad))
            self.grid_raw = np.linspace(lo - pad, hi + pad, 200)[:, None]
            self.classes = ()
            pts_train = np.column_stack([self.X_train[:, 0], self.y_train])
            pts_test = np.column_stack([self.X_test[:, 0], self.y_test])
        else:
            lo, hi = X.min(axis=0), X.max(axis=0)
            pad = 0.1 * (hi - lo)
            self.bounds = ((lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1]))
            gx = np.linspace(*self.bounds[0], GRID)
            gy = np.linspace(*self.bounds[1], GRID)
            xx, yy = np.meshgrid(gx, gy)
            self.grid_raw = np.column_stack([xx.ravel(), yy.ravel()])
            sub = np.zeros((GRID, GRID), bool)
            sub[np.ix_(np.linspace(0, GRID - 1, UNIT_GRID).astype(int), np.linspace(0, GRID - 1, UNIT_GRID).astype(int))] = True
            self._unit_index = np.flatnonzero(sub.ravel())
            self.classes = tuple(np.unique(np.concatenate([self.y_train, self.y_test])))
            pts_train, pts_test = self.X_train, self.X_test
        self.view.show_data(pts_train, self.y_train, pts_test, self.y_test, self.bounds,
                            regression=self.regression, classes=self.classes)

    def _new_network(self):
        from ..models import MLP

        s = self._settings
        names = s["features"]
        F_train = features(self.X_train, names)
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
        self._Y_train = self.mlp._encode(self.y_train, len(self.y_train))
        self._Y_test = self.mlp._encode(self.y_test, len(self.y_test))
        self.epoch = 0
        self.diverged = False
        self.history = {"epoch": [], "train": [], "test": [], "grad": []}
        self._record()

    def _scale(self, X):
        return (features(X, self._settings["features"]) - self._mean) / self._std

    def _set_training_params(self):
        s, m = self._settings, self.mlp
        if m.lr != s["lr"]:
            m.lr = m.lr_ = s["lr"]
        m.batch_size = s["batch"] or None
        m.alpha, m.momentum, m.anneal = s["alpha"], s["momentum"], s["anneal"]

    def _losses(self):
        m = self.mlp
        out = []
        with np.errstate(all="ignore"):
            for F, Y in ((self.F_train, self._Y_train), (self.F_test, self._Y_test)):
                z, a, _ = m._forward(F, False)
                out.append(m._loss(z[-1], a[-1], Y))
        return out

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

    # ---------------------------------------------------------------- training
    def train(self, ticks=1):
        """Train ``ticks`` times ``speed`` epochs without drawing; returns False once diverged."""
        if self.diverged:
            return False
        for _ in range(int(ticks)):
            before = self.mlp.n_epochs_
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
        self.train(1 if epochs is None else epochs)
        self._draw()
        return self

    def reset(self):
        """New start: epoch 0, the initial weights of the weight seed."""
        self._stop_playing()
        self._new_network()
        self._draw()
        return self

    def _on_tick(self, change):
        if change["new"] <= change["old"]:  # the Play widget's stop button rewinds: not a tick
            return
        ok = self.train(1)
        if not ok or self.throttle.ready():
            self._draw()

    def _on_play_toggle(self, change):
        if not change["new"]:
            self._draw()  # the last ticks may have been throttled: show where training stopped

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
    def _draw(self):
        v, m, s = self.view, self.mlp, self._settings
        with np.errstate(all="ignore"):
            cache = m._forward(self.F_grid, False)
        a_out = cache[1][-1]
        hidden = cache[1][1:-1]
        if self.regression:
            v.show_curve(self.grid_raw[:, 0], a_out[:, 0])
            v.show_units(hidden, None)
        else:
            proba = np.hstack([1.0 - a_out, a_out]) if a_out.shape[1] == 1 else a_out
            from ..plots.playground import class_surface_rgb

            v.show_surface(class_surface_rgb(proba, (GRID, GRID), s["discretize"]))
            v.show_units([h[self._unit_index] for h in hidden], (UNIT_GRID, UNIT_GRID))
        h = self.history
        v.show_losses(h["epoch"], h["train"], h["test"])
        grads = [g for g in h["grad"]]
        ep = [e for e, g in zip(h["epoch"], grads) if np.isfinite(g).all()]
        v.show_grad_norms(ep, [g for g in grads if np.isfinite(g).all()], len(m.coefs_))
        arch = "-".join(str(n) for n in (len(s["features"]), *s["hidden"], m.n_outputs_))
        train, test = h["train"][-1], h["test"][-1]
        header = (f"{s['data']} \u00b7 network {arch} \u00b7 lr {m.lr_:.3g} \u00b7 epoch {self.epoch}"
                  f"   train loss {train:.3f} \u00b7 test loss {test:.3f}")
        msg = ""
        if self.diverged:
            msg = (f"Diverged after epoch {self.epoch}:\nthe loss became infinite.\n"
                   "Lower the learning rate\nand press Reset.")
        what = "regression curve" if self.regression else "decision surface"
        v.show_text(header, msg, title=f"{what} (filled: train, hollow: test)")
        if self.diverged:
            self.status.value = ('<b style="color:#b2182b">Diverged: the loss became infinite. '
                                 'Lower the learning rate and press Reset.</b>')
        else:
            self.status.value = (f"<span style='font-family:monospace'>epoch <b>{self.epoch}</b> &nbsp; "
                                 f"train loss <b>{train:.4f}</b> &nbsp; test loss <b>{test:.4f}</b></span>")
        self.live.refresh()

    def plotted_arrays(self):
        """Every array on the figure (for tests)."""
        return self.view.plotted_arrays()


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
