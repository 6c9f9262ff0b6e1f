"""Small training experiments: train networks that differ in a few settings and compare them.

Used in: 10_vanishing_gradient (each remedy is one call of :func:`compare_runs`).

Every run is an ``nbhelpers.models.MLP`` built from :data:`DEEP_NET` updated with the run's
own settings. For each run the gradient norm of every layer's weights is measured at the
start, before any update, and then the network is trained. ``fit`` draws the same initial
weights again (same ``random_state``), so the measured start is the start of the training run.
"""
import hashlib

import numpy as np

DEEP_NET = dict(hidden=(8,) * 8, loss="binary_cross_entropy", lr=0.5, epochs=300, random_state=0)
"""The default network of notebook 10: 8 hidden layers of 8 units, one sigmoid output with the
cross-entropy loss, full-batch gradient descent with learning rate 0.5 for 300 epochs."""


def _fingerprint(X, y):
    """A short hash of the data, so that one cache never mixes runs on different data."""
    h = hashlib.sha1()
    for a in (X, y):
        a = np.ascontiguousarray(a)
        h.update(str((a.dtype, a.shape)).encode())
        h.update(a.tobytes())
    return h.hexdigest()


def train_run(X, y, cache=None, **settings):
    """Train one network and measure its per-layer gradient norms at the start.

    Parameters
    ----------
    X, y : array_like
        Training data (a classification problem for the default binary cross-entropy loss).
    cache : dict, optional
        Runs already trained, reused when the same settings meet the same data again (the
        runs are deterministic, so a cached run is the run that would be trained). Pass the
        same empty dict to every call to share it.
    **settings
        Arguments of ``MLP`` that replace those of :data:`DEEP_NET` (``activation``, ``init``,
        ``batch_norm``, ``clip``, ``residual``, ``epochs``, ``lr``, ...).

    Returns
    -------
    profile : ndarray of shape (n_layers,)
        ``profile[l - 1] = ||dE/dW_l||`` at the start, for layers l = 1..L (L = output layer).
    net : MLP
        The trained network (``net.loss_curve_``, ``net.grad_norms_``, ...).

    Examples
    --------
    >>> from nbhelpers.datasets import make_moons
    >>> X, y = make_moons(n=50, random_state=0)
    >>> profile, net = train_run(X, y, hidden=(4, 4), epochs=5, activation="tanh")
    >>> profile.shape, len(net.loss_curve_)
    ((3,), 5)
    """
    from .models import MLP

    params = {**DEEP_NET, **settings}
    key = None
    if cache is not None:
        key = (repr(sorted(params.items())), _fingerprint(X, y))
        if key in cache:
            return cache[key]
    net = MLP(**params)
    grads = net.initialize(X, y).gradients(X, y)
    profile = np.array([np.linalg.norm(grads[f"W{l}"]) for l in range(1, len(net.coefs_) + 1)])
    result = (profile, net.fit(X, y))
    if cache is not None:
        cache[key] = result
    return result


def compare_runs(configs, X, y, cache=None, **common):
    """Train one network per configuration on the same data; collect what a comparison plots.

    Parameters
    ----------
    configs : dict
        ``{label: settings}``, each ``settings`` a dict of ``MLP`` arguments (see :func:`train_run`).
    X, y : array_like
        Training data, the same for every run.
    cache : dict, optional
        Shared between calls: a configuration met before is not trained again.
    **common
        Settings for every run (e.g. ``epochs=1000``); a run's own settings take precedence.

    Returns
    -------
    profiles : dict
        ``{label: per-layer gradient norms at the start}``, for ``plot_gradient_profiles``.
    curves : dict
        ``{label: loss per epoch}``, for ``plot_loss_curves``.
    nets : dict
        ``{label: trained MLP}``.

    Examples
    --------
    >>> from nbhelpers.datasets import make_moons
    >>> X, y = make_moons(n=50, random_state=0)
    >>> profiles, curves, nets = compare_runs({"tanh": dict(activation="tanh"), "ReLU": dict(activation="relu")},
    ...                                       X, y, hidden=(4, 4), epochs=5)
    >>> sorted(profiles), len(curves["ReLU"])
    (['ReLU', 'tanh'], 5)
    """
    if not isinstance(configs, dict) or not configs:
        raise ValueError(f"configs must be a non-empty dict {{label: settings}}. Got {configs!r} instead.")
    profiles, curves, nets = {}, {}, {}
    for label, settings in configs.items():
        if not isinstance(settings, dict):
            raise TypeError(f"the settings of {label!r} must be a dict of MLP arguments. "
                            f"Got {type(settings).__name__} instead.")
        profile, net = train_run(X, y, cache=cache, **{**common, **settings})
        profiles[label], curves[label], nets[label] = profile, np.asarray(net.loss_curve_), net
    return profiles, curves, nets


def summarize_runs(profiles, nets, X, y):
    """One line per run: gradient norm of the first and the last layer, final loss, accuracy on (X, y).

    Parameters
    ----------
    profiles, nets : dict
        As returned by :func:`compare_runs`.
    X, y : array_like
        The data to score the networks on.

    Returns
    -------
    str
    """
    width = max(len(label) for label in profiles) + 1
    lines = []
    for label, profile in profiles.items():
        net = nets[label]
        lines.append(f"{label:{width}s} layer 1: {profile[0]:7.1e}  layer {len(profile)}: {profile[-1]:7.1e}   "
                     f"final loss {net.loss_curve_[-1]:.4f}   accuracy {net.score(X, y):.2f}")
    return "\n".join(lines)
