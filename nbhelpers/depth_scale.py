"""How the initial weights' scale carries through depth: the spread of a_l and of delta_l.

One forward and one backward pass of an untrained network on a fixed batch, no training: the
numbers are exact enough to print. The spread of a layer is the standard deviation of all its
values over the batch and the units. The figure is ``plots.depth_scale.plot_depth_scale``.

Used in: 10_vanishing_gradient.
"""
import numpy as np

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
    from .mlp import MLP

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
