"""Switches for depth, activation, initialisation, batch norm, residual and clipping,
with the per-layer gradient norms (log scale) and the training curve of a deep network.

Used in: 10_vanishing_gradient.
"""
import functools

import numpy as np

from ._base import CourseWidget, LiveFigure, new_figure

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
INITS = (
    ("small: N(0, 0.1²)", 0.1),
    ("uniform: U(-0.5, 0.5)", "uniform"),
    ("Xavier", "xavier"),
    ("He", "he"),
    ("large: N(0, 1)", 1.0),
)
WIDTH = 8
LR = 0.5
CLIP = 1.0


@functools.lru_cache(maxsize=1)
def vanishing_data(n=200, noise=0.15, random_state=0):
    """The two moons, standardised (mean 0, standard deviation 1 per feature): the data of notebook 10.

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of int, shape (n,)
    """
    from ..datasets import make_moons

    X, y = make_moons(n=n, noise=noise, random_state=random_state)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def layer_norms(grads, n_layers):
    """[||dE/dW_1||, ..., ||dE/dW_L||] from a dict of gradients keyed "W1", "W2", ..."""
    return np.array([np.linalg.norm(grads[f"W{l}"]) for l in range(1, n_layers + 1)])


def _read_only(a):
    a = np.array(a, dtype=float)
    a.setflags(write=False)
    return a


@functools.lru_cache(maxsize=512)
def experiment(depth=8, activation="sigmoid", init="xavier", batch_norm=False, residual=False, clip=None,
               epochs=150, lr=LR, width=WIDTH, random_state=0):
    """Train a deep network on :func:`vanishing_data`; return what the widget shows.

    The training is ``MLP.fit`` (full batch), and each setting is trained once per session: going
    back to a setting seen before costs nothing (the runs are deterministic). A run that diverges
    stops quietly here: the widget reports it.

    Returns
    -------
    dict
        ``norms_start`` (per-layer gradient norms at initialisation), ``norms_end`` (last epoch),
        ``loss_curve``, ``accuracy``, ``diverged`` (arrays read-only: the dict is shared by the cache).
    """
    import warnings

    from ..mlp import MLP, DivergenceWarning

    X, y = vanishing_data()
    net = MLP(hidden=(width,) * depth, activation=activation, init=init, loss="binary_cross_entropy",
              lr=lr, epochs=epochs, batch_norm=batch_norm, residual=residual, clip=clip, random_state=random_state)
    with np.errstate(all="ignore"):
        start = layer_norms(net.initialize(X, y).gradients(X, y), depth + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        net.fit(X, y)
    end = net.grad_norms_[-1] if net.grad_norms_ else np.full(depth + 1, np.nan)
    with np.errstate(all="ignore"):
        accuracy = net.score(X, y)
    return {"norms_start": _read_only(start), "norms_end": _read_only(end), "loss_curve": _read_only(net.loss_curve_),
            "accuracy": accuracy, "diverged": bool(net.diverged_)}


class VanishingGradient(CourseWidget):
    """A deep network of 8-unit layers on the moons; every switch retrains it (150 epochs, full batch).

    Parameters
    ----------
    depth : int, default=8
        Number of hidden layers (1 to 12).
    activation : {"sigmoid", "tanh", "relu", "leaky_relu"}, default="sigmoid"
    init : {0.1, "uniform", "xavier", "he", 1.0}, default="xavier"
        A float is the standard deviation of N(0, std^2).
    batch_norm, residual, clip : bool, default=False
        Batch normalization of every hidden layer; skip connections a_l = g(z_l) + a_{l-1};
        clipping the gradient's global norm at 1.
    epochs : int, default=150
    """

    def __init__(self, depth=8, activation="sigmoid", init="xavier", batch_norm=False, residual=False,
                 clip=False, epochs=150):
        import ipywidgets as w

        from .._validation import check_choice, check_int
        from ..plots.vanishing import VanishingArtists

        check_choice("activation", activation, ACTIVATIONS)
        if init not in [v for _, v in INITS]:
            raise ValueError(f"init must be one of {', '.join(repr(v) for _, v in INITS)}. Got {init!r} instead.")
        self.epochs = check_int("epochs", epochs, low=1)
        wide = w.Layout(width="250px")
        narrow = {"description_width": "80px"}
        self.depth = w.IntSlider(value=check_int("depth", depth, low=1, high=12), min=1, max=12,
                                 description="hidden layers", continuous_update=False, layout=wide, style=narrow)
        self.activation = w.Dropdown(options=list(ACTIVATIONS), value=activation, description="activation",
                                     layout=wide, style=narrow)
        self.init = w.Dropdown(options=list(INITS), value=init, description="init", layout=wide, style=narrow)
        self.batch_norm = w.Checkbox(value=bool(batch_norm), description="batch norm", indent=False,
                                     layout=w.Layout(width="110px"))
        self.residual = w.Checkbox(value=bool(residual), description="residual", indent=False,
                                   layout=w.Layout(width="100px"))
        self.clip = w.Checkbox(value=bool(clip), description=f"clip at {CLIP:g}", indent=False,
                               layout=w.Layout(width="100px"))
        self.controls = [self.depth, self.activation, self.init, self.batch_norm, self.residual, self.clip]
        fig = new_figure(figsize=(9.6, 3.8))
        ax1, ax2 = fig.subplots(1, 2)
        self.artists = VanishingArtists(ax1, ax2)
        self.result = None
        # lay the figure out once, for the widest labels it can show, then keep that layout:
        # a redraw without the layout engine costs about half as much
        self.artists.update([1e-12, 10.0], [1e-12, 10.0], [1e-3] * self.epochs,  # loss ticks 0.0000 ... 0.0010
                            summary="diverged at epoch 150:\nthe loss became nan/inf",
                            title="12 × 8 leaky_relu, uniform init, batch_norm + residual + clip")
        self.live = LiveFigure(fig, freeze_layout=True)
        self._draw()
        self.live.refresh()
        for c in self.controls:
            c.observe(self.update, names="value")
        self._assemble()

    def settings(self):
        """The current switches as keyword arguments of :func:`experiment`."""
        return dict(depth=self.depth.value, activation=self.activation.value, init=self.init.value,
                    batch_norm=self.batch_norm.value, residual=self.residual.value,
                    clip=CLIP if self.clip.value else None, epochs=self.epochs)

    def _draw(self):
        s = self.settings()
        r = experiment(**s)
        self.result = r
        if r["diverged"]:
            summary = f"diverged at epoch {len(r['loss_curve'])}:\nthe loss became nan/inf"
        else:
            summary = (f"after {s['epochs']} epochs:\nloss {r['loss_curve'][-1]:.3f}, "
                       f"training accuracy {r['accuracy']:.2f}")
        extras = [name for name in ("batch_norm", "residual") if s[name]] + (["clip"] if s["clip"] else [])
        init = dict((v, k.split(":")[0]) for k, v in INITS)[s["init"]]
        title = f"{s['depth']} × {WIDTH} {s['activation']}, {init} init" + (f", {' + '.join(extras)}" if extras else "")
        self.artists.update(r["norms_start"], r["norms_end"], r["loss_curve"], summary=summary, title=title)

    def update(self, *_):
        """Retrain with the current switches and redraw."""
        self._draw()
        self.live.refresh()


def vanishing_gradient(depth=8, activation="sigmoid", init="xavier", batch_norm=False, residual=False, clip=False,
                       epochs=150):
    """Explore the vanishing gradient and its remedies; see :class:`VanishingGradient`.

    Examples
    --------
    >>> wid = vanishing_gradient()          # doctest: +SKIP
    >>> wid.activation.value = "relu"       # the gradient reaches the first layers again
    """
    return VanishingGradient(depth=depth, activation=activation, init=init, batch_norm=batch_norm,
                             residual=residual, clip=clip, epochs=epochs)


def _benchmark_cases():
    """(name, widget factory, function changing the main control) for benchmarks/widget_latency.py."""
    import itertools

    turns = itertools.count(1)

    def flip_activation(wid):
        wid.activation.value = ACTIVATIONS[next(turns) % len(ACTIVATIONS)]

    def flip_depth(wid):
        wid.depth.value = 4 if wid.depth.value != 4 else 8

    def flip_batch_norm(wid):
        wid.batch_norm.value = not wid.batch_norm.value

    return [
        ("vanishing_gradient: activation", vanishing_gradient, flip_activation),
        ("vanishing_gradient: depth", vanishing_gradient, flip_depth),
        ("vanishing_gradient: batch norm", vanishing_gradient, flip_batch_norm),
    ]
