"""How the initial weights' scale carries through ten layers: the spread of a_l and of delta_l.

One forward and one backward pass of an untrained network on a fixed batch, no training: the
numbers are exact enough to print. The spread of a layer is the standard deviation of all its
values over the batch and the units.

Used in: 10_vanishing_gradient.
"""
import numpy as np

from ._style import LINE_COLORS, new_axes, style

INITS = {"too small: N(0, 0.05²)": 0.05, "scaled": None, "too large: N(0, 1)": 1.0}
"""Label -> ``MLP(init=...)``; "scaled" is Xavier for tanh and He for ReLU."""
SCALED = {"tanh": "xavier", "relu": "he"}


def depth_spread(activation, init, depth=10, width=64, n=256, random_state=0):
    """The standard deviation of every hidden layer's a_l and delta_l = dE/dz_l at initialisation.

    The batch is ``n`` points of N(0, I) in ``width`` dimensions with N(0, 1) targets, the output a
    linear unit with the squared error, and the weights those of ``MLP(init=init, random_state=...)``.

    Parameters
    ----------
    activation : str
        Hidden activation ("tanh", "relu", ...).
    init : {"xavier", "he", "uniform"} or float
        As ``MLP(init=...)``.
    depth, width, n : int
        Hidden layers, units per layer, points in the batch.
    random_state : int
        Seed of the batch and of the weights.

    Returns
    -------
    forward, backward : ndarray of shape (depth,)
        std(a_l) and std(delta_l) for l = 1..depth.

    Examples
    --------
    >>> fwd, bwd = depth_spread("tanh", "xavier", depth=3, width=8, n=16)
    >>> fwd.shape, bwd.shape
    ((3,), (3,))
    """
    from ..mlp import MLP

    rng = np.random.default_rng(random_state)
    X, y = rng.standard_normal((n, width)), rng.standard_normal(n)
    net = MLP(hidden=(width,) * depth, activation=activation, output="identity", loss="squared_error", init=init,
              random_state=random_state).initialize(X, y)
    cache = net.forward(X)
    deltas = net.backward(cache, y)["delta"]
    return np.array([a.std() for a in cache["a"][1:depth + 1]]), np.array([d.std() for d in deltas[:depth]])


def depth_spreads(activations=("tanh", "relu"), inits=INITS, **options):
    """``{activation: {label: (forward, backward)}}`` of :func:`depth_spread` for every pair."""
    return {act: {label: depth_spread(act, SCALED[act] if init is None else init, **options)
                  for label, init in inits.items()} for act in activations}


def plot_depth_scale(spreads, axes=None, title=None):
    """std of a_l (left) and of delta_l (right) against the layer, one row per activation, log scale.

    Parameters
    ----------
    spreads : dict
        As returned by :func:`depth_spreads`.
    axes : array of matplotlib Axes, shape (n_activations, 2), optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_depth_scale(depth_spreads(depth=3, width=8, n=16))
    """
    if axes is None:
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(len(spreads), 2, figsize=(10.0, 3.2 * len(spreads)), layout="constrained",
                                 squeeze=False)
    else:
        axes = np.asarray(axes).reshape(len(spreads), 2)
        fig = new_axes(axes[0, 0])[0]
    names = {"tanh": "tanh", "relu": "ReLU"}
    with style():
        for row, (act, runs) in zip(axes, spreads.items()):
            for k, (label, (fwd, bwd)) in enumerate(runs.items()):
                layers = np.arange(1, len(fwd) + 1)
                text = label.replace("scaled", f"scaled: {SCALED.get(act, '?').capitalize()}")
                for ax, values in zip(row, (fwd, bwd)):
                    ax.plot(layers, values, marker="os^"[k % 3], color=LINE_COLORS[k], label=text)
            for ax, what in zip(row, (r"spread of $a_l$: std", r"spread of $\delta_l$: std")):
                ax.set_yscale("log")
                ax.set_xticks(layers)
                ax.set_xlabel("layer $l$ (1 = next to the input)")
                ax.set_ylabel(f"{what} (log)")
                ax.grid(True, which="major", alpha=0.3)
            row[0].set_title(f"{names.get(act, act)}: forward, the activations")
            row[1].set_title(f"{names.get(act, act)}: backward, the error signals")
            row[1].legend(loc="best")
        if title:
            fig.suptitle(title)
    return fig
